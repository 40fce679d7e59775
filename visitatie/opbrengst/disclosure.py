"""Statistical disclosure control: the one step every published number goes through.

Every public artefact — the opbrengst page and its versions, the round report, the public export,
the national picture of the visits — is built from a snapshot that passed `protect_snapshot` (or,
for the national picture, `protect_distribution`). The rules follow the practice of statistical
disclosure control (threshold rule, group disclosure / dominance, secondary suppression,
differencing between releases):

1. **Minimum selection.** A round, or a filtered selection of it, is published only when it holds
   at least MIN_MUNICIPALITIES (5) municipalities. Below it, publishing is refused with the reason.
2. **Threshold rule.** A count or share is shown only when its group — the municipalities that
   answered the question — holds at least MIN_CELL (3). A category with 1 or 2 municipalities is
   suppressed (primary suppression); 0 is shown, it names nobody.
3. **Group disclosure.** When all but fewer than MIN_CELL of the group fall in one category (a
   unanimous answer included), the list of participants would give away (nearly) everyone's answer:
   the whole distribution is suppressed, only n stays.
4. **Secondary suppression.** n is published, so a distribution with one suppressed cell would be
   recomputable as n minus the others: the smallest other non-zero cell is suppressed as well.
   A mean or median is published only beside a distribution that is shown in full, since with
   the known levels it would pin down the suppressed cells.
5. **Differencing.** A new version whose published cells (figures, scales, lesson counts, the
   shares per size class, the number of municipalities) differ from an earlier version by 1 or 2
   municipalities in any cell shown in both is refused: the difference would be one or two
   municipalities' answers. The national picture is published as numbered releases under the same
   rule, counted in visits (see visits/national_release.py).
6. **Shown as "–"**, with the footnote FOOTNOTE, in every format; never as 0.

Lessons raised by fewer than MIN_CELL municipalities are coarsened: "door minder dan 3 gemeenten".
Pure Python on plain dicts: no Flask, no database.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .errors import Problem

MIN_MUNICIPALITIES = 5
MIN_CELL = 3
FIGURE_CATEGORIES = ("ja", "deels", "nee")
SCALE_LEVELS = ("1", "2", "3", "4", "5")
FOOTNOTE = (f"– = niet getoond: te weinig gemeenten (minder dan {MIN_CELL}) in deze cel of in de rest van "
            f"de verdeling, zodat niemand herkenbaar wordt.")
SUPPRESSED_MARK = "–"

# Why a distribution was (partly) suppressed; the snapshot keeps the code for the footnote.
SMALL_GROUP, DOMINANCE, SMALL_CELLS = "small_group", "dominance", "small_cells"


def protect_distribution(counts: dict[str, int], n: int | None = None,
                         minimum: int = MIN_CELL) -> tuple[dict[str, int | None], str | None]:
    """The counts of one group's categories as they may be published, and why cells were left out.

    `counts` maps category -> count (in the order they are shown); `n` is their total.
    """
    n = sum(counts.values()) if n is None else n
    if n == 0:
        return dict(counts), None
    if n < minimum:
        return {key: None for key in counts}, SMALL_GROUP
    if n - max(counts.values()) < minimum:
        return {key: None for key in counts}, DOMINANCE
    suppressed = {key for key, value in counts.items() if 0 < value < minimum}
    if len(suppressed) == 1:
        others = [key for key, value in counts.items() if key not in suppressed and value > 0]
        # The smallest other cell; on a tie the later one, so the largest category stays readable.
        suppressed.add(min(reversed(others), key=lambda key: counts[key]))
    shown = {key: (None if key in suppressed else value) for key, value in counts.items()}
    return shown, (SMALL_CELLS if suppressed else None)


def share(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None if part is None else 0.0
    return round(part / whole, 4)


def protect_figure(figure: dict[str, Any]) -> dict[str, Any]:
    """A ja/nee/deels figure of the snapshot with its counts and shares protected."""
    counts = {key: int(figure.get(key) or 0) for key in FIGURE_CATEGORIES}
    shown, reason = protect_distribution(counts, int(figure.get("n") or 0))
    result = dict(figure, **shown, suppressed=reason)
    for key in FIGURE_CATEGORIES:
        result[f"share_{key}"] = share(shown[key], figure.get("n"))
    return result


def protect_scale(scale: dict[str, Any]) -> dict[str, Any]:
    """A scale question: the level counts protected; mean and median only beside a full distribution."""
    counts = {level: int((scale.get("distribution") or {}).get(level) or 0) for level in SCALE_LEVELS}
    shown, reason = protect_distribution(counts, int(scale.get("n") or 0))
    result = dict(scale, distribution=shown, suppressed=reason)
    if reason:
        result["mean"], result["median"] = None, None
    return result


def protect_lesson(lesson: dict[str, Any]) -> dict[str, Any]:
    """A lesson raised by fewer than MIN_CELL municipalities: its counts are coarsened."""
    if int(lesson.get("municipalities") or 0) >= MIN_CELL:
        return dict(lesson, fewer_than=None)
    return dict(lesson, conversations=None, municipalities=None, fewer_than=MIN_CELL)


def protect_maturity(maturity: dict[str, Any] | None) -> dict[str, Any] | None:
    """The national picture's level counts per theme and year, protected per (theme, year)."""
    if not maturity:
        return maturity
    themes = []
    for theme in maturity.get("themes") or []:
        years, totals = {}, dict(theme.get("totals") or {})
        for year, counts in (theme.get("years") or {}).items():
            plain = {k: int(v or 0) for k, v in counts.items() if v is not None}
            if len(plain) < len(counts):  # protected already (a release read back): keep as it is
                years[year] = counts
                continue
            shown, reason = protect_distribution(plain)
            years[year], totals[year] = shown, sum(plain.values())
            if reason:
                theme = dict(theme, suppressed=sorted(set(theme.get("suppressed") or []) | {year}))
        themes.append(dict(theme, years=years, totals=totals))
    return dict(maturity, themes=themes)


def protect_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot with every published number through the rules above, and the footnote."""
    themes = []
    for theme in snapshot.get("themes") or []:
        themes.append(dict(
            theme,
            figures=[protect_figure(f) for f in theme.get("figures") or []],
            scales=[protect_scale(s) for s in theme.get("scales") or []],
            lessons=[protect_lesson(lesson) for lesson in theme.get("lessons") or []],
        ))
    protected = dict(snapshot, themes=themes, maturity=protect_maturity(snapshot.get("maturity")))
    protected["disclosure"] = {"min_municipalities": MIN_MUNICIPALITIES, "min_cell": MIN_CELL,
                               "footnote": FOOTNOTE, "any_suppressed": any_suppressed(protected)}
    return protected


def any_suppressed(snapshot: dict[str, Any]) -> bool:
    for theme in snapshot.get("themes") or []:
        if any(item.get("suppressed") for item in (theme.get("figures") or []) + (theme.get("scales") or [])):
            return True
    maturity = snapshot.get("maturity") or {}
    return any(t.get("suppressed") for t in maturity.get("themes") or [])


def selection_problems(municipalities: int) -> list[Problem]:
    """Rule 1: a round or filtered selection with fewer than MIN_MUNICIPALITIES is not published."""
    if municipalities < MIN_MUNICIPALITIES:
        return [Problem("too_few_municipalities", "")]
    return []


def published_cells(snapshot: dict[str, Any]) -> dict[tuple[Any, ...], int]:
    """Every number a snapshot publishes, keyed so that two versions can be compared cell by cell.
    A withdrawn version keeps only these numbers (no text), so that it still counts."""
    if snapshot.get("withdrawn"):
        return {tuple(item[:-1]): int(item[-1]) for item in snapshot.get("withdrawn_cells") or []}
    cells: dict[tuple[Any, ...], int] = {}
    for theme in snapshot.get("themes") or []:
        for figure in theme.get("figures") or []:
            for key in ("n",) + FIGURE_CATEGORIES:
                if figure.get(key) is not None:
                    cells[("figure", figure["question_id"], key)] = int(figure[key])
        for scale in theme.get("scales") or []:
            if scale.get("n") is not None:
                cells[("scale", scale["question_id"], "n")] = int(scale["n"])
            for level, value in (scale.get("distribution") or {}).items():
                if value is not None:
                    cells[("scale", scale["question_id"], level)] = int(value)
        for lesson in theme.get("lessons") or []:
            if lesson.get("municipalities") is not None and lesson.get("lesson_id") is not None:
                cells[("lesson", lesson["lesson_id"], "municipalities")] = int(lesson["municipalities"])
    sizes = snapshot.get("size_classes") or {}
    groups = [group.get("key") for group in sizes.get("groups") or []]
    for question in sizes.get("questions") or []:
        for key, cell in zip(groups, question.get("cells") or [], strict=False):
            if cell and cell.get("share_ja") is not None:
                cells[("size", question["question_id"], f"{key}:n")] = int(cell["n"])
                cells[("size", question["question_id"], f"{key}:ja")] = round(cell["share_ja"] * cell["n"])
    method = snapshot.get("methodology") or {}
    if method.get("municipalities") is not None:
        cells[("method", "", "municipalities")] = int(method["municipalities"])
    return cells


def differencing_problems(new: dict[str, Any], earlier: Iterable[tuple[int, dict[str, Any]]],
                          minimum: int = MIN_CELL) -> list[tuple[int, tuple[Any, ...], int]]:
    """Cells in which `new` differs from an earlier version (number, snapshot) by 1..minimum-1.

    Each problem is (earlier version, cell key, difference). Withdrawn versions count too: they
    were public once, and a copy may have been kept.
    """
    new_cells = published_cells(new)
    problems = []
    for version, old in earlier:
        old_cells = published_cells(old)
        for key in sorted(new_cells.keys() & old_cells.keys(), key=str):
            difference = abs(new_cells[key] - old_cells[key])
            if 0 < difference < minimum:
                problems.append((version, key, difference))
    return problems
