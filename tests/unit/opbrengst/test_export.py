"""The export read back with pandas: sheets, public and confidential marking, stable columns."""
import io
import zipfile

import pandas as pd
import pytest

from visitatie.opbrengst import export

SHEETS = ["Toelichting", "Openbaar kerncijfers", "Openbaar schalen", "Openbaar meerkeuze", "Openbaar dekking",
          "Openbaar lessen", "Openbaar citaten", "Openbaar jaarvergelijking", "Openbaar codeboek",
          "Vertrouwelijk antwoorden", "Vertrouwelijk markeringen"]


def workbook(session, guides, round_ids, filters=None) -> dict[str, pd.DataFrame]:
    content = export.to_excel(export.tables(session, guides, round_ids, filters))
    return pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=object)


def test_sheets_in_order_each_marked_public_or_confidential(session, guides, world):
    sheets = workbook(session, guides, [world.round_a.id])
    assert list(sheets) == SHEETS
    explanation = dict(zip(sheets["Toelichting"]["onderdeel"], sheets["Toelichting"]["waarde"]))
    assert explanation["werkblad: Vertrouwelijk antwoorden"].startswith("Vertrouwelijk")
    assert explanation["werkblad: Openbaar citaten"].startswith("Openbaar")
    assert explanation["gesprekken"] == 2 and explanation["antwoorden"] == 22


def test_raw_answers_have_one_column_per_question_and_per_option_whatever_was_answered(session, guides, world):
    full = workbook(session, guides, [world.round_a.id])["Vertrouwelijk antwoorden"]
    filtered = workbook(session, guides, [world.round_a.id], {"province": "Friesland"})["Vertrouwelijk antwoorden"]
    expected = export.SLOT_COLUMNS + list(export.answer_columns(guides)["kolom"])
    assert list(full.columns) == expected and list(filtered.columns) == expected
    assert len(filtered) == 0
    questions = sum(len(g.questions) for g in guides)
    options = sum(len(q.choices) for g in guides for q in g.questions if q.type == "multiple_choice")
    choice_questions = sum(1 for g in guides for q in g.questions if q.type == "multiple_choice")
    assert len(expected) == len(export.SLOT_COLUMNS) + questions - choice_questions + options

    rows = full.set_index("gemeente")
    assert list(rows.index) == ["Haarlem", "Maastricht", "Delft", "Utrecht"]  # by date, then name
    assert rows.at["Haarlem", "leiderschap.ivp"] == "ja"
    assert pd.isna(rows.at["Utrecht", "leiderschap.ivp"])  # missing stays empty, never "nee"
    assert pd.isna(rows.at["Haarlem", "leiderschap.ivp_waarom_niet"])  # hidden by its condition
    assert pd.isna(rows.at["Haarlem", "leiderschap.ciso_oov"])  # "misschien" is not an answer
    assert rows.at["Haarlem", "leiderschap.uitvoering"] == "2"
    assert rows.at["Haarlem", "leiderschap.portefeuilles[burgemeester]"] == 1
    assert rows.at["Haarlem", "leiderschap.portefeuilles[wijken]"] == 0
    assert pd.isna(rows.at["Delft", "leiderschap.portefeuilles[burgemeester]"])  # not answered
    assert rows.at["Delft", "datum"] == "2024-03-15" and rows.at["Delft", "provincie"] == "Zuid-Holland"
    assert rows.at["Utrecht", "inwonersklasse"] == "onbekend"


def test_aggregated_sheets_have_stable_columns(session, guides, world):
    sheets = workbook(session, guides, [world.round_a.id])
    assert list(sheets["Openbaar kerncijfers"].columns) == export.FIGURE_COLUMNS
    assert list(sheets["Openbaar schalen"].columns) == export.SCALE_COLUMNS
    assert list(sheets["Openbaar meerkeuze"].columns) == export.CHOICE_COLUMNS
    assert list(sheets["Openbaar jaarvergelijking"].columns) == export.COMPARISON_COLUMNS
    assert list(sheets["Openbaar lessen"].columns) == export.LESSON_COLUMNS
    figures = sheets["Openbaar kerncijfers"].set_index("vraag_id")
    assert (figures.at["leiderschap.ivp", "n"], figures.at["leiderschap.ivp", "ontbrekend"]) == (3, 1)
    assert figures.at["leiderschap.ivp", "aandeel_ja"] == pytest.approx(0.3333)
    scales = sheets["Openbaar schalen"].set_index("vraag_id")
    assert (scales.at["leiderschap.uitvoering", "gemiddelde"], scales.at["leiderschap.uitvoering", "mediaan"]) == (3.75, 4)


def test_year_over_year_sheet_with_several_rounds(session, guides, world):
    comparison = workbook(session, guides, [world.round_a.id, world.round_b.id])["Openbaar jaarvergelijking"]
    ivp = comparison[comparison["vraag_id"] == "leiderschap.ivp"]
    assert list(zip(ivp["jaar"], ivp["waarde"], ivp["n"])) == [(2024, pytest.approx(0.3333), 3), (2025, 1, 2)]
    assert set(comparison["maat"]) == {"aandeel_ja", "gemiddelde"}


def test_csv_zip_has_one_file_per_table(session, guides, world):
    tables = export.tables(session, guides, [world.round_a.id])
    archive = zipfile.ZipFile(io.BytesIO(export.to_csv_zip(tables)))
    assert archive.namelist() == [t.file_name for t in tables]
    assert "vertrouwelijk-antwoorden.csv" in archive.namelist()
    figures = pd.read_csv(archive.open("openbaar-kerncijfers.csv"), encoding="utf-8-sig")
    assert list(figures.columns) == export.FIGURE_COLUMNS


def test_the_explanation_names_the_size_class_and_its_source(session, guides, world):
    sheets = workbook(session, guides, [world.round_a.id], {"population_class": "100000-150000"})
    explanation = dict(zip(sheets["Toelichting"]["onderdeel"], sheets["Toelichting"]["waarde"]))
    assert explanation["selectie"] == "inwonersklasse: 100.000–150.000 inwoners"  # Delft (100,000)
    # The world fixture sets its own figures but keeps bron_jaar 2024 from data/gemeenten.csv.
    assert explanation["inwoners"] == ("Bron: CBS, inwoners op 1 januari 2024 "
                                       "(de inwonersklasse volgt de CBS-gemeentegrootteklassen)")
    rows = sheets["Vertrouwelijk antwoorden"].set_index("gemeente")
    assert rows.at["Delft", "inwonersklasse"] == "100000-150000"
