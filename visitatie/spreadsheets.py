"""Writing every spreadsheet and CSV file the app produces: one code path, so that whatever a user
typed leaves as text, never as a formula, and every file reads well in Dutch Excel.

- xlsx (openpyxl): cells from text are typed as strings (data_type "s"), so "=HYPERLINK(…)" stays
  the literal text; characters XML 1.0 forbids are removed (openpyxl refuses them, and Excel
  refuses a file holding them); bold header row with filter, frozen panes, column widths, shares
  as percentages; a confidential workbook says "Vertrouwelijk" in every sheet's print header and
  footer.
- CSV: a text cell starting with = + - @, tab or CR gets a leading ' (OWASP CSV-injection
  guidance). defusedcsv was considered: it lets "-1" and "+31…" through as numbers, leaves tab
  and CR unescaped and rewrites "|" inside the text, so the rule is written here, in one place.
  The Dutch Excel dialect is the default: ';' between cells, decimal comma, UTF-8 with BOM;
  "international" writes ',' and '.'.
"""
from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from numbers import Number
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .text_input import clean_text

CONFIDENTIAL_MARK = "Vertrouwelijk"
DIALECTS = ("nl", "international")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PERCENT_FORMAT = "0.0%"
MAX_WIDTH = 60
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """One table: a sheet of a workbook, or one CSV file. Column names are the Dutch headers."""
    name: str
    frame: pd.DataFrame
    percent: tuple[str, ...] = ()        # columns holding shares (0.625): shown as 62,5%
    wrap: tuple[str, ...] = ()           # long-text columns: wrapped, not widened
    notes: tuple[str, ...] = field(default=())  # lines written under the table (footnotes)

    @property
    def file_name(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") + ".csv"


def neutral_csv_text(text: str) -> str:
    """A text cell for CSV: cleaned, and never read as a formula by a spreadsheet."""
    text = clean_text(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _plain(value):
    """A pandas/numpy scalar as a Python value; missing becomes None."""
    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    return None if _missing(value) else value


# --- CSV ---------------------------------------------------------------------------------------------

def _csv_cell(value, percent: bool, decimal: str) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Number):
        number: Any = value  # numbers.Number declares no arithmetic; ours (int, float, numpy) have it
        if percent:
            text = f"{number * 100:.1f}".rstrip("0").rstrip(".") + "%"
        elif isinstance(number, float) and not number.is_integer():
            text = repr(round(number, 6))
        else:
            text = str(int(number))
        return text.replace(".", decimal)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return neutral_csv_text(str(value))


def csv_bytes(sheet: Sheet, dialect: str = "nl") -> bytes:
    """The table as CSV in the chosen dialect, UTF-8 with BOM so that Excel reads the accents."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}")
    delimiter, decimal = (";", ",") if dialect == "nl" else (",", ".")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    columns = list(sheet.frame.columns)
    writer.writerow([neutral_csv_text(str(c)) for c in columns])
    percent = [c in sheet.percent for c in columns]
    for row in sheet.frame.itertuples(index=False, name=None):
        writer.writerow([_csv_cell(v, p, decimal) for v, p in zip(row, percent, strict=True)])
    for note in sheet.notes:
        writer.writerow([neutral_csv_text(note)])
    return out.getvalue().encode("utf-8-sig")


# --- Excel -------------------------------------------------------------------------------------------

def _set(cell, value) -> None:
    value = _plain(value)
    if value is None:
        return
    if isinstance(value, (bool, Number, datetime, date)):
        cell.value = value
        return
    # Assigning a str makes openpyxl guess a formula for "=…": set the text, then force the type.
    cell.value = clean_text(str(value))
    cell.data_type = "s"


def sheet_title(name: str) -> str:
    return SHEET_NAME_FORBIDDEN.sub("-", name)[:31]


def _fill(worksheet, sheet: Sheet) -> None:
    columns = list(sheet.frame.columns)
    for index, column in enumerate(columns, start=1):
        cell = worksheet.cell(row=1, column=index)
        _set(cell, column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(sheet.frame.itertuples(index=False, name=None), start=2):
        for c, value in enumerate(row, start=1):
            cell = worksheet.cell(row=r, column=c)
            _set(cell, value)
            if columns[c - 1] in sheet.percent:
                cell.number_format = PERCENT_FORMAT
            elif columns[c - 1] in sheet.wrap:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    last = len(sheet.frame) + 1
    for offset, note in enumerate(sheet.notes, start=2):
        _set(worksheet.cell(row=last + offset, column=1), note)
    if columns:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
        worksheet.freeze_panes = "B2" if len(columns) > 2 else "A2"
    for index, column in enumerate(columns, start=1):
        sample: list[float] = [len(str(v)) for v in sheet.frame[column].head(200) if not _missing(v)]
        width = min(max([len(str(column)) * 0.9 + 4] + sample) + 2, MAX_WIDTH)
        worksheet.column_dimensions[get_column_letter(index)].width = width


def _mark_confidential(worksheet) -> None:
    """'Vertrouwelijk' on every printed page of the sheet, at the top and at the bottom."""
    for header_footer in (worksheet.oddHeader, worksheet.evenHeader, worksheet.firstHeader):
        header_footer.center.text = CONFIDENTIAL_MARK
        header_footer.center.font = "Calibri,Bold"
    for header_footer in (worksheet.oddFooter, worksheet.evenFooter, worksheet.firstFooter):
        header_footer.left.text = CONFIDENTIAL_MARK
        header_footer.right.text = "Pagina &P van &N"
    worksheet.sheet_properties.tabColor = "C00000"


def xlsx_bytes(sheets: list[Sheet], *, confidential: bool = False) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet_title(sheet.name))
        _fill(worksheet, sheet)
        worksheet.print_title_rows = "1:1"
        if confidential:
            _mark_confidential(worksheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_zip_bytes(sheets: list[Sheet], dialect: str = "nl") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            archive.writestr(sheet.file_name, csv_bytes(sheet, dialect))
    return buffer.getvalue()
