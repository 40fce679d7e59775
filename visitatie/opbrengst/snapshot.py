"""The opbrengst as a plain dict: the snapshot (opbrengst/snapshot_format.py) and the project leaders' analysis.

The snapshot joins the aggregation (frame.py, aggregate.py) with the curation of the round: only
curated text, counted figures and consented quotes go in. It is JSON-serialisable (plain int,
float, str, None) so that a publication can store it as it is.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import select

from ..guides.model import GuideSet
from ..models.opbrengst import CuratedLesson, RoundCuration, ThemeCuration, lesson_source
from ..models.types import DbSession
from ..reports.wording import as_clause
from ..visits import national_release  # a module: visits.national_release builds on opbrengst too
from ..vocabulary import RoundKind
from . import aggregate
from .disclosure import protect_snapshot
from .frame import AnswerData, Filters, load, read_table
from .quotes import QuoteSource, conversation_context, problem, public_quote
from .size_classes import headline_by_size
from .snapshot_format import PracticeExample, RoundRef

SCHEMA = 1
PLURAL_KINDS: dict[str, str] = {RoundKind.GESPREKSRONDE: "gespreksrondes", RoundKind.VISITATIERONDE: "visitatierondes"}


def _native(value: Any) -> Any:
    """A pandas/numpy scalar as a plain Python value; NaN becomes None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{key: _native(value) for key, value in row.items()} for row in frame.to_dict("records")]


def sort_names(names: Iterable[str]) -> list[str]:
    """Municipality names in index order: 's-Gravenhage under G."""
    return sorted(names, key=lambda name: re.sub(r"^'s-", "", name).casefold())


def round_default_title(round_title: str) -> str:
    return f"Opbrengst {as_clause(round_title)}"


def default_title(rounds: list[RoundRef]) -> str:
    if len(rounds) == 1:
        return round_default_title(rounds[0]["title"])
    kinds = {r["kind"] for r in rounds}
    kind = PLURAL_KINDS.get(kinds.pop(), "rondes") if len(kinds) == 1 else "rondes"
    years = sorted({r["period_start"][:4] for r in rounds})
    return f"Opbrengst {kind} {years[0]}–{years[-1]}" if len(years) > 1 else f"Opbrengst {kind} {years[0]}"


def round_dicts(data: AnswerData) -> list[RoundRef]:
    return [{"id": int(r.round_id), "title": r.title, "kind": r.kind,
             "period_start": r.period_start.isoformat(), "period_end": r.period_end.isoformat()}
            for r in data.rounds.itertuples()]


def theme_numbers(data: AnswerData, guides: GuideSet) -> list[int]:
    numbers = set(int(n) for n in data.round_themes["theme_number"])
    return [g.number for g in guides if g.number in numbers]


def _figure(row: dict[str, Any]) -> dict[str, Any]:
    return {"question_id": row["question_id"], "headline": row["headline"], "n": row["n"], "ja": row["ja"],
            "deels": row["deels"], "nee": row["nee"], "missing": row["missing"],
            "share_ja": row["share_ja"], "share_deels": row["share_deels"], "share_nee": row["share_nee"]}


def scale_dict(row: dict[str, Any], guides: GuideSet) -> dict[str, Any]:
    question = guides.known_question(row["question_id"])
    answered = row["n"] > 0
    return {"question_id": row["question_id"], "text": row["text"],
            "labels": {c.value: c.label for c in question.choices},
            "n": row["n"], "mean": row["mean"] if answered else None,
            "median": float(row["median"]) if answered else None,
            "distribution": {level: row[f"level_{level}"] for level in ("1", "2", "3", "4", "5")},
            "missing": row["missing"]}


def curation_round_id(data: AnswerData) -> int | None:
    """Curated text comes from the latest selected round (by period)."""
    return int(data.rounds["round_id"].iloc[-1]) if len(data.rounds) else None


def curated_lessons(session: DbSession, data: AnswerData, round_id: int) -> dict[int, list[dict[str, Any]]]:
    lessons = session.scalars(select(CuratedLesson).where(CuratedLesson.round_id == round_id,
                                                          CuratedLesson.withdrawn_at.is_(None))).all()
    if not lessons:
        return {}
    sources = read_table(session, select(lesson_source.c.lesson_id, lesson_source.c.mark_id)
                         .where(lesson_source.c.lesson_id.in_([lesson.id for lesson in lessons])),
                         ["lesson_id", "mark_id"], plain=True)
    counts = aggregate.lesson_counts(data, sources).set_index("lesson_id")
    by_theme: dict[int, list[dict[str, Any]]] = {}
    for lesson in lessons:
        if lesson.id not in counts.index:  # none of its sources is in this selection
            continue
        by_theme.setdefault(lesson.theme_number, []).append({
            "lesson_id": lesson.id, "text": lesson.text, "conversations": int(counts.at[lesson.id, "conversations"]),
            "municipalities": int(counts.at[lesson.id, "municipalities"])})
    for number, items in by_theme.items():
        by_theme[number] = records(aggregate.rank(pd.DataFrame(items)))
    return by_theme


def quote_sources(data: AnswerData) -> list[QuoteSource]:
    # Only the columns a quote needs: itertuples over a categorical column (question_id) walks
    # it element by element, which cost more than the rest of the snapshot.
    quotes = data.marks.loc[data.marks["kind"] == "citaat", ["mark_id", "kind", "text", "consent", "speaker_name",
                                                             "speaker_function", "conversation_id",
                                                             "consented_text", "lapsed"]]
    return [QuoteSource(int(q.mark_id), q.kind, q.text, q.consent, _native(q.speaker_name),
                        _native(q.speaker_function), int(q.conversation_id), _native(q.consented_text),
                        bool(q.lapsed)) for q in quotes.itertuples()]


def _quote(session: DbSession, sources: dict[int, QuoteSource], mark_id: int | None) -> dict[str, Any] | None:
    """The chosen quote, if it is in the selection and (still) publishable."""
    source = sources.get(mark_id) if mark_id is not None else None
    if source is None:
        return None
    names, roles = conversation_context(session, [source.conversation_id])
    if problem(source, names[source.conversation_id]):
        return None
    return public_quote(source, roles.get((source.conversation_id, source.speaker_name)))


def _practice(curation: ThemeCuration | None) -> PracticeExample | None:
    if curation is None or not curation.practice_title or not curation.practice_consent:
        return None
    return {"municipality": curation.practice_municipality or "", "title": curation.practice_title,
            "url": curation.practice_url or None}


def assemble(session: DbSession, guides: GuideSet, data: AnswerData) -> dict[str, Any]:
    """The snapshot of a selection that has been read (see frame.load)."""
    rounds = round_dicts(data)
    curation_round = curation_round_id(data)
    round_curation = session.scalar(select(RoundCuration).where(RoundCuration.round_id == curation_round))
    theme_curations = {t.theme_number: t for t in session.scalars(
        select(ThemeCuration).where(ThemeCuration.round_id == curation_round))}
    lessons = curated_lessons(session, data, curation_round) if curation_round else {}
    figures = records(aggregate.figures(data))
    scales = records(aggregate.scales(data))
    coverage = {row["theme_number"]: row for row in records(aggregate.coverage(data))}
    quotes = {q.mark_id: q for q in quote_sources(data)}
    themes = []
    for number in theme_numbers(data, guides):
        guide = guides.theme(number)
        curation = theme_curations.get(number)
        themes.append({
            "number": number, "slug": guide.slug, "title": guide.title,
            "recommendation": (curation.recommendation if curation and curation.recommendation
                               else guide.recommendation),
            "findings": list(curation.findings or []) if curation else [],
            "lessons": lessons.get(number, []),
            "quote": _quote(session, quotes, curation.quote_mark_id) if curation else None,
            "practice_example": _practice(curation),
            "coverage": {"conversations": coverage.get(number, {}).get("conversations", 0),
                         "of": coverage.get(number, {}).get("of", 0)},
            "figures": [_figure(f) for f in figures if f["theme_number"] == number and f["headline"]],
            "scales": [scale_dict(s, guides) for s in scales if s["theme_number"] == number],
        })
    return {
        "schema": SCHEMA,
        "title": (round_curation.title if round_curation and round_curation.title else default_title(rounds))
        if rounds else "Opbrengst",
        "rounds": rounds,
        "version": 0,
        "published_at": None,
        "main_lesson": round_curation.main_lesson if round_curation else "",
        "introduction": round_curation.introduction if round_curation else "",
        "methodology": aggregate.methodology(data),
        "municipalities": sort_names(set(data.slots["municipality"])),
        "themes": themes,
        # The latest published release of the national picture, never live data (differencing).
        "maturity": national_release.latest_release_maturity(session),
        "size_classes": headline_by_size(data),  # share "ja" per merged CBS size class (size_classes.py)
    }


def build_snapshot(session: DbSession, guides: GuideSet, round_ids: Iterable[int],
                   filters: Filters | dict[str, Any] | None = None) -> dict[str, Any]:
    """The opbrengst of one or more rounds as the snapshot dict (version 0: not published), with
    every number through disclosure control: this is what a page, report or export may show."""
    return protect_snapshot(assemble(session, guides, load(session, guides, round_ids, filters)))


def published(snapshot: dict[str, Any], version: int, at: datetime) -> dict[str, Any]:
    return dict(snapshot, version=version, published_at=at.isoformat())
