"""A project leader plans a round of 20 conversations in a real browser through the bulk paths:
the contacts register, the self-scan, the gespreksleiders pool, accepting all pairs, the planning
spreadsheet edited as in Excel (with its preview), assigning all gespreksleiders and issuing every
invitation in one batch. Every click is counted: fewer than 40 for the whole round."""
import io
import random
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import PASSWORD
from visitatie.scheduling.planning_sheet import HEADERS

pytestmark = pytest.mark.e2e
TOWNS = 40  # 20 conversations


@pytest.fixture
def projectleider(live_app):
    from visitatie.accounts.auth import create_user
    from visitatie.extensions import db

    with live_app.app_context():
        create_user(db.session, "pl@example.org", PASSWORD, "projectleider", "Petra Planner")
    return "pl@example.org"


@pytest.fixture
def files(live_app, tmp_path):
    """The lists VNG has: contacts of 40 municipalities, their self-scans, a pool of six mayors."""
    from visitatie.extensions import db
    from visitatie.models import Municipality

    rng = random.Random(18)
    with live_app.app_context():
        towns = list(db.session.scalars(select(Municipality).order_by(Municipality.code)))
    chosen, volunteers = towns[:TOWNS], towns[100:106]
    contacts = ["gemeente;rol;naam;email"] + [
        f"{t.code};{role};{label} {t.name};{role}@{t.code.lower()}.example.org"
        for t in chosen
        for role, label in (("burgemeester", "Burgemeester"), ("ciso", "CISO"), ("adviseur_oov", "OOV"))]
    scan = ["code;thema_1;thema_2;thema_3;thema_4;thema_5"] + [
        ";".join([t.code] + [str(rng.randint(1, 5)) for _ in range(5)]) for t in chosen]
    pool = ["naam;email;gemeente;maximum"] + [f"Leider {t.name};leider@{t.code.lower()}.example.org;{t.name};4"
                                              for t in volunteers]
    paths = {}
    for name, lines in (("contacten.csv", contacts), ("zelfscan.csv", scan), ("pool.csv", pool)):
        paths[name] = tmp_path / name
        paths[name].write_text("\r\n".join(lines), encoding="utf-8")
    return paths


def schedule(path):
    """What the project leader types in Excel: a date, a time and a place for every conversation."""
    workbook = load_workbook(path)
    sheet = workbook["Planning"]
    column = {h: i + 1 for i, h in enumerate(HEADERS)}
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column["Datum"], value=f"2025-04-{row:02d}")
        sheet.cell(row=row, column=column["Begintijd"], value="14:00")
        sheet.cell(row=row, column=column["Plaats"], value="Gemeentehuis")
    workbook.save(path)
    return sheet.max_row - 1


def test_a_round_of_twenty_conversations_in_fewer_than_forty_clicks(page, live_server, projectleider, files,
                                                                      tmp_path, live_app):
    clicks = 0

    def click(locator):
        nonlocal clicks
        clicks += 1
        locator.click()

    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill(projectleider)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    click(page.get_by_role("button", name="Inloggen"))
    click(page.get_by_role("link", name="Nieuwe ronde"))
    page.get_by_label("Titel").fill("Landelijke gespreksronde 2025")
    page.get_by_label("Eerste dag").fill("2025-03-01")
    page.get_by_label("Laatste dag").fill("2025-06-30")
    click(page.get_by_role("button", name="Opslaan"))
    round_url = page.url

    click(page.get_by_role("link", name="Contactenregister"))
    page.get_by_label("Bestand (Excel of CSV)").set_input_files(files["contacten.csv"])
    click(page.get_by_role("button", name="Register inlezen"))
    assert "120 vermeldingen toegevoegd" in page.get_by_role("status").first.inner_text()
    click(page.get_by_role("link", name="Terug naar Landelijke gespreksronde 2025"))

    click(page.get_by_role("link", name="Gemeenten en zelfscan"))
    page.get_by_label("Zelfscan (CSV)").set_input_files(files["zelfscan.csv"])
    click(page.get_by_role("button", name="Inlezen"))

    click(page.get_by_role("link", name="Gespreksleiders"))
    page.get_by_label("Bestand (Excel of CSV)").set_input_files(files["pool.csv"])
    click(page.get_by_role("button", name="Pool inlezen"))

    click(page.get_by_role("link", name="Koppelvoorstel"))
    click(page.get_by_role("button", name="Alle 20 paren aannemen"))
    assert "20 gesprekken aangemaakt" in page.get_by_role("status").first.inner_text()

    click(page.get_by_role("link", name="Planningsbestand"))
    with page.expect_download() as download:
        click(page.get_by_role("link", name="Planning downloaden (Excel)"))
    sheet = tmp_path / "planning.xlsx"
    download.value.save_as(sheet)
    assert schedule(sheet) == 20
    page.get_by_label("Bestand (Excel of CSV)").set_input_files(sheet)
    click(page.get_by_role("button", name="Controleren"))
    assert "Voorbeeld: 20 gesprekken veranderen" in page.locator("h2#preview-heading").inner_text()
    page.screenshot(path=str(tmp_path / "planning-preview.png"), full_page=True)
    click(page.get_by_role("button", name="Wijzigingen opslaan"))
    assert "20 gesprekken bijgewerkt" in page.get_by_role("status").first.inner_text()

    click(page.get_by_role("link", name="Gespreksleiders"))
    assert page.locator(".pair-card").count() == 20
    click(page.get_by_role("button", name="Voorstellen toewijzen"))
    assert "20 gesprekken hebben nu een gespreksleider" in page.get_by_role("status").first.inner_text()

    click(page.get_by_role("link", name="Uitnodigingen"))
    assert "140 deelnemers in 20 gesprekken" in page.locator(".invitation-preview").inner_text()
    with page.expect_download() as download:
        click(page.get_by_role("button", name="Links aanmaken en uitnodigingen ophalen"))
    letters = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    assert len([n for n in letters.namelist() if n.endswith(".txt")]) == 140

    page.goto(round_url)
    table = page.locator("table.schedule-table").inner_text()
    assert table.count("Leider ") == 20 and "14:00" in table
    print(f"\nclicks to plan a round of 20 conversations: {clicks}")
    assert clicks < 40
