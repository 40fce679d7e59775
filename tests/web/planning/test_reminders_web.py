"""The reminders page (who is due and why, the letter with its preview, sending after a confirmation)
and the daily command, with mail through a real local SMTP server (tests/local_smtp.py)."""
import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from tests.conftest import redeem
from tests.local_smtp import free_port, local_smtp
from visitatie.extensions import db
from visitatie.models import Conversation
from visitatie.models.invitations import Invitation
from visitatie.models.reminders import Reminder, ReminderSettings
from visitatie.models.types import utcnow
from visitatie.scheduling.reminders import PREVIEW_LINK

LETTER = {"subject": "Nog even uw antwoorden, {naam}",
          "body": "Beste {naam},\r\n\r\nNog open voor u als {rol}:\r\n{onbeantwoorde_themas}\r\n\r\n"
                  "Uw link: {persoonlijke_link}\r\nGeldig tot {geldig_tot}.\r\n",
          "interval_days": "7", "save": "Opslaan"}


@pytest.fixture
def planned(client, auth, round_id):
    """Haarlem and Maastricht on 15 April 2025, with Jos Wiersma (burgemeester of Haarlem) and a
    gespreksleider; both got their invitation link (by download). Returns (conversation id, Jos's token)."""
    from .conftest import conversation_form

    auth.as_projectleider()
    response = client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form())
    conversation_id = int(response.headers["Location"].rsplit("/", 1)[1])
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(client.post(f"/planning/rondes/{round_id}/uitnodigingen",
                                                     data={"scope": "alle"}).data))
    [letter] = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".txt")
                and "Beste Jos Wiersma" in archive.read(n).decode()]
    token = next(line for line in letter.splitlines() if "/uitnodiging/" in line).rsplit("/", 1)[1]
    return conversation_id, token


def _mail(app, port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=port, MAIL_SENDER="planning@vng.example")


def test_the_page_lists_who_is_due_and_why_and_previews_the_default_letter(client, planned, round_id):
    page = client.get(f"/planning/rondes/{round_id}/herinneringen").get_data(as_text=True)
    assert '<span aria-current="page">Herinneringen</span>' in page
    row = page[page.index("Jos Wiersma"):]
    row = row[:row.index("</tr>")]
    # A burgemeester's theme 1 (hand-counted in tests/unit/scheduling/test_reminders.py): 7 questions.
    assert "Leiderschap en professionalisering" in row and "(0 van 7 beantwoord)" in row
    assert "nu aan de beurt" in row and "nog geen" in row
    assert "Pieter Dekker" not in page  # the gespreksleider answers in the conversation
    # The preview: the default letter for Jos, with a marker instead of a link; no token in the page.
    assert "Beste Jos Wiersma," in page and PREVIEW_LINK in page and "/uitnodiging/" not in page
    # No mail server: no send button, and the page says why.
    assert "versturen kan als er een mailserver is ingesteld" in page


def test_the_edited_letter_is_saved_and_used_and_the_preview_shows_unsaved_text(app, client, planned, round_id):
    url = f"/planning/rondes/{round_id}/herinneringen"
    response = client.post(url, data={**LETTER, "scheduled": "y"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "De herinneringsbrief en de instellingen zijn opgeslagen." in page
    assert "Nog even uw antwoorden, Jos Wiersma" in page  # the preview uses the saved letter
    assert "Nog open voor u als burgemeester:\n- Leiderschap en professionalisering (0 van 7 vragen beantwoord)" in page
    assert "Laatst gewijzigd door Test Projectleider" in page
    with app.app_context():
        settings = db.session.query(ReminderSettings).one()
        assert settings.scheduled and settings.interval_days == 7 and settings.body.startswith("Beste {naam},\n\n")
    # Voorbeeld bekijken: the typed text, merged, without saving it.
    shown = client.post(url, data={**LETTER, "subject": "Ander onderwerp voor {naam}", "save": "",
                                   "show_preview": "Voorbeeld bekijken"})
    assert shown.status_code == 200
    text = shown.get_data(as_text=True)
    assert "Voorbeeld van de gewijzigde brief (nog niet opgeslagen)" in text
    assert "Ander onderwerp voor Jos Wiersma" in text
    with app.app_context():
        assert db.session.query(ReminderSettings).one().subject == LETTER["subject"]


def test_a_wrong_letter_is_refused_in_dutch_and_keeps_what_was_typed(app, client, planned, round_id):
    typed = "Beste {naam}, zie {link}.\r\nMet groet"
    response = client.post(f"/planning/rondes/{round_id}/herinneringen",
                           data={**LETTER, "body": typed, "interval_days": "nul"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Onbekend invulveld: {link}." in page and "Zet {persoonlijke_link} in de brief" in page
    assert "Kies een aantal dagen van 1 tot en met 60." in page
    assert "Beste {naam}, zie {link}." in page and 'value="nul"' in page
    with app.app_context():
        assert db.session.query(ReminderSettings).count() == 0


def test_sending_asks_first_then_mails_a_working_link_and_records_the_reminder(app, client, planned, round_id):
    conversation_id, old_token = planned
    client.post(f"/planning/rondes/{round_id}/herinneringen", data=LETTER)
    url = f"/planning/rondes/{round_id}/herinneringen/versturen"
    with local_smtp() as (port, handler):
        _mail(app, port)
        page = client.get(f"/planning/rondes/{round_id}/herinneringen").get_data(as_text=True)
        assert 'data-confirm="1 deelnemer krijgt nu een herinnering per e-mail' in page
        asked = client.post(url)  # without JavaScript: the confirmation page, nothing sent
        assert "Herinneringen versturen?" in asked.get_data(as_text=True) and handler.envelopes == []
        response = client.post(url, data={"bevestigd": "ja"})
        assert response.status_code == 302
        assert "1 herinnering verstuurd; geweigerd: geen." in client.get(
            response.headers["Location"]).get_data(as_text=True)
    [envelope] = handler.envelopes
    assert envelope.rcpt_tos == ["burgemeester@haarlem.example"]
    message = message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"] == "Nog even uw antwoorden, Jos Wiersma"
    body = message.get_content().replace("\r\n", "\n")  # SMTP carries CRLF line ends
    assert body.startswith("Beste Jos Wiersma,\n\nNog open voor u als burgemeester:\n"
                           "- Leiderschap en professionalisering (0 van 7 vragen beantwoord)\n")
    link = re.search(r"Uw link: (\S+)", body).group(1)
    assert link.startswith("http://127.0.0.1:5000/uitnodiging/")
    # The mailed link signs Jos in, and the link he already had still works.
    assert redeem(app.test_client(), link.rsplit("/", 1)[1]).status_code == 302
    assert redeem(app.test_client(), old_token).status_code == 302
    with app.app_context():
        [reminder] = db.session.query(Reminder).all()
        assert reminder.conversation_id == conversation_id and reminder.sent_by == "Test Projectleider"
        assert db.session.query(Invitation).filter(Invitation.revoked_at.is_(None)).count() == 3
    # Reminded just now: the page says when, and nobody is due.
    page = client.get(f"/planning/rondes/{round_id}/herinneringen").get_data(as_text=True)
    assert "weer vanaf" in page and "Nu aan de beurt: 0 deelnemers." in page
    with local_smtp() as (port, handler):
        _mail(app, port)
        again = client.post(url, data={"bevestigd": "ja"})
        assert "niemand aan wie een herinnering" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert handler.envelopes == []


def test_a_mail_that_does_not_get_out_withdraws_its_link_and_records_nothing(app, client, planned, round_id):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=free_port())
    with app.app_context():
        links = db.session.query(Invitation).count()
    response = client.post(f"/planning/rondes/{round_id}/herinneringen/versturen", data={"bevestigd": "ja"})
    assert "De mailserver is niet bereikbaar" in client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Invitation).count() == links and db.session.query(Reminder).count() == 0


def test_only_project_leaders_see_the_page(app, round_id):
    anonymous = app.test_client()
    response = anonymous.get(f"/planning/rondes/{round_id}/herinneringen")
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")
    assert anonymous.post(f"/planning/rondes/{round_id}/herinneringen/versturen").status_code == 302


# --- the daily command -----------------------------------------------------------------------


def _in_ten_days(app, conversation_id):
    with app.app_context():
        conversation = db.session.get(Conversation, conversation_id)
        conversation.starts_at = utcnow() + timedelta(days=10)
        db.session.commit()


def test_the_daily_command_sends_only_for_rounds_switched_on(app, client, runner, planned, round_id):
    conversation_id, _token = planned
    _in_ten_days(app, conversation_id)
    with local_smtp() as (port, handler):
        _mail(app, port)
        off = runner.invoke(args=["send-reminders"])
        assert off.exit_code == 0 and off.output == "" and handler.envelopes == []
        explicit = runner.invoke(args=["send-reminders", "--round", str(round_id)])
        assert "dagelijkse herinneringen staan uit" in explicit.output
        client.post(f"/planning/rondes/{round_id}/herinneringen", data={**LETTER, "scheduled": "y"})
        dry = runner.invoke(args=["send-reminders", "--dry-run"])
        assert dry.exit_code == 0, dry.output
        assert "1 herinnering aan de beurt" in dry.output
        assert "Jos Wiersma (Haarlem – Maastricht): 5 thema’s" in dry.output
        assert handler.envelopes == []
        sent = runner.invoke(args=["send-reminders"])
        assert sent.exit_code == 0, sent.output
        assert sent.output.strip() == "Ronde %d (Gespreksronde 2025): 1 herinnering verstuurd." % round_id
        assert "/uitnodiging/" not in sent.output and "@" not in sent.output
        again = runner.invoke(args=["send-reminders"])
        assert "0 herinneringen verstuurd" in again.output
    [envelope] = handler.envelopes
    assert b"Nog open voor u als burgemeester" in envelope.content
    with app.app_context():
        assert db.session.query(Reminder).one().sent_by == "dagelijkse opdracht"


def test_the_daily_command_stops_at_the_conversation_and_needs_a_mail_server(app, client, runner, planned, round_id):
    client.post(f"/planning/rondes/{round_id}/herinneringen", data={**LETTER, "scheduled": "y"})
    no_server = runner.invoke(args=["send-reminders"])
    assert no_server.exit_code == 1 and "geen mailserver ingesteld" in no_server.output
    # 15 April 2025 has passed: the conversation's own work now.
    dry = runner.invoke(args=["send-reminders", "--dry-run"])
    assert "0 herinneringen aan de beurt" in dry.output
    assert "Verstuur de herinneringen die vandaag aan de beurt zijn." in runner.invoke(
        args=["send-reminders", "--help"]).output
