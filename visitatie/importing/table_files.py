"""Reading a table a project leader uploads: a CSV file (visitatie/importing/csv_files.py) or an Excel
workbook (.xlsx, the first sheet). Both come back as the same CsvTable, with the row numbers the
user sees (the Excel row, the CSV line) and every cell as text, so an importer has one code path
and reports "regel N" the same way whatever was uploaded.

Excel turns what people type into dates, times and numbers; those become the text the importers
read (2025-04-15, 14:00, 120), so a cell typed as text and a cell Excel converted read the same.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from typing import Iterable

from .csv_files import CsvImportError, CsvRow, CsvTable, normalise_column, read_csv

XLSX_SIGNATURE = b"PK\x03\x04"


def read_table(data: bytes | str, file: str = "<bestand>", required: Iterable[str] = (),
               error: type[CsvImportError] = CsvImportError) -> CsvTable:
    if isinstance(data, bytes) and data.startswith(XLSX_SIGNATURE):
        return _read_xlsx(data, file, tuple(required), error)
    return read_csv(data, file, required, error)


def cell_text(value: object) -> str:
    """A cell as the text an importer reads."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes, file: str, required: tuple[str, ...], error: type[CsvImportError]) -> CsvTable:
    from openpyxl import load_workbook  # only needed for workbooks

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise error(file, ["het bestand is geen leesbare Excel-werkmap (.xlsx); sla het opnieuw op in Excel"]) from None
    try:
        sheet = workbook.worksheets[0]
        header, header_line, rows = None, 0, []
        columns: tuple[str, ...] = ()
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = [cell_text(c) for c in cells]
            if not any(texts):
                continue
            if header is None:
                header, header_line = texts, number
                names = [normalise_column(t) for t in texts]
                while names and not names[-1]:
                    names.pop()
                columns = tuple(names)
                continue
            values = {name: "" for name in columns if name}
            too_many = False
            for index, text in enumerate(texts):
                if index < len(columns) and columns[index]:
                    values[columns[index]] = text
                elif text:
                    too_many = True
            rows.append(CsvRow(number, values, ("te veel kolommen",) if too_many else ()))
    finally:
        workbook.close()
    if header is None:
        raise error(file, ["het bestand is leeg"])
    missing = [c for c in required if c not in columns]
    if missing:
        raise error(file, [f"regel {header_line}: kolom ontbreekt: {', '.join(missing)}"])
    return CsvTable(file, "xlsx", header_line, columns, tuple(rows))
