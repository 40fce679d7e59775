"""Downloads for project leaders and the `export` and `report` commands."""
import io
import zipfile

import docx
import pandas as pd
from sqlalchemy import select

from visitatie.extensions import db
from visitatie.models.security import SecurityEvent
from visitatie.opbrengst import export


def document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def export_events(app) -> list[tuple]:
    with app.app_context():
        return [(e.kind, e.actor, e.round_id, e.detail) for e in db.session.scalars(
            select(SecurityEvent).where(SecurityEvent.kind == "export").order_by(SecurityEvent.id))]


def test_confidential_excel_download_of_a_selection_is_logged(app, client, auth, demo):
    auth.as_projectleider()
    response = client.get(f"/rondes/{demo}/opbrengst/export.xlsx?ronde={demo}&provincie=Limburg")
    assert response.status_code == 200
    filename = f"vertrouwelijk-opbrengst-ronde-{demo}.xlsx"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.headers["Cache-Control"] == "no-store"
    sheets = pd.read_excel(io.BytesIO(response.data), sheet_name=None)
    assert list(sheets["Antwoorden"]["Gemeente"]) == ["Maastricht"]
    cover = dict(zip(sheets["Voorblad"]["Onderdeel"], sheets["Voorblad"]["Waarde"], strict=True))
    assert cover["Selectie"] == "provincie: Limburg" and "Let op" in cover
    assert cover["Geëxporteerd door"] == "pl@example.org"
    assert export_events(app) == [("export", "pl@example.org", demo, filename)]


def test_confidential_csv_download_dutch_or_international(app, client, auth, demo):
    auth.as_projectleider()
    response = client.get(f"/rondes/{demo}/opbrengst/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert "voorblad.csv" in archive.namelist() and "antwoorden.csv" in archive.namelist()
    assert archive.read("antwoorden.csv").decode("utf-8-sig").splitlines()[0].startswith("Ronde (nr.);Ronde;")
    response = client.get(f"/rondes/{demo}/opbrengst/export.zip?scheiding=internationaal")
    first = zipfile.ZipFile(io.BytesIO(response.data)).read("antwoorden.csv").decode("utf-8-sig").splitlines()[0]
    assert first.startswith("Ronde (nr.),Ronde,")
    assert len(export_events(app)) == 2


def test_public_figures_only_after_publication(app, client, auth, demo):
    auth.as_projectleider()
    response = client.get(f"/rondes/{demo}/opbrengst/openbare-cijfers.xlsx")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/rondes/{demo}/opbrengst")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Er is voor deze ronde nog niets gepubliceerd" in page
    assert export_events(app) == []


def test_public_figures_download_is_the_published_version_and_logged(app, client, auth, published):
    auth.as_projectleider()
    response = client.get(f"/rondes/{published}/opbrengst/openbare-cijfers.xlsx")
    assert response.status_code == 200
    filename = f"openbare-cijfers-ronde-{published}-versie-1.xlsx"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    sheets = pd.read_excel(io.BytesIO(response.data), sheet_name=None)
    assert list(sheets) == ["Toelichting", "Kerncijfers", "Schalen", "Lessen", "Thema's", "Volwassenheid"]
    about = dict(zip(sheets["Toelichting"]["Onderdeel"], sheets["Toelichting"]["Waarde"], strict=True))
    assert about["Versie"] == 1 and about["Hoofdles"] == "Digitale veiligheid is chefsache."
    response = client.get(f"/rondes/{published}/opbrengst/openbare-cijfers.zip")
    assert "kerncijfers.csv" in zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert [e[3] for e in export_events(app)] == [filename, f"openbare-cijfers-ronde-{published}-versie-1.csv.zip"]


def test_export_command_writes_confidential_excel_or_csv_and_logs(app, runner, demo, tmp_path):
    result = runner.invoke(args=["export", str(demo), "--out", str(tmp_path / "opbrengst.xlsx")])
    assert result.exit_code == 0, result.output
    assert "VERTROUWELIJK" in result.output
    sheets = pd.read_excel(tmp_path / "opbrengst.xlsx", sheet_name=None)
    assert list(sheets)[:3] == ["Voorblad", "Antwoorden", "Markeringen"]
    assert list(sheets["Kerncijfers"].columns) == [export.HEADERS[c] for c in export.FIGURE_COLUMNS]

    result = runner.invoke(args=["export", str(demo), "--out", str(tmp_path / "opbrengst.zip"),
                                 "--veiligheidsregio", "Zuid-Limburg", "--dialect", "international"])
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(tmp_path / "opbrengst.zip")
    assert "schalen.csv" in archive.namelist()
    assert archive.read("schalen.csv").decode("utf-8-sig").startswith("Thema,Vraagcode,")
    events = export_events(app)
    assert [e[3] for e in events] == ["opbrengst.xlsx", "opbrengst.zip"]
    assert all(e[1].startswith("commandoregel") for e in events)


def test_export_command_public_needs_a_publication(runner, demo, published, tmp_path):
    result = runner.invoke(args=["export", str(demo), "--openbaar", "--versie", "7", "--out", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 1 and "geen gepubliceerde versie 7" in result.output
    result = runner.invoke(args=["export", str(demo), "--openbaar", "--out", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 0 and "openbare cijfers van versie 1" in result.output
    assert "Kerncijfers" in pd.read_excel(tmp_path / "o.xlsx", sheet_name=None)


def test_export_command_public_refused_before_publication(runner, demo, tmp_path):
    result = runner.invoke(args=["export", str(demo), "--openbaar", "--out", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 1 and "nog geen gepubliceerde versie" in result.output
    assert not (tmp_path / "o.xlsx").exists()


def test_word_report_is_a_concept_until_published(client, auth, demo):
    auth.as_projectleider()
    response = client.get(f"/rondes/{demo}/opbrengst/rapport.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f'opbrengst-ronde-{demo}-concept.docx"')
    assert "Concept" in document_text(response.data)
    client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Digitale veiligheid is chefsache.", "version": "0"})
    client.post(f"/rondes/{demo}/opbrengst/publiceren", data={"bevestigd": "ja"})
    response = client.get(f"/rondes/{demo}/opbrengst/rapport.docx")
    assert response.headers["Content-Disposition"].endswith(f'opbrengst-ronde-{demo}-versie-1.docx"')
    assert "Digitale veiligheid is chefsache." in document_text(response.data)
    assert "Word-rapport (versie 1)" in client.get(f"/rondes/{demo}/opbrengst").get_data(as_text=True)


def test_export_command_refuses_an_unknown_round_or_format(runner, demo, tmp_path):
    result = runner.invoke(args=["export", "999", "--out", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1 and "er is geen ronde 999" in result.output
    result = runner.invoke(args=["export", str(demo), "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and ".xlsx" in result.output


def test_report_command_concept_then_published(runner, client, auth, demo, tmp_path):
    out = tmp_path / "opbrengst.docx"
    result = runner.invoke(args=["report", str(demo), "--out", str(out)])
    assert result.exit_code == 0 and "CONCEPT" in result.output
    assert "Concept" in document_text(out.read_bytes())
    auth.as_projectleider()
    client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Digitale veiligheid is chefsache.", "version": "0"})
    client.post(f"/rondes/{demo}/opbrengst/publiceren", data={"bevestigd": "ja"})
    result = runner.invoke(args=["report", str(demo), "--out", str(out)])
    assert result.exit_code == 0 and "versie 1" in result.output
    assert "Digitale veiligheid is chefsache." in document_text(out.read_bytes())


def test_public_pdf_only_of_a_published_version_and_by_command(client, runner, demo, tmp_path):
    assert client.get(f"/opbrengst/{demo}/pdf").status_code == 404  # nothing published yet
    result = runner.invoke(args=["report", str(demo), "--out", str(tmp_path / "o.txt")])
    assert result.exit_code == 1 and ".docx (Word) of .pdf" in result.output
    result = runner.invoke(args=["report", str(demo), "--out", str(tmp_path / "o.pdf")])
    assert result.exit_code == 0 and "CONCEPT" in result.output
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF-")


def test_public_pdf_of_the_latest_version(client, published, demo):
    response = client.get(f"/opbrengst/{demo}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")  # its tagging: tests/unit/test_pdf.py
    assert f'filename="opbrengst-ronde-{demo}-versie-1.pdf"' in response.headers["Content-Disposition"]
