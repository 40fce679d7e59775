"""Commands of the scheduling capability: pairing proposal, round calendar, self-scan import."""
import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from ..extensions import db
from ..guides.registry import theme_titles
from ..models import Round
from ..reports.wording import count
from ..scheduling import calendar_bytes
from ..scheduling.contacts import ContactImportError, import_contacts
from ..scheduling.enrolment import SelfScanImportError, import_self_scan
from ..scheduling.leader_pool import PoolImportError, import_pool
from ..scheduling.pairing import CONSTRAINTS, suggest_pairs
from ..scheduling.planning_sheet import PlanningFileError, PlanningImportError, import_planning


def _round(round_id: int) -> Round:
    round_ = db.session.get(Round, round_id)
    if round_ is None:
        click.echo(f"Fout: er is geen ronde {round_id}.", err=True)
        sys.exit(1)
    return round_


@click.command("suggest-pairs")
@click.argument("round_id", type=int)
@click.option("--beperking", type=click.Choice(CONSTRAINTS), default="geen", show_default=True,
              help="Voorwaarde voor elk paar (veiligheidsregio of provincie).")
@with_appcontext
def suggest_pairs_command(round_id, beperking):
    """Print the pairing proposal for the unscheduled municipalities of a round."""
    from ..wording.planning import pair_explanation

    round_ = _round(round_id)
    proposal = suggest_pairs(db.session, round_, beperking)
    titles = theme_titles(round_)  # the round's own guide version: another topic has its own titles
    with current_app.test_request_context(), force_locale("nl"):
        click.echo(f"Koppelvoorstel voor {round_.title} (voorwaarde: {beperking})")
        for number, pair in enumerate(proposal.pairs, start=1):
            click.echo(f"\n{number}. {pair.first.name} – {pair.second.name}  (gewicht {pair.weight})")
            for line in pair_explanation(pair, titles):
                click.echo(f"   - {line}")
        if not proposal.pairs:
            click.echo("\nGeen paren: minder dan twee aangemelde gemeenten zonder gesprek.")
        if proposal.left_out:
            click.echo("\nZonder partner: " + ", ".join(c.name for c in proposal.left_out))


@click.command("calendar")
@click.argument("round_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Het .ics-bestand om te schrijven.")
@with_appcontext
def calendar_command(round_id, out):
    """Write the round's calendar (.ics) with every dated conversation."""
    from ..public_links import calendar_page_url

    round_ = _round(round_id)
    with current_app.test_request_context():
        content = calendar_bytes(round_.conversations, calendar_page_url, round_.title)
    Path(out).write_bytes(content)
    dated = sum(1 for c in round_.conversations if c.starts_at)
    click.echo(f"{count(dated, 'gesprek', 'gesprekken')} geschreven naar {out}.")


@click.command("import-zelfscan")
@click.argument("round_id", type=int)
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_self_scan_command(round_id, csv_file):
    """Enrol the municipalities of a self-scan CSV in a round and store their scores (all or nothing)."""
    round_ = _round(round_id)
    try:
        result = import_self_scan(db.session, round_, Path(csv_file).read_bytes(), csv_file)
    except SelfScanImportError as error:
        db.session.rollback()
        click.echo(str(error), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Zelfscan: {count(result.enrolled, 'gemeente', 'gemeenten')} aangemeld, {result.updated} bijgewerkt.")


@click.command("import-contacten")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_contacts_command(file):
    """Import the contacts register (CSV or .xlsx: gemeente, rol, naam, functie, email, bevestigd); all or nothing."""
    try:
        result = import_contacts(db.session, Path(file).read_bytes(), date.today(), file)
    except ContactImportError as error:
        db.session.rollback()
        click.echo(str(error), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Contactenregister: {count(result.added, 'vermelding', 'vermeldingen')} toegevoegd, "
               f"{result.replaced} vervangen.")


@click.command("import-gespreksleiders")
@click.argument("round_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_pool_command(round_id, file):
    """Import a round's gespreksleiders pool (naam, email, gemeente, maximum, niet_beschikbaar); all or nothing."""
    round_ = _round(round_id)
    try:
        added = import_pool(db.session, round_, Path(file).read_bytes(), file)
    except PoolImportError as error:
        db.session.rollback()
        click.echo(str(error), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Pool: {count(added, 'gespreksleider', 'gespreksleiders')} ingelezen.")


@click.command("import-planning")
@click.argument("round_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--voorbeeld", is_flag=True, help="Alleen tonen wat er verandert; niets opslaan.")
@with_appcontext
def import_planning_command(round_id, file, voorbeeld):
    """Read the edited planning spreadsheet of a round: every row checked, nothing saved when one is wrong."""
    from ..wording.planning import row_problem_message
    from .opbrengst import cli_actor

    round_ = _round(round_id)
    try:
        result = import_planning(db.session, round_, Path(file).read_bytes(), cli_actor(), file, save=not voorbeeld)
    except PlanningFileError as error:
        db.session.rollback()
        click.echo(str(error), err=True)
        sys.exit(1)
    except PlanningImportError as error:
        db.session.rollback()
        with current_app.test_request_context(), force_locale("nl"):
            click.echo(f"{file}: {count(len(error.problems), 'fout', 'fouten')}, niets opgeslagen:", err=True)
            for problem in error.problems:
                click.echo(f"  {row_problem_message(problem)}", err=True)
        sys.exit(1)
    for row in result.changed:
        click.echo(f"Regel {row.line}, gesprek {row.conversation_id} ({row.title}):")
        for change in row.changes:
            click.echo(f"  {change.column}: {change.old or '–'} → {change.new or '–'}")
    if voorbeeld:
        db.session.rollback()
        click.echo(f"Voorbeeld: {count(len(result.changed), 'gesprek', 'gesprekken')} met wijzigingen; "
                   "niets opgeslagen.")
        return
    db.session.commit()
    click.echo(f"{count(len(result.changed), 'gesprek', 'gesprekken')} bijgewerkt, {result.unchanged} ongewijzigd.")


COMMANDS = [suggest_pairs_command, calendar_command, import_self_scan_command, import_contacts_command,
            import_pool_command, import_planning_command]
