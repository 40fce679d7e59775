"""Follow-up: a visit a year later beside the previous one, with the change per theme.

The change is the committee's level now minus the committee's level then: the committee's score
is the assessment, the self-assessment is shown beside it for context.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..guides.model import GuideSet
from ..models import Conversation
from ..models.types import DbSession
from ..models.visits import MaturityScore, Recommendation
from .assessment import scores_of, visit_guides
from .core import visit_as_it_stands
from .recommendations import recommendations_of


def maturity_change(previous: Mapping[int, int | None], current: Mapping[int, int | None]) -> dict[int, int | None]:
    """Per theme number: current level minus previous level; None when either is missing."""
    changes: dict[int, int | None] = {}
    for number in sorted(set(previous) | set(current)):
        now, then = current.get(number), previous.get(number)
        changes[number] = now - then if now is not None and then is not None else None
    return changes


@dataclass(frozen=True)
class ThemeChange:
    number: int
    title: str
    previous_self: int | None
    previous_committee: int | None
    current_self: int | None
    current_committee: int | None
    change: int | None


@dataclass(frozen=True)
class FollowUp:
    previous: Conversation
    themes: list[ThemeChange]
    recommendations: list[Recommendation]  # the previous visit's, with their status today

    @property
    def open_recommendations(self) -> list[Recommendation]:
        return [r for r in self.recommendations if r.status in ("open", "in_uitvoering")]


def _levels(scores: dict[tuple[int, str], MaturityScore], source: str) -> dict[int, int]:
    return {number: score.level for (number, kind), score in scores.items() if kind == source}


def follow_up(session: DbSession, guides: GuideSet, conversation: Conversation) -> FollowUp | None:
    """The previous visit of the same host beside this one, or None for a first visit."""
    visit = visit_as_it_stands(session, conversation)
    previous = visit.previous
    if previous is None:
        return None
    now, then = scores_of(session, conversation), scores_of(session, previous)
    current_committee, previous_committee = _levels(now, "committee"), _levels(then, "committee")
    changes = maturity_change(previous_committee, current_committee)
    themes = [ThemeChange(g.number, g.title, _levels(then, "self").get(g.number), previous_committee.get(g.number),
                          _levels(now, "self").get(g.number), current_committee.get(g.number),
                          changes.get(g.number))
              for g in visit_guides(guides, conversation)]
    return FollowUp(previous, themes, recommendations_of(session, previous))
