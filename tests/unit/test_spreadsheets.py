"""The one spreadsheet and CSV writer: text stays text, forbidden characters go, Dutch dialect."""
import csv
import io

import openpyxl
import pandas as pd

from visitatie.spreadsheets import Sheet, csv_bytes, neutral_csv_text, xlsx_bytes


def test_stored_control_characters_and_formulas_export_as_plain_text():
    frame = pd.DataFrame({"Tekst": ["a\x00b\x0bc\uffffd", "=1+1", "@SUM(1)"], "Aandeel": [0.625, None, 1.0]})
    sheet = Sheet("Blad", frame, percent=("Aandeel",), notes=("– = niet getoond",))
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([sheet], confidential=True)))
    cells = book["Blad"]
    assert [cells["A2"].value, cells["A3"].value, cells["A4"].value] == ["abcd", "=1+1", "@SUM(1)"]
    assert {cells["A3"].data_type, cells["A4"].data_type} == {"s"}
    assert cells["B2"].number_format == "0.0%" and cells["B2"].value == 0.625 and cells["A1"].font.bold
    assert cells.oddHeader.center.text == "Vertrouwelijk" and cells.oddFooter.left.text == "Vertrouwelijk"
    assert cells["A6"].value == "– = niet getoond"

    rows = list(csv.reader(io.StringIO(csv_bytes(sheet).decode("utf-8-sig")), delimiter=";"))
    assert rows[:4] == [["Tekst", "Aandeel"], ["abcd", "62,5%"], ["'=1+1", ""], ["'@SUM(1)", "100%"]]
    assert rows[4] == ["– = niet getoond"]
    international = list(csv.reader(io.StringIO(csv_bytes(sheet, "international").decode("utf-8-sig"))))
    assert international[1] == ["abcd", "62.5%"]


def test_neutral_csv_text_prefixes_every_formula_start():
    for text in ("=A1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutral_csv_text(text) == "'" + text
    assert neutral_csv_text("gewoon – tekst") == "gewoon – tekst"
