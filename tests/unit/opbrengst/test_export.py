"""The confidential export read back: sheets, cover sheet, 'Vertrouwelijk' on every printed page,
Dutch headers, stable columns, shares as percentages, and the Dutch CSV dialect."""
import io
import zipfile
from datetime import datetime, timezone

import openpyxl
import pandas as pd
import pytest

from visitatie.opbrengst import export

SHEETS = ["Voorblad", "Antwoorden", "Markeringen", "Kerncijfers", "Schalen", "Meerkeuze", "Dekking", "Lessen",
          "Citaten", "Jaarvergelijking", "Codeboek"]
H = export.HEADERS


def content(session, guides, round_ids, filters=None) -> bytes:
    return export.to_excel(export.tables(session, guides, round_ids, filters, exported_by="pl@example.org",
                                         exported_at=datetime(2024, 6, 3, 8, 5, tzinfo=timezone.utc)))


def workbook(session, guides, round_ids, filters=None) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(content(session, guides, round_ids, filters)), sheet_name=None, dtype=object)


def headers(columns) -> list[str]:
    return [H.get(c, c) for c in columns]


def test_cover_sheet_says_who_exported_when_and_which_selection(session, guides, world):
    sheets = workbook(session, guides, [world.round_a.id], {"province": "Noord-Holland"})
    assert list(sheets) == SHEETS
    cover = dict(zip(sheets["Voorblad"]["Onderdeel"], sheets["Voorblad"]["Waarde"], strict=True))
    assert cover["Geëxporteerd door"] == "pl@example.org"
    assert cover["Geëxporteerd op"] == "3 juni 2024 om 10:05"  # Amsterdam summer time
    assert cover["Selectie"] == "provincie: Noord-Holland"
    assert cover["Rondes"] == f"Bestuurlijke gespreksronde 2024 (nr. {world.round_a.id})"
    assert "Vertrouwelijk" in cover and "Let op" in cover  # one municipality: traceable


def test_every_sheet_is_confidential_in_print_header_and_footer(session, guides, world):
    book = openpyxl.load_workbook(io.BytesIO(content(session, guides, [world.round_a.id])))
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.oddHeader.center.text == "Vertrouwelijk", sheet.title
        assert sheet.oddFooter.left.text == "Vertrouwelijk", sheet.title
        assert sheet.freeze_panes in ("A2", "B2") and sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.bold


def test_raw_answers_have_one_column_per_question_and_per_option_whatever_was_answered(session, guides, world):
    full = workbook(session, guides, [world.round_a.id])["Antwoorden"]
    filtered = workbook(session, guides, [world.round_a.id], {"province": "Friesland"})["Antwoorden"]
    expected = headers(export.SLOT_COLUMNS) + list(export.answer_columns(guides)["kolom"])
    assert list(full.columns) == expected and list(filtered.columns) == expected
    assert len(filtered) == 0
    questions = sum(len(g.questions) for g in guides)
    options = sum(len(q.choices) for g in guides for q in g.questions if q.type == "multiple_choice")
    choice_questions = sum(1 for g in guides for q in g.questions if q.type == "multiple_choice")
    assert len(expected) == len(export.SLOT_COLUMNS) + questions - choice_questions + options

    rows = full.set_index("Gemeente")
    assert list(rows.index) == ["Haarlem", "Maastricht", "Delft", "Utrecht"]  # by date, then name
    assert rows.at["Haarlem", "leiderschap.ivp"] == "ja"
    assert pd.isna(rows.at["Utrecht", "leiderschap.ivp"])  # missing stays empty, never "nee"
    assert pd.isna(rows.at["Haarlem", "leiderschap.ivp_waarom_niet"])  # hidden by its condition
    assert pd.isna(rows.at["Haarlem", "leiderschap.ciso_oov"])  # "misschien" is not an answer
    assert rows.at["Haarlem", "leiderschap.uitvoering"] == "2"
    assert rows.at["Haarlem", "leiderschap.portefeuilles[burgemeester]"] == 1
    assert rows.at["Haarlem", "leiderschap.portefeuilles[wijken]"] == 0
    assert pd.isna(rows.at["Delft", "leiderschap.portefeuilles[burgemeester]"])  # not answered
    assert rows.at["Delft", "Datum"] == "2024-03-15" and rows.at["Delft", "Provincie"] == "Zuid-Holland"
    assert rows.at["Utrecht", "Inwonersklasse"] == "onbekend"


def test_aggregated_sheets_have_stable_dutch_columns_and_shares_as_percentages(session, guides, world):
    sheets = workbook(session, guides, [world.round_a.id])
    assert list(sheets["Kerncijfers"].columns) == headers(export.FIGURE_COLUMNS)
    assert list(sheets["Schalen"].columns) == headers(export.SCALE_COLUMNS)
    assert list(sheets["Meerkeuze"].columns) == headers(export.CHOICE_COLUMNS)
    assert list(sheets["Jaarvergelijking"].columns) == headers(export.COMPARISON_COLUMNS)
    assert list(sheets["Lessen"].columns) == headers(export.LESSON_COLUMNS)
    figures = sheets["Kerncijfers"].set_index("Vraagcode")
    assert (figures.at["leiderschap.ivp", "Aantal antwoorden (n)"],
            figures.at["leiderschap.ivp", "Ontbrekend"]) == (3, 1)
    assert figures.at["leiderschap.ivp", "Aandeel ja"] == pytest.approx(0.3333)
    scales = sheets["Schalen"].set_index("Vraagcode")
    assert (scales.at["leiderschap.uitvoering", "Gemiddelde"],
            scales.at["leiderschap.uitvoering", "Mediaan"]) == (3.75, 4)
    book = openpyxl.load_workbook(io.BytesIO(content(session, guides, [world.round_a.id])))
    share = book["Kerncijfers"].cell(row=2, column=headers(export.FIGURE_COLUMNS).index("Aandeel ja") + 1)
    assert share.number_format == "0.0%"


def test_year_over_year_sheet_with_several_rounds(session, guides, world):
    comparison = workbook(session, guides, [world.round_a.id, world.round_b.id])["Jaarvergelijking"]
    ivp = comparison[comparison["Vraagcode"] == "leiderschap.ivp"]
    assert list(zip(ivp["Jaar"], ivp["Waarde"], ivp["Aantal antwoorden (n)"], strict=True)) == [
        (2024, pytest.approx(0.3333), 3), (2025, 1, 2)]
    assert set(comparison["Maat"]) == {"aandeel_ja", "gemiddelde"}


def test_csv_zip_in_the_dutch_excel_dialect_or_international(session, guides, world):
    tables = export.tables(session, guides, [world.round_a.id])
    archive = zipfile.ZipFile(io.BytesIO(export.to_csv_zip(tables)))
    assert archive.namelist() == [t.name.lower() + ".csv" for t in tables]
    raw = archive.read("kerncijfers.csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    figures = pd.read_csv(io.BytesIO(raw), sep=";", encoding="utf-8-sig", dtype=str)
    assert list(figures.columns) == headers(export.FIGURE_COLUMNS)  # columns, not one
    figures = figures.set_index("Vraagcode")
    assert figures.at["leiderschap.ivp", "Aandeel ja"] == "33,3%"
    scales = pd.read_csv(archive.open("schalen.csv"), sep=";", encoding="utf-8-sig", dtype=str).set_index("Vraagcode")
    assert scales.at["leiderschap.uitvoering", "Gemiddelde"] == "3,75"

    international = zipfile.ZipFile(io.BytesIO(export.to_csv_zip(tables, "international")))
    figures = pd.read_csv(international.open("kerncijfers.csv"), sep=",", encoding="utf-8-sig", dtype=str)
    assert figures.set_index("Vraagcode").at["leiderschap.ivp", "Aandeel ja"] == "33.3%"


def test_year_over_year_sheet_says_vraag_gewijzigd_where_the_versions_word_a_question_differently(
        session, guides, world):
    from visitatie.guides.documents import build_set, set_content

    content = set_content(guides, "2025.1")
    ivp = next(q for doc in content["guides"] for q in doc["questions"] if q["id"] == "leiderschap.ivp")
    ivp["text"] = ivp["text"].rstrip("?") + " (ook in de kadernota)?"
    later = build_set(content)  # the version of round B, with one question reworded
    rounds = [world.round_a.id, world.round_b.id]

    def remarks(compared) -> dict[str, set]:
        book = pd.read_excel(io.BytesIO(export.to_excel(export.tables(session, guides, rounds, compared=compared))),
                             sheet_name="Jaarvergelijking", keep_default_na=False)
        return {question: set(rows["Opmerking"]) for question, rows in book.groupby("Vraagcode")}

    marked = remarks([guides, later])
    assert marked["leiderschap.ivp"] == {"vraag gewijzigd"}
    assert {question for question, values in marked.items() if values != {""}} == {"leiderschap.ivp"}
    # The same version in both rounds: nothing is marked.
    assert all(values == {""} for values in remarks([guides, guides]).values())
