"""Import the list of municipalities from CSV: validate every row, then upsert all or nothing.

Reading the file (encoding, ';' or ',', header names, empty rows) is visitatie/importing/csv_files.py."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..models import Municipality
from ..models.types import DbSession
from .csv_files import CsvImportError, read_csv

REQUIRED_COLUMNS = ("code", "naam", "provincie", "veiligheidsregio_code", "veiligheidsregio")
OPTIONAL_COLUMNS = ("inwoners", "bron_jaar")
PROVINCES = (
    "Drenthe", "Flevoland", "Friesland", "Gelderland", "Groningen", "Limburg", "Noord-Brabant",
    "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
)
_CODE = re.compile(r"^GM\d{4}$")
_REGION = re.compile(r"^VR\d{2}$")


class MunicipalityImportError(CsvImportError):
    """Raised with every problem found, each with its line number; nothing has been written."""


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    province: str
    safety_region_code: str
    safety_region: str
    population: int | None
    source_year: int | None


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def parse_csv(data: str | bytes, file: str = "<csv>") -> list[MunicipalityRow]:
    """All rows, or MunicipalityImportError listing every bad row by line number and reason.

    Bytes may be UTF-8 (with or without BOM) or Windows-1252, separated by ';' or ','."""
    table = read_csv(data, file, REQUIRED_COLUMNS, MunicipalityImportError)
    rows, problems = [], []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for row in table.rows:
        line = row.line
        reasons = list(row.problems)
        values = {k: row.get(k) for k in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
        if not _CODE.match(values["code"]):
            reasons.append(f"code {values['code']!r} is geen CBS-gemeentecode (GM gevolgd door vier cijfers)")
        if not values["naam"]:
            reasons.append("naam ontbreekt")
        if values["provincie"] not in PROVINCES:
            reasons.append(f"onbekende provincie {values['provincie']!r}")
        if not _REGION.match(values["veiligheidsregio_code"]):
            reasons.append(f"veiligheidsregio-code {values['veiligheidsregio_code']!r} ligt niet tussen VR01 en VR25")
        if not values["veiligheidsregio"]:
            reasons.append("naam van de veiligheidsregio ontbreekt")
        population = _optional_int(values["inwoners"], "inwoners", reasons)
        year = _optional_int(values["bron_jaar"], "bron_jaar", reasons)
        if values["code"] in codes:
            reasons.append(f"code {values['code']} staat ook op regel {codes[values['code']]}")
        if values["naam"] and values["naam"] in names:
            reasons.append(f"naam {values['naam']!r} staat ook op regel {names[values['naam']]}")
        codes.setdefault(values["code"], line)
        names.setdefault(values["naam"], line)
        if reasons:
            problems.append(f"regel {line}: " + "; ".join(reasons))
            continue
        rows.append(MunicipalityRow(values["code"], values["naam"], values["provincie"],
                                    values["veiligheidsregio_code"], values["veiligheidsregio"],
                                    population, year))
    if problems:
        raise MunicipalityImportError(file, problems)
    if not rows:
        raise MunicipalityImportError(file, ["het bestand bevat geen gemeenten"])
    return rows


# Dutch Excel writes 162000 as "162.000" when the cell has thousands separators; a space or a
# non-breaking space may group the digits too. A comma is refused: it may be a decimal comma.
_GROUPED = re.compile(r"\d{1,3}([. \u00a0\u202f]\d{3})+")


def _optional_int(text: str, column: str, reasons: list[str]) -> int | None:
    if not text:
        return None
    if _GROUPED.fullmatch(text):
        text = re.sub(r"\D", "", text)
    if not text.isdigit():
        reasons.append(f"{column} {text!r} is geen geheel getal")
        return None
    return int(text)


def upsert(session: DbSession, rows: list[MunicipalityRow]) -> ImportResult:
    """Insert new municipalities and update changed ones, matched on CBS code."""
    existing = {m.code: m for m in session.scalars(select(Municipality))}
    created = updated = unchanged = 0
    for row in rows:
        fields = {
            "name": row.name, "province": row.province, "safety_region_code": row.safety_region_code,
            "safety_region": row.safety_region, "source_year": row.source_year,
        }
        # An empty population in the file must not wipe a figure entered earlier.
        if row.population is not None:
            fields["population"] = row.population
        current = existing.get(row.code)
        if current is None:
            session.add(Municipality(code=row.code, population=row.population,
                                     **{k: v for k, v in fields.items() if k != "population"}))
            created += 1
        elif any(getattr(current, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(current, key, value)
            updated += 1
        else:
            unchanged += 1
    return ImportResult(created, updated, unchanged)


def import_file(session: DbSession, path: str | Path) -> ImportResult:
    path = Path(path)
    rows = parse_csv(path.read_bytes(), str(path))
    try:
        result = upsert(session, rows)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return result
