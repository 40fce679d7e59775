"""The daily reminders: `flask --app visitatie send-reminders`, meant for cron (see README,
"Herinneringen"). Sends, per round whose project leader switched scheduled reminders on, the
reminders that are due (scheduling/reminders.py decides who); prints counts and names, never an
address, a link or an answer."""
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from ..extensions import db
from ..guides.registry import round_guides
from ..models import Round
from ..models.reminders import ReminderSettings
from ..models.types import utcnow
from ..public_links import conversation_page_url, guide_url
from ..reports.wording import count
from ..scheduling import reminders as domain
from ..scheduling.mail import MailSettings


def _rounds(round_id: int | None) -> list[Round]:
    if round_id is not None:
        round_ = db.session.get(Round, round_id)
        if round_ is None:
            click.echo(f"Fout: er is geen ronde {round_id}.", err=True)
            sys.exit(1)
        return [round_]
    return list(db.session.scalars(select(Round).join(ReminderSettings, ReminderSettings.round_id == Round.id)
                                   .where(ReminderSettings.scheduled.is_(True), Round.status != "afgerond")
                                   .order_by(Round.id)))


@click.command("send-reminders")
@click.option("--round", "round_id", type=int, metavar="RONDE",
              help="Alleen deze ronde (het nummer in het adres van de ronde).")
@click.option("--dry-run", is_flag=True, help="Alleen tonen wie een herinnering zou krijgen; niets versturen.")
@with_appcontext
def send_reminders_command(round_id, dry_run):
    """Verstuur de herinneringen die vandaag aan de beurt zijn.

    Alleen voor rondes waarin de projectleider 'Dagelijks automatisch herinneren' heeft aangezet, en
    alleen tot het gesprek begint. Bedoeld om elke dag één keer te draaien, bijvoorbeeld vanuit cron.
    """
    mail = MailSettings.from_config(current_app.config)
    if mail is None and not dry_run:
        click.echo("Fout: er is geen mailserver ingesteld (MAIL_SERVER); er is niets verstuurd.", err=True)
        sys.exit(1)
    failed, now = False, utcnow()
    with current_app.test_request_context():  # the links in the letters are built as the pages build them
        for round_ in _rounds(round_id):
            label = f"Ronde {round_.id} ({round_.title})"
            if not domain.reminder_settings(db.session, round_).scheduled:
                click.echo(f"{label}: dagelijkse herinneringen staan uit; niets verstuurd.")
                continue
            due = domain.scheduled_due(db.session, round_guides(round_), round_, now)
            if dry_run:
                click.echo(f"{label}: {count(len(due), 'herinnering', 'herinneringen')} aan de beurt.")
                for candidate in due:
                    p = candidate.participation
                    click.echo(f"  {p.person.name} ({p.conversation.title}): "
                               f"{count(len(candidate.open_themes), 'thema', 'thema’s')} met open vragen")
                continue
            if mail is None:  # never: without a server only a dry run gets this far, and it went on above
                continue
            run = domain.send_reminders(
                db.session, due, domain.letter_text(domain.reminder_settings(db.session, round_)), mail,
                base_url=current_app.config["PUBLIC_BASE_URL"], page_url=conversation_page_url,
                guide_url=guide_url(), sent_by=domain.SCHEDULED_SENDER, now=now)
            db.session.commit()
            refused = f"; {count(len(run.result.refused), 'adres', 'adressen')} geweigerd" if run.result.refused else ""
            click.echo(f"{label}: {count(len(run.result.sent), 'herinnering', 'herinneringen')} verstuurd{refused}.")
            if run.error:
                failed = True
                click.echo(f"{label}: de mailserver brak af of is niet bereikbaar ({run.error}); wie niets "
                           "ontving, komt morgen weer aan de beurt.", err=True)
    if failed:
        sys.exit(1)


COMMANDS = [send_reminders_command]
