"""A project leader edits the reminder letter, previews it and sends the reminders after the
confirmation dialog, in Chromium, with a real local SMTP server; and the page has no axe violations
(also with errors in the form and with the dialog open)."""
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.test_accessibility import AXE, RULES, RUN_AXE, axe_context  # noqa: F401  (fixture)
from tests.local_smtp import local_smtp
from tests.participant_world import build_world
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models.types import utcnow

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(live_app):
    """Conversation A (Haarlem and Maastricht) in three weeks; its mayor and CISO hold a link."""
    from visitatie.accounts.auth import create_user

    with live_app.app_context():
        world = build_world(db.session, current_guides())
        world.a.status, world.a.starts_at = "gepland", utcnow() + timedelta(days=21)
        for participation in (world.mayor, world.ciso):
            invitations.issue(db.session, participation, 30)
        create_user(db.session, "pl@example.org", PASSWORD, "projectleider", "Petra Planner")
        db.session.commit()
        return world.round.id


def sign_in(page, live_server):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("pl@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)


def test_edit_the_letter_preview_it_and_send_after_the_confirmation(page, live_app, live_server, world):
    with local_smtp() as (port, handler):
        live_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=port)
        sign_in(page, live_server)
        page.goto(f"{live_server}/planning/rondes/{world}/uitnodigingen")
        page.get_by_role("navigation", name="Planning van deze ronde").get_by_role("link", name="Herinneringen").click()
        expect(page.locator("h1")).to_have_text("Herinneringen")
        expect(page.get_by_text("Nu aan de beurt: 2 deelnemers.")).to_be_visible()

        page.get_by_label("Onderwerp", exact=True).fill("Uw antwoorden voor {gesprek}")
        body = page.get_by_label("Tekst van de brief")
        body.fill("Beste {naam},\n\nNog open:\n{onbeantwoorde_themas}\n\n{persoonlijke_link}\n\nGroet, Petra")
        page.get_by_role("button", name="Voorbeeld bekijken").click()
        preview = page.locator(".reminder-preview")
        expect(page.get_by_role("heading",
                                name="Voorbeeld van de gewijzigde brief (nog niet opgeslagen)")).to_be_visible()
        expect(preview).to_contain_text("Uw antwoorden voor Haarlem – Maastricht")
        expect(preview).to_contain_text("Beste Jos Wiersma,")
        expect(preview).to_contain_text("- Leiderschap en professionalisering (0 van 7 vragen beantwoord)")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("De herinneringsbrief en de instellingen zijn opgeslagen.")).to_be_visible()
        expect(page.get_by_label("Tekst van de brief")).to_have_value(
            "Beste {naam},\n\nNog open:\n{onbeantwoorde_themas}\n\n{persoonlijke_link}\n\nGroet, Petra\n")

        page.get_by_role("button", name="Herinneringen versturen aan 2 deelnemers").click()
        dialog = page.get_by_role("dialog", name="Herinneringen versturen?")
        expect(dialog).to_contain_text("2 deelnemers krijgen nu een herinnering per e-mail met een eigen link")
        dialog.get_by_role("button", name="Annuleren").click()
        expect(dialog).to_have_count(0)
        assert handler.envelopes == []
        page.get_by_role("button", name="Herinneringen versturen aan 2 deelnemers").click()
        page.get_by_role("dialog").get_by_role("button", name="Ja, verstuur 2 herinneringen").click()
        expect(page.get_by_text("2 herinneringen verstuurd; geweigerd: geen.")).to_be_visible()
        expect(page.get_by_text("Nu aan de beurt: 0 deelnemers.")).to_be_visible()
    assert sorted(r for e in handler.envelopes for r in e.rcpt_tos) == ["jos.wiersma@example.org",
                                                                         "mara.smit@example.org"]
    message = message_from_bytes(handler.envelopes[0].content, policy=policy.default)
    assert message["Subject"] == "Uw antwoorden voor Haarlem – Maastricht"
    assert "Groet, Petra" in message.get_content() and "/uitnodiging/" in message.get_content()


def test_the_reminders_page_has_no_accessibility_violations(axe_context, live_app, live_server, world):  # noqa: F811
    page = axe_context.new_page()
    live_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_PORT=25)  # shows the send button
    sign_in(page, live_server)
    page.goto(f"{live_server}/planning/rondes/{world}/herinneringen")
    found = []

    def judge(state):
        page.wait_for_load_state("load")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found.extend(f"{state}: {v}" for v in page.evaluate(RUN_AXE, RULES))

    judge("page")
    page.get_by_role("button", name="Herinneringen versturen aan 2 deelnemers").click()
    page.get_by_role("dialog").wait_for()
    judge("confirmation dialog")
    page.get_by_role("dialog").get_by_role("button", name="Annuleren").click()
    page.get_by_label("Tekst van de brief").fill("Beste {nam}")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("alert").first.wait_for()
    judge("letter with errors")
    assert found == []
