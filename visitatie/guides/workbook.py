"""A guide version as a workbook, and back: for project leaders who prefer a spreadsheet.

In the spirit of XLSForm's survey/choices sheets: one sheet of themes, one row per question, the
options of multiple-choice questions in their own sheet, and the maturity levels and checklist.
Reading is all-or-nothing: every problem names the sheet, the row, the column and the reason, and
the whole set is checked by the same rules as the YAML files (guide_documents.build_set), with the
loader's field mapped back to the cell it came from.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeAlias, cast

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from ..spreadsheets import Sheet, xlsx_bytes
from .documents import build_set, guide_source, maturity_source
from .files import Document, GuideError

THEMES, QUESTIONS, CHOICES, MATURITY, CHECKLIST = "thema's", "vragen", "keuzes", "volwassenheid", "checklist"
SCALE = tuple(f"schaal_{level}" for level in range(1, 6))
COLUMNS = {
    THEMES: ("versie", "nummer", "slug", "titel", "aanbeveling", "introductie", "bevindingen", "citaat",
             "citaat_spreker", "citaat_functie", "citaat_bron", "praktijkvoorbeeld_gemeente", "praktijkvoorbeeld_titel",
             "praktijkvoorbeeld_url"),
    QUESTIONS: ("thema", "id", "type", "tekst", "toelichting", "rollen", "doorvragen", "meerdere", "kerncijfer",
                "voorwaarde_vraag", "voorwaarde_waarden", *SCALE),
    CHOICES: ("vraag", "waarde", "label"),
    MATURITY: ("thema", "niveau", "naam", "beschrijving"),
    CHECKLIST: ("thema", "id", "label", "toelichting"),
}
# Where each document field comes from: (sheet, column) of the row that holds it.
THEME_FIELDS = {"number": "nummer", "slug": "slug", "title": "titel", "recommendation": "aanbeveling",
                "introduction": "introductie", "findings": "bevindingen"}
QUESTION_FIELDS = {"id": "id", "type": "type", "text": "tekst", "help": "toelichting", "roles": "rollen",
                   "doorvragen": "doorvragen", "multiple": "meerdere", "headline": "kerncijfer",
                   "condition": "voorwaarde_vraag", "scale": "schaal_1", "options": "type"}
YES, NO = "ja", "nee"


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    row: int | None
    column: str | None  # the header, e.g. "tekst"
    letter: str | None  # the spreadsheet column, e.g. "D"
    reason: str

    def __str__(self) -> str:
        where = f"blad '{self.sheet}'" + (f", rij {self.row}" if self.row else "")
        if self.column:
            where += f", kolom {self.letter} ({self.column})"
        return f"{where}: {self.reason}"


class WorkbookError(ValueError):
    def __init__(self, problems: list[CellProblem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


# --- Writing --------------------------------------------------------------------------------


def _lines(values: Iterable[str] | None) -> str:
    return "\n".join(values or [])


def workbook_bytes(content: Document) -> bytes:
    themes: list[list[Any]] = []
    questions: list[list[Any]] = []
    choices: list[list[Any]] = []
    levels: list[list[Any]] = []
    checklist: list[list[Any]] = []
    for doc in content.get("guides") or []:
        theme = doc["theme"]
        quote, example = theme.get("quote") or {}, theme.get("practice_example") or {}
        themes.append([doc.get("version"), theme.get("number"), theme.get("slug"), theme.get("title"),
                       theme.get("recommendation"), theme.get("introduction"), _lines(theme.get("findings")),
                       quote.get("text"), quote.get("speaker"), quote.get("function"), quote.get("source"),
                       example.get("municipality"),
                       example.get("title"), example.get("url")])
        for question in doc.get("questions") or []:
            condition, scale = question.get("condition") or {}, question.get("scale") or {}
            questions.append([
                theme.get("slug"), question["id"], question["type"], question["text"], question.get("help"),
                ", ".join(question.get("roles") or []), _lines(question.get("doorvragen")),
                YES if question.get("multiple") else None, question.get("headline"), condition.get("question"),
                ", ".join(condition.get("in") or []) or None,
                *[scale.get(level, scale.get(str(level))) for level in range(1, 6)]])
            choices.extend([question["id"], o["value"], o["label"]] for o in question.get("options") or [])
    for doc in content.get("maturity") or []:
        levels.extend([doc["theme"], level["level"], level["name"], level["description"]] for level in doc["levels"])
        checklist.extend([doc["theme"], c["id"], c["label"], c.get("help")] for c in doc["checklist"])
    rows = {THEMES: themes, QUESTIONS: questions, CHOICES: choices, MATURITY: levels, CHECKLIST: checklist}
    wrap = {THEMES: ("aanbeveling", "introductie", "bevindingen", "citaat"), QUESTIONS: ("tekst", "doorvragen")}
    return xlsx_bytes([Sheet(name, pd.DataFrame(rows[name], columns=list(COLUMNS[name]), dtype=object),
                             wrap=wrap.get(name, ())) for name in COLUMNS])


# --- Reading --------------------------------------------------------------------------------


class _Reader:
    """Rows of one sheet as dicts by header, remembering where each came from."""

    letters: dict[str, str]  # header -> column letter; only when the sheet has every column

    def __init__(self, workbook: Workbook, name: str, problems: list[CellProblem]) -> None:
        self.name, self.problems = name, problems
        self.rows: list[tuple[int, dict[str, str | None]]] = []
        if name not in workbook.sheetnames:
            problems.append(CellProblem(name, None, None, None, "dit blad ontbreekt"))
            return
        sheet = workbook[name]
        header = [str(c.value).strip() if c.value is not None else "" for c in next(sheet.iter_rows(max_row=1), [])]
        missing = [column for column in COLUMNS[name] if column not in header]
        if missing:
            problems.append(CellProblem(name, 1, None, None, f"kolom ontbreekt: {', '.join(missing)}"))
            return
        self.letters = {column: get_column_letter(header.index(column) + 1) for column in COLUMNS[name]}
        for row in sheet.iter_rows(min_row=2):
            values: dict[str, str | None] = {}
            for cell in row:
                # The stubs allow None for a merged cell's row and column; a cell of a read sheet has both.
                column_index = cast(int, cell.column) - 1
                column = header[column_index] if column_index < len(header) else ""
                if column not in COLUMNS[name]:
                    continue
                if cell.data_type == "f":
                    self.problem(cell.row, column, "een formule is hier niet toegestaan; typ de tekst zelf")
                    continue
                values[column] = _text(cell.value)
            if any(v is not None for v in values.values()):
                self.rows.append((cast(int, row[0].row), values))

    def problem(self, row: int | None, column: str | None, reason: str) -> None:
        self.problems.append(CellProblem(self.name, row, column, self.letters.get(column) if column else None, reason))


# Where a document field came from: (source, field) -> (sheet, row, column).
_Where: TypeAlias = dict[tuple[str, str], tuple[_Reader, int, str]]


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _split(text: str | None, separator: str) -> list[str]:
    return [part.strip() for part in (text or "").split(separator) if part.strip()]


def _put(target: Document, key: str, value: object) -> None:
    if value not in (None, "", [], {}):
        target[key] = value


def _integer(reader: _Reader, row: int, column: str, value: str | None) -> int | str | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        reader.problem(row, column, f"verwacht een geheel getal, gevonden {value!r}")
        return value


def read_workbook(data: bytes, number: str) -> Document:
    """Content from an uploaded workbook, as version `number` (the app numbers versions, not the
    sheet); WorkbookError with every problem when anything is wrong."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise WorkbookError([CellProblem("(bestand)", None, None, None,
                                         "geen Excel-werkmap (.xlsx); sla het bestand op als Excel-werkmap")]) from None
    problems: list[CellProblem] = []
    readers = {name: _Reader(workbook, name, problems) for name in COLUMNS}
    if any(p.row in (None, 1) for p in problems):  # a sheet or a column missing: nothing more to read
        raise WorkbookError(problems)
    where: _Where = {}
    guides: list[dict[str, Any]] = []
    by_slug: dict[Any, tuple[int, dict[str, Any]]] = {}
    by_question: dict[Any, tuple[int, dict[str, Any]]] = {}
    themes = readers[THEMES]
    for row, values in themes.rows:
        index = len(guides)
        source = guide_source(index)
        theme: dict[str, Any] = {}
        _put(theme, "number", _integer(themes, row, "nummer", values.get("nummer")))
        for key in ("slug", "title", "recommendation", "introduction"):
            _put(theme, key, values.get(THEME_FIELDS[key]))
        _put(theme, "findings", _split(values.get("bevindingen"), "\n"))
        quote: dict[str, Any] = {}
        example: dict[str, Any] = {}
        for key, column in (("text", "citaat"), ("speaker", "citaat_spreker"), ("function", "citaat_functie"),
                            ("source", "citaat_bron")):
            _put(quote, key, values.get(column))
        for key, column in (("municipality", "praktijkvoorbeeld_gemeente"), ("title", "praktijkvoorbeeld_titel"),
                            ("url", "praktijkvoorbeeld_url")):
            _put(example, key, values.get(column))
        _put(theme, "quote", quote)
        _put(theme, "practice_example", example)
        doc: dict[str, Any] = {"version": number, "theme": theme, "questions": []}
        guides.append(doc)
        by_slug.setdefault(theme.get("slug"), (index, doc))
        where[(source, "")] = (themes, row, "nummer")
        where[(source, "version")] = (themes, row, "versie")
        where[(source, "theme")] = (themes, row, "nummer")
        for key, column in THEME_FIELDS.items():
            where[(source, f"theme.{key}")] = (themes, row, column)
        for prefix, columns in (("theme.quote", {"text": "citaat", "speaker": "citaat_spreker",
                                                 "function": "citaat_functie", "source": "citaat_bron"}),
                                ("theme.practice_example", {"municipality": "praktijkvoorbeeld_gemeente",
                                                            "title": "praktijkvoorbeeld_titel",
                                                            "url": "praktijkvoorbeeld_url"})):
            where[(source, prefix)] = (themes, row, next(iter(columns.values())))
            for key, column in columns.items():
                where[(source, f"{prefix}.{key}")] = (themes, row, column)
        where[(source, "questions")] = (themes, row, "slug")
    questions = readers[QUESTIONS]
    for row, values in questions.rows:
        found = by_slug.get(values.get("thema"))
        if found is None:
            questions.problem(row, "thema",
                              f"onbekend thema '{values.get('thema')}'; het staat niet in blad '{THEMES}'")
            continue
        index, doc = found
        question: Document = {}
        for key in ("id", "type", "text", "help", "headline"):
            _put(question, key, values.get(QUESTION_FIELDS[key]))
        _put(question, "roles", _split(values.get("rollen"), ","))
        _put(question, "doorvragen", _split(values.get("doorvragen"), "\n"))
        multiple = (values.get("meerdere") or "").lower()
        if multiple not in ("", YES, NO):
            questions.problem(row, "meerdere", f"vul 'ja' of 'nee' in, gevonden {values.get('meerdere')!r}")
        if multiple == YES:
            question["multiple"] = True
        if values.get("voorwaarde_vraag") or values.get("voorwaarde_waarden"):
            question["condition"] = {"question": values.get("voorwaarde_vraag") or "",
                                     "in": _split(values.get("voorwaarde_waarden"), ",")}
        scale = {level: values.get(column) for level, column in enumerate(SCALE, start=1) if values.get(column)}
        _put(question, "scale", scale)
        position = len(doc["questions"])
        doc["questions"].append(question)
        by_question.setdefault(question.get("id"), (index, question))
        source, prefix = guide_source(index), f"questions[{position}]"
        where[(source, prefix)] = (questions, row, "id")
        for key, column in QUESTION_FIELDS.items():
            where[(source, f"{prefix}.{key}")] = (questions, row, column)
        where[(source, f"{prefix}.condition.in")] = (questions, row, "voorwaarde_waarden")
        for level, column in enumerate(SCALE, start=1):
            where[(source, f"{prefix}.scale.{level}")] = (questions, row, column)
    choices = readers[CHOICES]
    for row, values in choices.rows:
        found = by_question.get(values.get("vraag"))
        if found is None:
            choices.problem(row, "vraag",
                            f"onbekende vraag '{values.get('vraag')}'; ze staat niet in blad '{QUESTIONS}'")
            continue
        index, question = found
        options = question.setdefault("options", [])
        option: dict[str, Any] = {}
        _put(option, "value", values.get("waarde"))
        _put(option, "label", values.get("label"))
        position = next(i for i, q in enumerate(guides[index]["questions"]) if q is question)
        prefix = f"questions[{position}].options[{len(options)}]"
        options.append(option)
        where[(guide_source(index), prefix)] = (choices, row, "waarde")
        where[(guide_source(index), f"{prefix}.value")] = (choices, row, "waarde")
        where[(guide_source(index), f"{prefix}.label")] = (choices, row, "label")
    maturity = _read_maturity(readers[MATURITY], readers[CHECKLIST], guides, where)
    if problems:
        raise WorkbookError(problems)
    content = {"guides": guides, "maturity": maturity}
    try:
        build_set(content)
    except GuideError as error:
        raise WorkbookError([_located(error, where)]) from None
    return content


def _read_maturity(levels: _Reader, checklist: _Reader, guides: list[Document], where: _Where) -> list[Document]:
    docs: dict[str, Document] = {}
    version = guides[0]["version"] if guides else "0000.0"

    def doc_of(reader: _Reader, row: int, slug: str | None) -> Document | None:
        if not slug:
            reader.problem(row, "thema", "verplicht veld ontbreekt (thema)")
            return None
        if slug not in docs:
            docs[slug] = {"version": version, "theme": slug, "levels": [], "checklist": []}
            where[(maturity_source(slug), "")] = (reader, row, "thema")
            where[(maturity_source(slug), "theme")] = (reader, row, "thema")
        return docs[slug]

    for row, values in levels.rows:
        doc = doc_of(levels, row, values.get("thema"))
        if doc is None:
            continue
        level: dict[str, Any] = {}
        _put(level, "level", _integer(levels, row, "niveau", values.get("niveau")))
        _put(level, "name", values.get("naam"))
        _put(level, "description", values.get("beschrijving"))
        prefix = f"levels[{len(doc['levels'])}]"
        doc["levels"].append(level)
        source = maturity_source(doc["theme"])
        where[(source, "levels")] = where.get((source, "levels"), (levels, row, "niveau"))
        for key, column in (("", "niveau"), (".level", "niveau"), (".name", "naam"), (".description", "beschrijving")):
            where[(source, prefix + key)] = (levels, row, column)
    for row, values in checklist.rows:
        doc = doc_of(checklist, row, values.get("thema"))
        if doc is None:
            continue
        item: dict[str, Any] = {}
        for key, column in (("id", "id"), ("label", "label"), ("help", "toelichting")):
            _put(item, key, values.get(column))
        prefix = f"checklist[{len(doc['checklist'])}]"
        doc["checklist"].append(item)
        source = maturity_source(doc["theme"])
        where[(source, "checklist")] = where.get((source, "checklist"), (checklist, row, "id"))
        for key, column in (("", "id"), (".id", "id"), (".label", "label"), (".help", "toelichting")):
            where[(source, prefix + key)] = (checklist, row, column)
    return list(docs.values())


def _located(error: GuideError, where: _Where) -> CellProblem:
    """The cell a loader error is about: the longest known prefix of its field."""
    field = error.field
    if error.reason.startswith("verplicht veld ontbreekt ("):
        # A missing key is reported on its parent; the cell to fill is the key's own column.
        missing = error.reason.split("(", 1)[1].rstrip(")").strip("'")
        field = f"{field}.{missing}" if field else missing
    while True:
        found = where.get((error.file, field))
        if found:
            reader, row, column = found
            return CellProblem(reader.name, row, column, reader.letters.get(column), error.reason)
        if not field:
            return CellProblem(THEMES, None, None, None, f"{error.file}: {error.reason}")
        cut = max(field.rfind("."), field.rfind("["))
        field = field[:cut] if cut > 0 else ""
