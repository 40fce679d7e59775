"""A project leader plans a round in a real browser: log in, create a round, add a conversation
that first fails validation (nothing typed is lost), fix it, and find it on the dashboard."""
import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def projectleider(live_app):
    from visitatie.accounts.auth import create_user
    from visitatie.extensions import db

    with live_app.app_context():
        create_user(db.session, "pl@example.org", PASSWORD, "projectleider", "Petra Planner")
    return "pl@example.org"


def test_plan_a_round_from_login_to_dashboard(page, live_server, projectleider, tmp_path):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(projectleider)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    assert page.locator("h1").inner_text() == "Rondes"

    page.get_by_role("link", name="Nieuwe ronde").click()
    page.get_by_label("Titel").fill("Gespreksronde digitale veiligheid 2025")
    page.get_by_label("Eerste dag").fill("2025-03-01")
    page.get_by_label("Laatste dag").fill("2025-06-30")
    page.get_by_role("button", name="Opslaan").click()
    assert page.locator("h1").inner_text() == "Gespreksronde digitale veiligheid 2025"

    page.get_by_role("link", name="Nieuw gesprek").click()
    page.locator("#municipality_1").select_option(label="Haarlem")
    page.locator("#municipality_2").select_option(label="Maastricht")
    page.get_by_label("Datum", exact=True).fill("2025-07-15")  # after the round's period
    page.get_by_label("Begintijd").fill("14:00")
    page.get_by_label("Plaats", exact=True).fill("Stadhuis Haarlem")
    page.get_by_label("Naam gespreksleider").fill("Pieter Dekker")
    page.get_by_label("E-mailadres gespreksleider").fill("p.dekker@breda.example")
    page.get_by_label("Gemeente van de gespreksleider").fill("Breda")
    first_row = page.locator(".participant-row").first
    first_row.get_by_label("Naam").fill("Jos Wiersma")
    first_row.get_by_label("E-mailadres").fill("burgemeester@haarlem.example")
    first_row.get_by_label("Rol").select_option("burgemeester")
    first_row.get_by_label("Gemeente").fill("Haarlem")
    page.get_by_role("button", name="Opslaan").click()

    alert = page.get_by_role("alert")
    assert "valt buiten de periode van de ronde" in alert.inner_text()
    page.screenshot(path=str(tmp_path / "conversation-error.png"))
    # Everything typed is still there.
    assert page.get_by_label("Plaats", exact=True).input_value() == "Stadhuis Haarlem"
    assert page.get_by_label("Naam gespreksleider").input_value() == "Pieter Dekker"
    assert page.locator("#municipality_2").input_value() == "GM0935"
    assert page.locator(".participant-row").first.get_by_label("Naam").input_value() == "Jos Wiersma"
    assert page.get_by_label("Datum", exact=True).input_value() == "2025-07-15"

    page.get_by_label("Datum", exact=True).fill("2025-04-15")
    page.get_by_role("button", name="Opslaan").click()
    assert "is opgeslagen" in page.get_by_role("status").first.inner_text()

    page.get_by_role("link", name="Gespreksronde digitale veiligheid 2025").first.click()
    table = page.locator("table.schedule-table")
    assert "Haarlem – Maastricht" in table.inner_text()
    assert "Pieter Dekker (Breda)" in table.inner_text()
    assert "dinsdag 15 april 2025, 14:00" in table.inner_text()
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
