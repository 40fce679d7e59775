"""Municipality size: the CBS gemeentegrootteklassen, the one definition used everywhere.

CBS publishes municipal figures by these classes of population (inwoners on 1 January):
< 10 000, 10 000–20 000, 20 000–50 000, 50 000–100 000, 100 000–150 000, 150 000–250 000 and
≥ 250 000. Filters, pairing, figures, exports and reports all take their classes from here.
A key is stable (it goes into URLs, snapshots and exports); a label is the Dutch wording.
Pure Python: no Flask, no database.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

UNKNOWN = "onbekend"  # no population figure: in no class
SOURCE = "Bron: CBS"  # attribution wherever population figures or size classes are shown


@dataclass(frozen=True)
class SizeClass:
    key: str
    low: int  # inclusive
    high: int | None  # exclusive; None: no upper bound

    def contains(self, population: int) -> bool:
        return population >= self.low and (self.high is None or population < self.high)


SIZE_CLASSES = (
    SizeClass("tot-10000", 0, 10_000),
    SizeClass("10000-20000", 10_000, 20_000),
    SizeClass("20000-50000", 20_000, 50_000),
    SizeClass("50000-100000", 50_000, 100_000),
    SizeClass("100000-150000", 100_000, 150_000),
    SizeClass("150000-250000", 150_000, 250_000),
    SizeClass("vanaf-250000", 250_000, None),
)
SIZE_CLASS_KEYS = tuple(c.key for c in SIZE_CLASSES)
_BY_KEY = {c.key: c for c in SIZE_CLASSES}


def size_class(population: int | None) -> str:
    """The key of the class a population falls in; UNKNOWN without a figure."""
    if population is None:
        return UNKNOWN
    for cls in SIZE_CLASSES:
        if cls.contains(population):
            return cls.key
    return UNKNOWN  # a negative figure: the database refuses it, so this is defensive only


def source_note(years: Iterable[Any]) -> str:  # ints, floats or NaN from pandas
    """'Bron: CBS, inwoners op 1 januari 2024' for the reference years of the figures shown."""
    years = sorted({int(y) for y in years if y is not None and y == y})  # y == y: not NaN
    if not years:
        return SOURCE
    return f"{SOURCE}, inwoners op 1 januari " + " en ".join(str(y) for y in years)


def class_by_key(key: str) -> SizeClass | None:
    return _BY_KEY.get(key)


def dutch_number(value: int) -> str:
    """20000 -> '20.000', as Dutch text writes thousands."""
    return f"{value:,}".replace(",", ".")


def span(low: int, high: int | None,
         number: Callable[[int], str] = dutch_number) -> tuple[str, dict[str, str]]:
    """Which wording a range of inhabitants takes, and its numbers: ('below'|'between'|'from'|'all', values).

    The web layer translates these wordings; the Word report uses dutch_label and group_label."""
    if high is None:
        return ("all", {}) if low == 0 else ("from", {"low": number(low)})
    if low == 0:
        return "below", {"high": number(high)}
    return "between", {"low": number(low), "high": number(high)}


_DUTCH = {"below": "minder dan {high} inwoners", "between": "{low}–{high} inwoners",
          "from": "{low} inwoners of meer", "all": "alle gemeenten"}


def dutch_label(key: str) -> str:
    """'20.000–50.000 inwoners'; for a merged group use group_label."""
    cls = _BY_KEY.get(key)
    if cls is None:
        return "inwonertal onbekend"
    wording, values = span(cls.low, cls.high)
    return _DUTCH[wording].format(**values)


@dataclass(frozen=True)
class SizeGroup:
    """Adjacent size classes taken together, with how many municipalities they hold."""

    classes: tuple[str, ...]
    count: int

    @property
    def low(self) -> int:
        return _BY_KEY[self.classes[0]].low

    @property
    def high(self) -> int | None:
        return _BY_KEY[self.classes[-1]].high

    @property
    def key(self) -> str:
        return self.classes[0] if len(self.classes) == 1 else f"{self.classes[0]}..{self.classes[-1]}"


def group_label(group: SizeGroup) -> str:
    wording, values = span(group.low, group.high)
    return _DUTCH[wording].format(**values)


def merge_small_classes(counts: dict[str, int], minimum: int) -> list[SizeGroup]:
    """Merge every class with fewer than `minimum` municipalities into a neighbour.

    Classes are taken in CBS order (keys of `counts` must be size class keys; a class missing
    from `counts` holds 0). As long as a group is below the minimum, the smallest such group
    (the lower one on a tie) joins its smaller neighbour (the lower one on a tie): a small class
    is absorbed where it changes the picture least. Deterministic. If all municipalities
    together are fewer than `minimum`, one group remains below it: the caller must suppress it.
    """
    unknown = set(counts) - set(SIZE_CLASS_KEYS)
    if unknown:
        raise ValueError(f"not a size class: {sorted(unknown)}")
    groups = [SizeGroup((key,), int(counts.get(key, 0))) for key in SIZE_CLASS_KEYS]
    while len(groups) > 1:
        small = [i for i, g in enumerate(groups) if g.count < minimum]
        if not small:
            break
        i = min(small, key=lambda index: (groups[index].count, index))
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(groups)]
        j = min(neighbours, key=lambda index: (groups[index].count, index))
        first, second = sorted((i, j))
        merged = SizeGroup(groups[first].classes + groups[second].classes,
                           groups[first].count + groups[second].count)
        groups[first:second + 1] = [merged]
    return groups
