"""Reading the CSV files people make in (Dutch) Excel; shared by every CSV import.

Dutch Excel saves "CSV (puntkomma's gescheiden)": ';' between the cells, Windows-1252 text (or
UTF-8 with a byte order mark for "CSV UTF-8"), CRLF line ends, empty lines at the end and empty
columns to the right of the table. read_csv accepts all of that and hands back the rows with
their line numbers under lower-cased column names. What cannot be a CSV file at all (an Excel
workbook, a zip, a PDF, UTF-16 text, other binary data) is refused with a reason the user can act
on. Every refusal is a CsvImportError naming the file and, where there is one, the line.

No Flask here: the CLI commands and the web upload both call the domain importers, which call this.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

DELIMITERS = (";", ",")
SAVE_AS_CSV = "sla het in Excel op als CSV (puntkomma's gescheiden) of CSV UTF-8 en lees dat bestand in"

# Leading bytes of files that are often picked by mistake instead of the CSV.
_SIGNATURES = (
    (b"PK\x03\x04", "het is een Excel-werkmap (.xlsx) of een ander zip-bestand"),
    (b"PK\x05\x06", "het is een leeg zip-bestand"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "het is een Excel-werkmap in het oude formaat, .xls"),
    (b"%PDF", "het is een PDF-bestand"),
    (b"\xff\xfe", "het is tekst in UTF-16, in Excel 'Unicode-tekst'"),
    (b"\xfe\xff", "het is tekst in UTF-16, in Excel 'Unicode-tekst'"),
)
_BINARY = "het bevat binaire gegevens"
_SPACES = re.compile(r"\s+")


class CsvImportError(ValueError):
    """A CSV file refused as a whole: every problem with its line number; nothing has been written.

    Shared by every CSV import (municipalities, the self-scans of a round)."""

    def __init__(self, file: str, problems: list[str]):
        self.file, self.problems = file, problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... en nog {len(problems) - 50}" if len(problems) > 50 else ""
        count = f"{len(problems)} fout" if len(problems) == 1 else f"{len(problems)} fouten"
        super().__init__(f"{file}: {count}, niets geïmporteerd:\n{shown}{more}")


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line of the file the row starts on (the header is usually line 1)
    values: dict[str, str]  # column name → the cell with surrounding spaces removed; "" when absent
    problems: tuple[str, ...]  # what is wrong with the row's shape (too many cells, a broken quote)

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class CsvTable:
    file: str
    delimiter: str
    header_line: int
    columns: tuple[str, ...]  # normalised names; "" for an unnamed column between named ones
    rows: tuple[CsvRow, ...]  # without the completely empty rows


def read_csv(data: bytes | str, file: str = "<csv>", required: Iterable[str] = (),
             error: type[CsvImportError] = CsvImportError) -> CsvTable:
    """The table in `data`, or `error` naming the file and why it cannot be read.

    Bytes are decoded as UTF-8 (with or without byte order mark) or, when they are not valid
    UTF-8, as Windows-1252. The delimiter is ';' or ',', whichever the header line uses more.
    Column names are stripped and lower-cased, inner spaces become '_' ("Thema 1" is thema_1).
    Completely empty rows and empty columns to the right of the header are ignored; a filled cell
    beyond the header is the row problem "te veel kolommen". Every column in `required` must be
    present, else "regel 1: kolom ontbreekt: …".
    """
    text = _decode(data, file, error) if isinstance(data, bytes) else _check_text(data, file, error)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise error(file, ["het bestand is leeg"])
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line, rows = 0, []
    columns: tuple[str, ...] = ()
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise error(file, [f"regel {start}: deze regel is niet te lezen als CSV; "
                               "staat er een aanhalingsteken (\") te veel?"]) from None
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header, header_line = cells, start
            columns = _columns(header, header_line, file, error)
            continue
        rows.append(_row(start, reader.line_num, cells, columns))
    if header is None:
        raise error(file, ["het bestand is leeg"])
    table = CsvTable(file, delimiter, header_line, columns, tuple(rows))
    missing = [c for c in required if c not in columns]
    if missing:
        problem = f"regel {header_line}: kolom ontbreekt: {', '.join(missing)}"
        named = [index for index, name in enumerate(columns) if name]
        if len(named) == 1:
            problem += (f" (de kopregel {_short(header[named[0]].strip())!r} is één kolom; "
                        "scheid de kolommen met puntkomma's of komma's)")
        raise error(file, [problem])
    return table


def not_a_csv(reason: str) -> str:
    return f"Dit is geen CSV-bestand ({reason}); {SAVE_AS_CSV}"


def _decode(data: bytes, file: str, error: type[CsvImportError]) -> str:
    for signature, reason in _SIGNATURES:
        if data.startswith(signature):
            raise error(file, [not_a_csv(reason)])
    if b"\x00" in data:
        raise error(file, [not_a_csv(_BINARY)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as problem:
        line = data.count(b"\n", 0, problem.start) + 1
        raise error(file, [f"regel {line}: het teken 0x{data[problem.start]:02X} is geen tekst in UTF-8 of "
                           f"Windows-1252; {SAVE_AS_CSV}"]) from None


def _check_text(text: str, file: str, error: type[CsvImportError]) -> str:
    if "\x00" in text:
        raise error(file, [not_a_csv(_BINARY)])
    return text.removeprefix("\ufeff")


def _delimiter(text: str) -> str:
    """';' or ',': whichever the first non-empty line (the header) has more of; ',' on a tie."""
    header = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    return max(DELIMITERS, key=lambda d: (header.count(d), d == ","))


def normalise_column(name: str) -> str:
    return _SPACES.sub("_", name.replace("\ufeff", "").strip().lower())


def _columns(header: list[str], line: int, file: str, error: type[CsvImportError]) -> tuple[str, ...]:
    names = [normalise_column(cell) for cell in header]
    while names and not names[-1]:
        names.pop()  # empty columns to the right of the table
    seen, doubles = set(), []
    for name in names:
        if name and name in seen and name not in doubles:
            doubles.append(name)
        seen.add(name)
    if doubles:
        raise error(file, [f"regel {line}: kolom {name!r} staat meer dan eens in de kopregel" for name in doubles])
    return tuple(names)


def _row(start: int, end: int, cells: list[str], columns: tuple[str, ...]) -> CsvRow:
    values = {name: "" for name in columns if name}
    problems, unnamed, too_many = [], [], False
    for index, cell in enumerate(cells):
        value = cell.strip()
        if index >= len(columns):
            too_many = too_many or bool(value)
        elif columns[index]:
            values[columns[index]] = value
        elif value:
            unnamed.append(str(index + 1))
    if too_many:
        problems.append("te veel kolommen")
    if unnamed:
        problems.append(f"waarde in kolom {', '.join(unnamed)}, die geen naam heeft in de kopregel")
    if end > start:
        problems.append(f"een cel loopt door tot regel {end}; staat er een aanhalingsteken (\") te veel?")
    return CsvRow(start, values, tuple(problems))


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length - 1] + "…"
