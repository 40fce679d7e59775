"""The national picture by municipality size: per theme, how many finalised visits the committee
placed on each maturity level, per CBS size group.

Through the same disclosure control as everything public (opbrengst/disclosure.py): size classes
with fewer than MIN_MUNICIPALITIES visited municipalities are merged with a neighbour
(municipality_size.merge_small_classes), a group still below it is left out (as is a lone group,
which would only repeat the national figure), and each distribution is protected
(protect_distribution: threshold, group disclosure, secondary suppression). Plain dicts out, for a
release (visits/national_release.py).
"""
from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import select

from ..models import Municipality
from ..models.guide_versions import DEFAULT_GUIDE_SET
from ..models.types import DbSession
from ..models.visits import MATURITY_LEVELS
from ..municipality_size import UNKNOWN, group_label, merge_small_classes, size_class
from ..opbrengst.disclosure import MIN_MUNICIPALITIES, protect_distribution
from .national import PUBLIC_STATUSES, score_frame


def maturity_by_size(session: DbSession, frame: pd.DataFrame | None = None) -> dict[str, Any] | None:
    """{"groups": [{"key", "label", "visits"}], "themes": [{"number", "cells": [{level: n|None}|None]}]}
    or None when fewer than two groups can be shown."""
    frame = score_frame(session, statuses=PUBLIC_STATUSES) if frame is None else frame
    if frame.empty:
        return None
    populations = dict(session.execute(select(Municipality.name, Municipality.population)).all())
    frame = frame.assign(size=[size_class(populations.get(name)) for name in frame["municipality"]])
    known = frame[frame["size"] != UNKNOWN]
    visits = known.drop_duplicates("conversation_id")
    counts = {str(k): int(v) for k, v in visits.groupby("size")["conversation_id"].nunique().items()}
    groups = [g for g in merge_small_classes(counts, MIN_MUNICIPALITIES) if g.count >= MIN_MUNICIPALITIES] \
        if counts else []
    if len(groups) < 2:
        return None
    group_of = {cls: index for index, group in enumerate(groups) for cls in group.classes}
    known = known.assign(group=known["size"].map(group_of)).dropna(subset=["group"])
    themes = []
    # Per topic (the shipped set first), then per theme: theme 1 of another topic is another row.
    known = known.assign(other_topic=known["topic"] != DEFAULT_GUIDE_SET)
    for (_other, _topic, number, title), by_theme in known.groupby(
            ["other_topic", "topic", "theme_number", "title"], sort=True):
        cells = []
        for index in range(len(groups)):
            levels = by_theme[by_theme["group"] == index]["level"].value_counts()
            counts_by_level = {str(level): int(levels.get(level, 0)) for level in MATURITY_LEVELS}
            shown, _reason = protect_distribution(counts_by_level)
            cells.append(shown if sum(counts_by_level.values()) else None)
        themes.append({"number": int(number), "title": str(title), "cells": cells})
    return {"groups": [{"key": g.key, "label": group_label(g), "visits": g.count} for g in groups],
            "themes": themes}
