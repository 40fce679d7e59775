"""One browser, two roles (issue 14): a project leader signed in opens a participant's link in a second
tab of the same browser context; both stay usable, each with its own rights, and the participant
reaches all their open conversations through Mijn gesprekken."""
import re
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import open_link
from tests.e2e.test_accessibility import AXE, RULES, RUN_AXE, axe_context  # noqa: F401  (fixture)
from tests.factories import conversation, municipality, participant
from tests.participant_world import build_world
from visitatie.accounts.auth import create_user
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.guides.registry import current_guides

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_places(live_app):
    """Jos Wiersma, burgemeester of Haarlem, in A (Haarlem–Maastricht) and in C (Haarlem–Oss, planned);
    a project leader's account; links for Jos in both."""
    with live_app.app_context():
        w = build_world(db.session, current_guides())
        oss, jos, haarlem = municipality(db.session, "Oss"), w.mayor.person, w.haarlem
        c = conversation(db.session, w.round, [haarlem, oss], status="gepland", place="Stadhuis Oss",
                         starts_at=datetime(2024, 3, 5, 9, 30, tzinfo=timezone.utc))
        in_c = participant(db.session, c, "burgemeester", haarlem, person=jos)
        create_user(db.session, "pl@example.org", PASSWORD, "projectleider", "Petra Plan")
        db.session.flush()
        _i, token_a = invitations.issue(db.session, w.mayor, 30)
        invitations.issue(db.session, in_c, 30)
        db.session.commit()
        return {"round": w.round.id, "a": w.a.id, "b": w.b.id, "c": c.id, "token_a": token_a}


def _sign_in(page, live_server):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("pl@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)


def test_a_project_leader_and_a_participant_link_side_by_side_in_one_browser(context, live_server, two_places):
    leader_tab = context.new_page()
    _sign_in(leader_tab, live_server)
    participant_tab = context.new_page()  # the same browser context: one cookie jar
    open_link(participant_tab, f"{live_server}/uitnodiging/{two_places['token_a']}")
    expect(participant_tab.locator(".acting-as")).to_have_text("U werkt als deelnemer: Jos Wiersma (burgemeester, "
                                                               "Haarlem)")
    expect(participant_tab.locator(".acting-as-note")).to_contain_text("Uw account als projectleider blijft apart "
                                                                       "aangemeld")

    # The project leader's tab still works as the project leader's, on the round and on conversation B.
    leader_tab.goto(f"{live_server}/rondes/{two_places['round']}")
    expect(leader_tab.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rondes")).to_be_visible()
    leader_tab.goto(f"{live_server}/gesprekken/{two_places['b']}")
    expect(leader_tab.get_by_role("link", name="Planning en deelnemers bewerken")).to_be_visible()
    expect(leader_tab.locator(".acting-as")).to_have_count(0)

    # The participant's tab answers for Haarlem (and only Haarlem) in A.
    participant_tab.goto(f"{live_server}/gesprekken/{two_places['a']}/thema/1")
    field = participant_tab.locator(".question-card:not([hidden]) textarea:not([disabled])").first
    field.fill("De burgemeester is eigenaar.")
    expect(participant_tab.locator("[data-save-status]")).to_contain_text("Opgeslagen om")
    # Maastricht's answers are read, not typed: the account's rights (every municipality) do not apply here.
    expect(participant_tab.get_by_role("textbox", name=re.compile(r"Haarlem$")).first).to_be_visible()
    expect(participant_tab.get_by_role("textbox", name=re.compile(r"Maastricht$"))).to_have_count(0)

    # Mijn gesprekken: both open conversations; going into C binds the tab to C.
    participant_tab.get_by_role("link", name="Mijn gesprekken").click()
    expect(participant_tab.get_by_role("heading", name="Mijn gesprekken", level=1)).to_be_visible()
    expect(participant_tab.get_by_role("heading", name="Gesprek tussen Haarlem en Maastricht")).to_be_visible()
    card_c = participant_tab.locator(".my-conversation").filter(has_text="Gesprek tussen Haarlem en Oss")
    expect(card_c).to_contain_text("5 maart 2024, 10.30 uur")
    expect(card_c).to_contain_text("burgemeester, Haarlem")
    card_c.get_by_role("button", name="Naar dit gesprek").click()
    participant_tab.wait_for_url(f"{live_server}/gesprekken/{two_places['c']}")
    expect(participant_tab.get_by_role("heading", name="Haarlem – Oss", level=1)).to_be_visible()

    # Logging the participant out leaves the project leader signed in, and the other way round.
    participant_tab.locator(".site-tools").get_by_role("button", name="Uitloggen").click()
    expect(participant_tab.get_by_text("U bent afgemeld als deelnemer.")).to_be_visible()
    leader_tab.goto(f"{live_server}/rondes/")
    expect(leader_tab.get_by_role("heading", name="Rondes", level=1)).to_be_visible()
    open_link(participant_tab, f"{live_server}/uitnodiging/{two_places['token_a']}")
    leader_tab.locator(".site-tools").get_by_role("button", name="Uitloggen").click()
    participant_tab.goto(f"{live_server}/mijn-gesprekken")
    expect(participant_tab.get_by_role("heading", name="Mijn gesprekken", level=1)).to_be_visible()
    expect(participant_tab.locator(".acting-as")).to_contain_text("Jos Wiersma")
    expect(participant_tab.locator(".acting-as-note")).to_have_count(0)


def test_mijn_gesprekken_has_no_accessibility_violations_in_dutch_and_english(axe_context, live_server, two_places,
                                                                             tmp_path):
    page = axe_context.new_page()
    open_link(page, f"{live_server}/uitnodiging/{two_places['token_a']}")
    found = []
    for language in ("nl", "en"):
        response = page.goto(f"{live_server}/mijn-gesprekken")
        assert response.status == 200
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found += [f"{language}: {v}" for v in page.evaluate(RUN_AXE, RULES)]
        if language == "nl":
            page.screenshot(path=str(tmp_path / "my-conversations.png"), full_page=True)
            page.get_by_role("button", name="English").click()
            page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="My conversations", level=1)).to_be_visible()
    assert found == []
