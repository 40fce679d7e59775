"""Downloads for project leaders and the `export` and `report` commands."""
import io
import zipfile

import docx
import pandas as pd

from visitatie.opbrengst import export


def document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def test_excel_download_of_a_selection(client, auth, demo):
    auth.as_projectleider()
    response = client.get(f"/rondes/{demo}/opbrengst/export.xlsx?ronde={demo}&provincie=Limburg")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="opbrengst-ronde-{demo}.xlsx"'
    assert response.headers["Cache-Control"] == "no-store"
    sheets = pd.read_excel(io.BytesIO(response.data), sheet_name=None)
    assert list(sheets["Vertrouwelijk antwoorden"]["gemeente"]) == ["Maastricht"]
    explanation = dict(zip(sheets["Toelichting"]["onderdeel"], sheets["Toelichting"]["waarde"]))
    assert explanation["selectie"] == "provincie: Limburg" and "let op" in explanation


def test_csv_download(client, auth, demo):
    auth.as_projectleider()
    response = client.get(f"/rondes/{demo}/opbrengst/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert "openbaar-kerncijfers.csv" in names and "vertrouwelijk-antwoorden.csv" in names


def test_word_report_is_a_concept_until_published(client, auth, demo):
    auth.as_projectleider()
    response = client.get(f"/rondes/{demo}/opbrengst/rapport.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith(f'opbrengst-ronde-{demo}-concept.docx"')
    assert "Concept" in document_text(response.data)
    client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Digitale veiligheid is chefsache.", "version": "0"})
    client.post(f"/rondes/{demo}/opbrengst/publiceren")
    response = client.get(f"/rondes/{demo}/opbrengst/rapport.docx")
    assert response.headers["Content-Disposition"].endswith(f'opbrengst-ronde-{demo}-versie-1.docx"')
    assert "Digitale veiligheid is chefsache." in document_text(response.data)
    assert "Word-rapport (versie 1)" in client.get(f"/rondes/{demo}/opbrengst").get_data(as_text=True)


def test_export_command_writes_excel_or_csv(runner, demo, tmp_path):
    result = runner.invoke(args=["export", str(demo), "--out", str(tmp_path / "opbrengst.xlsx")])
    assert result.exit_code == 0, result.output
    assert "Vertrouwelijk: Vertrouwelijk antwoorden, Vertrouwelijk markeringen" in result.output
    sheets = pd.read_excel(tmp_path / "opbrengst.xlsx", sheet_name=None)
    assert list(sheets)[1] == "Openbaar kerncijfers"
    assert list(sheets["Openbaar kerncijfers"].columns) == export.FIGURE_COLUMNS

    result = runner.invoke(args=["export", str(demo), "--out", str(tmp_path / "opbrengst.zip"),
                                 "--veiligheidsregio", "Zuid-Limburg"])
    assert result.exit_code == 0, result.output
    assert "openbaar-schalen.csv" in zipfile.ZipFile(tmp_path / "opbrengst.zip").namelist()

    result = runner.invoke(args=["export", str(demo), "--out", str(tmp_path / "groot.xlsx"),
                                 "--inwonersklasse", "100000-150000"])
    assert result.exit_code == 0, result.output
    explanation = pd.read_excel(tmp_path / "groot.xlsx", sheet_name="Toelichting").set_index("onderdeel")
    assert explanation.at["selectie", "waarde"] == "inwonersklasse: 100.000–150.000 inwoners"
    refused = runner.invoke(args=["export", str(demo), "--out", str(tmp_path / "x.xlsx"), "--inwonersklasse", "groot"])
    assert refused.exit_code == 2 and "20000-50000" in refused.output  # the choices are the CBS classes


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
    client.post(f"/rondes/{demo}/opbrengst/publiceren")
    result = runner.invoke(args=["report", str(demo), "--out", str(out)])
    assert result.exit_code == 0 and "versie 1" in result.output
    assert "Digitale veiligheid is chefsache." in document_text(out.read_bytes())
