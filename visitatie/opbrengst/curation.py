"""Curation by project leaders: the round's main lesson and introduction, and per theme the
recommendation, findings, quote, practice example and lessons in their own wording.

Every save names the version it was based on (0: nothing saved yet). When someone saved a newer
version in between, the save is refused with CurationConflict and nothing is overwritten; the
database checks it too (version_id_col), so two servers cannot both win.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ..guides.model import GuideSet
from ..models import Answer, Conversation, Mark, Round
from ..models.opbrengst import CuratedLesson, RoundCuration, ThemeCuration
from ..models.types import DbSession, utcnow
from .errors import CurationConflict, CurationInvalid, Problem
from .frame import HELD_STATUSES
from .quotes import conversation_context, problem, source_of

TITLE_MAX = 200
MAIN_LESSON_MAX = 1000
INTRODUCTION_MAX = 5000
RECOMMENDATION_MAX = 500
FINDING_MAX = 500
FINDINGS_MAX = 12
LESSON_MAX = 1000
MUNICIPALITY_MAX = 80
URL_MAX = 500


@dataclass(frozen=True)
class RoundCurationInput:
    title: str = ""
    main_lesson: str = ""
    introduction: str = ""


@dataclass(frozen=True)
class ThemeCurationInput:
    recommendation: str = ""
    findings: tuple[str, ...] = ()
    quote_mark_id: int | None = None
    practice_municipality: str = ""
    practice_title: str = ""
    practice_url: str = ""
    practice_consent: bool = False


def findings_from_text(text: str) -> tuple[str, ...]:
    """One finding per line; bullets typed or pasted along ("- ", "• ") are dropped."""
    lines = ((text or "").replace("\r\n", "\n")).split("\n")
    return tuple(line.strip().lstrip("-•*").strip() for line in lines if line.strip().lstrip("-•*").strip())


def _length(problems: list[Problem], field: str, value: str, maximum: int, required: bool = False) -> None:
    if required and not value.strip():
        problems.append(Problem("required", field))
    elif len(value) > maximum:
        problems.append(Problem("too_long", field))


def _check_version(current: RoundCuration | ThemeCuration | CuratedLesson | None, base_version: int) -> None:
    if (current.version if current is not None else 0) != base_version:
        raise CurationConflict(current)


def _commit(session: DbSession, current_of: Callable[[], object]) -> None:
    """Commit; a lost race (stale version, or a first row created twice) becomes a conflict."""
    try:
        session.commit()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise CurationConflict(current_of()) from None


# --- the round -----------------------------------------------------------------------------

def round_curation(session: DbSession, round_id: int) -> RoundCuration | None:
    return session.scalar(select(RoundCuration).where(RoundCuration.round_id == round_id))


def save_round_curation(session: DbSession, round_: Round, data: RoundCurationInput, actor: str,
                        base_version: int) -> RoundCuration:
    problems: list[Problem] = []
    _length(problems, "title", data.title, TITLE_MAX)
    _length(problems, "main_lesson", data.main_lesson, MAIN_LESSON_MAX)
    _length(problems, "introduction", data.introduction, INTRODUCTION_MAX)
    if problems:
        raise CurationInvalid(problems)
    current = round_curation(session, round_.id)
    _check_version(current, base_version)
    if current is None:
        current = RoundCuration(round_id=round_.id)
        session.add(current)
    current.title, current.main_lesson = data.title.strip(), data.main_lesson.strip()
    current.introduction = data.introduction.strip()
    current.updated_by, current.updated_at = actor, utcnow()
    _commit(session, lambda: round_curation(session, round_.id))
    return current


# --- a theme -------------------------------------------------------------------------------

def theme_curation(session: DbSession, round_id: int, number: int) -> ThemeCuration | None:
    return session.scalar(select(ThemeCuration).where(ThemeCuration.round_id == round_id,
                                                      ThemeCuration.theme_number == number))


def theme_marks(session: DbSession, guides: GuideSet, round_id: int, number: int, kind: str) -> list[Mark]:
    """Marks of one kind on answers to this theme's questions in held conversations of the round."""
    guide = guides.by_number(number)
    question_ids = [q.id for q in guide.questions] if guide else []
    return list(session.scalars(
        select(Mark).join(Answer, Answer.id == Mark.answer_id)
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(Conversation.round_id == round_id, Conversation.status.in_(HELD_STATUSES), Mark.kind == kind,
               Answer.question_id.in_(question_ids)).order_by(Mark.id)))


def quote_candidates(session: DbSession, guides: GuideSet, round_id: int, number: int) -> list[tuple[Mark, str | None]]:
    """Every quote of this theme with the reason it cannot be published (None: it can)."""
    marks = theme_marks(session, guides, round_id, number, "citaat")
    names, _roles = conversation_context(session, [m.answer.conversation_id for m in marks])
    return [(mark, problem(source_of(mark), names[mark.answer.conversation_id])) for mark in marks]


def _theme_problems(session: DbSession, guides: GuideSet, round_id: int, number: int,
                    data: ThemeCurationInput) -> list[Problem]:
    problems: list[Problem] = []
    _length(problems, "recommendation", data.recommendation, RECOMMENDATION_MAX, required=True)
    if len(data.findings) > FINDINGS_MAX:
        problems.append(Problem("too_many", "findings"))
    if any(len(finding) > FINDING_MAX for finding in data.findings):
        problems.append(Problem("too_long", "findings"))
    if data.quote_mark_id is not None:
        found = dict((m.id, reason) for m, reason in quote_candidates(session, guides, round_id, number))
        if data.quote_mark_id not in found:
            problems.append(Problem("unknown", "quote"))
        elif reason := found[data.quote_mark_id]:
            problems.append(Problem(reason, "quote"))
    municipality, title, url = (data.practice_municipality.strip(), data.practice_title.strip(),
                                data.practice_url.strip())
    if municipality or title or url:
        _length(problems, "practice_municipality", municipality, MUNICIPALITY_MAX, required=True)
        _length(problems, "practice_title", title, TITLE_MAX, required=True)
        if url and not url.lower().startswith(("https://", "http://")):
            problems.append(Problem("not_a_web_address", "practice_url"))
        elif len(url) > URL_MAX:
            problems.append(Problem("too_long", "practice_url"))
        if not data.practice_consent:
            problems.append(Problem("required", "practice_consent"))
    return problems


def save_theme_curation(session: DbSession, guides: GuideSet, round_: Round, number: int,
                        data: ThemeCurationInput, actor: str, base_version: int) -> ThemeCuration:
    if number not in [t.number for t in round_.themes]:
        raise CurationInvalid([Problem("theme_not_in_round", "")])
    problems = _theme_problems(session, guides, round_.id, number, data)
    if problems:
        raise CurationInvalid(problems)
    current = theme_curation(session, round_.id, number)
    _check_version(current, base_version)
    if current is None:
        current = ThemeCuration(round_id=round_.id, theme_number=number)
        session.add(current)
    given = bool(data.practice_title.strip())
    current.recommendation = data.recommendation.strip()
    current.findings = list(data.findings)
    current.quote_mark_id = data.quote_mark_id
    current.practice_municipality = data.practice_municipality.strip() if given else None
    current.practice_title = data.practice_title.strip() if given else None
    current.practice_url = (data.practice_url.strip() or None) if given else None
    current.practice_consent = bool(data.practice_consent) and given
    current.updated_by, current.updated_at = actor, utcnow()
    _commit(session, lambda: theme_curation(session, round_.id, number))
    return current


# --- lessons -------------------------------------------------------------------------------

def lessons_of(session: DbSession, round_id: int, number: int) -> list[CuratedLesson]:
    return list(session.scalars(select(CuratedLesson).where(
        CuratedLesson.round_id == round_id, CuratedLesson.theme_number == number,
        CuratedLesson.withdrawn_at.is_(None)).order_by(CuratedLesson.id)))


def _lesson_sources(session: DbSession, guides: GuideSet, round_id: int, number: int, text: str,
                    mark_ids: Iterable[int | str]) -> list[Mark]:
    problems: list[Problem] = []
    _length(problems, "text", text, LESSON_MAX, required=True)
    available = {m.id: m for m in theme_marks(session, guides, round_id, number, "les")}
    wanted = sorted(set(int(m) for m in mark_ids))
    if not wanted:
        problems.append(Problem("required", "sources"))
    elif any(m not in available for m in wanted):
        problems.append(Problem("unknown", "sources"))
    if problems:
        raise CurationInvalid(problems)
    return [available[m] for m in wanted]


def add_lesson(session: DbSession, guides: GuideSet, round_: Round, number: int, text: str,
               mark_ids: Iterable[int | str], actor: str) -> CuratedLesson:
    """A lesson in the curator's wording that groups the marked passages it came from."""
    if number not in [t.number for t in round_.themes]:
        raise CurationInvalid([Problem("theme_not_in_round", "")])
    sources = _lesson_sources(session, guides, round_.id, number, text, mark_ids)
    lesson = CuratedLesson(round_id=round_.id, theme_number=number, text=text.strip(), sources=sources,
                           created_by=actor, updated_by=actor)
    session.add(lesson)
    session.commit()
    return lesson


def update_lesson(session: DbSession, guides: GuideSet, lesson: CuratedLesson, text: str,
                  mark_ids: Iterable[int | str], actor: str, base_version: int) -> CuratedLesson:
    sources = _lesson_sources(session, guides, lesson.round_id, lesson.theme_number, text, mark_ids)
    _check_version(lesson, base_version)
    lesson.text, lesson.sources = text.strip(), sources
    lesson.updated_by, lesson.updated_at = actor, utcnow()
    _commit(session, lambda: session.get(CuratedLesson, lesson.id))
    return lesson


def delete_lesson(session: DbSession, lesson: CuratedLesson, base_version: int) -> None:
    _check_version(lesson, base_version)
    session.delete(lesson)
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        raise CurationConflict(session.get(CuratedLesson, lesson.id)) from None
