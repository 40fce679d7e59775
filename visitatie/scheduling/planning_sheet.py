"""The planning spreadsheet round trip: download a round's planning as .xlsx (one row per
conversation), edit it in Excel, upload it. Every changed row is saved through save_conversation,
so the rules of the form hold (double booking, a gespreksleider from a participating municipality,
a date outside the round, municipalities leaving a conversation with recorded answers). The upload
is first tried inside a savepoint and rolled back: that is the preview. Nothing is saved when one
row is wrong, and every problem names its row and column.

The columns Deelnemers and Status are there to read: participants come from the contacts register
and are changed in the app; a changed cell in those columns is refused rather than ignored. The
column Versie lets the upload refuse a row whose conversation was changed after the download.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from typing import Any

import pandas as pd
from sqlalchemy import select

from ..importing.csv_files import CsvImportError, CsvRow, CsvTable, normalise_column
from ..importing.table_files import read_table
from ..models import Conversation, Municipality, Round
from ..models.types import DbSession
from ..spreadsheets import Sheet, xlsx_bytes
from ..vocabulary import ConversationStatus, Role, label
from .contacts import EMAIL, parse_day
from .conversations import conversation_input, save_conversation
from .errors import Problem, StaleEdit, ValidationFailed
from .inputs import ConversationInput, ParticipantInput, in_amsterdam, local_datetime

HEADERS = ("Gesprek", "Gemeenten", "Datum", "Begintijd", "Duur (minuten)", "Plaats", "Online link",
           "Gespreksleider", "E-mail gespreksleider", "Gemeente gespreksleider", "Deelnemers", "Status", "Versie")
KEY = {header: normalise_column(header) for header in HEADERS}
READ_ONLY = ("Deelnemers", "Status")
# Not the comma: "Nuenen, Gerwen en Nederwetten" is one municipality.
TOWN_SEPARATORS = re.compile(r"\s+[–—-]\s+|\s*[;\n]\s*")
TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::00)?")
INSTRUCTIONS = (
    "Wijzig per gesprek de gemeenten, datum (bijvoorbeeld 2025-04-15), begintijd (14:00), duur, plaats, online link "
    "of gespreksleider (naam, e-mailadres en gemeente) en lees het bestand in op de pagina Planningsbestand.",
    "Laat de kolommen Gesprek en Versie staan. Deelnemers en Status zijn ter informatie: die wijzigt u in de app.",
    "Voordat er iets wordt opgeslagen, ziet u wat er verandert. Is één regel fout, dan wordt niets opgeslagen.",
)


class PlanningFileError(CsvImportError):
    """The file itself cannot be read (not a table, a column missing)."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str  # one of HEADERS
    problem: Problem


class PlanningImportError(Exception):
    """One or more rows are wrong; nothing was saved."""

    def __init__(self, file: str, problems: list[RowProblem]):
        self.file, self.problems = file, problems
        super().__init__(f"{file}: {len(problems)} problemen")


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    line: int
    conversation_id: int
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class PlanningImportResult:
    changed: tuple[RowChange, ...]
    unchanged: int
    saved: bool


@dataclass
class _Row:
    line: int
    conversation: Conversation
    version: int | None
    values: dict[str, Any] = field(default_factory=dict)  # header → the cell as shown


def participants_text(conversation: Conversation) -> str:
    return "; ".join(
        f"{p.person.name} ({label(Role, p.role)}, {p.municipality.name if p.municipality else '–'}) "
        f"<{p.person.email or ''}>" for p in conversation.participations if p.role != "gespreksleider")


def row_values(conversation: Conversation) -> dict[str, str]:
    """The conversation as the cells of its row."""
    start = in_amsterdam(conversation.starts_at) if conversation.starts_at else None
    leader = conversation.gespreksleider
    return {
        "Gemeenten": " – ".join(m.name for m in conversation.municipalities),
        "Datum": start.date().isoformat() if start else "", "Begintijd": start.strftime("%H:%M") if start else "",
        "Duur (minuten)": str(conversation.duration_minutes), "Plaats": conversation.place or "",
        "Online link": conversation.online_url or "",
        "Gespreksleider": leader.person.name if leader else "",
        "E-mail gespreksleider": (leader.person.email or "") if leader else "",
        "Gemeente gespreksleider": leader.municipality.name if leader and leader.municipality else "",
        "Deelnemers": participants_text(conversation), "Status": label(ConversationStatus, conversation.status),
    }


def planning_conversations(session: DbSession, round_: Round) -> list[Conversation]:
    return list(session.scalars(select(Conversation).where(Conversation.round_id == round_.id)
                                .order_by(Conversation.id)))


def planning_xlsx(session: DbSession, round_: Round) -> bytes:
    records = [{"Gesprek": c.id, **row_values(c), "Versie": c.version} for c in planning_conversations(session, round_)]
    frame = pd.DataFrame.from_records(records, columns=list(HEADERS))
    frame["Duur (minuten)"] = frame["Duur (minuten)"].astype("Int64") if len(frame) else frame["Duur (minuten)"]
    notes = pd.DataFrame({"Toelichting": list(INSTRUCTIONS)})
    return xlsx_bytes([Sheet("Planning", frame, wrap=("Gemeenten", "Deelnemers")), Sheet("Toelichting", notes)],
                      confidential=True)


def _text(row: CsvRow, header: str) -> str:
    return row.get(KEY[header])


def _parse(session: DbSession, round_: Round, table: CsvTable) -> tuple[list[_Row], list[RowProblem]]:
    conversations = {c.id: c for c in planning_conversations(session, round_)}
    rows, problems, seen = [], [], dict[int, int]()
    for row in table.rows:
        # Called only within this iteration, so the loop variable is always the current row.
        def problem(column: str, code: str, **params: Any) -> None:
            problems.append(RowProblem(row.line, column, Problem(code, None, params)))  # noqa: B023

        for shape in row.problems:
            problem("Gesprek", "sheet_shape", text=shape)
        number = _text(row, "Gesprek")
        conversation = conversations.get(int(number)) if number.isdigit() else None
        if conversation is None:
            problem("Gesprek", "sheet_unknown_conversation", value=number)
            continue
        if conversation.id in seen:
            problem("Gesprek", "sheet_conversation_twice", value=number, line=seen[conversation.id])
            continue
        seen[conversation.id] = row.line
        version = _text(row, "Versie")
        values = {header: _text(row, header) for header in HEADERS if header not in ("Gesprek", "Versie")}
        rows.append(_Row(row.line, conversation, int(version) if version.isdigit() else None, values))
    return rows, problems


def _input(session: DbSession, row: _Row, towns: dict[str, Municipality],
           problems: list[RowProblem]) -> ConversationInput | None:
    """The row as ConversationInput, or None with its problems added."""
    found = []

    def problem(column: str, code: str, **params: Any) -> None:
        found.append(RowProblem(row.line, column, Problem(code, None, params)))

    current = row_values(row.conversation)
    stale = row.version is not None and row.version != row.conversation.version
    for column in READ_ONLY if not stale else ():  # a stale row is refused as such, below
        if " ".join(row.values[column].split()) != " ".join(current[column].split()):
            problem(column, "sheet_read_only")
    names = [n for n in TOWN_SEPARATORS.split(row.values["Gemeenten"]) if n.strip()]
    municipalities = []
    for name in names:
        municipality = towns.get(name.strip().lower())
        if municipality is None:
            problem("Gemeenten", "sheet_unknown_municipality", name=name.strip())
        municipalities.append(municipality)
    day_text, time_text = row.values["Datum"], row.values["Begintijd"]
    starts_at = None
    if day_text or time_text:
        day = parse_day(day_text) if day_text else None
        match = TIME.fullmatch(time_text.strip()) if time_text else None
        if not day_text or not time_text:
            problem("Datum" if not day_text else "Begintijd", "sheet_date_and_time")
        if day_text and day is None:
            problem("Datum", "sheet_bad_date", value=day_text)
        if time_text and (match is None or int(match[1]) > 23 or int(match[2]) > 59):
            problem("Begintijd", "sheet_bad_time", value=time_text)
        elif day is not None and match is not None:
            starts_at = local_datetime(day, time(int(match[1]), int(match[2])))
    duration_text = row.values["Duur (minuten)"]
    duration = row.conversation.duration_minutes
    if duration_text:
        if duration_text.isdigit():
            duration = int(duration_text)
        else:
            problem("Duur (minuten)", "sheet_bad_duration", value=duration_text)
    leader_name, leader_email = row.values["Gespreksleider"], row.values["E-mail gespreksleider"]
    leader_town = row.values["Gemeente gespreksleider"]
    leader = None
    if leader_name or leader_email or leader_town:
        if not leader_name:
            problem("Gespreksleider", "sheet_leader_incomplete")
        if not EMAIL.match(leader_email):
            problem("E-mail gespreksleider", "sheet_bad_email", value=leader_email)
        town = towns.get(leader_town.lower()) if leader_town else None
        if leader_town and town is None:
            problem("Gemeente gespreksleider", "sheet_unknown_municipality", name=leader_town)
        leader = ParticipantInput(leader_name, leader_email, "gespreksleider", town)
    if found:
        problems.extend(found)
        return None
    data = conversation_input(row.conversation, municipalities=municipalities, starts_at=starts_at,
                              duration_minutes=duration, place=row.values["Plaats"] or None,
                              online_url=row.values["Online link"] or None)
    data.participants = ([leader] if leader else []) + [p for p in data.participants if p.role != "gespreksleider"]
    return data


def _changes(row: _Row) -> tuple[Change, ...]:
    current = row_values(row.conversation)
    changes = []
    for header, new in row.values.items():
        if header in READ_ONLY:
            continue
        old = current[header]
        if header == "Gemeenten":
            same = sorted(TOWN_SEPARATORS.split(new.lower())) == sorted(TOWN_SEPARATORS.split(old.lower()))
        elif header in ("Datum", "Begintijd"):
            same = False  # compared below on the parsed value
        else:
            same = new.strip() == old.strip()
        if not same:
            changes.append(Change(header, old, new))
    return tuple(changes)


def _field_column(problem: Problem, leader_name: str | None) -> str:
    if problem.field == "municipalities":
        return "Gemeenten"
    if problem.field == "starts_at":
        return "Datum"
    if problem.field == "duration_minutes":
        return "Duur (minuten)"
    if problem.field == "online_url":
        return "Online link"
    if problem.params.get("name") and problem.params.get("name") == leader_name:
        return "Gespreksleider"
    if problem.code in ("outsider_from_participant", "two_leaders"):
        return "Gespreksleider"
    return "Deelnemers"


def import_planning(session: DbSession, round_: Round, content: bytes, actor: str, file: str = "<bestand>",
                    save: bool = True) -> PlanningImportResult:
    """Check every row and, with `save` and no problem at all, save the changed conversations.

    Raises PlanningFileError (the file) or PlanningImportError (rows); flushes, the caller commits.
    """
    table = read_table(content, file, [KEY["Gesprek"], KEY["Versie"]] + [KEY[h] for h in HEADERS[1:10]],
                       PlanningFileError)
    rows, problems = _parse(session, round_, table)
    towns = {m.name.lower(): m for m in session.scalars(select(Municipality))}
    planned = []
    for row in rows:
        data = _input(session, row, towns, problems)
        if data is None:
            continue
        changes = [c for c in _changes(row) if c.column not in ("Datum", "Begintijd")]
        if data.starts_at != row.conversation.starts_at:
            current = row_values(row.conversation)
            changes.insert(1 if changes and changes[0].column == "Gemeenten" else 0,
                           Change("Datum en tijd", f"{current['Datum']} {current['Begintijd']}".strip(),
                                  f"{row.values['Datum']} {row.values['Begintijd']}".strip()))
        if changes:
            if row.version is not None and row.version != row.conversation.version:
                problems.append(RowProblem(row.line, "Versie", Problem("sheet_stale", None, {})))
                continue
            planned.append((row, data, RowChange(row.line, row.conversation.id, row.conversation.title,
                                                 tuple(changes))))
    if problems:
        raise PlanningImportError(file, _sorted(problems))
    savepoint = session.begin_nested()
    for row, data, _changed in planned:
        leader = next((p.name for p in data.participants if p.role == "gespreksleider"), None)
        data.allow_repeat = _keeps_municipalities(row.conversation, data)
        try:
            save_conversation(session, round_, data, actor, row.conversation)
        except ValidationFailed as failed:
            problems.extend(RowProblem(row.line, _field_column(p, leader), p) for p in failed.problems)
        except StaleEdit:
            problems.append(RowProblem(row.line, "Versie", Problem("sheet_stale", None, {})))
    if problems or not save:
        savepoint.rollback()
    else:
        savepoint.commit()
    if problems:
        raise PlanningImportError(file, _sorted(problems))
    return PlanningImportResult(tuple(change for _row, _data, change in planned), len(rows) - len(planned), save)


def _keeps_municipalities(conversation: Conversation, data: ConversationInput) -> bool:
    """A row that keeps its municipalities is not checked again for "already in the round"
    (the conversation itself may have been planned with ‘toch toestaan’)."""
    return {m.id for m in conversation.municipalities} == {m.id for m in data.municipalities}


def _sorted(problems: list[RowProblem]) -> list[RowProblem]:
    return sorted(problems, key=lambda p: (p.line, HEADERS.index(p.column) if p.column in HEADERS else 99))
