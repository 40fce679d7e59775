"""The report of a visitatieronde and its confidential export, from the demo round (seven finalised
visits in 2025, Dalfsen the only host that consented to be named): figures through disclosure control,
recurring recommendations with their follow-up "stand per" the report's date, no other host named;
the export with every visit's scores, recommendations and status history, logged; the refusals."""
import io
import subprocess
from datetime import date

import pytest
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import select

from visitatie.extensions import db
from visitatie.guides.registry import round_guides
from visitatie.models import Round
from visitatie.models.security import SecurityEvent
from visitatie.visits.errors import TooFewVisits
from visitatie.visits.round_report import round_report_content, round_report_pdf

HIDDEN_HOSTS = ("Leeuwarden", "Oss", "Heerenveen", "Zwolle", "Wijk bij Duurstede", "Amersfoort")
TODAY = date(2026, 3, 2)


def _visit_round(title_start="Visitatieronde digitale veiligheid 2025"):
    return db.session.scalar(select(Round).where(Round.title.startswith(title_start)))


@pytest.fixture
def content(app, demo):
    with app.app_context():
        round_ = _visit_round()
        return round_report_content(db.session, round_guides(round_), round_, TODAY)


def test_maturity_per_theme_self_and_committee_through_disclosure_control(content):
    assert content["visits"] == 7 and content["named"] == ["Dalfsen"] and content["unnamed"] == 6
    themes = {t["number"]: t for t in content["themes"]}
    # Committee levels of the seven finalised visits (demo/visits.py), counted by hand:
    # theme 1: 3,2,3,3,2,2,3 -> 3 at level 2, 4 at level 3: both cells 3 or more, shown.
    assert themes[1]["committee"]["counts"] == {"1": 0, "2": 3, "3": 4, "4": 0, "5": 0}
    # theme 3: 3,2,3,4,4,3,2 -> 2 at level 2 and 2 at level 4: both under 3, left out; 3 at level 3 stays.
    assert themes[3]["committee"]["counts"] == {"1": 0, "2": None, "3": 3, "4": None, "5": 0}
    # theme 4: 4,3,2,3,2,2,3 -> level 4 once (suppressed) and, so it cannot be recomputed, level 3 too.
    assert themes[4]["committee"]["counts"] == {"1": 0, "2": 3, "3": None, "4": None, "5": 0}
    # Self-assessment of theme 1: six at level 3, one at level 2: all but one in one cell, all hidden.
    assert themes[1]["self"]["counts"] == dict.fromkeys("12345") and themes[1]["self"]["n"] == 7
    assert content["any_suppressed"]


def test_recurring_recommendations_with_their_follow_up(content):
    theme_1 = content["themes"][0]
    (recommendation,) = theme_1["recommendations"]
    assert recommendation["text"].startswith("Voer het gesprek met de raad")
    assert recommendation["visits"] == 7
    # Four hosts reported the conversation with the council under way; three have not started.
    assert recommendation["status"]["counts"] == {"open": 3, "in_uitvoering": 4, "afgerond": 0,
                                                  "niet_overgenomen": 0}
    theme_2 = content["themes"][1]
    # All seven still open: one cell holds everyone, so the statuses are hidden.
    assert theme_2["recommendations"][0]["status"]["counts"] == dict.fromkeys(
        ("open", "in_uitvoering", "afgerond", "niet_overgenomen"))
    assert content["themes"][3]["recommendations"] == []  # theme 4 has no recommendation in the demo


def test_the_word_report_names_only_the_consenting_host(app, auth, client, demo):
    auth.as_projectleider()
    with app.app_context():
        round_id = _visit_round().id
    response = client.get(f"/rondes/{round_id}/opbrengst/rapport.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="rapport-visitatieronde-{round_id}.docx"'
    document = Document(io.BytesIO(response.data))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Leiderschap en professionalisering" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "gesprekken" not in body.split("Inleiding")[-1].split("Verantwoording")[0]  # not the conversation template
    assert "Dalfsen en 6 andere gemeenten" in body
    for host in HIDDEN_HOSTS:
        assert host not in body + cells
    assert "stand per" in body and "– = niet getoond" in body
    assert "Visitatiecommissie" in cells and "–" in cells
    assert document.core_properties.author == "VNG" and document.core_properties.language == "nl-NL"


def test_the_pdf_report_is_tagged_and_says_the_same(content, tmp_path):
    import pikepdf

    pdf = round_report_pdf(content)
    document = pikepdf.open(io.BytesIO(pdf))
    assert "/StructTreeRoot" in document.Root and str(document.Root.Lang) == "nl-NL"
    assert str(document.docinfo["/Title"]) == "Visitatieronde digitale veiligheid 2025 (demo)"
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "stand per 2 maart 2026" in text and "Dalfsen en 6 andere gemeenten" in text
    for host in HIDDEN_HOSTS:
        assert host not in text


def test_a_round_with_fewer_than_five_finalised_visits_has_no_report(app, auth, client, runner, world, tmp_path):
    with app.app_context():
        round_ = _visit_round("Visitatieronde 2025")
        with pytest.raises(TooFewVisits):
            round_report_content(db.session, round_guides(round_), round_, TODAY)
        round_id = round_.id
    auth.as_projectleider()
    response = client.get(f"/rondes/{round_id}/opbrengst/rapport.docx", follow_redirects=True)
    assert "pas gemaakt vanaf 5 vastgestelde visitaties; deze ronde heeft er 0" in response.text
    result = runner.invoke(args=["report", str(round_id), "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 1 and "vanaf 5 vastgestelde visitaties" in result.output
    assert not (tmp_path / "r.pdf").exists()


def test_the_confidential_export_holds_every_visit_and_is_logged(app, auth, client, demo):
    auth.as_projectleider()
    with app.app_context():
        round_id = _visit_round().id
    response = client.get(f"/rondes/{round_id}/opbrengst/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Voorblad", "Scores", "Aanbevelingen", "Opvolging"]
    for sheet in workbook.worksheets:
        assert sheet.oddHeader.center.text == "Vertrouwelijk" and sheet.oddFooter.left.text == "Vertrouwelijk"
    scores = list(workbook["Scores"].values)
    assert scores[0][:4] == ("Visitatie", "Gemeente", "Datum", "Status")
    assert len(scores) - 1 == 9 * 5  # nine visits in the round (also the held and the planned one), five themes
    assert {row[1] for row in scores[1:]} >= {"Leeuwarden", "Haarlem", "Delft"}
    leeuwarden = [row for row in scores[1:] if row[1] == "Leeuwarden"]
    assert [(row[4], row[6], row[7]) for row in leeuwarden] == [(1, 3, 3), (2, 3, 2), (3, 3, 3), (4, 4, 4), (5, 4, 3)]
    follow = list(workbook["Opvolging"].values)
    assert sum(1 for row in follow[1:] if row[6] == "in uitvoering") == 4
    with app.app_context():
        event = db.session.scalars(select(SecurityEvent).where(SecurityEvent.kind == "export")).all()[-1]
        assert event.detail == f"vertrouwelijk-visitatieronde-{round_id}.xlsx" and event.round_id == round_id


def test_the_commands_report_export_and_verslag(app, runner, demo, tmp_path):
    with app.app_context():
        round_ = _visit_round()
        round_id, visit_id = round_.id, round_.conversations[0].id
    result = runner.invoke(args=["report", str(round_id), "--out", str(tmp_path / "r.docx")])
    assert result.exit_code == 0, result.output
    assert "rapport van de visitatieronde, 7 vastgestelde visitaties" in result.output
    assert Document(str(tmp_path / "r.docx")).core_properties.title == "Visitatieronde digitale veiligheid 2025 (demo)"
    result = runner.invoke(args=["export", str(round_id), "--out", str(tmp_path / "v.xlsx")])
    assert result.exit_code == 0 and load_workbook(tmp_path / "v.xlsx").sheetnames[1] == "Scores"
    result = runner.invoke(args=["verslag", str(visit_id), "--out", str(tmp_path / "v.docx")])
    assert result.exit_code == 1
    assert f"is een visitatie, geen bestuurlijk gesprek. Gebruik `flask --app visitatie visitatierapport {visit_id}" \
        in result.output
    assert not (tmp_path / "v.docx").exists()


def test_a_visit_in_the_calendar_says_visitatie_with_committee_and_preparation(app, auth, client, demo):
    auth.as_projectleider()
    with app.app_context():
        round_id = _visit_round().id
    calendar = Calendar.from_ical(client.get(f"/planning/rondes/{round_id}.ics").data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert "Visitatie Leeuwarden" in events and not any(s.startswith("Bestuurlijk gesprek") for s in events)
    description = str(events["Visitatie Leeuwarden"]["description"])
    assert "Visitatiecommissie:" in description
    assert "- Anna Verhoef, burgemeester van Breda (lid)" in description
    assert "- Fenna Hofstra, projectleider VNG (secretaris)" in description
    assert "Voorbereiding door de gemeente: vul vooraf per prioriteit de zelfevaluatie in" in description
    assert "/visitaties/" in description and "@" not in description
