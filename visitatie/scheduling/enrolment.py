"""Which municipalities take part in a round, and their intake self-scan (a score 1–5 per theme).

The self-scan CSV is validated the way the municipality import is (visitatie/importing/municipalities.py):
every bad row reported with its line number and reason, and nothing written unless all is well.
The file is read by visitatie/importing/csv_files.py: ';' or ',', UTF-8 or Windows-1252, Excel's empty
rows and columns ignored.
"""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from ..importing.csv_files import CsvImportError, read_csv
from ..models import Municipality, Round
from ..models.scheduling import RoundMunicipality, SelfScanScore
from ..models.types import DbSession

THEME_NUMBERS = (1, 2, 3, 4, 5)
SCORES = (1, 2, 3, 4, 5)


def score_column(theme: int) -> str:
    return f"thema_{theme}"


class SelfScanImportError(CsvImportError):
    """A self-scan file refused as a whole, with file, line and reason for every problem."""


@dataclass(frozen=True)
class SelfScanRow:
    municipality: Municipality
    scores: dict[int, int]  # theme number → score; a theme left blank is absent


@dataclass(frozen=True)
class SelfScanResult:
    enrolled: int  # municipalities new to the round
    updated: int  # already enrolled; their scores replaced


def enrol(session: DbSession, round_: Round, municipality: Municipality,
          source: str = "handmatig") -> RoundMunicipality:
    """The municipality's enrolment in the round, created when it is not there yet."""
    enrolment = session.scalar(select(RoundMunicipality).where(
        RoundMunicipality.round_id == round_.id, RoundMunicipality.municipality_id == municipality.id))
    if enrolment is None:
        enrolment = RoundMunicipality(round=round_, municipality=municipality, source=source)
        session.add(enrolment)
    return enrolment


def set_scores(enrolment: RoundMunicipality, scores: dict[int, int | None]) -> None:
    """Replace the self-scan scores of the given themes; None clears a theme's score."""
    existing = {s.theme_number: s for s in enrolment.scores}
    for theme, score in scores.items():
        if theme not in THEME_NUMBERS or (score is not None and score not in SCORES):
            raise ValueError(f"score {score!r} voor thema {theme!r}")
        current = existing.get(theme)
        if score is None:
            if current is not None:
                enrolment.scores.remove(current)
        elif current is None:
            enrolment.scores.append(SelfScanScore(theme_number=theme, score=score))
        else:
            current.score = score


def unenrol(session: DbSession, round_: Round, municipality: Municipality) -> bool:
    enrolment = session.scalar(select(RoundMunicipality).where(
        RoundMunicipality.round_id == round_.id, RoundMunicipality.municipality_id == municipality.id))
    if enrolment is None:
        return False
    session.delete(enrolment)
    session.flush()
    return True


def enrolments(session: DbSession, round_: Round) -> list[RoundMunicipality]:
    """The round's enrolments with municipality and self-scan scores: three queries, whatever the size."""
    return list(session.scalars(
        select(RoundMunicipality).join(RoundMunicipality.municipality)
        .options(contains_eager(RoundMunicipality.municipality), selectinload(RoundMunicipality.scores))
        .where(RoundMunicipality.round_id == round_.id).order_by(Municipality.name)))


def parse_self_scan(data: str | bytes, municipalities: list[Municipality], theme_numbers: list[int],
                    file: str = "<csv>") -> list[SelfScanRow]:
    """All rows, or SelfScanImportError listing every bad row by line number and reason.

    Columns: `code` (CBS code), optionally `naam` (checked against the code), and `thema_N` for
    every theme of the round (other themes may be present). A blank score means "not scored".
    """
    table = read_csv(data, file, ["code"] + [score_column(t) for t in theme_numbers], SelfScanImportError)
    by_code = {m.code: m for m in municipalities}
    present = [t for t in THEME_NUMBERS if score_column(t) in table.columns]
    rows, problems, lines = [], [], dict[str, int]()
    for row in table.rows:
        line, reasons = row.line, list(row.problems)
        code = row.get("code").upper()
        municipality = by_code.get(code)
        if municipality is None:
            reasons.append(f"onbekende gemeentecode {code!r}" if code else "code ontbreekt")
        elif row.get("naam") not in ("", municipality.name):
            reasons.append(f"naam {row.get('naam')!r} hoort niet bij {code} ({municipality.name})")
        if code in lines:
            reasons.append(f"{code} staat ook op regel {lines[code]}")
        lines.setdefault(code, line)
        scores = {}
        for theme in present:
            value = row.get(score_column(theme))
            if not value:
                continue
            if value not in {str(s) for s in SCORES}:
                reasons.append(f"{score_column(theme)} {value!r} is geen score van 1 tot en met 5")
            else:
                scores[theme] = int(value)
        if reasons:
            problems.append(f"regel {line}: " + "; ".join(reasons))
        elif municipality is not None:  # always, when there are no reasons
            rows.append(SelfScanRow(municipality, scores))
    if problems:
        raise SelfScanImportError(file, problems)
    if not rows:
        raise SelfScanImportError(file, ["het bestand bevat geen gemeenten"])
    return rows


def import_self_scan(session: DbSession, round_: Round, data: bytes | str,
                     file: str = "<csv>") -> SelfScanResult:
    """Validate the whole file, then enrol every municipality in it and store its scores.

    Bytes may be UTF-8 (with or without BOM) or Windows-1252, separated by ';' or ','."""
    rows = parse_self_scan(data, list(session.scalars(select(Municipality))),
                           [t.number for t in round_.themes], file)
    enrolled = updated = 0
    for row in rows:
        enrolment = enrol(session, round_, row.municipality, source="zelfscan")
        if enrolment.id is None:
            enrolled += 1
        else:
            updated += 1
        set_scores(enrolment, {t: row.scores.get(t) for t in THEME_NUMBERS})
    session.flush()
    return SelfScanResult(enrolled, updated)
