"""Parsing the municipality CSV: every bad row is reported by line; nothing half-imported."""
from pathlib import Path

import pytest

from visitatie.municipalities import MunicipalityImportError, parse_csv

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
    assert all(r.population is None for r in rows)


def test_population_and_year_are_parsed():
    rows = parse_csv(HEADER + "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,162000,2024\n")
    assert rows[0].population == 162000 and rows[0].source_year == 2024


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
    assert str(caught.value).startswith("gemeenten.csv: 3 fout(en), niets geïmporteerd")


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
