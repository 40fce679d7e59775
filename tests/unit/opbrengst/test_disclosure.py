"""Disclosure control (opbrengst/disclosure.py), each rule on a small case computed by hand."""
import itertools

import pytest

from visitatie.opbrengst import PublicationIncomplete, publication
from visitatie.opbrengst.curation import RoundCurationInput, save_round_curation
from visitatie.opbrengst.disclosure import (
    DOMINANCE,
    SMALL_CELLS,
    SMALL_GROUP,
    differencing_problems,
    protect_distribution,
    protect_figure,
    protect_scale,
)


def _curate(session, round_):
    save_round_curation(session, round_, RoundCurationInput("", "Digitale veiligheid is chefsache.", ""), "Anna", 0)


def test_a_round_of_2_or_4_municipalities_is_refused_with_the_reason(session, guides, world):
    # Round B: one held conversation, Haarlem and Delft. Round A: C1 and C2 held, four municipalities.
    for round_, municipalities in ((world.round_b, 2), (world.round_a, 4)):
        _curate(session, round_)
        assert publication.preview(session, guides, round_.id)["methodology"]["municipalities"] == municipalities
        with pytest.raises(PublicationIncomplete) as refused:
            publication.publish(session, guides, round_, "Anna")
        assert [p.code for p in refused.value.problems] == ["too_few_municipalities"]
    world.grow()  # Zwolle and Venlo: six municipalities
    assert publication.publish(session, guides, world.round_a, "Anna").version == 1


def test_a_unanimous_cell_is_suppressed_whole():
    # 5 of 5 said ja: with the list of participants, everyone's answer would be known.
    assert protect_distribution({"ja": 5, "deels": 0, "nee": 0}) == ({"ja": None, "deels": None, "nee": None},
                                                                      DOMINANCE)
    # 8 ja, 2 nee of 10: all but fewer than 3 in one category.
    assert protect_distribution({"ja": 8, "deels": 0, "nee": 2})[1] == DOMINANCE
    # n below 3: nothing at all.
    assert protect_distribution({"ja": 1, "deels": 1, "nee": 0}) == ({"ja": None, "deels": None, "nee": None},
                                                                      SMALL_GROUP)
    figure = protect_figure({"question_id": "q", "n": 5, "ja": 5, "deels": 0, "nee": 0, "missing": 1,
                             "share_ja": 1.0, "share_deels": 0.0, "share_nee": 0.0})
    assert (figure["n"], figure["ja"], figure["share_ja"], figure["suppressed"]) == (5, None, None, DOMINANCE)


def test_a_suppressed_cell_cannot_be_recomputed_from_the_totals():
    # n = 10: ja 5, deels 2, nee 3. Deels (2) is a small cell; with n published, deels = 10 - 5 - 3,
    # so the smallest other cell (nee, 3) is suppressed too.
    shown, reason = protect_distribution({"ja": 5, "deels": 2, "nee": 3}, 10)
    assert (shown, reason) == ({"ja": 5, "deels": None, "nee": None}, SMALL_CELLS)
    # What a reader knows: n = 10, ja = 5, the two hidden cells are each 1..2 (small) or >= 3.
    # More than one pair fits: the hidden cells cannot be recomputed.
    fits = [(d, e) for d, e in itertools.product(range(0, 11), repeat=2) if 5 + d + e == 10 and d != 0]
    assert len(fits) > 1
    # Scales: with one level hidden, mean and median would pin it down, so they go too.
    scale = protect_scale({"question_id": "s", "n": 10, "mean": 3.7, "median": 3.0,
                           "distribution": {"1": 0, "2": 0, "3": 5, "4": 3, "5": 2}})
    assert scale["distribution"] == {"1": 0, "2": 0, "3": 5, "4": None, "5": None}
    assert (scale["mean"], scale["median"]) == (None, None)
    # A distribution with no small cell is shown whole, with its mean.
    whole = protect_scale({"question_id": "s", "n": 9, "mean": 3.0, "median": 3.0,
                           "distribution": {"1": 0, "2": 3, "3": 3, "4": 3, "5": 0}})
    assert whole["distribution"]["2"] == 3 and whole["mean"] == 3.0 and whole["suppressed"] is None


def test_a_new_version_that_differs_in_one_or_two_municipalities_is_refused():
    def snapshot(ja, nee, n):
        return {"themes": [{"figures": [{"question_id": "q", "n": n, "ja": ja, "deels": 0, "nee": nee}]}],
                "methodology": {"municipalities": n}}
    old = snapshot(5, 5, 10)
    assert differencing_problems(snapshot(5, 5, 10), [(1, old)]) == []           # nothing changed
    assert differencing_problems(snapshot(8, 5, 13), [(1, old)]) == []           # three more
    problems = differencing_problems(snapshot(6, 5, 11), [(1, old)])              # one more: its answer shows
    assert (1, ("figure", "q", "ja"), 1) in problems and (1, ("figure", "q", "n"), 1) in problems


def test_differencing_is_checked_when_publishing(session, guides, world):
    world.grow()
    _curate(session, world.round_a)
    publication.publish(session, guides, world.round_a, "Anna")
    world.answer(world.c2, "Utrecht", "leiderschap.ivp", "ja")  # one more answer after version 1: n 3 -> 4
    session.commit()
    with pytest.raises(PublicationIncomplete) as refused:
        publication.publish(session, guides, world.round_a, "Anna")
    problem = refused.value.problems[0]
    assert problem.code == "differencing" and problem.params["version"] == 1
    assert problem.params["difference"] in (1, 2)


def test_size_class_cells_count_in_the_differencing_too():
    def snapshot(n, share):
        return {"themes": [], "size_classes": {"groups": [{"key": "tot-20000"}], "questions": [
            {"question_id": "q", "cells": [{"n": n, "share_ja": share}]}]}}
    assert differencing_problems(snapshot(6, 0.5), [(1, snapshot(6, 0.5))]) == []
    problems = differencing_problems(snapshot(7, 4 / 7), [(1, snapshot(6, 0.5))])  # one more answered ja
    assert (1, ("size", "q", "tot-20000:n"), 1) in problems and (1, ("size", "q", "tot-20000:ja"), 1) in problems
