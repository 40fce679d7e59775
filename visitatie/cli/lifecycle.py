"""Commands of the data lifecycle: purge-round, purge-expired, erase-person, backup."""
import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..lifecycle import backup, erasure, purge, storage
from ..models.types import utcnow
from ..scheduling.contacts import erase_entries
from ..security import events as security_events
from .opbrengst import cli_actor
from .scheduling import _round  # the round, or a Dutch error and exit status 1


def _print_plan(counts: purge.PurgeCounts, verb: str) -> None:
    for label, value in counts.lines():
        click.echo(f"  {value:>6}  {label}")
    click.echo(f"  {counts.total:>6}  in totaal {verb}")


def _purge(round_, dry_run: bool) -> None:
    if round_.purged_at is not None:
        click.echo(f"Ronde {round_.id} is al opgeschoond op {round_.purged_at:%Y-%m-%d}.")
    if dry_run:
        click.echo(f"Proefdraai ronde {round_.id}: dit zou worden verwijderd (er verandert niets):")
        _print_plan(purge.plan(db.session, round_), "te verwijderen")
        return
    counts = purge.purge(db.session, round_, cli_actor())
    db.session.commit()
    scrubbed = storage.scrub(db.engine)
    click.echo(f"Ronde {round_.id} opgeschoond; gepubliceerde versies en het verslag van deze opschoning blijven:")
    _print_plan(counts, "verwijderd")
    if not scrubbed:
        click.echo("Let op: de database was bezet; de vrijgekomen ruimte is gewist maar niet verkleind. "
                   "Draai later `flask --app visitatie purge-expired` opnieuw.", err=True)


@click.command("purge-round")
@click.argument("round_id", type=int)
@click.option("--dry-run", is_flag=True, help="Alleen tonen wat zou worden verwijderd.")
@with_appcontext
def purge_round_command(round_id: int, dry_run: bool) -> None:
    """Delete a round's raw data (answers, versions, marks, participants, links); keep publications."""
    _purge(_round(round_id), dry_run)


@click.command("purge-expired")
@click.option("--dry-run", is_flag=True, help="Alleen tonen wat zou worden verwijderd.")
@with_appcontext
def purge_expired_command(dry_run: bool) -> None:
    """Purge every round whose retention period has passed (run daily, e.g. from cron)."""
    rounds = purge.expired_rounds(db.session, utcnow().date())
    if not rounds:
        click.echo("Geen rondes met een verlopen bewaartermijn.")
    for round_ in rounds:
        _purge(round_, dry_run)


@click.command("erase-person")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Niet om bevestiging vragen.")
@with_appcontext
def erase_person_command(email: str, yes: bool) -> None:
    """Erase a participant (AVG art. 17): name, e-mail, function, authorship, links, quotes."""
    try:
        person = erasure.find_person(db.session, email)
    except erasure.PersonNotFound:
        # Someone in the contacts register or a pool who never took part: only those entries.
        removed = erase_entries(db.session, email)
        if removed:
            security_events.record(db.session, "erasure", actor=cli_actor(), detail=f"register={removed}")
            db.session.commit()
            storage.scrub(db.engine)
            click.echo(f"Geen deelnemer, wel {removed} vermelding(en) in het contactenregister of een "
                       "gespreksleiderspool: verwijderd.")
            return
        click.echo(f"Fout: er is geen deelnemer met het e-mailadres {email}.", err=True)
        sys.exit(1)
    if not yes:
        click.confirm(f"Deelnemer {person.id} definitief wissen? Dit kan niet ongedaan worden gemaakt.", abort=True)
    counts = erasure.erase_person(db.session, person, cli_actor())
    db.session.commit()
    storage.scrub(db.engine)
    click.echo(f"Deelnemer {counts.person_id} gewist: {counts.conversations} gesprekken, {counts.authorship} keer "
               f"auteurschap vervangen, {counts.texts} teksten aangepast, {counts.quotes} citaten ingetrokken, "
               f"{counts.links} links ingetrokken.")


@click.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Het nieuwe bestand voor de kopie (SQLite).")
@with_appcontext
def backup_command(out: Path) -> None:
    """A consistent online copy of the database, checked (integrity_check, row counts)."""
    source = backup.sqlite_path(db.engine)
    if source is None:
        click.echo("Deze database is geen SQLite-bestand. Maak een reservekopie met pg_dump, bijvoorbeeld:")
        click.echo("  " + backup.pg_dump_command(db.engine.url.render_as_string(hide_password=True),
                                                 out.with_suffix(".dump")))
        sys.exit(2)
    try:
        report = backup.backup_sqlite(source, out)
    except backup.BackupFailed as failed:
        click.echo(f"Fout: {failed}", err=True)
        sys.exit(1)
    click.echo(f"{out} geschreven op {date.today():%Y-%m-%d}: integriteitscontrole {report.integrity}, "
               f"{len(report.counts)} tabellen, {sum(report.counts.values())} rijen, gelijk aan de bron.")


COMMANDS: list = [purge_round_command, purge_expired_command, erase_person_command, backup_command]
