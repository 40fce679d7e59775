"""Parsing the municipality CSV: every bad row is reported by line; nothing half-imported."""
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from visitatie.importing.municipalities import MunicipalityImportError, import_file, parse_csv
from visitatie.models import Municipality

REPO = Path(__file__).resolve().parents[2]
HEADER = "code,naam,provincie,veiligheidsregio_code,veiligheidsregio,inwoners,bron_jaar\n"


def test_the_shipped_list_has_all_342_municipalities():
    rows = parse_csv((REPO / "data" / "gemeenten.csv").read_text(encoding="utf-8"))
    assert len(rows) == 342
    by_name = {r.name: r for r in rows}
    assert by_name["Haarlem"].code == "GM0392"
    assert by_name["Haarlem"].province == "Noord-Holland"
    assert by_name["Maastricht"].safety_region == "Zuid-Limburg"
    assert sum(r.province == "Noord-Brabant" for r in rows) == 56
    # CBS 70072NED, 1 January 2024 (data/README.md): every row has a figure; they add up to the
    # CBS population of the Netherlands on that date.
    assert all(r.population is not None and r.source_year == 2024 for r in rows)
    assert sum(r.population for r in rows) == 17_942_942
    assert (by_name["Amsterdam"].population, by_name["Rotterdam"].population) == (931_298, 670_610)


def test_population_and_year_are_parsed():
    rows = parse_csv(HEADER + "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,162000,2024\n")
    assert rows[0].population == 162000 and rows[0].source_year == 2024


@pytest.mark.parametrize("written, population", [("162.000", 162000), ("1.234.567", 1234567), ("162 000", 162000),
                                                 ("162\u00a0000", 162000), ("999", 999)])
def test_population_with_dutch_thousands_separators(written, population):
    rows = parse_csv(HEADER.replace(",", ";") + f"GM0392;Haarlem;Noord-Holland;VR12;Kennemerland;{written};2024\n")
    assert rows[0].population == population


@pytest.mark.parametrize("written", ["162,000", "162.5", "16.20", "1.0000", "veel"])
def test_a_population_that_is_no_whole_number_is_refused(written):
    with pytest.raises(MunicipalityImportError) as caught:
        parse_csv(HEADER.replace(",", ";") + f"GM0392;Haarlem;Noord-Holland;VR12;Kennemerland;{written};2024\n")
    assert f"regel 2: inwoners '{written}' is geen geheel getal" in str(caught.value)


def test_bad_rows_are_all_reported_with_line_numbers():
    text = HEADER + (
        "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,,2023\n"
        "GM39,Kapot,Noord-Holland,VR12,Kennemerland,,2023\n"
        "GM0935,Maastricht,Limburgia,VR23,Limburg-Zuid,,2023\n"
        "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,veel,2023\n"
    )
    with pytest.raises(MunicipalityImportError) as caught:
        parse_csv(text, "gemeenten.csv")
    problems = caught.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("regel 3: code 'GM39' is geen CBS-gemeentecode")
    assert problems[1] == "regel 4: onbekende provincie 'Limburgia'"
    assert problems[2].startswith("regel 5: inwoners 'veel' is geen geheel getal")
    assert "code GM0392 staat ook op regel 2" in problems[2]
    assert str(caught.value).startswith("gemeenten.csv: 3 fouten, niets geïmporteerd")


def test_missing_column_is_refused():
    with pytest.raises(MunicipalityImportError) as caught:
        parse_csv("code,naam\nGM0392,Haarlem\n")
    assert "kolom ontbreekt: provincie, veiligheidsregio_code, veiligheidsregio" in caught.value.problems[0]


def test_extra_column_and_empty_file():
    with pytest.raises(MunicipalityImportError) as caught:
        parse_csv(HEADER + "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,,2023,extra\n")
    assert caught.value.problems == ["regel 2: te veel kolommen"]
    with pytest.raises(MunicipalityImportError) as caught:
        parse_csv(HEADER)
    assert caught.value.problems == ["het bestand bevat geen gemeenten"]


# As Dutch Excel saves it: ';', Windows-1252, CRLF, header typed by hand, empty columns and lines.
EXCEL_BYTES = (b"Code;Naam;Provincie;Veiligheidsregio_code;Veiligheidsregio;Inwoners;Bron_jaar;;\r\n"
               b"GM1900;S\xfadwest-Frysl\xe2n;Friesland;VR02;Frysl\xe2n;90867;2024;;\r\n"
               b"GM0392;Haarlem;Noord-Holland;VR12;Kennemerland;;2024;;\r\n"
               b";;;;;;;;\r\n"
               b"\r\n")


def test_import_file_reads_what_dutch_excel_saves(session, tmp_path):
    path = tmp_path / "gemeenten-excel.csv"
    path.write_bytes(EXCEL_BYTES)
    result = import_file(session, path)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    fryslan = session.scalar(select(Municipality).where(Municipality.code == "GM1900"))
    assert (fryslan.name, fryslan.safety_region, fryslan.population) == ("Súdwest-Fryslân", "Fryslân", 90867)


@pytest.mark.parametrize("data", [
    EXCEL_BYTES,
    EXCEL_BYTES.decode("cp1252").encode("utf-8-sig"),
    EXCEL_BYTES.decode("cp1252").encode("utf-8").replace(b";", b","),
])
def test_the_same_rows_in_every_encoding_and_delimiter(data):
    rows = parse_csv(data, "gemeenten.csv")
    assert [(r.code, r.name, r.safety_region) for r in rows] == [
        ("GM1900", "Súdwest-Fryslân", "Fryslân"), ("GM0392", "Haarlem", "Kennemerland")]


def test_an_excel_file_with_errors_names_the_lines_in_the_file(tmp_path, session):
    path = tmp_path / "gemeenten.csv"
    path.write_bytes(b"code;naam;provincie;veiligheidsregio_code;veiligheidsregio\r\n\r\n"
                     b"GM1900;S\xfadwest-Frysl\xe2n;Friesland;VR02;Frysl\xe2n\r\n"
                     b"GM9999;Nieuwstad;Atlantis;VR12;Kennemerland;;;x\r\n")
    with pytest.raises(MunicipalityImportError) as caught:
        import_file(session, path)
    assert caught.value.problems == ["regel 4: te veel kolommen; onbekende provincie 'Atlantis'"]
    assert str(caught.value).startswith(f"{path}: 1 fout, niets geïmporteerd")
    assert session.scalar(select(Municipality)) is None


def test_a_workbook_instead_of_a_csv_is_refused(tmp_path, session):
    path = tmp_path / "gemeenten.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["code", "naam"])
    workbook.save(path)
    with pytest.raises(MunicipalityImportError) as caught:
        import_file(session, path)
    assert caught.value.problems[0].startswith("Dit is geen CSV-bestand (het is een Excel-werkmap (.xlsx)")
