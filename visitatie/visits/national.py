"""The national picture for VNG: how the committees assessed maturity, per theme and year (pandas).

Public output never shows a single municipality's scores without its consent:
- only finalised visits (report vastgesteld) count;
- a cell (theme, year) with fewer than MIN_VISITS visits is left out;
- so is a cell in which the visits whose host did not consent number 1 or 2: with the named
  hosts' levels published beside the distribution, those few could be read off by subtraction.
Project leaders see every held visit, unsuppressed, with the hosts' names.

`national_maturity` returns exactly the "maturity" key of the opbrengst snapshot (opbrengst/snapshot_format.py).
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import select

from ..guides.versions import stored_guide_set
from ..models import Conversation, Round, Theme
from ..models.guide_versions import DEFAULT_GUIDE_SET
from ..models.types import DbSession
from ..models.visits import MATURITY_LEVELS, MaturityScore, Visit
from ..vocabulary import HELD_STATUSES, ConversationStatus
from .core import VISIT_KIND, is_visit, visit_year

MIN_VISITS = 3
PUBLIC_STATUSES = (ConversationStatus.VASTGESTELD,)
COLUMNS = ["conversation_id", "municipality", "year", "theme_number", "level", "consent_named", "topic", "title"]


@dataclass(frozen=True)
class NamedVisit:
    municipality: str
    year: str
    levels: dict[int, int]  # theme number -> committee level


@dataclass(frozen=True)
class NationalPicture:
    maturity: dict[str, Any] | None                      # the snapshot's "maturity" shape
    suppressed: list[tuple[int, str, str]] = field(default_factory=list)  # (theme, title, year) left out
    named: list[NamedVisit] = field(default_factory=list)
    visits: int = 0                            # visits counted (before suppression)
    public: bool = True
    min_visits: int = MIN_VISITS
    release: int | None = None                 # the release number, for a published picture
    released_at: object = None
    by_size: dict[str, Any] | None = None                # per CBS size group (national_by_size), in a release


def score_frame(session: DbSession, round_ids: Collection[int] | None = None,
                statuses: Collection[str] = HELD_STATUSES) -> pd.DataFrame:
    """One row per committee score of a visit with one of `statuses`."""
    query = (select(MaturityScore, Conversation)
             .join(Conversation, MaturityScore.conversation_id == Conversation.id)
             .join(Round, Conversation.round_id == Round.id)
             .where(Round.kind == VISIT_KIND, MaturityScore.source == "committee",
                    Conversation.status.in_(statuses)))
    if round_ids:
        query = query.where(Conversation.round_id.in_(list(round_ids)))
    consent = dict(session.execute(select(Visit.conversation_id, Visit.consent_named)).all())
    titles = _TitlesByRound(session)
    rows = [(c.id, c.municipalities[0].name, str(visit_year(c)), s.theme_number, s.level,
             bool(consent.get(c.id, False)), c.round.guide_set or DEFAULT_GUIDE_SET,
             titles.of(c.round).get(s.theme_number, ""))
            for s, c in session.execute(query) if is_visit(c)]
    return pd.DataFrame(rows, columns=COLUMNS)


class _TitlesByRound:
    """Theme titles in each round's own guide version, so a visitatieronde on another topic shows
    its own themes. A version this database never stored (a round made before versions were
    stored) can only be the shipped guide, whose titles the Theme rows carry."""

    def __init__(self, session: DbSession):
        self.session = session
        self.cache: dict[tuple[str, str], dict[int, str]] = {}
        self.shipped = dict(session.execute(select(Theme.number, Theme.title)).all())

    def of(self, round_: Round) -> dict[int, str]:
        key = (round_.guide_set or DEFAULT_GUIDE_SET, round_.guide_version)
        if key not in self.cache:
            guides = stored_guide_set(self.session, *key)
            self.cache[key] = {g.number: g.title for g in guides} if guides else self.shipped
        return self.cache[key]


def _shown(cell: pd.DataFrame, public: bool, min_visits: int) -> bool:
    if not public:
        return True
    unnamed = int((~cell["consent_named"]).sum())
    return len(cell) >= min_visits and (unnamed == 0 or unnamed >= min_visits)


def national_picture(session: DbSession, round_ids: Collection[int] | None = None, *, public: bool = True,
                     min_visits: int = MIN_VISITS) -> NationalPicture:
    frame = score_frame(session, round_ids, PUBLIC_STATUSES if public else HELD_STATUSES)
    if frame.empty:
        return NationalPicture(None, public=public, min_visits=min_visits)
    themes, suppressed = [], []
    # Per topic (the shipped digital-security set first), then per theme: theme 1 of another topic
    # is another theme, never counted with the first digital-security theme.
    frame = frame.assign(other_topic=frame["topic"] != DEFAULT_GUIDE_SET)
    for (_other, _topic, number), by_theme in frame.groupby(["other_topic", "topic", "theme_number"], sort=True):
        title = str(by_theme["title"].iloc[0])
        years, n = {}, 0
        for year, cell in by_theme.groupby("year", sort=True):
            if not _shown(cell, public, min_visits):
                suppressed.append((int(number), title, str(year)))
                continue
            counts = cell["level"].value_counts()
            years[str(year)] = {str(level): int(counts.get(level, 0)) for level in MATURITY_LEVELS}
            n += len(cell)
        themes.append({"number": int(number), "title": title, "years": years, "n": n})
    named_frame = frame[frame["consent_named"]] if public else frame
    named = [NamedVisit(str(rows["municipality"].iloc[0]), str(rows["year"].iloc[0]),
                        {int(t): int(level) for t, level in zip(rows["theme_number"], rows["level"], strict=True)})
             for _, rows in named_frame.groupby("conversation_id", sort=False)]
    named.sort(key=lambda v: (v.year, v.municipality))
    maturity = {"themes": themes} if any(t["years"] for t in themes) else None
    return NationalPicture(maturity, suppressed, named, int(frame["conversation_id"].nunique()), public, min_visits)


def national_maturity(session: DbSession, round_ids: Collection[int] | None = None, *,
                      min_visits: int = MIN_VISITS) -> dict[str, Any] | None:
    """The snapshot's "maturity" key: public (finalised visits, small cells suppressed), or None
    when no cell can be shown. `round_ids` limits it to those visitatierondes; None takes all."""
    return national_picture(session, round_ids, public=True, min_visits=min_visits).maturity
