"""The aggregation: counted answers -> figures, scales, options, coverage and ranked lessons.

Pure pandas on the frames of frame.py; no database, no Flask. Every table can be computed over
the whole selection or per round (``by_round=True``) for the year-over-year comparison.
A missing answer is counted as missing (expected slots minus answers), never as "nee": shares are
shares of the answers given (n).
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..guides.model import GuideSet
from ..reports.wording import half_up
from .frame import JA_NEE_DEELS, SCALE_LEVELS, AnswerData, local_dates
from .snapshot_format import Methodology


def _keys(by_round: bool) -> list[str]:
    return ["round_id", "question_id"] if by_round else ["question_id"]


def _base(data: AnswerData, qtype: str, by_round: bool) -> pd.DataFrame:
    """One row per question of this type (and round), in guide order, with the expected count."""
    keys = _keys(by_round)
    expected = data.expected.merge(data.questions[data.questions["qtype"] == qtype], on="question_id")
    expected = expected.groupby(keys, as_index=False).agg(expected=("expected", "sum"))
    base = expected.merge(data.questions, on="question_id")
    return base.sort_values(["theme_number", "position"] + (["round_id"] if by_round else [])).reset_index(drop=True)


def _counts(rows: pd.DataFrame, keys: list[str], column: str, levels: Iterable[str]) -> pd.DataFrame:
    counts = rows.groupby(keys + [column]).size().unstack(column, fill_value=0)
    return counts.reindex(columns=list(levels), fill_value=0)


def figures(data: AnswerData, by_round: bool = False) -> pd.DataFrame:
    """Ja/nee/deels questions: n, counts, missing and shares of n."""
    keys = _keys(by_round)
    base = _base(data, "ja_nee_deels", by_round)
    rows = data.answers[data.answers["qtype"] == "ja_nee_deels"]
    counts = _counts(rows, keys, "value", JA_NEE_DEELS).reset_index()
    table = base.merge(counts, on=keys, how="left")
    table[list(JA_NEE_DEELS)] = table[list(JA_NEE_DEELS)].fillna(0).astype("int64")
    table["n"] = table[list(JA_NEE_DEELS)].sum(axis=1)
    table["missing"] = (table["expected"] - table["n"]).clip(lower=0).astype("int64")
    safe_n = table["n"].where(table["n"] > 0)
    for value in JA_NEE_DEELS:
        table[f"share_{value}"] = (table[value] / safe_n).fillna(0.0).round(4)
    return table


def scales(data: AnswerData, by_round: bool = False) -> pd.DataFrame:
    """Scale questions: n, mean, median, the count per level and missing."""
    keys = _keys(by_round)
    base = _base(data, "scale", by_round)
    rows = data.answers[data.answers["qtype"] == "scale"]
    rows = rows.assign(level=rows["value"].astype("int64"))
    stats = rows.groupby(keys)["level"].agg(n="count", mean="mean", median="median").reset_index()
    levels = _counts(rows, keys, "value", SCALE_LEVELS).add_prefix("level_").reset_index()
    table = base.merge(stats, on=keys, how="left").merge(levels, on=keys, how="left")
    level_columns = [f"level_{level}" for level in SCALE_LEVELS]
    table[level_columns + ["n"]] = table[level_columns + ["n"]].fillna(0).astype("int64")
    # Half up, as every report format rounds (pandas' round() would make 3.125 into 3.12).
    table["mean"] = table["mean"].map(lambda mean: float(half_up(mean, 2)) if pd.notna(mean) else mean)
    table["missing"] = (table["expected"] - table["n"]).clip(lower=0).astype("int64")
    return table


def option_frame(guides: GuideSet) -> pd.DataFrame:
    rows = [{"question_id": q.id, "option": c.value, "label": c.label, "option_position": index}
            for guide in guides for q in guide.questions if q.type == "multiple_choice"
            for index, c in enumerate(q.choices)]
    return pd.DataFrame(rows, columns=["question_id", "option", "label", "option_position"])


def chosen_options(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per chosen option: a JSON list is split, a single choice stays as it is."""
    listed = rows["value"].str.startswith("[")
    values = rows["value"].where(~listed, rows["value"].str.findall(r'"([^"]*)"'))
    exploded = rows.assign(option=values).explode("option")
    return exploded[exploded["option"].notna()]


def choices(data: AnswerData, options: pd.DataFrame, by_round: bool = False) -> pd.DataFrame:
    """Multiple choice: per option how many answering slots chose it, as a share of n."""
    keys = _keys(by_round)
    base = _base(data, "multiple_choice", by_round)
    rows = data.answers[data.answers["qtype"] == "multiple_choice"]
    answered = rows.groupby(keys).size().rename("n").reset_index()
    chosen = chosen_options(rows).merge(options[["question_id", "option"]], on=["question_id", "option"])
    counted = chosen.groupby(keys + ["option"]).size().rename("count").reset_index()
    table = base.merge(answered, on=keys, how="left").merge(options, on="question_id")
    table = table.merge(counted, on=keys + ["option"], how="left")
    table[["n", "count"]] = table[["n", "count"]].fillna(0).astype("int64")
    table["share"] = (table["count"] / table["n"].where(table["n"] > 0)).fillna(0.0).round(4)
    table["missing"] = (table["expected"] - table["n"]).clip(lower=0).astype("int64")
    order = ["theme_number", "position"] + (["round_id"] if by_round else []) + ["option_position"]
    return table.sort_values(order).reset_index(drop=True)


def coverage(data: AnswerData) -> pd.DataFrame:
    """Per theme: conversations with at least one counted answer, of the held conversations."""
    held = data.slots[["round_id", "conversation_id"]].drop_duplicates().merge(data.round_themes, on="round_id")
    of = held.groupby("theme_number")["conversation_id"].nunique().rename("of")
    answered = data.answers.groupby("theme_number")["conversation_id"].nunique().rename("conversations")
    table = pd.concat([of, answered], axis=1).fillna(0).astype("int64")
    return table.rename_axis("theme_number").reset_index()


def methodology(data: AnswerData) -> Methodology:
    dates = local_dates(data.slots["starts_at"].dropna()) if data.slots["starts_at"].notna().any() else None
    return {
        "conversations": int(data.slots["conversation_id"].nunique()),
        "municipalities": int(data.slots["municipality_id"].nunique()),
        "answers": int(len(data.answers)),
        "period_start": dates.min().isoformat() if dates is not None else None,
        "period_end": dates.max().isoformat() if dates is not None else None,
        "filters": data.filters.as_dict(),
    }


def _raised(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return rows.groupby(keys).agg(conversations=("conversation_id", "nunique"),
                                  municipalities=("municipality_id", "nunique"))


def rank(lessons: pd.DataFrame) -> pd.DataFrame:
    """Most conversations first, then most municipalities, then alphabetically."""
    ordered = lessons.assign(_text=lessons["text"].str.casefold())
    ordered = ordered.sort_values(["conversations", "municipalities", "_text"], ascending=[False, False, True])
    return ordered.drop(columns="_text").reset_index(drop=True)


def raw_lessons(data: AnswerData) -> pd.DataFrame:
    """Passages marked as lesson, identical wording grouped, ranked per theme."""
    marks = data.marks[data.marks["kind"] == "les"]
    marks = marks.assign(norm=marks["text"].str.replace(r"\s+", " ", regex=True).str.strip().str.casefold())
    grouped = _raised(marks, ["theme_number", "norm"])
    grouped["text"] = marks.groupby(["theme_number", "norm"])["text"].first()
    grouped["mark_ids"] = marks.groupby(["theme_number", "norm"])["mark_id"].agg(list)
    table = grouped.reset_index().drop(columns="norm")
    if table.empty:
        return pd.DataFrame(columns=["theme_number", "text", "conversations", "municipalities", "mark_ids"])
    return pd.concat([rank(part) for _theme, part in table.groupby("theme_number")], ignore_index=True)


def lesson_counts(data: AnswerData, sources: pd.DataFrame) -> pd.DataFrame:
    """How many conversations and municipalities raised each curated lesson, in this selection."""
    marks = data.marks[data.marks["kind"] == "les"][["mark_id", "conversation_id", "municipality_id"]]
    linked = sources.merge(marks, on="mark_id")
    return _raised(linked, ["lesson_id"]).reset_index()


def comparison(data: AnswerData) -> pd.DataFrame:
    """Year over year: per question and round the share 'ja' or the mean score, with n."""
    rounds = data.rounds[["round_id", "title", "period_start"]].rename(columns={"title": "round_title"})
    rounds = rounds.assign(year=pd.to_datetime(rounds["period_start"]).dt.year)
    yes = figures(data, by_round=True)[["round_id", "question_id", "theme_number", "position", "text", "n",
                                         "share_ja"]].rename(columns={"share_ja": "value"})
    yes["measure"] = "share_ja"
    mean = scales(data, by_round=True)[["round_id", "question_id", "theme_number", "position", "text", "n",
                                        "mean"]].rename(columns={"mean": "value"})
    mean["measure"] = "mean"
    table = pd.concat([yes, mean], ignore_index=True).merge(rounds, on="round_id")
    return table.sort_values(["theme_number", "position", "period_start", "round_id"]).reset_index(drop=True)
