"""Invitation letters: personal links stored only as a hash, with expiry, re-issue and revocation;
letters with date, place, guide and link; mail merge; sending over SMTP to a local aiosmtpd."""
import csv
import io
import zipfile
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from tests.local_smtp import free_port, local_smtp
from visitatie.conversations import invitations
from visitatie.models.invitations import Invitation
from visitatie.scheduling import ConversationInput, ParticipantInput, issue_letters, letters_zip, save_conversation
from visitatie.scheduling.mail import MailError, MailSettings, send_letters
from visitatie.scheduling.mailmerge import MAILMERGE_COLUMNS

from .conftest import local

BASE = "https://visitatie.example"


def page_url(conversation):
    return f"{BASE}/gesprekken/{conversation.id}"


@pytest.fixture
def conversation(session, make_round, town):
    round_ = make_round("Bestuurlijke gespreksronde 2025")
    conversation = save_conversation(session, round_, ConversationInput(
        [town("Haarlem"), town("Maastricht")], local(2025, 4, 15, 14), place="Stadhuis Haarlem",
        participants=[ParticipantInput("Pieter Dekker", "p.dekker@breda.example", "gespreksleider", town("Breda")),
                      ParticipantInput("Jos Wiersma", "burgemeester@haarlem.example", "burgemeester", town("Haarlem"),
                                       "burgemeester van Haarlem")]), "Petra")
    session.commit()
    return conversation


def issue(session, participations, **extra):
    return issue_letters(session, participations, base_url=BASE, days_valid=30, page_url=page_url,
                         guide_url=f"{BASE}/themas/", now=extra.pop("now", local(2025, 3, 1)), **extra)


def test_links_are_stored_only_as_hashes_and_expire(session, conversation):
    letters = issue(session, conversation.participations)
    session.commit()
    assert len(letters) == 2
    tokens = [letter.link.rsplit("/", 1)[1] for letter in letters]
    assert all(letter.link.startswith(f"{BASE}/uitnodiging/") for letter in letters)
    stored = session.query(Invitation).all()
    assert len(stored) == 2
    for token in tokens:
        assert len(token) >= 40
        assert all(token not in (i.token_hash or "") for i in stored)
        assert invitations.verify(session, token, now=local(2025, 3, 30)) is not None
        assert invitations.verify(session, token, now=local(2025, 4, 1)) is None  # 30 days later: expired
    assert letters[0].expires_at == local(2025, 3, 1) + timedelta(days=30)


def test_reissuing_revokes_the_old_link_and_only_missing_skips_valid_ones(session, conversation):
    first = issue(session, conversation.participations)
    again = issue(session, conversation.participations, only_missing=True)
    assert again == []
    leader = conversation.gespreksleider
    (new,) = issue(session, [leader])
    old_token, new_token = first[0].link.rsplit("/", 1)[1], new.link.rsplit("/", 1)[1]
    now = local(2025, 3, 2)
    assert invitations.verify(session, old_token, now) is None
    assert invitations.verify(session, new_token, now) is not None
    invitations.revoke_all(session, leader)
    assert invitations.verify(session, new_token, now) is None
    (latecomer,) = issue(session, conversation.participations, only_missing=True)
    assert latecomer.participation_id == leader.id


def test_the_letter_has_date_place_guide_and_personal_link(session, conversation):
    letters = {letter.role: letter for letter in issue(session, conversation.participations)}
    mayor = letters["burgemeester"]
    assert mayor.subject == "Uitnodiging bestuurlijk gesprek Haarlem – Maastricht, dinsdag 15 april 2025"
    body = mayor.body
    assert body.startswith("Beste Jos Wiersma,")
    assert "als burgemeester voor het bestuurlijk gesprek over digitale veiligheid tussen Haarlem en Maastricht" in body
    assert "onder leiding van Pieter Dekker" in body
    assert "Datum:  dinsdag 15 april 2025" in body and "Tijd:   14:00–16:00 uur" in body
    assert "Plaats: Stadhuis Haarlem" in body
    assert f"{BASE}/themas/" in body and mayor.link in body
    assert "geldig tot 31 maart 2025" in body
    assert "onder leiding van" not in letters["gespreksleider"].body  # not led by oneself


def test_mail_merge_zip_has_a_text_and_calendar_entry_per_participant_and_a_csv(session, conversation):
    letters = issue(session, conversation.participations)
    archive = zipfile.ZipFile(io.BytesIO(letters_zip(letters)))
    names = sorted(archive.namelist())
    assert names == sorted([letters[0].filename, letters[1].filename, letters[0].calendar_filename,
                            letters[1].calendar_filename, "samenvoegen.csv"])
    assert archive.read(letters[0].calendar_filename) == letters[0].calendar
    assert archive.read(letters[1].filename).decode().startswith("Onderwerp: Uitnodiging")
    rows = list(csv.DictReader(io.StringIO(archive.read("samenvoegen.csv").decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0].keys()) == MAILMERGE_COLUMNS
    assert {r["email"] for r in rows} == {"p.dekker@breda.example", "burgemeester@haarlem.example"}
    assert rows[0]["persoonlijke_link"] == letters[0].link


@pytest.fixture
def smtp_server():
    with local_smtp(refused_domain="refused.example") as server:
        yield server


def test_letters_are_sent_over_smtp(session, conversation, smtp_server):
    port, handler = smtp_server
    letters = issue(session, conversation.participations)
    settings = MailSettings(server="127.0.0.1", port=port, sender="planning@vng.example", use_tls=False)
    result = send_letters(letters, settings)
    assert sorted(result.sent) == ["burgemeester@haarlem.example", "p.dekker@breda.example"]
    assert len(handler.envelopes) == 2
    message = message_from_bytes(handler.envelopes[1].content, policy=policy.default)
    assert message["Subject"] == letters[1].subject
    assert message["From"] == "planning@vng.example"
    assert "burgemeester@haarlem.example" in message["To"]
    assert letters[1].link in message.get_body(("plain",)).get_content()
    (attachment,) = message.iter_attachments()  # the calendar entry, without the personal link
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_content() == letters[1].calendar.decode("utf-8")
    assert letters[1].link not in attachment.get_content()


def test_a_refused_address_is_reported_and_the_rest_is_sent(session, conversation, smtp_server):
    port, _handler = smtp_server
    conversation.gespreksleider.person.email = "niemand@refused.example"
    letters = issue(session, conversation.participations)
    result = send_letters(letters, MailSettings(server="127.0.0.1", port=port, use_tls=False))
    assert result.refused == ["niemand@refused.example"]
    assert result.sent == ["burgemeester@haarlem.example"]


def test_an_unreachable_server_is_a_mail_error(session, conversation):
    letters = issue(session, conversation.participations)
    with pytest.raises(MailError):
        send_letters(letters, MailSettings(server="127.0.0.1", port=free_port(), timeout=5))


def test_mail_settings_come_from_the_config_only_when_a_server_is_set():
    assert MailSettings.from_config({"MAIL_SERVER": ""}) is None
    settings = MailSettings.from_config({"MAIL_SERVER": "smtp.example", "MAIL_PORT": 587, "MAIL_USERNAME": "u",
                                         "MAIL_PASSWORD": "p", "MAIL_USE_TLS": True, "MAIL_SENDER": "a@b.example"})
    assert (settings.server, settings.port, settings.use_tls) == ("smtp.example", 587, True)
