"""Issuing invitation links in a batch (zip with letters and mail-merge CSV), re-issuing and
revoking one, and sending over SMTP to a local aiosmtpd server when MAIL_SERVER is set."""
import io
import zipfile

import pytest

from tests.local_smtp import free_port, local_smtp
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.models.invitations import Invitation


@pytest.fixture
def planned(client, auth, round_id):
    from .conftest import conversation_form

    auth.as_projectleider()
    response = client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form())
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_batch_download_has_letters_and_csv_and_stores_only_hashes(app, client, planned, round_id):
    response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "ontbrekend"})
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    letters = [n for n in archive.namelist() if n.endswith(".txt")]
    assert len(letters) == 2 and "samenvoegen.csv" in archive.namelist()
    body = archive.read(letters[0]).decode()
    assert "dinsdag 15 april 2025" in body and "Stadhuis Haarlem" in body
    assert "http://127.0.0.1:5000/themas/" in body
    link = next(line for line in body.splitlines() if "/uitnodiging/" in line)
    assert link.startswith("http://127.0.0.1:5000/uitnodiging/")
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        hashes = [i.token_hash for i in db.session.query(Invitation)]
        assert len(hashes) == 2 and token not in hashes and invitations.hash_token(token) in hashes
    # The link signs the participant in (participant side) ...
    other = app.test_client()
    assert other.post("/uitnodiging", data={"token": token}).status_code == 302
    # ... and a second batch for "missing" only has nothing new.
    again = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "ontbrekend"})
    assert again.status_code == 302
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Iedereen heeft al een geldige link" in page and "geldig tot" in page


def test_reissue_and_revoke_one_participant(app, client, planned, round_id):
    with app.app_context():
        from visitatie.models import Conversation
        participation_id = db.session.get(Conversation, planned).gespreksleider.id
    first = client.post(f"/planning/deelnames/{participation_id}/uitnodiging")
    assert first.mimetype == "text/plain" and "Beste Pieter Dekker," in first.get_data(as_text=True)
    old = next(line for line in first.get_data(as_text=True).splitlines() if "/uitnodiging/" in line).rsplit("/", 1)[1]
    # A valid link exists: replacing it kills it at once, so the page first asks (without JavaScript).
    asked = client.post(f"/planning/deelnames/{participation_id}/uitnodiging").get_data(as_text=True)
    assert "De huidige link van Pieter Dekker werkt direct niet meer" in asked
    assert 'name="bevestigd" value="ja"' in asked and "Ja, maak een nieuwe link" in asked
    assert app.test_client().post("/uitnodiging", data={"token": old}).status_code == 302  # still alive
    second = client.post(f"/planning/deelnames/{participation_id}/uitnodiging", data={"bevestigd": "ja"})
    new = next(line for line in second.get_data(as_text=True).splitlines() if "/uitnodiging/" in line).rsplit("/", 1)[1]
    participant = app.test_client()
    assert participant.post("/uitnodiging", data={"token": old}).status_code == 404
    client.post(f"/planning/deelnames/{participation_id}/intrekken")
    assert participant.post("/uitnodiging", data={"token": new}).status_code == 404
    page = client.get(f"/planning/rondes/{round_id}/uitnodigingen").get_data(as_text=True)
    assert "De link van Pieter Dekker werkt niet meer." in page


def test_send_by_smtp_when_a_mail_server_is_configured(app, client, planned, round_id):
    with local_smtp() as (port, handler):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=port,
                          MAIL_SENDER="planning@vng.example")
        assert 'name="send"' in client.get(f"/planning/rondes/{round_id}/uitnodigingen").get_data(as_text=True)
        response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle", "send": "y"})
        assert response.status_code == 302
        assert "2 uitnodigingen verstuurd; geweigerd: geen." in client.get(
            response.headers["Location"]).get_data(as_text=True)
    recipients = sorted(r for e in handler.envelopes for r in e.rcpt_tos)
    assert recipients == ["burgemeester@haarlem.example", "p.dekker@breda.example"]
    assert b"/uitnodiging/" in handler.envelopes[0].content


def test_an_unreachable_mail_server_issues_nothing(app, client, planned, round_id):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=free_port())
    response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle", "send": "y"})
    assert "De mailserver is niet bereikbaar" in client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Invitation).count() == 0


def _links_in(handler) -> list[str]:
    return [line.rsplit("/", 1)[1] for envelope in handler.envelopes
            for line in envelope.content.decode().splitlines() if "/uitnodiging/" in line]


def test_a_server_breaking_off_mid_batch_keeps_the_delivered_links_and_the_old_ones_of_the_rest(
        app, client, planned, round_id):
    # A first batch by download: both participants hold a working link.
    archive = zipfile.ZipFile(io.BytesIO(
        client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle"}).data))
    old = {name: next(line for line in archive.read(name).decode().splitlines() if "/uitnodiging/" in line)
           .rsplit("/", 1)[1] for name in archive.namelist() if name.endswith(".txt")}
    with local_smtp(fail_after=1) as (port, handler):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=port)
        response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle", "send": "y"})
        page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "De mailserver brak af" in page and "na 1 van de 2 uitnodigingen" in page
    [delivered] = _links_in(handler)
    participant = app.test_client()
    assert participant.post("/uitnodiging", data={"token": delivered}).status_code == 302  # the mail that got out works
    # The one who got the mail has only the new link; the other keeps the old one.
    assert sorted(app.test_client().post("/uitnodiging", data={"token": token}).status_code
                  for token in old.values()) == [302, 404]
    with app.app_context():
        assert db.session.query(Invitation).filter(Invitation.revoked_at.is_(None)).count() == 2


def test_a_refused_address_keeps_its_previous_link(app, client, planned, round_id):
    with app.app_context():
        from visitatie.models import Conversation
        leader = db.session.get(Conversation, planned).gespreksleider
        participation_id = leader.id
        leader.person.email = "paul@refused.example"
        db.session.commit()
    first = client.post(f"/planning/deelnames/{participation_id}/uitnodiging").get_data(as_text=True)
    old = next(line for line in first.splitlines() if "/uitnodiging/" in line).rsplit("/", 1)[1]
    with local_smtp(refused_domain="refused.example") as (port, handler):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=port)
        response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle", "send": "y"})
        page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 uitnodiging verstuurd; geweigerd: paul@refused.example." in page
    assert len(handler.envelopes) == 1
    assert app.test_client().post("/uitnodiging", data={"token": old}).status_code == 302


def test_each_letter_carries_the_calendar_entry_without_the_personal_link(app, client, planned, round_id):
    from email import message_from_bytes, policy

    from icalendar import Calendar

    response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle"})
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    letters = sorted(n for n in archive.namelist() if n.endswith(".txt"))
    calendars = sorted(n for n in archive.namelist() if n.endswith(".ics"))
    assert [n.removesuffix(".ics") for n in calendars] == [n.removesuffix(".txt") for n in letters]
    content = archive.read(calendars[0])
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Stadhuis Haarlem"
    assert f"http://127.0.0.1:5000/gesprekken/{planned}" in str(event["DESCRIPTION"])
    assert b"/uitnodiging" not in content
    # By mail: the same entry as a text/calendar attachment of each letter.
    with local_smtp() as (port, handler):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=port)
        client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle", "send": "y"})
    for envelope in handler.envelopes:
        message = message_from_bytes(envelope.content, policy=policy.default)
        attachment = next(part for part in message.iter_attachments())
        assert attachment.get_content_type() == "text/calendar" and attachment.get_filename().endswith(".ics")
        entry = attachment.get_content()
        assert "Stadhuis Haarlem" in entry and "/uitnodiging" not in entry
        assert "/uitnodiging/" in message.get_body(("plain",)).get_content()
    assert len(handler.envelopes) == 2


def test_a_finalised_conversation_stays_listed_so_its_links_can_be_revoked(app, client, planned, round_id):
    from visitatie.conversations.finalising import finalise
    from visitatie.models import Conversation

    response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle"})
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    body = archive.read(next(n for n in archive.namelist() if "jos-wiersma" in n and n.endswith(".txt"))).decode()
    token = next(line for line in body.splitlines() if "/uitnodiging/" in line).rsplit("/", 1)[1]
    with app.app_context():
        conversation = db.session.get(Conversation, planned)
        finalise(db.session, conversation, "Test")
        db.session.commit()
        mayor = next(p.id for p in conversation.participations if p.role == "burgemeester")
    page = client.get(f"/planning/rondes/{round_id}/uitnodigingen").get_data(as_text=True)
    assert "Jos Wiersma" in page and "verslag vastgesteld" in page
    assert f"/planning/deelnames/{mayor}/intrekken" in page
    # The batch skips it: nobody there is counted as "without a valid link" or gets a new one.
    assert "Nog zonder geldige link: 0 deelnemers" in page
    assert client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle"}).status_code == 302
    assert app.test_client().post("/uitnodiging", data={"token": token}).status_code == 302  # still valid
    client.post(f"/planning/deelnames/{mayor}/intrekken")
    assert app.test_client().post("/uitnodiging", data={"token": token}).status_code == 404
