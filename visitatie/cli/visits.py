"""Commands of the visits capability: `flask --app visitatie visitatierapport VISIT_ID --out FILE.docx`."""
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..guides.registry import round_guides
from ..models import Conversation
from ..pdf import PdfError
from ..pdf.visit_report import visit_report_pdf
from ..visits import is_visit
from ..visits.report_content import visit_report_content, visit_report_docx


@click.command("visitatierapport")
@click.argument("visit_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.docx (Word) of FILE.pdf (toegankelijke PDF).")
@with_appcontext
def visitatierapport_command(visit_id: int, out: Path) -> None:
    """Write the confidential visitatierapport of one visit, Word or PDF by the file's extension."""
    conversation = db.session.get(Conversation, visit_id)
    if not is_visit(conversation):
        click.echo(f"Fout: visitatie {visit_id} bestaat niet (geen gesprek in een visitatieronde).", err=True)
        sys.exit(1)
    if out.suffix.lower() not in (".docx", ".pdf"):
        click.echo("Fout: --out moet eindigen op .docx (Word) of .pdf (PDF).", err=True)
        sys.exit(1)
    guides = round_guides(conversation.round)
    if out.suffix.lower() == ".pdf":
        try:
            out.write_bytes(visit_report_pdf(visit_report_content(db.session, guides, conversation)))
        except PdfError as error:
            click.echo(f"Fout: {error}", err=True)
            sys.exit(1)
    else:
        out.write_bytes(visit_report_docx(db.session, guides, conversation).getvalue())
    click.echo(f"Visitatierapport van {conversation.title} geschreven naar {out}.")


COMMANDS: list = [visitatierapport_command]
