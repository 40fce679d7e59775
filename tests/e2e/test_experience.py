"""The experience of mayors and project leaders in a real browser (issue 14): controls that look like
what they are, confirmations before what cannot be undone, the answering page on a phone."""
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.e2e.conftest import open_link
from tests.e2e.test_accessibility import AXE, axe_context, demo_world, violations  # noqa: F401  (fixtures)
from tests.participant_world import build_world
from visitatie.accounts.auth import create_user
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation, Participation
from visitatie.models.opbrengst import Publication
from visitatie.models.types import utcnow

pytestmark = pytest.mark.e2e

PROJECT_LEADER, DEMO_PASSWORD = "projectleider@example.org", "oefenronde-gemeentehuis-2024"

# Per <select>: does it show an arrow? Either the browser draws its own (appearance not "none") or
# the stylesheet draws one (a background image), or it is a list box (multiple) that needs none.
SELECT_ARROWS = """() => [...document.querySelectorAll('select')].map(s => {
    const style = getComputedStyle(s);
    return {name: s.name || s.id, multiple: s.multiple, appearance: style.appearance,
            image: style.backgroundImage, width: s.getBoundingClientRect().width};
})"""


def sign_in(page, live_server):
    page.goto(live_server + "/inloggen")
    page.fill("input[name=email]", PROJECT_LEADER)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)


def test_every_select_on_the_main_pages_shows_an_arrow(page, live_server, demo_world):  # noqa: F811
    sign_in(page, live_server)
    r, c = demo_world["round"], demo_world["conversation"]
    paths = ["/rondes/nieuw", f"/rondes/{r}/bewerken", f"/planning/rondes/{r}/voorstel",
             f"/planning/rondes/{r}/uitnodigingen", f"/planning/rondes/{r}/gesprekken/nieuw",
             f"/planning/gesprekken/{c}", f"/rondes/{r}/opbrengst/cijfers", f"/gesprekken/{c}/thema/1",
             f"/planning/rondes/{r}/gemeenten"]
    seen, without_arrow = 0, []
    for path in paths:
        response = page.goto(live_server + path)
        assert response.status == 200, path
        for element in page.evaluate(SELECT_ARROWS):
            if element["width"] == 0:
                continue  # hidden (e.g. a closed <details>): nothing to see
            seen += 1
            drawn = element["image"].startswith("url(") and "svg" in element["image"]
            if not (element["multiple"] or element["appearance"] != "none" or drawn):
                without_arrow.append(f"{path} {element['name']}")
    assert seen >= 8, f"only {seen} visible selects on the main pages: the page list no longer covers them"
    assert without_arrow == []


# --- Confirmations before what cannot be undone ---------------------------------------------------


@pytest.fixture
def planned_world(live_app):
    """The participant world, with conversation A planned a week ahead and a project leader's account."""
    with live_app.app_context():
        w = build_world(db.session, current_guides())
        w.a.starts_at, w.a.status = utcnow() + timedelta(days=7), "gepland"
        create_user(db.session, "pl@example.org", PASSWORD, "projectleider", "Petra Plan")
        invitations.issue(db.session, w.mayor, 30)
        db.session.commit()
        return {"round": w.round.id, "a": w.a.id, "leader": w.leader.id, "mayor": w.mayor.id}


def issue_link(live_app, live_server, participation_id):
    with live_app.app_context():
        _invitation, token = invitations.issue(db.session, db.session.get(Participation, participation_id), 30)
        db.session.commit()
    return f"{live_server}/uitnodiging/{token}"


def status_of(live_app, conversation_id):
    with live_app.app_context():
        db.session.expire_all()
        return db.session.get(Conversation, conversation_id).status


def sign_in_as(page, live_server, email="pl@example.org", password=PASSWORD):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)


def test_finalising_before_the_planned_date_asks_first_and_says_so(page, live_app, live_server, planned_world):
    open_link(page, issue_link(live_app, live_server, planned_world["leader"]))
    page.get_by_role("button", name="Verslag vaststellen").click()
    dialog = page.get_by_role("dialog", name="Verslag vaststellen?")
    expect(dialog).to_contain_text("Na het vaststellen kan niemand de antwoorden nog wijzigen")
    expect(dialog).to_contain_text(re.compile(r"gepland op \d{1,2} \w+ \d{4}, \d\d\.\d\d uur en is dus nog niet "
                                              r"gehouden"))
    dialog.get_by_role("button", name="Annuleren").click()
    expect(dialog).to_have_count(0)
    assert status_of(live_app, planned_world["a"]) == "gepland"

    page.get_by_role("button", name="Verslag vaststellen").click()
    page.get_by_role("dialog").get_by_role("button", name="Ja, verslag vaststellen").click()
    expect(page.get_by_role("status").first).to_contain_text("Het verslag is vastgesteld")
    assert status_of(live_app, planned_world["a"]) == "vastgesteld"


def test_publishing_names_the_empty_priorities_and_a_new_link_says_the_old_one_dies(page, live_app, live_server,
                                                                                    planned_world):
    sign_in_as(page, live_server)
    page.goto(f"{live_server}/rondes/{planned_world['round']}/opbrengst")
    page.get_by_role("button", name="Publiceer versie 1").click()
    dialog = page.get_by_role("dialog", name="Versie 1 publiceren?")
    expect(dialog).to_contain_text("Versie 1 wordt openbaar")
    # Nothing is curated in this world: all five priorities are empty.
    expect(dialog).to_contain_text("Bij 5 van de 5 prioriteiten is nog niets samengesteld: 1. Leiderschap")
    dialog.get_by_role("button", name="Annuleren").click()
    with live_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Publication)) == 0

    page.goto(f"{live_server}/planning/rondes/{planned_world['round']}/uitnodigingen")
    page.get_by_role("button", name="Nieuwe link voor Jos Wiersma").click()
    dialog = page.get_by_role("dialog", name="Nieuwe link voor Jos Wiersma?")
    expect(dialog).to_contain_text("De huidige link van Jos Wiersma werkt direct niet meer")
    with page.expect_download() as download:
        dialog.get_by_role("button", name="Ja, maak een nieuwe link").click()
    assert "Jos Wiersma" in Path(download.value.path()).read_text(encoding="utf-8")
    # The page stayed (a download): the next click asks again.
    page.get_by_role("button", name="Nieuwe link voor Jos Wiersma").click()
    expect(page.get_by_role("dialog")).to_be_visible()


def test_without_javascript_a_confirmation_page_asks_first(browser, live_app, live_server, planned_world):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", java_script_enabled=False)
    page = context.new_page()
    sign_in_as(page, live_server)
    page.goto(f"{live_server}/planning/rondes/{planned_world['round']}/uitnodigingen")
    page.get_by_role("button", name="Nieuwe link voor Jos Wiersma").click()
    expect(page.locator("h1")).to_have_text("Nieuwe link voor Jos Wiersma?")
    with page.expect_download() as download:
        page.get_by_role("button", name="Ja, maak een nieuwe link").click()
    assert "Jos Wiersma" in Path(download.value.path()).read_text(encoding="utf-8")

    page.goto(f"{live_server}/gesprekken/{planned_world['a']}")
    page.get_by_role("button", name="Verslag vaststellen").click()
    expect(page.locator("h1")).to_have_text("Verslag vaststellen?")
    expect(page.get_by_role("alert")).to_contain_text("nog niet gehouden")
    assert status_of(live_app, planned_world["a"]) == "gepland"
    page.get_by_role("button", name="Ja, verslag vaststellen").click()
    expect(page.get_by_role("status").first).to_contain_text("Het verslag is vastgesteld")
    assert status_of(live_app, planned_world["a"]) == "vastgesteld"
    context.close()


# --- Accessibility: language of parts, unique landmarks ---------------------------------------------

# Best-practice rules beyond the WCAG tags of test_accessibility: a screen reader lists landmarks by
# name, so five regions called "Kerncijfers" cannot be told apart.
LANDMARK_RULES = """async () => (await axe.run(document, {runOnly: {type: 'rule',
    values: ['landmark-unique', 'landmark-no-duplicate-main', 'landmark-one-main']}})).violations.map(v =>
    `${v.id}: ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""
# Elements holding the Dutch guide or curated text whose nearest lang is not Dutch.
NOT_DUTCH = """(selectors) => selectors.flatMap(selector => [...document.querySelectorAll(selector)]
    .filter(e => (e.closest('[lang]') || document.documentElement).getAttribute('lang') !== 'nl')
    .map(e => `${selector}: ${e.textContent.trim().slice(0, 40)}`))"""


def all_violations(page, url):
    found = violations(page, url)  # WCAG 2.2 A/AA, loads axe into the page
    return found + [f"{url}: {v}" for v in page.evaluate(LANDMARK_RULES)]


def test_public_opbrengst_and_english_participant_pages_pass_axe_with_dutch_parts_marked(
        axe_context, live_server, demo_world):  # noqa: F811
    page = axe_context.new_page()
    r, c = demo_world["round"], demo_world["conversation"]
    found = all_violations(page, f"{live_server}/opbrengst/{r}")

    open_link(page, f"{live_server}/uitnodiging/{demo_world['token']}")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    for path in [f"/opbrengst/{r}", f"/gesprekken/{c}"] + [f"/gesprekken/{c}/thema/{n}" for n in range(1, 6)]:
        found += all_violations(page, live_server + path)
        if path.startswith(f"/gesprekken/{c}/thema/"):
            found += page.evaluate(NOT_DUTCH, ["h1", ".recommendation", ".theme-steps__title", ".question-card__text",
                                               ".question-help", ".doorvragen__list",
                                               ".answer-choice label span:last-child"])
        elif path.startswith("/opbrengst/"):
            found += page.evaluate(NOT_DUTCH, [".yield-theme__title", ".yield-findings", ".yield-lessons__text",
                                               ".yield-quote blockquote", ".yield-main-lesson__text"])
    assert page.locator(".question-card__text").count() > 0
    assert found == []


# --- The answering page on a phone --------------------------------------------------------------

PHONE = {"width": 390, "height": 844}
MEASURE = """() => {
    const box = selector => {
        const e = document.querySelector(selector);
        return e ? e.getBoundingClientRect() : null;
    };
    const bar = box('.form-actions'), header = box('.site-header');
    const first = [...document.querySelectorAll('.question-card:not([hidden]) [data-input]')][0]
        .getBoundingClientRect();
    const question = document.querySelector('.question-card:not([hidden]) .question-card__text')
        .getBoundingClientRect();
    return {header: header.height, bar: bar.height, barTop: bar.top, question: question.top, field: first.top,
            fieldBottom: first.top + Math.min(first.height, 48), width: document.documentElement.scrollWidth};
}"""


def test_on_a_phone_the_first_question_is_in_the_first_screen_and_the_bar_is_small(browser, live_app, live_server,
                                                                                    planned_world, tmp_path):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=PHONE,
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_link(page, issue_link(live_app, live_server, planned_world["mayor"]))
    page.goto(f"{live_server}/gesprekken/{planned_world['a']}/thema/1")
    expect(page.locator("[data-save-status]")).to_contain_text("automatisch opgeslagen")
    sizes = page.evaluate(MEASURE)
    page.screenshot(path=str(tmp_path / "phone-theme.png"))
    assert sizes["width"] <= PHONE["width"], sizes  # nothing wider than the phone
    assert sizes["bar"] <= 64, sizes  # the sticky bar leaves the screen to the questions
    # The first question and the top of its answer field are above the sticky bar, in the first screen.
    assert sizes["question"] >= 0 and sizes["fieldBottom"] <= sizes["barTop"], sizes
    # Answering with the thumb: the field takes the text, the bar's save button is in reach.
    page.locator(".question-card:not([hidden]) [data-input]").first.tap()
    page.keyboard.type("De burgemeester.")
    expect(page.locator("[data-save-status]")).to_contain_text("Opgeslagen om")
    context.close()
