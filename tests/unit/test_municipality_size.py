"""The CBS size classes: boundaries, labels, and merging small classes (computed by hand)."""
import csv
from collections import Counter
from pathlib import Path

import pytest

from visitatie.municipality_size import (
    SIZE_CLASS_KEYS,
    SizeGroup,
    dutch_label,
    group_label,
    merge_small_classes,
    size_class,
    source_note,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "gemeenten.csv"


@pytest.mark.parametrize(("population", "key"), [
    (None, "onbekend"), (0, "tot-10000"), (9_999, "tot-10000"), (10_000, "10000-20000"),
    (49_999, "20000-50000"), (50_000, "50000-100000"), (100_000, "100000-150000"),
    (249_999, "150000-250000"), (250_000, "vanaf-250000"), (931_298, "vanaf-250000"),
])
def test_boundaries_belong_to_the_higher_class(population, key):
    assert size_class(population) == key


def test_dutch_labels():
    assert dutch_label("20000-50000") == "20.000–50.000 inwoners"
    assert dutch_label("tot-10000") == "minder dan 10.000 inwoners"
    assert dutch_label("vanaf-250000") == "250.000 inwoners of meer"
    assert dutch_label("onbekend") == "inwonertal onbekend"
    assert source_note([2024, 2024.0, None, float("nan")]) == "Bron: CBS, inwoners op 1 januari 2024"
    assert source_note([]) == "Bron: CBS"


# The 342 municipalities of data/gemeenten.csv per class (CBS, 1 January 2024), counted by hand
# from the file: 12, 53, 182, 63, 14, 14 and the four largest cities.
REAL = dict(zip(SIZE_CLASS_KEYS, (12, 53, 182, 63, 14, 14, 4), strict=True))


def test_the_data_file_has_these_counts():
    with DATA.open(encoding="utf-8") as file:
        counts = Counter(size_class(int(row["inwoners"])) for row in csv.DictReader(file))
    assert dict(counts) == REAL


def test_the_four_largest_join_their_only_neighbour():
    groups = merge_small_classes(REAL, 5)
    assert groups == [
        SizeGroup(("tot-10000",), 12), SizeGroup(("10000-20000",), 53), SizeGroup(("20000-50000",), 182),
        SizeGroup(("50000-100000",), 63), SizeGroup(("100000-150000",), 14),
        SizeGroup(("150000-250000", "vanaf-250000"), 18)]
    assert group_label(groups[-1]) == "150.000 inwoners of meer"


def test_merging_goes_smallest_first_into_the_smaller_neighbour():
    # minimum 15: 4 (>= 250 000) joins 14 (150-250k) -> 18. Then 12 (< 10 000) is the smallest
    # below 15 and joins its only neighbour 53 -> 65. Then 14 (100-150k) chooses between 63 and
    # 18: the smaller, 18 -> 32. Nothing below 15 remains.
    groups = merge_small_classes(REAL, 15)
    assert [(g.classes, g.count) for g in groups] == [
        (("tot-10000", "10000-20000"), 65), (("20000-50000",), 182), (("50000-100000",), 63),
        (("100000-150000", "150000-250000", "vanaf-250000"), 32)]
    assert [group_label(g) for g in groups] == [
        "minder dan 20.000 inwoners", "20.000–50.000 inwoners", "50.000–100.000 inwoners",
        "100.000 inwoners of meer"]


def test_ties_and_empty_classes_are_deterministic():
    # Only 20-50k (3) and 50-100k (3) hold municipalities; minimum 5. The empty classes go first,
    # the lowest of equal groups first, each into its smaller (on a tie: lower) neighbour.
    groups = merge_small_classes({"20000-50000": 3, "50000-100000": 3}, 5)
    assert groups == [SizeGroup(SIZE_CLASS_KEYS, 6)]
    assert merge_small_classes({"20000-50000": 3}, 5) == [SizeGroup(SIZE_CLASS_KEYS, 3)]  # caller suppresses
    with pytest.raises(ValueError):
        merge_small_classes({"onbekend": 2}, 5)


def test_a_group_of_every_class_is_all_municipalities():
    (group,) = merge_small_classes({"20000-50000": 3}, 5)
    assert group_label(group) == "alle gemeenten"
