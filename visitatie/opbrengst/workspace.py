"""What a project leader sees while curating: the round's status per theme, and for one theme
the marked passages, the quotes with their consent, the curated lessons with their counts and a
preview of the theme as it would be published."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import func, select

from ..guides.model import Guide, GuideSet
from ..models import Conversation, Mark, Round
from ..models.opbrengst import CuratedLesson, RoundCuration, ThemeCuration
from ..models.types import DbSession
from . import aggregate
from .curation import lessons_of, quote_candidates, round_curation, theme_curation, theme_marks
from .frame import HELD_STATUSES, load
from .snapshot import assemble


@dataclass
class LessonRow:
    lesson: CuratedLesson
    conversations: int
    municipalities: int


@dataclass
class ThemeWorkspace:
    guide: Guide
    curation: ThemeCuration | None
    preview: dict[str, Any]                        # the theme as the snapshot would publish it
    lessons: list[LessonRow]
    passages: list[Mark]                            # marked lessons of this theme
    used_in: dict[int, list[int]] = field(default_factory=dict)  # mark id -> curated lesson ids
    quotes: list[tuple[Mark, str | None]] = field(default_factory=list)  # with why it cannot be chosen


def theme_workspace(session: DbSession, guides: GuideSet, round_: Round, number: int) -> ThemeWorkspace:
    data = load(session, guides, [round_.id])
    preview = next(t for t in assemble(session, guides, data)["themes"] if t["number"] == number)
    lessons = lessons_of(session, round_.id, number)
    sources = pd.DataFrame([(lesson.id, mark.id) for lesson in lessons for mark in lesson.sources],
                           columns=["lesson_id", "mark_id"]).astype("int64")
    counts = aggregate.lesson_counts(data, sources).set_index("lesson_id")
    rows = [LessonRow(lesson, int(counts.at[lesson.id, "conversations"]) if lesson.id in counts.index else 0,
                      int(counts.at[lesson.id, "municipalities"]) if lesson.id in counts.index else 0)
            for lesson in lessons]
    rows.sort(key=lambda r: (-r.conversations, -r.municipalities, r.lesson.text.casefold()))
    used_in: dict[int, list[int]] = {}
    for lesson in lessons:
        for mark in lesson.sources:
            used_in.setdefault(mark.id, []).append(lesson.id)
    return ThemeWorkspace(guides.theme(number), theme_curation(session, round_.id, number), preview, rows,
                          theme_marks(session, guides, round_.id, number, "les"), used_in,
                          quote_candidates(session, guides, round_.id, number))


@dataclass
class ThemeStatus:
    number: int
    title: str
    curation: ThemeCuration | None
    lessons: int

    @property
    def is_empty(self) -> bool:
        """Nothing curated yet: no finding, lesson, quote or practice example."""
        c = self.curation
        return not self.lessons and not (c and (c.findings or c.quote_mark_id or c.practice_title))


@dataclass
class RoundOverview:
    curation: RoundCuration | None
    themes: list[ThemeStatus]
    held: int  # conversations held (gehouden or vastgesteld)

    @property
    def empty_titles(self) -> list[str]:
        return [f"{t.number}. {t.title}" for t in self.themes if t.is_empty]


def round_overview(session: DbSession, round_: Round, titles: dict[int, str] | None = None) -> RoundOverview:
    """`titles`: theme number -> title in the round's own guide version (another topic's titles)."""
    curations = {c.theme_number: c for c in session.scalars(
        select(ThemeCuration).where(ThemeCuration.round_id == round_.id))}
    lesson_counts = dict(session.execute(
        select(CuratedLesson.theme_number, func.count()).where(CuratedLesson.round_id == round_.id)
        .group_by(CuratedLesson.theme_number)).all())
    held = session.scalar(select(func.count()).select_from(Conversation).where(
        Conversation.round_id == round_.id, Conversation.status.in_(HELD_STATUSES))) or 0  # COUNT gives a row
    themes = [ThemeStatus(t.number, (titles or {}).get(t.number, t.title), curations.get(t.number),
                          lesson_counts.get(t.number, 0))
              for t in round_.themes]
    return RoundOverview(round_curation(session, round_.id), themes, held)
