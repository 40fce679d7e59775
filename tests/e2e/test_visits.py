"""A committee member scores a theme in a real browser and sees it beside the self-assessment.

Screenshots of the visit pages go to the test's tmp folder (pytest keeps the last runs' folders) so
a person can look at them."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_link
from tests.visit_world import build_visits
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Participation
from visitatie.models.visits import MaturityScore
from visitatie.visits import ChecklistInput, ScoreInput, save_assessment

pytestmark = pytest.mark.e2e


@pytest.fixture
def visit(live_app):
    with live_app.app_context():
        w = build_visits(db.session, current_guides())
        save_assessment(db.session, current_guides(), w.first, 1, "self",
                        ScoreInput(4, "Digitale veiligheid staat in het IVP en in de kadernota."), "Jos Wiersma",
                        [ChecklistInput("ivp", True)])
        return {"id": w.first.id, "member": w.participation(w.first, "commissielid", "Pieter Dekker").id}


def link(live_app, live_server, participation_id):
    with live_app.app_context():
        _invitation, token = invitations.issue(db.session, db.session.get(Participation, participation_id), 30)
        db.session.commit()
    return f"{live_server}/uitnodiging/{token}"


def test_a_committee_member_scores_a_theme_and_sees_it_beside_the_self_assessment(page, live_app, live_server,
                                                                                   visit, tmp_path):
    open_link(page, link(live_app, live_server, visit["member"]))
    expect(page.locator("h1")).to_have_text("Visitatie Haarlem")
    page.get_by_role("link", name="1. Leiderschap en professionalisering").click()
    expect(page.locator("h1")).to_have_text("Leiderschap en professionalisering")
    self_panel = page.locator("#self-panel")
    expect(self_panel).to_contain_text("4 – Geborgd")
    expect(self_panel).to_contain_text("Digitale veiligheid staat in het IVP en in de kadernota.")

    committee = page.locator("#committee-panel")
    committee.get_by_role("button", name="Oordeel opslaan").click()  # nothing chosen yet: refused, in Dutch
    expect(page.locator("#committee-level-error")).to_have_text("Kies een niveau van 1 tot en met 5.")
    page.get_by_label("Toelichting").fill("Er is een IVP, maar nog geen uitvoeringsplan; de raad is niet betrokken.")
    page.get_by_label("3 – Ingericht").check()
    committee.get_by_role("button", name="Oordeel opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Het oordeel van de commissie is opgeslagen.")
    expect(page.locator("p.difference")).to_contain_text("−1")
    page.screenshot(path=str(tmp_path / "visit-theme.png"), full_page=True)

    page.get_by_role("link", name="Overzicht").first.click()
    row = page.get_by_role("row", name=re.compile("Leiderschap en professionalisering"))
    expect(row).to_contain_text("4 – Geborgd")
    expect(row).to_contain_text("3 – Ingericht")
    expect(row).to_contain_text("−1")
    page.screenshot(path=str(tmp_path / "visit.png"), full_page=True)

    with live_app.app_context():
        score = db.session.query(MaturityScore).filter_by(conversation_id=visit["id"], source="committee").one()
        assert (score.level, score.updated_by) == (3, "Pieter Dekker")
