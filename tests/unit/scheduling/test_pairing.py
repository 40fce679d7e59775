"""Pairing suggestions as a maximum-weight matching: a case to check by hand, the odd case,
determinism, constraints, rejected pairs, the reasons given, and size as a lesser preference."""
import random
from itertools import combinations

import pytest

from visitatie.scheduling.pairing import Candidate, complementarity, learning_value, propose_pairs

THEMES = [1, 2, 3, 4, 5]


def candidate(code, name, scores, **extra):
    return Candidate(code=code, name=name, scores=dict(zip(THEMES, scores, strict=False)), **extra)


# Three mirror pairs. A and B mirror each other on themes 1 and 2, C and D on themes 3 and 4,
# E and F differ on theme 5 only. Everyone else scores 3.
SIX = [
    candidate("GM0001", "A", (5, 1, 3, 3, 3)),
    candidate("GM0002", "B", (1, 5, 3, 3, 3)),
    candidate("GM0003", "C", (3, 3, 5, 1, 3)),
    candidate("GM0004", "D", (3, 3, 1, 5, 3)),
    candidate("GM0005", "E", (3, 3, 3, 3, 5)),
    candidate("GM0006", "F", (3, 3, 3, 3, 1)),
]


def names(proposal):
    return [(p.first.name, p.second.name) for p in proposal.pairs]


def test_learning_value_ignores_one_point_and_rewards_a_clear_gap():
    assert [learning_value(g) for g in (-2, 0, 1, 2, 3, 4)] == [0, 0, 0, 1, 4, 9]


def test_complementarity_by_hand():
    a, b, c, e, f = SIX[0], SIX[1], SIX[2], SIX[4], SIX[5]
    # A teaches theme 1 (5 vs 1: 9), B teaches theme 2 (9): 9 + 9 + min(9, 9) = 27.
    assert complementarity(a, b, THEMES) == 27
    # E teaches theme 5 (5 vs 1: 9), F teaches nothing: 9 + 0 + 0 = 9.
    assert complementarity(e, f, THEMES) == 9
    # A vs C: A teaches theme 1 (5 vs 3: 1) and theme 4 (3 vs 1: 1); C teaches themes 2 and 3 (1 each).
    assert complementarity(a, c, THEMES) == 2 + 2 + 2


def test_six_municipalities_pair_as_computed_by_hand():
    proposal = propose_pairs(SIX, THEMES)
    # By hand: A–B 27 + C–D 27 + E–F 9 = 63; any other pairing splits a mirror pair and gets
    # at most 35. Brute force over all 15 pairings agrees.
    assert names(proposal) == [("A", "B"), ("C", "D"), ("E", "F")]
    assert proposal.left_out == ()
    assert sum(p.complementarity for p in proposal.pairs) == 63
    assert 63 == max(_all_pairings_totals(SIX))
    assert sorted(_all_pairings_totals(SIX))[-2] == 35


def _all_pairings_totals(items):
    if not items:
        yield 0
        return
    first, rest = items[0], items[1:]
    for i, other in enumerate(rest):
        for total in _all_pairings_totals(rest[:i] + rest[i + 1:]):
            yield complementarity(first, other, THEMES) + total


def test_odd_count_leaves_one_municipality_out_and_says_so():
    proposal = propose_pairs(SIX[:5], THEMES)
    # E has only small gaps with A–D (at most 4 together); keeping both mirror pairs is best.
    assert names(proposal) == [("A", "B"), ("C", "D")]
    assert [c.name for c in proposal.left_out] == ["E"]


def test_same_input_in_any_order_gives_the_same_proposal():
    expected = propose_pairs(SIX, THEMES)
    rng = random.Random(7)
    for _ in range(20):
        shuffled = SIX[:]
        rng.shuffle(shuffled)
        assert propose_pairs(shuffled, THEMES) == expected


def test_ties_are_broken_the_same_way_every_time():
    alike = [candidate(f"GM000{i}", f"T{i}", (3, 3, 3, 3, 3)) for i in range(1, 7)]
    results = set()
    rng = random.Random(3)
    for _ in range(20):
        rng.shuffle(alike)
        results.add(tuple(names(propose_pairs(alike, THEMES))))
    assert len(results) == 1
    (pairs,) = results
    assert len(pairs) == 3
    proposal = propose_pairs(alike, THEMES)
    assert proposal.pairs[0].reasons == ()


def test_a_region_constraint_is_honoured():
    regional = [
        candidate("GM0001", "A", (5, 1, 3, 3, 3), safety_region_code="VR01", province="Groningen"),
        candidate("GM0002", "B", (1, 5, 3, 3, 3), safety_region_code="VR01", province="Groningen"),
        candidate("GM0003", "C", (5, 1, 3, 3, 3), safety_region_code="VR02", province="Friesland"),
        candidate("GM0004", "D", (1, 5, 3, 3, 3), safety_region_code="VR02", province="Friesland"),
    ]
    assert names(propose_pairs(regional, THEMES)) in ([("A", "B"), ("C", "D")], [("A", "D"), ("B", "C")])
    assert names(propose_pairs(regional, THEMES, "zelfde_veiligheidsregio")) == [("A", "B"), ("C", "D")]
    assert names(propose_pairs(regional, THEMES, "andere_veiligheidsregio")) == [("A", "D"), ("B", "C")]
    assert names(propose_pairs(regional, THEMES, "andere_provincie")) == [("A", "D"), ("B", "C")]
    with pytest.raises(ValueError):
        propose_pairs(regional, THEMES, "andere_planeet")


def test_a_constraint_that_allows_no_partner_leaves_people_out():
    lonely = [candidate("GM0001", "A", (5, 1, 3, 3, 3), safety_region_code="VR01"),
              candidate("GM0002", "B", (1, 5, 3, 3, 3), safety_region_code="VR02")]
    proposal = propose_pairs(lonely, THEMES, "zelfde_veiligheidsregio")
    assert proposal.pairs == ()
    assert [c.name for c in proposal.left_out] == ["A", "B"]


def test_rejected_pairs_are_not_proposed_again():
    proposal = propose_pairs(SIX, THEMES, rejected={frozenset(("GM0001", "GM0002"))})
    assert ("A", "B") not in names(proposal)
    assert len(proposal.pairs) == 3


def test_each_pair_says_which_themes_complement():
    haarlem = candidate("GM0392", "Haarlem", (3, 3, 5, 3, 3))
    maastricht = candidate("GM0935", "Maastricht", (3, 4, 1, 5, 3))
    (pair,) = propose_pairs([haarlem, maastricht], THEMES).pairs
    strongest = pair.reasons[0]
    assert (strongest.theme, strongest.strong, strongest.weak) == (3, "Haarlem", "Maastricht")
    assert strongest.clear  # 5 against 1: sterk versus zwak
    second = pair.reasons[1]
    assert (second.theme, second.strong, second.weak, second.clear) == (4, "Maastricht", "Haarlem", False)
    assert [r.theme for r in pair.reasons] == [3, 4]  # theme 2 differs by one point only


def test_only_the_themes_of_the_round_count():
    a = candidate("GM0001", "A", (5, 1, 3, 3, 3))
    b = candidate("GM0002", "B", (1, 5, 3, 3, 3))
    assert complementarity(a, b, [3, 4, 5]) == 0
    assert complementarity(a, b, [1]) == 9


def test_comparable_size_is_preferred_when_complementarity_is_equal():
    small_a = candidate("GM0001", "Klein A", (5, 1, 3, 3, 3), population=10_000)
    small_b = candidate("GM0002", "Klein B", (1, 5, 3, 3, 3), population=15_000)
    big_a = candidate("GM0003", "Groot A", (5, 1, 3, 3, 3), population=260_000)
    big_b = candidate("GM0004", "Groot B", (1, 5, 3, 3, 3), population=300_000)
    proposal = propose_pairs([small_a, small_b, big_a, big_b], THEMES)
    assert names(proposal) == [("Klein A", "Klein B"), ("Groot A", "Groot B")]
    assert {p.size for p in proposal.pairs} == {"zelfde"}


def test_size_decides_between_equally_complementary_pairings_by_hand():
    # A, C teach theme 1 (5 against 1), B, D theme 2: A-B, A-D, C-B and C-D all have
    # complementarity 9 + 9 + 9 = 27, so weight 3 * 27 + size points + 1 = 82 + size points.
    a = candidate("GM0001", "A", (5, 1, 3, 3, 3), population=30_000)   # 20.000-50.000
    b = candidate("GM0002", "B", (1, 5, 3, 3, 3), population=45_000)   # 20.000-50.000
    c = candidate("GM0003", "C", (5, 1, 3, 3, 3), population=60_000)   # 50.000-100.000
    d = candidate("GM0004", "D", (1, 5, 3, 3, 3), population=400_000)  # 250.000 or more
    # A-B same class (+2) = 84, C-D three classes apart (+0) = 82: 166.
    # A-D apart (+0) = 82, C-B adjacent (+1) = 83: 165. A-C + B-D: (0+1+1) + (0+0+1) = 3.
    proposal = propose_pairs([a, b, c, d], THEMES)
    assert names(proposal) == [("A", "B"), ("C", "D")]
    assert [(p.size, p.weight) for p in proposal.pairs] == [("zelfde", 84), ("verschillend", 82)]
    assert proposal.pairs[0].size_classes == ("20000-50000", "20000-50000")
    assert sum(p.weight for p in proposal.pairs) == 166


def test_complementarity_still_comes_before_size_by_hand():
    # Same size pairs A-C (20.000-50.000) and B-D (250.000+) hardly differ: gaps of one point are
    # worth nothing, so each weighs 0 + 2 + 1 = 3: 6 together.
    # A-B: 27 -> 81 + 0 + 1 = 82; C-D: gaps of 2 on themes 1 and 2: 1 + 1 + 1 = 3 -> 9 + 0 + 1 = 10: 92.
    # A-D and C-B: gaps of 3: 4 + 4 + 4 = 12 -> 36 + 0 + 1 = 37 each: 74.
    a = candidate("GM0001", "A", (5, 1, 3, 3, 3), population=30_000)
    b = candidate("GM0002", "B", (1, 5, 3, 3, 3), population=400_000)
    c = candidate("GM0003", "C", (4, 2, 3, 3, 3), population=35_000)
    d = candidate("GM0004", "D", (2, 4, 3, 3, 3), population=300_000)
    proposal = propose_pairs([a, b, c, d], THEMES)
    assert names(proposal) == [("A", "B"), ("C", "D")]
    assert [p.weight for p in proposal.pairs] == [82, 10]
    assert {p.size for p in proposal.pairs} == {"verschillend"}


def test_unknown_population_is_handled():
    known = candidate("GM0001", "A", (5, 1, 3, 3, 3), population=30_000)
    unknown = candidate("GM0002", "B", (1, 5, 3, 3, 3), population=None)
    (pair,) = propose_pairs([known, unknown], THEMES).pairs
    assert pair.size == "onbekend"


def test_municipalities_without_scores_can_still_be_paired():
    blank = [Candidate(code=f"GM000{i}", name=f"N{i}", scores={}) for i in range(1, 5)]
    proposal = propose_pairs(blank, THEMES)
    assert len(proposal.pairs) == 2 and proposal.left_out == ()
    assert all(p.complementarity == 0 for p in proposal.pairs)


def test_every_candidate_is_either_paired_or_left_out_exactly_once():
    rng = random.Random(11)
    many = [candidate(f"GM{i:04d}", f"G{i}", [rng.randint(1, 5) for _ in THEMES]) for i in range(1, 24)]
    proposal = propose_pairs(many, THEMES)
    seen = [c.code for p in proposal.pairs for c in (p.first, p.second)] + [c.code for c in proposal.left_out]
    assert sorted(seen) == sorted(c.code for c in many)
    assert len(proposal.left_out) == 1
    assert all(a.code < b.code for a, b in ((p.first, p.second) for p in proposal.pairs))
    assert len(list(combinations(many, 2))) == 253  # every pair was a candidate edge
