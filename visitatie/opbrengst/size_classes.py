"""Headline figures per municipality size: the share "ja" per CBS size class, safe to publish.

For the snapshot (public page, round report). Size classes with fewer than MIN_GROUP
participating municipalities are merged with a neighbour (municipality_size.merge_small_classes),
so no group points at a handful of municipalities (the ≥ 250 000 class holds only four in the
whole country); a group still below MIN_GROUP after merging (too few municipalities overall) is
left out (so is a lone group: it would only repeat the overall figure). Each cell goes through the
one disclosure-control step (disclosure.protect_distribution on its ja/deels/nee counts): a share
whose count is suppressed — fewer than 3 answering, a small cell, or all but fewer than 3 giving
the same answer — is None.
Municipalities without a population figure are in no class and counted apart.
Pure pandas on frame.AnswerData; plain JSON-able dicts out.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ..municipality_size import UNKNOWN, group_label, merge_small_classes, source_note
from .disclosure import MIN_CELL, MIN_MUNICIPALITIES, protect_distribution
from .frame import AnswerData

MIN_GROUP = MIN_MUNICIPALITIES  # municipalities in a size group, as for a published selection
MIN_ANSWERED = MIN_CELL  # municipalities that answered, for a share to be shown


def headline_by_size(data: AnswerData) -> dict[str, Any]:
    """{"source", "source_years", "minimum_group", "minimum_answered", "without_figure", "groups", "questions"}.

    groups: [{"key", "classes", "low", "high", "label", "municipalities"}] in CBS order;
    questions: [{"question_id", "theme_number", "headline", "cells"}] in guide order, one cell per
    group: {"n": answers, "share_ja": ja / n} or None when suppressed."""
    slots = data.slots
    known = slots[slots["population_class"] != UNKNOWN]
    counts = {str(k): int(v) for k, v in known.groupby("population_class")["municipality_id"].nunique().items()}
    groups = [g for g in merge_small_classes(counts, MIN_GROUP) if g.count >= MIN_GROUP] if counts else []
    if len(groups) < 2:
        groups = []  # one group is the whole selection: nothing to compare by size
    years = sorted({int(y) for y in known["source_year"].dropna()})
    result: dict[str, Any] = {
        "source": source_note(years), "source_years": years,
        "minimum_group": MIN_GROUP, "minimum_answered": MIN_ANSWERED,
        "without_figure": int(slots.loc[slots["population_class"] == UNKNOWN, "municipality_id"].nunique()),
        "groups": [{"key": g.key, "classes": list(g.classes), "low": g.low, "high": g.high,
                    "label": group_label(g), "municipalities": g.count} for g in groups],
        "questions": [],
    }
    if not groups:
        return result
    questions = data.questions[(data.questions["qtype"] == "ja_nee_deels")
                               & data.questions["headline"].fillna("").astype(bool)]
    questions = questions.sort_values(["theme_number", "position"])
    questions = questions[questions["theme_number"].isin(set(data.round_themes["theme_number"]))]
    group_of = {cls: index for index, g in enumerate(groups) for cls in g.classes}
    slot_group = known.assign(group=known["population_class"].map(group_of))[["key", "group"]].dropna()
    answers = data.answers[data.answers["question_id"].astype("str").isin(set(questions["question_id"]))]
    answers = answers.merge(slot_group, on="key")
    table = pd.DataFrame({
        "question_id": answers["question_id"].astype("str"), "group": answers["group"].astype("int64"),
        "ja": answers["value"] == "ja", "deels": answers["value"] == "deels", "nee": answers["value"] == "nee",
        "municipality_id": answers["municipality_id"]})
    cells = table.groupby(["question_id", "group"]).agg(
        n=("ja", "size"), ja=("ja", "sum"), deels=("deels", "sum"), nee=("nee", "sum"),
        answered=("municipality_id", "nunique"))
    cells = cells.to_dict("index")  # one conversion, not a pandas lookup per cell
    for question in questions.itertuples():
        row: list[dict[str, Any] | None] = []
        for index in range(len(groups)):
            cell = cells.get((question.question_id, index))
            if cell is None or cell["answered"] < MIN_ANSWERED:
                row.append(None)
                continue
            n = int(cell["n"])
            shown, _reason = protect_distribution({value: int(cell[value]) for value in ("ja", "deels", "nee")}, n)
            row.append({"n": n, "share_ja": round(shown["ja"] / n, 4)} if shown["ja"] is not None else None)
        result["questions"].append({"question_id": question.question_id, "theme_number": int(question.theme_number),
                                    "headline": question.headline, "cells": row})
    return result
