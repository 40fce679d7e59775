"""Year over year (computed exactly on a small case) and the national picture (pandas)."""
import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from tests.factories import round_, visit
from tests.visit_world import hold
from visitatie.conversations.finalising import finalise
from visitatie.models import Municipality, Round
from visitatie.visits import (
    RecommendationInput,
    ScoreInput,
    add_recommendation,
    change_status,
    ensure_visit,
    follow_up,
    maturity_change,
    national_maturity,
    national_picture,
    save_assessment,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def score(session, guides, conversation, levels: dict[int, int], source="committee"):
    for number, level in levels.items():
        save_assessment(session, guides, conversation, number, source, ScoreInput(level, f"Niveau {level}"), "test")


def test_maturity_change_is_current_minus_previous_per_theme():
    assert maturity_change({1: 2, 2: 3, 3: 1, 5: 4}, {1: 3, 2: 3, 3: 4, 4: 2}) == {
        1: 1, 2: 0, 3: 3, 4: None, 5: None}
    assert maturity_change({}, {}) == {}


def test_a_follow_up_visit_shows_the_earlier_scores_and_recommendations_with_the_change(session, guides, world):
    score(session, guides, world.first, {1: 2, 2: 3, 3: 1, 5: 4})
    score(session, guides, world.first, {1: 3, 3: 2}, source="self")
    recommendation = add_recommendation(session, guides, world.first, RecommendationInput(
        3, "hoog", "gemeentesecretaris", date(2025, 6, 1), "Oefen het BCP."), "Pieter Dekker")
    hold(session, world.first)
    finalise(session, world.first, "Pieter Dekker")
    change_status(session, world.first, recommendation, "afgerond", "Geoefend in maart", "Jos Wiersma", base_version=1)
    score(session, guides, world.second, {1: 3, 2: 3, 3: 4, 4: 2})

    assert ensure_visit(session, world.second).previous_conversation_id == world.first.id
    assert follow_up(session, guides, world.first) is None  # the first visit has nothing before it
    result = follow_up(session, guides, world.second)
    assert result.previous.id == world.first.id
    assert [(t.number, t.previous_self, t.previous_committee, t.current_committee, t.change)
            for t in result.themes] == [
        (1, 3, 2, 3, 1), (2, None, 3, 3, 0), (3, 2, 1, 4, 3), (4, None, None, 2, None), (5, None, 4, None, None)]
    assert [(r.text, r.status) for r in result.recommendations] == [("Oefen het BCP.", "afgerond")]
    assert result.open_recommendations == []


def test_the_oss_visit_and_a_visit_in_the_same_round_are_not_previous_visits(session, world):
    assert ensure_visit(session, world.oss).previous_conversation_id is None
    assert ensure_visit(session, world.first).previous_conversation_id is None


# --- The national picture --------------------------------------------------------------------

@pytest.fixture
def nation(session, guides, world):
    """Visits enough to make cells: `make(year, level_of_theme_1, status, consent)`."""
    rounds: dict[int, Round] = {}
    counter = iter(range(1, 1000))

    def make(year: int, level: int, status="vastgesteld", consent=False, extra: dict | None = None):
        if year not in rounds:
            rounds[year] = round_(session, kind="visitatieronde", title=f"Ronde {year}", period_start=date(year, 1, 1),
                                  period_end=date(year, 12, 31), guide_version=guides.version)
        number = next(counter)
        # One municipality per visit, outside the reference data (the domain database of these tests has none).
        town = Municipality(code=f"GM{9000 + number}", name=f"Testgemeente {number}", province="Test",
                            safety_region_code="VR99", safety_region="Testregio", population=30_000)
        made = visit(session, rounds[year], town, scores={1: level, **(extra or {})}, consent_named=consent,
                     status=status)
        session.commit()
        return made

    return make


def test_public_picture_counts_finalised_visits_and_suppresses_small_cells(session, nation):
    for level in (2, 3, 3):
        nation(2024, level, extra={2: 4})
    nation(2024, 5, status="gehouden")        # not final: not public
    nation(2024, 1, status="geannuleerd")     # cancelled: never
    nation(2025, 4)
    nation(2025, 4)                           # two visits in 2025: too few to show
    picture = national_picture(session)
    assert picture.maturity == {"themes": [
        {"number": 1, "title": "Leiderschap en professionalisering",
         "years": {"2024": {"1": 0, "2": 1, "3": 2, "4": 0, "5": 0}}, "n": 3},
        {"number": 2, "title": "Europa en digitale veiligheid",
         "years": {"2024": {"1": 0, "2": 0, "3": 0, "4": 3, "5": 0}}, "n": 3},
    ]}
    assert picture.suppressed == [(1, "Leiderschap en professionalisering", "2025")]
    assert picture.named == [] and picture.visits == 5
    assert national_maturity(session) == picture.maturity
    assert json.loads(json.dumps(picture.maturity)) == picture.maturity  # plain, JSON-serialisable


def test_consent_names_a_host_but_never_lets_the_others_be_read_off(session, nation):
    nation(2026, 2, consent=True)
    nation(2026, 3, consent=True)
    nation(2026, 4)
    nation(2026, 5)  # 4 visits, but only 2 without consent: subtracting the named 2 would expose them
    for level in (1, 2, 3):
        nation(2027, level, consent=True)  # all named: nothing to protect
    picture = national_picture(session)
    assert picture.suppressed == [(1, "Leiderschap en professionalisering", "2026")]
    assert picture.maturity["themes"][0]["years"] == {"2027": {"1": 1, "2": 1, "3": 1, "4": 0, "5": 0}}
    assert [(v.municipality, v.year, v.levels) for v in picture.named] == [
        ("Testgemeente 1", "2026", {1: 2}), ("Testgemeente 2", "2026", {1: 3}),
        ("Testgemeente 5", "2027", {1: 1}), ("Testgemeente 6", "2027", {1: 2}), ("Testgemeente 7", "2027", {1: 3})]


def test_project_leaders_see_every_held_visit_unsuppressed(session, nation):
    nation(2025, 4)
    nation(2025, 2, status="gehouden")
    picture = national_picture(session, public=False)
    assert picture.maturity["themes"][0]["years"] == {"2025": {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0}}
    assert picture.suppressed == [] and len(picture.named) == 2


def test_nothing_to_show_is_none_and_round_ids_limit_the_picture(session, nation):
    assert national_maturity(session) is None
    first = nation(2024, 3)
    nation(2024, 3)
    nation(2024, 3)
    assert national_maturity(session)["themes"][0]["n"] == 3
    assert national_maturity(session, round_ids=[first.round_id + 100]) is None
    assert national_maturity(session, min_visits=4) is None


# --- National releases: numbered, frozen, never differing by 1 or 2 visits -----------------------

def test_a_release_adding_one_or_two_visits_is_refused(session, nation):
    from visitatie.opbrengst.errors import PublicationIncomplete
    from visitatie.visits.national_release import public_picture, publish_release

    for level in (2, 3, 3):
        nation(2024, level)
    first = publish_release(session, "Anna")
    session.commit()
    assert first.version == 1 and len(first.visit_ids) == 3
    nation(2024, 4)                                          # one more finalised visit
    with pytest.raises(PublicationIncomplete) as refused:
        publish_release(session, "Anna")
    assert refused.value.problems[0].code == "release_too_few_visits"
    assert refused.value.problems[0].params["changed"] == 1
    nation(2024, 4)                                          # two more
    with pytest.raises(PublicationIncomplete):
        publish_release(session, "Anna")
    # The public page still shows release 1: the live count (5) cannot be compared with it.
    picture = public_picture(session)
    assert picture.release == 1 and sum(v or 0 for v in picture.maturity["themes"][0]["years"]["2024"].values()) <= 3
    nation(2024, 2)                                          # three more: publishable
    second = publish_release(session, "Anna")
    assert second.version == 2 and len(second.visit_ids) == 6


def test_a_release_with_nothing_new_is_refused(session, nation):
    from visitatie.opbrengst.errors import PublicationIncomplete
    from visitatie.visits.national_release import publish_release

    for level in (2, 3, 4):
        nation(2024, level)
    publish_release(session, "Anna")
    session.commit()
    with pytest.raises(PublicationIncomplete) as refused:
        publish_release(session, "Anna")
    assert refused.value.problems[0].code == "release_unchanged"


def test_a_release_carries_the_picture_by_size_class_protected(session, nation):
    """Twelve visits in 2025, theme 1: six small municipalities (< 10 000) at levels 2,2,2,3,3,3 and
    six of 50 000–100 000 at 3,3,3,3,3,4. Small: 3 and 3, shown. Large: all but one at level 3,
    so the whole distribution is suppressed (group disclosure)."""
    from visitatie.visits.national_release import public_picture, publish_release

    visits = [(level, 8_000) for level in (2, 2, 2, 3, 3, 3)] + [(level, 60_000) for level in (3, 3, 3, 3, 3, 4)]
    for level, population in visits:
        conversation = nation(2025, level)
        conversation.municipalities[0].population = population
    session.commit()
    publish_release(session, "Anna")
    session.commit()
    by_size = public_picture(session).by_size
    assert [(g["label"], g["visits"]) for g in by_size["groups"]] == [
        ("minder dan 50.000 inwoners", 6), ("50.000 inwoners of meer", 6)]  # empty classes join a neighbour
    small, large = by_size["themes"][0]["cells"]
    assert small == {"1": 0, "2": 3, "3": 3, "4": 0, "5": 0}
    assert large == {"1": None, "2": None, "3": None, "4": None, "5": None}
