"""The snapshot format: what a published opbrengst version stores and every exit reads.

The snapshot is a plain JSON dict (stored as it is in OpbrengstPublication.snapshot), built by
snapshot.assemble, protected by disclosure.protect_snapshot, read by the public page, the Word and
PDF reports and the public export. These TypedDicts are its documentation and its type; a test
(tests/unit/opbrengst/test_snapshot_format.py) checks that a built snapshot has exactly these keys.

Numbers that disclosure control suppressed are None (shown as "–" with the footnote); a withdrawn
text is replaced by "ingetrokken op ‹datum›" (withdrawal.py). ``schema`` changes when a key does.
"""
from __future__ import annotations

from typing import Any, TypedDict


class RoundRef(TypedDict):
    id: int
    title: str
    kind: str  # vocabulary.RoundKind
    period_start: str  # ISO date
    period_end: str


class Methodology(TypedDict):
    conversations: int
    municipalities: int
    answers: int
    period_start: str | None  # ISO date of the first held conversation, Dutch time
    period_end: str | None
    filters: dict[str, Any]  # frame.Filters.as_dict(): the selection this snapshot is of


class Lesson(TypedDict):
    lesson_id: int
    text: str
    conversations: int | None  # None when coarsened (raised by fewer than MIN_CELL municipalities)
    municipalities: int | None
    fewer_than: int | None  # MIN_CELL when coarsened


class Quote(TypedDict):
    text: str  # the consented text, never the current answer
    speaker: str  # a name only with "met naam" consent, else "een burgemeester" and the like
    function: str
    mark_id: int  # kept so that a withdrawal finds the quote in every version; never shown


class PracticeExample(TypedDict):
    municipality: str
    title: str
    url: str | None


class Coverage(TypedDict):
    conversations: int  # conversations with at least one counted answer on this theme
    of: int  # held conversations that had the theme


class Figure(TypedDict):
    """A ja/nee/deels headline question."""

    question_id: str
    headline: str
    n: int
    ja: int | None
    deels: int | None
    nee: int | None
    missing: int
    share_ja: float | None
    share_deels: float | None
    share_nee: float | None
    suppressed: str | None  # the disclosure reason, or None


class Scale(TypedDict):
    question_id: str
    text: str
    labels: dict[str, str]  # level "1".."5" → its words
    n: int
    mean: float | None  # only beside a full distribution
    median: float | None
    distribution: dict[str, int | None]
    missing: int
    suppressed: str | None


class Theme(TypedDict):
    number: int
    slug: str
    title: str
    recommendation: str
    findings: list[str]
    lessons: list[Lesson]
    quote: Quote | None
    practice_example: PracticeExample | None
    coverage: Coverage
    figures: list[Figure]
    scales: list[Scale]


class Disclosure(TypedDict):
    min_municipalities: int
    min_cell: int
    footnote: str
    any_suppressed: bool


class Withdrawn(TypedDict):
    on: str  # ISO date, Dutch time


class _Withdrawal(TypedDict, total=False):
    """Only on a withdrawn version: its texts are gone, its numbers kept for differencing."""

    withdrawn: Withdrawn
    withdrawn_cells: list[list[Any]]  # disclosure.published_cells as [kind, id, key, value] rows


class Snapshot(_Withdrawal):
    schema: int
    title: str
    rounds: list[RoundRef]
    version: int  # 0 until published
    published_at: str | None  # ISO timestamp
    main_lesson: str
    introduction: str
    methodology: Methodology
    municipalities: list[str]  # the names, sorted as Dutch readers expect
    themes: list[Theme]
    # The latest published national release (visits/national_release.py), never live data.
    maturity: dict[str, Any] | None
    # Share "ja" per merged CBS size class (size_classes.headline_by_size), protected as the figures.
    size_classes: dict[str, Any]
    disclosure: Disclosure
