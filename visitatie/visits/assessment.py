"""The maturity assessment: the host's self-assessment and the committee's score per theme, each a
level 1-5 with a justification, and the theme's document checklist (yes/no, date, remark).

Scores carry a version: a save names the version it was based on and is refused (StaleEdit) when
someone saved a newer one in between. Nothing is uploaded: the checklist records only whether a
document exists, its date and a remark.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..conversations.answers import conversation_guides
from ..guides.model import ChecklistItem, Guide, GuideSet, MaturityScale
from ..models import Conversation
from ..models.types import DbSession, utcnow
from ..models.visits import MATURITY_LEVELS, SCORE_SOURCES, TEXT_MAX_LENGTH, ChecklistEntry, MaturityScore
from .core import require_open, require_visit, versioned_update
from .errors import InvalidInput, StaleEdit

REMARK_MAX_LENGTH = 1000


@dataclass(frozen=True)
class ScoreInput:
    """A level and its justification as typed; `base_version` 0 when there was no score yet."""

    level: int | None
    justification: str
    base_version: int = 0

    @property
    def empty(self) -> bool:
        return self.level is None and not self.justification.strip()


@dataclass(frozen=True)
class ChecklistInput:
    item_id: str
    present: bool | None
    document_date: date | None = None
    remark: str = ""


@dataclass(frozen=True)
class ThemeAssessment:
    """One theme of a visit: its maturity scale, the self-assessment and the committee's score."""

    guide: Guide
    scale: MaturityScale | None
    self_score: MaturityScore | None
    committee_score: MaturityScore | None
    checklist: list[tuple[ChecklistItem, ChecklistEntry | None]] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.guide.number

    @property
    def title(self) -> str:
        return self.guide.title

    @property
    def difference(self) -> int | None:
        """Committee minus self-assessment: negative when the host rated itself higher."""
        if self.self_score is None or self.committee_score is None:
            return None
        return self.committee_score.level - self.self_score.level

    def level_name(self, level: int | None) -> str:
        if self.scale is None or level is None:
            return ""
        return next((scale_level.name for scale_level in self.scale.levels if scale_level.level == level), "")


def visit_guides(guides: GuideSet, conversation: Conversation) -> list[Guide]:
    return conversation_guides(guides, require_visit(conversation))


def theme_guide(guides: GuideSet, conversation: Conversation, number: int) -> Guide | None:
    return next((g for g in visit_guides(guides, conversation) if g.number == number), None)


def scores_of(session: DbSession, conversation: Conversation) -> dict[tuple[int, str], MaturityScore]:
    rows = session.scalars(select(MaturityScore).where(MaturityScore.conversation_id == conversation.id)
                           .execution_options(populate_existing=True))
    return {(s.theme_number, s.source): s for s in rows}


def checklist_of(session: DbSession, conversation: Conversation) -> dict[str, ChecklistEntry]:
    rows = session.scalars(select(ChecklistEntry).where(ChecklistEntry.conversation_id == conversation.id))
    return {e.item_id: e for e in rows}


def assessments(session: DbSession, guides: GuideSet, conversation: Conversation) -> list[ThemeAssessment]:
    """Every theme of the visit with both scores side by side and its checklist, in theme order."""
    scores = scores_of(session, conversation)
    entries = checklist_of(session, conversation)
    result = []
    for guide in visit_guides(guides, conversation):
        scale = guides.maturity_for(guide.slug)
        items = [(item, entries.get(item.id)) for item in (scale.checklist if scale else ())]
        result.append(ThemeAssessment(guide, scale, scores.get((guide.number, "self")),
                                      scores.get((guide.number, "committee")), items))
    return result


def _score_problems(score: ScoreInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if score.empty:
        return problems
    if score.level not in MATURITY_LEVELS:
        problems["level"] = "level_required"
    text = score.justification.strip()
    if not text:
        problems["justification"] = "justification_required"
    elif len(text) > TEXT_MAX_LENGTH:
        problems["justification"] = "too_long"
    return problems


def _checklist_problems(guides: GuideSet, guide: Guide, entries: list[ChecklistInput]) -> dict[str, str]:
    scale = guides.maturity_for(guide.slug)
    known = {item.id for item in (scale.checklist if scale else ())}
    problems = {}
    for entry in entries:
        if entry.item_id not in known:
            problems[f"checklist-{entry.item_id}"] = "unknown_item"
        elif len(entry.remark.strip()) > REMARK_MAX_LENGTH:
            problems[f"checklist-{entry.item_id}-remark"] = "too_long"
    return problems


def save_assessment(session: DbSession, guides: GuideSet, conversation: Conversation, theme_number: int,
                    source: str, score: ScoreInput, actor: str, checklist: Sequence[ChecklistInput] = (),
                    now: datetime | None = None) -> MaturityScore | None:
    """Save one theme's score (and, with the self-assessment, its checklist) in one transaction.

    An empty level and justification leave the score as it is (when there is a checklist to save;
    without one it is refused). Raises VisitLocked, InvalidInput
    with every problem at once (nothing is saved), or StaleEdit (nothing is saved).
    """
    require_open(conversation)
    if source not in SCORE_SOURCES:
        raise ValueError(f"unknown source {source!r}")
    guide = theme_guide(guides, conversation, theme_number)
    if guide is None:
        raise InvalidInput({"theme": "unknown_theme"})
    problems = {**_score_problems(score), **_checklist_problems(guides, guide, list(checklist))}
    if score.empty and not checklist:
        problems.update(level="level_required", justification="justification_required")  # nothing to save
    if problems:
        raise InvalidInput(problems)
    now = now or utcnow()
    _stage_checklist(session, conversation, list(checklist), actor, now)
    current = scores_of(session, conversation).get((theme_number, source))
    if score.empty:
        session.commit()
        return current
    return _store_score(session, conversation, theme_number, source, current, score, actor, now)


def _stage_checklist(session: DbSession, conversation: Conversation, entries: list[ChecklistInput], actor: str,
                     now: datetime) -> None:
    stored = checklist_of(session, conversation)
    for entry in entries:
        row = stored.get(entry.item_id)
        values = (entry.present, entry.document_date, entry.remark.strip())
        if row is not None and (row.present, row.document_date, row.remark) == values:
            continue
        if row is None:
            if values == (None, None, ""):
                continue
            row = ChecklistEntry(conversation_id=conversation.id, item_id=entry.item_id)
            session.add(row)
        row.present, row.document_date, row.remark = values
        row.updated_by, row.updated_at = actor, now


def _store_score(session: DbSession, conversation: Conversation, theme_number: int, source: str,
                 current: MaturityScore | None, score: ScoreInput, actor: str, now: datetime) -> MaturityScore:
    text = score.justification.strip()
    if current is None:
        if score.base_version:
            # The form showed a score that no longer exists: a conflict with "nothing".
            session.rollback()
            raise StaleEdit(MaturityScore(theme_number=theme_number, source=source, level=0,
                                          justification="", updated_by="", version=0))
        row = MaturityScore(conversation_id=conversation.id, theme_number=theme_number, source=source,
                            level=score.level, justification=text, updated_by=actor, updated_at=now, version=1)
        session.add(row)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # someone else scored this theme a moment ago: theirs stands
            raise StaleEdit(scores_of(session, conversation)[(theme_number, source)]) from None
        return row
    if (current.level, current.justification) == (score.level, text):
        session.commit()  # nothing changed (or both wrote the same): no new version, no conflict
        return current
    return versioned_update(session, MaturityScore, current, score.base_version,
                            {"level": score.level, "justification": text, "updated_by": actor, "updated_at": now})
