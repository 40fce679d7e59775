"""Accessibility (WCAG 2.2 A and AA, as Dutch government sites must meet) checked by axe-core in
the real browser, on the pages of every audience, with the demo loaded.

axe-core comes from npm (package-lock.json, installed by `make test`); it is evaluated in the page
through the browser's DevTools channel, which the page's Content-Security-Policy does not cover.
Automated checks find only part of the problems, but what they find must be fixed.
"""
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.e2e.conftest import open_link
from visitatie.conversations import invitations
from visitatie.demo.gespreksronde import load_demo
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation, Round

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => (await axe.run(document, {runOnly: tags})).violations.map(v =>
    `${v.impact} ${v.id}: ${v.help} — ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""


@pytest.fixture
def demo_world(live_app):
    with live_app.app_context():
        round_, _ = load_demo(db.session, current_guides())
        conversation = db.session.scalar(select(Conversation).where(
            Conversation.round_id == round_.id, Conversation.status == "gehouden").order_by(Conversation.id))
        mayor = next(p for p in conversation.participations if p.role == "burgemeester")
        _invitation, token = invitations.issue(db.session, mayor, 30)
        visit = db.session.scalar(select(Conversation).join(Round).where(
            Round.kind == "visitatieronde", Conversation.status == "vastgesteld").order_by(Conversation.id))
        db.session.commit()
        return {"round": round_.id, "conversation": conversation.id, "token": token, "visit": visit.id}


@pytest.fixture
def axe_context(browser):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it with npm ci")
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", bypass_csp=True)
    yield context
    context.close()


def violations(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return [f"{url}: {v}" for v in page.evaluate(RUN_AXE, RULES)]


def test_public_pages_have_no_accessibility_violations(axe_context, live_server, demo_world):
    page = axe_context.new_page()
    paths = ["/", "/themas/", "/themas/eigen-huis", "/opbrengst", f"/opbrengst/{demo_world['round']}",
             "/visitaties/landelijk-beeld", "/inloggen"]
    found = [v for path in paths for v in violations(page, live_server + path)]
    # A form with errors too: what the user typed stays, the message is announced.
    page.fill("input[name=email]", "iemand@example.org")
    page.locator("form.narrow-form button[type=submit]").click()
    # Judge the page that came back, laid out: axe run mid-navigation measured a half-styled header.
    page.wait_for_load_state("load")
    page.get_by_role("alert").first.wait_for()
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found += [f"login with errors: {v}" for v in page.evaluate(RUN_AXE, RULES)]
    assert found == []


def test_project_leader_pages_have_no_accessibility_violations(axe_context, live_server, demo_world):
    page = axe_context.new_page()
    page.goto(live_server + "/inloggen")
    page.fill("input[name=email]", "projectleider@example.org")
    page.fill("input[name=password]", "oefenronde-gemeentehuis-2024")
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)
    r, c, v = demo_world["round"], demo_world["conversation"], demo_world["visit"]
    paths = ["/rondes/", f"/rondes/{r}", f"/rondes/{r}/bewerken", f"/planning/rondes/{r}/gemeenten",
             f"/planning/rondes/{r}/voorstel", f"/planning/rondes/{r}/uitnodigingen", f"/planning/rondes/{r}/gegevens",
             f"/planning/rondes/{r}/gesprekken/nieuw", f"/planning/gesprekken/{c}", f"/rondes/{r}/opbrengst",
             f"/rondes/{r}/opbrengst/thema/3", f"/rondes/{r}/opbrengst/cijfers", f"/rondes/{r}/opbrengst/voorbeeld",
             f"/gesprekken/{c}", "/visitaties/", f"/visitaties/{v}", f"/visitaties/{v}/thema/3",
             f"/visitaties/{v}/opvolging", "/visitaties/landelijk-beeld/intern"]
    assert [found for path in paths for found in violations(page, live_server + path)] == []


def test_participant_pages_have_no_accessibility_violations(axe_context, live_server, demo_world):
    page = axe_context.new_page()
    open_link(page, f"{live_server}/uitnodiging/{demo_world['token']}")
    c = demo_world["conversation"]
    paths = [f"/gesprekken/{c}"] + [f"/gesprekken/{c}/thema/{n}" for n in range(1, 6)]
    assert [found for path in paths for found in violations(page, live_server + path)] == []
