"""Commands of the visits capability: `flask --app visitatie visitatierapport VISIT_ID --out FILE.docx`."""
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..guide_registry import round_guides
from ..models import Conversation
from ..visits import is_visit
from ..visits.report_content import visit_report_docx


@click.command("visitatierapport")
@click.argument("visit_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Het .docx-bestand om te schrijven.")
@with_appcontext
def visitatierapport_command(visit_id: int, out: Path) -> None:
    """Write the confidential visitatierapport of one visit as a Word file."""
    conversation = db.session.get(Conversation, visit_id)
    if not is_visit(conversation):
        click.echo(f"Fout: visitatie {visit_id} bestaat niet (geen gesprek in een visitatieronde).", err=True)
        sys.exit(1)
    out.write_bytes(visit_report_docx(db.session, round_guides(conversation.round), conversation).getvalue())
    click.echo(f"Visitatierapport van {conversation.title} geschreven naar {out}.")


COMMANDS: list = [visitatierapport_command]
