"""Commands of the answers capability: `flask --app visitatie verslag CONVERSATION_ID --out FILE.docx`."""
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..conversations.verslag import verslag_docx
from ..extensions import db
from ..guides.registry import round_guides
from ..models import Conversation
from ..visits import is_visit


@click.command("verslag")
@click.argument("conversation_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Het .docx-bestand om te schrijven.")
@with_appcontext
def verslag_command(conversation_id: int, out: Path) -> None:
    """Write the confidential verslag of one conversation as a Word file."""
    conversation = db.session.get(Conversation, conversation_id)
    if conversation is None:
        click.echo(f"Fout: gesprek {conversation_id} bestaat niet.", err=True)
        sys.exit(1)
    if is_visit(conversation):  # a visit has no verslag of a conversation: its report is the visitatierapport
        click.echo(f"Fout: {conversation_id} is een visitatie, geen bestuurlijk gesprek. Gebruik "
                   f"`flask --app visitatie visitatierapport {conversation_id} --out FILE.docx`.", err=True)
        sys.exit(1)
    out.write_bytes(verslag_docx(db.session, round_guides(conversation.round), conversation).getvalue())
    click.echo(f"Verslag van {conversation.title} geschreven naar {out}.")


COMMANDS: list = [verslag_command]
