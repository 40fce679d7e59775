"""The aggregation against the hand-computed dataset of conftest.py: counts, shares, medians,
rankings, missing answers, filters and several rounds."""
import json

import pytest

from visitatie.opbrengst import analyse
from visitatie.opbrengst.curation import add_lesson
from visitatie.opbrengst.frame import load
from visitatie.opbrengst.snapshot import assemble


def build_snapshot(session, guides, round_ids, filters=None):
    """The aggregation before disclosure control: these tests check the counting itself on small,
    hand-computed cases (tests/unit/opbrengst/test_disclosure.py checks what may be published)."""
    return assemble(session, guides, load(session, guides, round_ids, filters))


def theme(snapshot, number):
    return next(t for t in snapshot["themes"] if t["number"] == number)


def figure(snapshot, question_id):
    return next(f for t in snapshot["themes"] for f in t["figures"] if f["question_id"] == question_id)


def test_headline_figure_counts_shares_and_missing(session, guides, world):
    ivp = figure(build_snapshot(session, guides, [world.round_a.id]), "leiderschap.ivp")
    assert ivp == {"question_id": "leiderschap.ivp",
                   "headline": "Digitale veiligheid staat in het Integraal Veiligheidsplan",
                   "n": 3, "ja": 1, "deels": 1, "nee": 1, "missing": 1,
                   "share_ja": 0.3333, "share_deels": 0.3333, "share_nee": 0.3333}


def test_an_invalid_value_counts_as_missing_never_as_an_answer(session, guides, world):
    ciso = figure(build_snapshot(session, guides, [world.round_a.id]), "leiderschap.ciso_oov")
    assert (ciso["n"], ciso["ja"], ciso["nee"], ciso["deels"], ciso["missing"]) == (3, 2, 1, 0, 1)
    assert ciso["share_ja"] == 0.6667 and ciso["share_nee"] == 0.3333


def test_scale_n_mean_median_and_distribution(session, guides, world):
    [scale] = theme(build_snapshot(session, guides, [world.round_a.id]), 1)["scales"]
    assert scale["question_id"] == "leiderschap.uitvoering"
    assert (scale["n"], scale["mean"], scale["median"], scale["missing"]) == (4, 3.75, 4.0, 0)
    assert scale["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1}
    assert scale["labels"]["1"] == "Nog niet begonnen"


def test_methodology_counts_only_held_conversations_and_their_own_municipalities(session, guides, world):
    snapshot = build_snapshot(session, guides, [world.round_a.id])
    method = snapshot["methodology"]
    # Counted: ivp 3, ivp_waarom_niet 1 (Haarlem's is hidden), ciso_oov 3, uitvoering 4,
    # portefeuilles 3, eigenaarschap 4, losgeld 2, dataminimalisatie 2.
    assert (method["conversations"], method["municipalities"], method["answers"]) == (2, 4, 22)
    assert (method["period_start"], method["period_end"]) == ("2024-02-01", "2024-03-15")
    assert snapshot["municipalities"] == ["Delft", "Haarlem", "Maastricht", "Utrecht"]
    assert "Breda" not in json.dumps(snapshot)  # not held, and not in C1: never counted


def test_coverage_per_theme(session, guides, world):
    snapshot = build_snapshot(session, guides, [world.round_a.id])
    assert [t["coverage"] for t in snapshot["themes"]] == [
        {"conversations": 2, "of": 2}, {"conversations": 0, "of": 2}, {"conversations": 1, "of": 2},
        {"conversations": 0, "of": 2}, {"conversations": 0, "of": 2}]


def test_a_hidden_conditional_answer_is_not_counted_and_a_shown_one_counts_as_missing(session, guides, world):
    data = load(session, guides, [world.round_a.id])
    follow_up = data.answers[data.answers["question_id"] == "leiderschap.ivp_waarom_niet"]
    assert list(follow_up["municipality_id"]) == [world.towns["Maastricht"].id]  # Haarlem's is hidden (ivp ja)
    expected = data.expected.set_index(["round_id", "question_id"])["expected"]
    assert expected[(world.round_a.id, "leiderschap.ivp_waarom_niet")] == 2  # shown to Maastricht and Delft
    assert expected[(world.round_a.id, "leiderschap.ivp")] == 4


def test_multiple_choice_options_as_shares_of_those_who_answered(session, guides, world):
    result = analyse(session, guides, [world.round_a.id])
    [portfolios] = [q for q in result["themes"][0]["choices"] if q["question_id"] == "leiderschap.portefeuilles"]
    assert (portfolios["n"], portfolios["missing"]) == (3, 1)
    counts = {o["label"]: (o["count"], o["share"]) for o in portfolios["options"]}
    assert counts["De burgemeester (openbare orde en veiligheid)"] == (2, 0.6667)
    assert counts["De portefeuillehouder bedrijfsvoering"] == (1, 0.3333)
    assert counts["Anders"] == (1, 0.3333)
    assert counts["De wethouder wijken"] == (0, 0.0)
    assert [o["label"] for o in portfolios["options"]][0] == "De burgemeester (openbare orde en veiligheid)"


def test_marked_lessons_ranked_by_conversations_then_municipalities_then_text(session, guides, world):
    lessons = analyse(session, guides, [world.round_a.id])["themes"][0]["lessons"]
    assert lessons == [
        {"text": "De burgemeester is eigenaar.", "conversations": 1, "municipalities": 2},
        {"text": "De burgemeester is eigenaar", "conversations": 1, "municipalities": 1},
        {"text": "Oefen met de raad.", "conversations": 1, "municipalities": 1},
    ]


def without_id(lesson: dict) -> dict:
    return {key: value for key, value in lesson.items() if key != "lesson_id"}


def test_curated_lessons_count_their_sources_and_are_ranked(session, guides, world):
    add_lesson(session, guides, world.round_a, 1, "Betrek de raad.", [world.lesson_utrecht.id], "pl")
    add_lesson(session, guides, world.round_a, 1, "Maak de burgemeester eigenaar.",
               [world.lesson_haarlem.id, world.lesson_maastricht.id, world.lesson_delft.id], "pl")
    add_lesson(session, guides, world.round_a, 1, "Aandacht voor de raad.", [world.lesson_utrecht.id], "pl")
    lessons = [without_id(lesson)
               for lesson in theme(build_snapshot(session, guides, [world.round_a.id]), 1)["lessons"]]
    assert lessons == [
        {"text": "Maak de burgemeester eigenaar.", "conversations": 2, "municipalities": 3},
        {"text": "Aandacht voor de raad.", "conversations": 1, "municipalities": 1},
        {"text": "Betrek de raad.", "conversations": 1, "municipalities": 1},
    ]


@pytest.mark.parametrize("filters, n, ja, nee, deels, missing, municipalities", [
    ({"province": "Noord-Holland"}, 1, 1, 0, 0, 0, ["Haarlem"]),
    ({"safety_region": "Haaglanden"}, 1, 0, 0, 1, 0, ["Delft"]),
    ({"population_class": "50000-100000"}, 1, 0, 1, 0, 0, ["Maastricht"]),   # 99,999 inhabitants
    ({"population_class": "100000-150000"}, 1, 0, 0, 1, 0, ["Delft"]),       # 100,000: the higher class
    ({"population_class": "150000-250000"}, 1, 1, 0, 0, 0, ["Haarlem"]),     # 162,000
    ({"population_class": "onbekend"}, 0, 0, 0, 0, 1, ["Utrecht"]),
    ({"province": "Limburg", "population_class": "100000-150000"}, 0, 0, 0, 0, 0, []),
])
def test_filters_by_province_safety_region_and_population_class(session, guides, world, filters, n, ja, nee,
                                                                 deels, missing, municipalities):
    snapshot = build_snapshot(session, guides, [world.round_a.id], filters)
    ivp = figure(snapshot, "leiderschap.ivp")
    assert (ivp["n"], ivp["ja"], ivp["nee"], ivp["deels"], ivp["missing"]) == (n, ja, nee, deels, missing)
    assert snapshot["municipalities"] == municipalities
    assert snapshot["methodology"]["filters"] == {"province": None, "safety_region": None,
                                                  "population_class": None} | filters
    if not n:
        assert ivp["share_ja"] == 0.0


def test_a_filter_narrows_lesson_counts(session, guides, world):
    add_lesson(session, guides, world.round_a, 1, "Maak de burgemeester eigenaar.",
               [world.lesson_haarlem.id, world.lesson_maastricht.id, world.lesson_delft.id], "pl")
    add_lesson(session, guides, world.round_a, 1, "Betrek de raad.", [world.lesson_utrecht.id], "pl")
    lessons = [without_id(lesson) for lesson in
               theme(build_snapshot(session, guides, [world.round_a.id], {"province": "Limburg"}), 1)["lessons"]]
    assert lessons == [{"text": "Maak de burgemeester eigenaar.", "conversations": 1, "municipalities": 1}]


def test_several_rounds_together_and_year_over_year(session, guides, world):
    rounds = [world.round_b.id, world.round_a.id]
    snapshot = build_snapshot(session, guides, rounds)
    assert [r["title"] for r in snapshot["rounds"]] == ["Bestuurlijke gespreksronde 2024",
                                                        "Bestuurlijke gespreksronde 2025"]
    assert snapshot["title"] == "Opbrengst gespreksrondes 2024–2025"
    ivp = figure(snapshot, "leiderschap.ivp")
    assert (ivp["n"], ivp["ja"], ivp["nee"], ivp["deels"], ivp["missing"]) == (5, 3, 1, 1, 1)
    method = snapshot["methodology"]
    assert (method["conversations"], method["municipalities"]) == (3, 4)
    # Theme 2 is only in round A: its coverage counts round A's conversations only.
    assert theme(snapshot, 2)["coverage"] == {"conversations": 0, "of": 2}
    assert theme(snapshot, 1)["coverage"] == {"conversations": 3, "of": 3}

    comparison = analyse(session, guides, rounds)["comparison"]
    ivp_years = next(c for c in comparison if c["question_id"] == "leiderschap.ivp")
    assert ivp_years["measure"] == "share_ja"
    assert [(v["year"], v["value"], v["n"]) for v in ivp_years["values"]] == [(2024, 0.3333, 3), (2025, 1.0, 2)]
    scale_years = next(c for c in comparison if c["question_id"] == "leiderschap.uitvoering")
    assert [(v["year"], v["value"], v["n"]) for v in scale_years["values"]] == [(2024, 3.75, 4), (2025, None, 0)]
    assert analyse(session, guides, [world.round_a.id])["comparison"] == []


def test_an_empty_round_gives_an_empty_but_complete_snapshot(session, guides, world):
    empty = world.round("Lege ronde", world.round_b.period_start.replace(year=2026), world.round_b.themes)
    session.commit()
    snapshot = build_snapshot(session, guides, [empty.id])
    assert snapshot["methodology"]["conversations"] == 0 and snapshot["methodology"]["period_start"] is None
    assert [t["number"] for t in snapshot["themes"]] == [1, 3]
    assert figure(snapshot, "leiderschap.ivp")["n"] == 0
    json.dumps(snapshot)


def test_the_snapshot_is_plain_json_with_the_contract_keys(session, guides, world):
    snapshot = build_snapshot(session, guides, [world.round_a.id])
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert set(snapshot) == {"schema", "title", "rounds", "version", "published_at", "main_lesson", "introduction",
                             "methodology", "municipalities", "themes", "maturity", "size_classes"}
    assert (snapshot["version"], snapshot["published_at"], snapshot["schema"]) == (0, None, 1)
    assert snapshot["title"] == "Opbrengst bestuurlijke gespreksronde 2024"
    assert set(snapshot["themes"][0]) == {"number", "slug", "title", "recommendation", "findings", "lessons", "quote",
                                          "practice_example", "coverage", "figures", "scales"}
    # Uncurated: the guide's recommendation, no findings, quote or practice example yet.
    first = snapshot["themes"][0]
    assert first["recommendation"] == guides.by_number(1).recommendation
    assert (first["findings"], first["quote"], first["practice_example"], first["lessons"]) == ([], None, None, [])
