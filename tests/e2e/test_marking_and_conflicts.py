"""Marking by selecting words in an answer, and the conflict view with the differing words marked,
in a real browser; axe judges both states. Screenshots go to the test's tmp folder (and to
$SCREENSHOTS when set) so a person can look at them.
"""
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.conftest import open_link
from tests.e2e.test_accessibility import AXE, RULES, RUN_AXE
from tests.e2e.test_participant import OPEN, SCALE, field, link, open_theme, stored, wait_for_stored, world  # noqa: F401
from visitatie.conversations.answers import Change, save_answer
from visitatie.conversations.finalising import finalise
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation, Mark

pytestmark = pytest.mark.e2e

ANSWER = "Wij betalen geen losgeld.\nDat hebben we  vooraf in het college besproken."


def new_context(browser, **options):
    return browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", bypass_csp=True, **options)


def axe(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, RULES)


def shot(page, tmp_path, name):
    paths = [tmp_path / name]
    if os.environ.get("SCREENSHOTS"):
        paths.append(Path(os.environ["SCREENSHOTS"]) / name)
    for path in paths:
        page.screenshot(path=str(path), full_page=False)


def store(live_app, world, value, version=0, by="Jos Wiersma", question=OPEN):
    with live_app.app_context():
        guides = current_guides()
        save_answer(db.session, db.session.get(Conversation, world["a"]), world["haarlem"],
                    Change(guides.question(question), value, version), by, guides)


def the_mark(live_app):
    with live_app.app_context():
        return db.session.scalars(select(Mark)).one()


def test_selecting_words_in_the_answer_box_fills_the_mark_form(browser, live_app, world, link, tmp_path):
    store(live_app, world, ANSWER)
    context = new_context(browser)
    try:
        page = context.new_page()
        open_link(page, link(world["note_taker"]))
        page.goto(page.url + "/thema/1")
        block = page.locator(f"#a-{world['haarlem']}-{OPEN.replace('.', '_')}")
        button = block.get_by_role("button", name="Markeer selectie")
        expect(button).to_be_hidden()  # nothing selected yet
        # With the keyboard only: select the first line of the answer, Tab to the button, Enter.
        box = page.locator(field(world, OPEN))
        box.focus()
        page.keyboard.press("Control+Home")
        page.keyboard.press("Shift+End")
        expect(button).to_be_visible()
        page.keyboard.press("Tab")
        expect(button).to_be_focused()
        page.keyboard.press("Enter")
        expect(block.get_by_label("Fragment")).to_have_value("Wij betalen geen losgeld.")
        expect(block.get_by_label("Les voor deze prioriteit")).to_be_focused()
        # A lesson has no speaker and asks nobody: the quote's fields are not there.
        expect(block.get_by_label("Wie zei het?")).to_be_hidden()
        expect(block.get_by_text("vraagt visitatie de spreker zelf om toestemming")).to_be_hidden()
        block.get_by_label("Citaat", exact=True).check()
        expect(block.get_by_label("Wie zei het?")).to_be_visible()
        expect(block.get_by_text("vraagt visitatie de spreker zelf om toestemming")).to_be_visible()
        block.get_by_label("Wie zei het?").select_option(label="Jos Wiersma, burgemeester van Haarlem")
        block.locator("[data-mark-details]").scroll_into_view_if_needed()
        assert axe(page) == []
        shot(page, tmp_path, "marking-selection.png")
        block.get_by_role("button", name="Markering opslaan").click()
        expect(page.locator(".utrecht-alert").first).to_contain_text("De markering is opgeslagen.")
        mark = the_mark(live_app)
        assert (mark.kind, mark.passage, mark.consent, mark.speaker_name) == (
            "citaat", "Wij betalen geen losgeld.", "gevraagd", "Jos Wiersma")
    finally:
        context.close()


def test_a_selection_across_a_line_end_of_a_finalised_answer_marks_the_stored_words(browser, live_app, world, link):
    store(live_app, world, ANSWER)
    with live_app.app_context():
        finalise(db.session, db.session.get(Conversation, world["a"]), "Pieter Dekker")
        db.session.commit()
    context = new_context(browser)
    try:
        page = context.new_page()
        open_link(page, link(world["leader"]))
        page.goto(page.url + "/thema/1")
        block = page.locator(f"#a-{world['haarlem']}-{OPEN.replace('.', '_')}")
        text = block.locator("[data-mark-source]")
        expect(text).to_be_visible()
        # Drag over "losgeld." … "we  vooraf": the page shows a line end and one space there.
        box = text.bounding_box()
        page.mouse.move(box["x"] + 1, box["y"] + 1)
        text.evaluate("""el => {
            const node = el.querySelector('.answer-text').firstChild;
            const range = document.createRange();
            range.setStart(node, node.data.indexOf('losgeld'));
            range.setEnd(node, node.data.indexOf('vooraf') + 'vooraf'.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""")
        selected = page.evaluate("window.getSelection().toString()")
        assert "\n" in selected or "  " not in selected  # not the stored characters
        block.get_by_role("button", name="Markeer selectie").click()
        expect(block.get_by_label("Fragment")).to_have_value(re.compile(r"^losgeld\.\s+Dat hebben we\s+vooraf$"))
        block.get_by_role("button", name="Markering opslaan").click()
        expect(page.locator(".utrecht-alert").first).to_contain_text("De markering is opgeslagen.")
        mark = the_mark(live_app)
        assert (mark.kind, mark.passage, mark.speaker_name) == ("les", "losgeld.\nDat hebben we  vooraf", None)
    finally:
        context.close()


def test_the_conflict_view_marks_the_differing_words_and_saves_the_merged_text(browser, live_app, world, link,
                                                                               tmp_path):
    store(live_app, world, "Wij oefenen twee keer per jaar.")
    first, second = new_context(browser), new_context(browser)
    try:
        mayor, leader = first.new_page(), second.new_page()
        open_theme(mayor, link, world, world["mayor"])
        open_theme(leader, link, world, world["leader"])  # both now see version 1
        mayor.fill(field(world, OPEN), "Wij oefenen één keer per jaar met de raad.")
        mayor.locator(field(world, OPEN)).blur()
        wait_for_stored(live_app, world, OPEN, "Wij oefenen één keer per jaar met de raad.")

        leader.fill(field(world, OPEN), "Wij oefenen drie keer per jaar.")
        leader.locator(field(world, OPEN)).blur()
        conflict = leader.locator(f"#a-{world['haarlem']}-{OPEN.replace('.', '_')} [data-conflict]")
        expect(conflict).to_be_visible()
        expect(conflict.locator("[data-mine] ins")).to_have_text("begin, alleen in uw versie: drie einde")
        expect(conflict.locator("[data-theirs] del")).to_have_text([
            "begin, alleen in de nieuwere versie: één einde", "begin, alleen in de nieuwere versie: met de raad einde"])
        # the cue is for screen readers; the eye sees the word, underlined or struck through
        expect(conflict.locator("[data-mine] ins .visually-hidden").first).to_have_css("position", "absolute")
        expect(conflict.locator("[data-mine] ins").first).to_have_css("text-decoration-line", "underline")
        expect(conflict.locator("[data-theirs] del").first).to_have_css("text-decoration-line", "line-through")
        expect(leader.locator(field(world, OPEN))).to_have_value("Wij oefenen één drie keer per jaar met de raad.")
        expect(leader.locator(field(world, OPEN, "label"))).to_have_text("Haarlem – samengevoegde tekst")
        expect(leader.locator("#guide-form .utrecht-button--primary-action")).to_have_count(1)
        primary = conflict.locator(".utrecht-button--primary-action")
        expect(primary).to_have_text("Samengevoegde tekst opslaan")
        # the first submit button of the form: what Enter in the form chooses
        first_submit = leader.evaluate("""() => [...document.getElementById('guide-form').elements]
            .find(e => e.type === 'submit' && !e.hidden && e.offsetParent !== null).textContent.trim()""")
        assert first_submit == "Samengevoegde tekst opslaan"
        assert axe(leader) == []
        conflict.scroll_into_view_if_needed()
        shot(leader, tmp_path, "conflict-view.png")
        assert stored(live_app, world, OPEN) == "Wij oefenen één keer per jaar met de raad."  # nothing overwritten

        leader.fill(field(world, OPEN), "Wij oefenen drie keer per jaar met de raad.")
        primary.focus()
        leader.keyboard.press("Enter")
        expect(conflict).to_have_count(0)
        wait_for_stored(live_app, world, OPEN, "Wij oefenen drie keer per jaar met de raad.")
        expect(leader.get_by_role("button", name="Opslaan", exact=True)).to_have_class(re.compile("primary-action"))
    finally:
        first.close()
        second.close()


def test_without_javascript_the_general_save_does_not_overwrite_the_newer_text(browser, live_app, world, link):
    store(live_app, world, "Wij oefenen twee keer per jaar.")
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        open_link(page, link(world["leader"]))
        page.goto(page.url + "/thema/1")
        store(live_app, world, "Wij oefenen één keer per jaar met de raad.", version=1, by="Jos Wiersma")
        page.fill(field(world, OPEN), "Wij oefenen drie keer per jaar.")
        page.get_by_role("button", name="Opslaan", exact=True).click()
        conflict = page.locator("div.conflict[data-conflict]")
        expect(conflict).to_be_visible()
        expect(conflict.locator("[data-mine] ins")).to_contain_text("drie")
        expect(page.locator(field(world, OPEN))).to_have_value("Wij oefenen één drie keer per jaar met de raad.")
        page.get_by_role("button", name="Opslaan", exact=True).click()  # the general save: refused again
        expect(page.locator("div.conflict[data-conflict]")).to_be_visible()
        assert stored(live_app, world, OPEN) == "Wij oefenen één keer per jaar met de raad."
        page.fill(field(world, OPEN), "Wij oefenen drie keer per jaar met de raad.")
        page.get_by_role("button", name="Samengevoegde tekst opslaan").click()
        expect(page.locator(".utrecht-alert")).to_contain_text("Uw antwoorden zijn opgeslagen om")
        assert stored(live_app, world, OPEN) == "Wij oefenen drie keer per jaar met de raad."
    finally:
        context.close()


def test_text_typed_while_the_conversation_was_finalised_is_offered_after_a_reload(browser, live_app, world, link,
                                                                                   tmp_path):
    context = new_context(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_theme(page, link, world, world["mayor"])
        with live_app.app_context():
            finalise(db.session, db.session.get(Conversation, world["a"]), "Pieter Dekker")
            db.session.commit()
        page.fill(field(world, OPEN), "Dit typte ik terwijl het verslag werd vastgesteld.")
        page.locator(field(world, OPEN)).blur()
        expect(page.locator("[data-save-status]")).to_contain_text("vastgesteld")
        page.reload()
        offer = page.get_by_role("region", name="Herstel uw tekst")
        expect(offer).to_be_visible()
        kept = offer.get_by_role("textbox")
        expect(kept).to_have_value("Dit typte ik terwijl het verslag werd vastgesteld.")
        expect(kept).to_have_accessible_name(re.compile(r"Haarlem$"))
        assert axe(page) == []
        shot(page, tmp_path, "kept-text.png")
        offer.get_by_role("button", name="Kopiëren").click()
        expect(offer.get_by_role("status")).to_have_text("De tekst is gekopieerd.")
        assert page.evaluate("navigator.clipboard.readText()") == "Dit typte ik terwijl het verslag werd vastgesteld."
        offer.get_by_role("button", name="Tekst uit deze browser weggooien").click()
        page.reload()
        expect(page.get_by_role("region", name="Herstel uw tekst")).to_be_hidden()
        assert stored(live_app, world, OPEN) is None  # a finalised conversation stays as it was
    finally:
        context.close()
