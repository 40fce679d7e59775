"""The project leaders' view of a selection: every figure, score and option, the marked lessons,
and the year-over-year comparison when several rounds are selected. Plain dicts for the page."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..guides.model import GuideSet
from ..models.types import DbSession
from . import aggregate
from .frame import AnswerData, Filters, load
from .snapshot import records, round_dicts, scale_dict, theme_numbers

# Below this many municipalities a figure points at a municipality: it is not public material.
MIN_PUBLIC_MUNICIPALITIES = 3


def analyse_data(guides: GuideSet, data: AnswerData) -> dict[str, Any]:
    figures = records(aggregate.figures(data))
    scales = records(aggregate.scales(data))
    options = records(aggregate.choices(data, aggregate.option_frame(guides)))
    coverage = {row["theme_number"]: row for row in records(aggregate.coverage(data))}
    lessons = records(aggregate.raw_lessons(data))
    themes = []
    for number in theme_numbers(data, guides):
        guide = guides.theme(number)
        choices = []
        for question in guide.questions:
            rows = [o for o in options if o["question_id"] == question.id]
            if rows:
                choices.append({"question_id": question.id, "text": question.text, "multiple": question.multiple,
                                "n": rows[0]["n"], "missing": rows[0]["missing"],
                                "options": [{"label": o["label"], "count": o["count"], "share": o["share"]}
                                            for o in rows]})
        themes.append({
            "number": number, "title": guide.title,
            "coverage": {"conversations": coverage.get(number, {}).get("conversations", 0),
                         "of": coverage.get(number, {}).get("of", 0)},
            "figures": [f for f in figures if f["theme_number"] == number],
            "scales": [scale_dict(s, guides) for s in scales if s["theme_number"] == number],
            "choices": choices,
            "lessons": [{"text": lesson["text"], "conversations": lesson["conversations"],
                         "municipalities": lesson["municipalities"]}
                        for lesson in lessons if lesson["theme_number"] == number],
        })
    methodology = aggregate.methodology(data)
    return {"rounds": round_dicts(data), "methodology": methodology, "themes": themes,
            "comparison": comparison(data) if len(data.rounds) > 1 else [],
            "identifiable": 0 < methodology["municipalities"] < MIN_PUBLIC_MUNICIPALITIES}


def comparison(data: AnswerData) -> list[dict[str, Any]]:
    """Per question the value in each round: share 'ja' (0..1) or mean score, with n."""
    rows = records(aggregate.comparison(data))
    result: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = result.setdefault(row["question_id"], {
            "question_id": row["question_id"], "text": row["text"], "theme_number": row["theme_number"],
            "measure": row["measure"], "values": []})
        entry["values"].append({"round_id": row["round_id"], "round_title": row["round_title"],
                                "year": row["year"], "value": row["value"] if row["n"] else None, "n": row["n"]})
    return list(result.values())


def analyse(session: DbSession, guides: GuideSet, round_ids: Iterable[int],
            filters: Filters | dict[str, Any] | None = None) -> dict[str, Any]:
    return analyse_data(guides, load(session, guides, round_ids, filters))
