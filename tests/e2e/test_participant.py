"""A participant fills in the guide in a real browser: autosave, reload, conflict, offline, restore.

The conflict test keeps a screenshot in its tmp folder (pytest keeps the last runs' folders) so a
person can look at it.
"""
import re
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.conftest import open_link
from tests.participant_world import build_world
from visitatie.conversations import invitations
from visitatie.conversations.answers import Change, save_answer
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Answer, Conversation, Mark, Participation

pytestmark = pytest.mark.e2e

OPEN, SCALE, IVP, WHY_NOT = ("leiderschap.eigenaarschap", "leiderschap.uitvoering", "leiderschap.ivp",
                             "leiderschap.ivp_waarom_niet")
SAVED = re.compile(r"Opgeslagen om \d\d:\d\d")


@pytest.fixture
def world(live_app):
    with live_app.app_context():
        w = build_world(db.session, current_guides())
        return {"a": w.a.id, "haarlem": w.haarlem.id, "mayor": w.mayor.id, "leader": w.leader.id,
                "note_taker": w.note_taker.id}


@pytest.fixture
def link(live_app, live_server):
    def make(participation_id):
        with live_app.app_context():
            _invitation, token = invitations.issue(db.session, db.session.get(Participation, participation_id), 30)
            db.session.commit()
        return f"{live_server}/uitnodiging/{token}"

    return make


def stored(live_app, world, question):
    with live_app.app_context():
        db.session.expire_all()
        return db.session.scalar(select(Answer.value).where(
            Answer.conversation_id == world["a"], Answer.municipality_id == world["haarlem"],
            Answer.question_id == question))


def wait_for_stored(live_app, world, question, value, seconds=15):
    """Poll the database until the browser's save arrived (a wait, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stored(live_app, world, question) == value:
            return
        time.sleep(0.2)
    assert stored(live_app, world, question) == value


def field(world, question, suffix="input"):
    return f"#a-{world['haarlem']}-{question.replace('.', '_')}-{suffix}"


def open_theme(page, link, world, participation):
    open_link(page, link(participation))
    expect(page.locator("h1")).to_have_text("Haarlem – Maastricht")
    page.get_by_role("link", name="Leiderschap en professionalisering").first.click()
    expect(page.locator("h1")).to_have_text("Leiderschap en professionalisering")
    expect(page.locator("[data-save-status]")).to_contain_text("automatisch opgeslagen")


def test_participant_answers_sees_saved_and_finds_the_answers_after_reload(page, live_server, live_app, world, link):
    open_theme(page, link, world, world["mayor"])
    page.check(field(world, SCALE, "4"))
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)
    page.fill(field(world, OPEN), "De burgemeester is eigenaar; de CISO adviseert.")
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)
    # The same status in the bar that stays in view at the bottom of the screen.
    expect(page.locator("[data-save-status-mirror]")).to_have_text(SAVED)
    expect(page.locator("[data-save-status-mirror]")).to_be_in_viewport()
    wait_for_stored(live_app, world, OPEN, "De burgemeester is eigenaar; de CISO adviseert.")
    assert stored(live_app, world, SCALE) == "4"
    # Haarlem, the mayor's questions
    expect(page.locator("#progress-theme [data-progress-text]")).to_have_text("2 van 7 antwoorden ingevuld")

    page.reload()
    expect(page.locator(field(world, OPEN))).to_have_value("De burgemeester is eigenaar; de CISO adviseert.")
    expect(page.locator(field(world, SCALE, "4"))).to_be_checked()
    expect(page.locator("[data-restore-offer]")).to_be_hidden()  # nothing left unsaved


def test_conditional_questions_appear_and_disappear_live(page, live_app, world, link):
    open_theme(page, link, world, world["mayor"])
    follow_up = page.locator(f"#a-{world['haarlem']}-leiderschap_ivp_waarom_niet")
    expect(follow_up).to_be_hidden()
    page.check(field(world, IVP, "2"))  # nee
    expect(follow_up).to_be_visible()
    page.fill(field(world, WHY_NOT), "Het IVP wordt volgend jaar herzien.")
    wait_for_stored(live_app, world, WHY_NOT, "Het IVP wordt volgend jaar herzien.")
    page.check(field(world, IVP, "1"))  # ja
    expect(follow_up).to_be_hidden()
    wait_for_stored(live_app, world, IVP, "ja")


def test_two_people_editing_the_same_answer_see_both_versions_side_by_side(browser, live_server, live_app, world, link,
                                                                           tmp_path):
    first = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    second = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    try:
        mayor, leader = first.new_page(), second.new_page()
        open_theme(mayor, link, world, world["mayor"])
        open_theme(leader, link, world, world["leader"])  # both now see version 0

        mayor.fill(field(world, OPEN), "Tekst van de burgemeester.")
        mayor.locator(field(world, OPEN)).blur()
        wait_for_stored(live_app, world, OPEN, "Tekst van de burgemeester.")

        leader.fill(field(world, OPEN), "Tekst van de gespreksleider.")
        leader.locator(field(world, OPEN)).blur()
        conflict = leader.locator(f"#a-{world['haarlem']}-{OPEN.replace('.', '_')} [data-conflict]")
        expect(conflict).to_be_visible()
        expect(conflict.locator("[data-mine] ins")).to_have_text("begin, alleen in uw versie: gespreksleider einde")
        expect(conflict.locator("[data-theirs] del")).to_have_text("begin, alleen in de nieuwere versie: burgemeester "
                                                                   "einde")
        expect(conflict).to_contain_text("Jos Wiersma")
        leader.screenshot(path=str(tmp_path / "conflict.png"), full_page=False)
        assert stored(live_app, world, OPEN) == "Tekst van de burgemeester."  # nothing overwritten

        leader.fill(field(world, OPEN), "Tekst van de burgemeester. Aangevuld door de gespreksleider.")
        conflict.get_by_role("button", name="Samengevoegde tekst opslaan").click()
        expect(conflict).to_have_count(0)
        wait_for_stored(live_app, world, OPEN, "Tekst van de burgemeester. Aangevuld door de gespreksleider.")
    finally:
        first.close()
        second.close()


def test_typing_offline_reaches_the_server_when_the_connection_returns(page, context, live_app, world, link):
    open_theme(page, link, world, world["mayor"])
    context.set_offline(True)
    page.fill(field(world, OPEN), "Getypt zonder verbinding.")
    page.locator(field(world, OPEN)).blur()
    expect(page.locator("[data-save-status]")).to_contain_text("Geen verbinding")
    drafts = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('visitatie:draft:'))")
    assert len(drafts) == 1
    assert stored(live_app, world, OPEN) is None
    context.set_offline(False)
    wait_for_stored(live_app, world, OPEN, "Getypt zonder verbinding.")
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('visitatie:draft:')).length") == 0


def test_text_typed_after_the_session_expired_is_restored_after_signing_in_again(page, context, live_app, world, link):
    open_theme(page, link, world, world["mayor"])
    # No request in flight: a late response (a stylesheet, the favicon) would bring the refreshed
    # session cookie back after it was cleared.
    page.wait_for_load_state("networkidle")
    context.clear_cookies()  # the session ends, as after SESSION_LIFETIME_MINUTES
    page.fill(field(world, OPEN), "Getypt na het verlopen van de sessie.")
    page.locator(field(world, OPEN)).blur()
    expect(page.locator("[data-save-status]")).to_contain_text("niet meer aangemeld")
    assert stored(live_app, world, OPEN) is None

    open_theme(page, link, world, world["mayor"])
    offer = page.locator("[data-restore-offer]")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("1 antwoord")
    offer.get_by_role("button", name="Terugzetten en opslaan").click()
    wait_for_stored(live_app, world, OPEN, "Getypt na het verlopen van de sessie.")
    expect(page.locator(field(world, OPEN))).to_have_value("Getypt na het verlopen van de sessie.")


def test_without_javascript_the_form_still_saves(browser, live_app, world, link):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    try:
        page = context.new_page()
        open_link(page, link(world["mayor"]))
        page.goto(page.url + "/thema/1")
        expect(page.locator("[data-save-status]")).to_contain_text("Klik op Opslaan")
        page.fill(field(world, OPEN), "Zonder JavaScript ingevuld.")
        page.check(field(world, SCALE, "2"))
        page.get_by_role("button", name="Opslaan", exact=True).click()
        expect(page.locator(".utrecht-alert")).to_contain_text("Uw antwoorden zijn opgeslagen om")
        assert stored(live_app, world, OPEN) == "Zonder JavaScript ingevuld."
        assert stored(live_app, world, SCALE) == "2"
    finally:
        context.close()


def test_a_marked_quote_waits_for_its_speaker_who_consents_on_their_own_page(page, live_app, world, link):
    with live_app.app_context():
        guides = current_guides()
        save_answer(db.session, db.session.get(Conversation, world["a"]), world["haarlem"],
                    Change(guides.question(OPEN), "De burgemeester is eigenaar. Dat staat in de kadernota.", 0),
                    "Jos Wiersma", guides)
    open_link(page, link(world["note_taker"]))
    page.goto(page.url + "/thema/1")
    block = page.locator(f"#a-{world['haarlem']}-{OPEN.replace('.', '_')}")
    block.get_by_text("Markeren als les of citaat").click()
    expect(block.get_by_label("Les voor deze prioriteit")).to_be_checked()
    expect(block.get_by_label("niet publiceren")).to_have_count(0)  # the marker gives no consent
    block.get_by_label("Citaat", exact=True).check()
    block.get_by_label("Fragment").fill("Dat staat in de kadernota.")
    block.get_by_label("Wie zei het?").select_option(label="Jos Wiersma, burgemeester van Haarlem")
    block.get_by_role("button", name="Markering opslaan").click()
    expect(page.locator(".utrecht-alert")).to_contain_text("De markering is opgeslagen.")
    expect(page.locator(f"#a-{world['haarlem']}-{OPEN.replace('.', '_')} .mark")).to_contain_text(
        "toestemming van de spreker: gevraagd, nog geen antwoord")

    # The speaker opens their own link, sees the exact words and chooses.
    page.context.clear_cookies()
    open_link(page, link(world["mayor"]))
    page.get_by_role("link", name="Citaten van u: geef of wijzig uw toestemming").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Citaten van u")
    expect(page.locator("blockquote").first).to_have_text("Dat staat in de kadernota.")
    page.get_by_label("anoniem publiceren").check()
    page.get_by_role("button", name="Keuze opslaan").click()
    expect(page.locator(".utrecht-alert").first).to_contain_text("Uw keuze is opgeslagen.")
    with live_app.app_context():
        mark = db.session.scalars(select(Mark)).one()
        assert (mark.kind, mark.passage, mark.consent, mark.speaker_name, mark.consented_text) == (
            "citaat", "Dat staat in de kadernota.", "anoniem", "Jos Wiersma", "Dat staat in de kadernota.")


def test_a_server_error_is_not_called_no_connection_and_the_save_is_retried(page, live_app, live_server, world,
                                                                             link, database):
    """A real storage fault: the database unwritable while the browser saves. The browser says the
    server failed (not "no connection"), keeps the text, and saves it by itself once the fault is gone."""
    from tests.storage_fault import unwritable

    open_theme(page, link, world, world["mayor"])
    text = "Geschreven tijdens een storing van de opslag."
    with unwritable(database):
        page.fill(field(world, OPEN), text)
        status = page.locator("[data-save-status]")
        expect(status).to_contain_text("storing op de server", timeout=10_000)
        expect(status).not_to_contain_text("Geen verbinding")
        kept = page.evaluate("Object.keys(localStorage).filter(k => k.indexOf('visitatie:draft:') === 0)"
                             ".map(k => JSON.parse(localStorage.getItem(k)).value)")
        assert text in kept
        assert stored(live_app, world, OPEN) is None
    wait_for_stored(live_app, world, OPEN, text, seconds=30)  # the retry (Retry-After 5 s) saves it
    expect(page.locator("[data-save-status]")).to_have_text(SAVED)

