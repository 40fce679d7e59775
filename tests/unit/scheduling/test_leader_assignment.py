"""Gespreksleiders from the pool: never from a participating municipality, never twice on one
day or on a day they cannot, within their maximum, spread, preferring the same safety region when
asked; assigning saves through the form's rules."""
from datetime import date

import pytest

from tests.unit.scheduling.conftest import local
from visitatie.scheduling import ConversationInput, save_conversation
from visitatie.scheduling.leader_assignment import assign_leaders, propose_leaders
from visitatie.scheduling.leader_pool import VolunteerInput, parse_days, save_volunteer


@pytest.fixture
def plan_round(session, make_round, town):
    def make(pairs, days=None):
        round_ = make_round()
        for index, (a, b) in enumerate(pairs):
            start = local(2025, 4, days[index], 10) if days else None
            save_conversation(session, round_, ConversationInput([town(a), town(b)], starts_at=start), "Test")
        return round_
    return make


def volunteer(session, round_, town, name, municipality, maximum=3, unavailable=()):
    return save_volunteer(session, round_, VolunteerInput(name, f"{name.lower()}@example.org", town(municipality),
                                                          maximum, tuple(unavailable)))


def leaders(plan):
    return {p.title: p.leader for p in plan.proposals}


def test_never_a_leader_from_either_municipality(session, plan_round, town):
    round_ = plan_round([("Haarlem", "Maastricht")])
    volunteer(session, round_, town, "Hanna", "Haarlem")
    volunteer(session, round_, town, "Bas", "Breda")
    assert leaders(propose_leaders(session, round_)) == {"Haarlem – Maastricht": "Bas"}


def test_spread_over_the_pool_and_within_the_maximum(session, plan_round, town):
    round_ = plan_round([("Haarlem", "Maastricht"), ("Utrecht", "Zwolle"), ("Assen", "Venlo"), ("Ede", "Emmen")])
    volunteer(session, round_, town, "Bas", "Breda", maximum=3)
    volunteer(session, round_, town, "Dirk", "Delft", maximum=1)
    plan = propose_leaders(session, round_)
    counts = {name: list(leaders(plan).values()).count(name) for name in ("Bas", "Dirk")}
    assert counts == {"Bas": 3, "Dirk": 1}
    round_two = plan_round([("Almere", "Leiden"), ("Tilburg", "Gouda")])
    volunteer(session, round_two, town, "Bas", "Breda", maximum=3)
    volunteer(session, round_two, town, "Dirk", "Delft", maximum=3)
    # Two conversations and two volunteers with room: one each, not both to the same one.
    assert sorted(leaders(propose_leaders(session, round_two)).values()) == ["Bas", "Dirk"]


def test_not_twice_on_one_day_nor_on_a_day_they_cannot(session, plan_round, town):
    round_ = plan_round([("Haarlem", "Maastricht"), ("Utrecht", "Zwolle"), ("Assen", "Venlo")], days=[15, 15, 16])
    volunteer(session, round_, town, "Bas", "Breda", maximum=3, unavailable=[date(2025, 4, 16)])
    plan = propose_leaders(session, round_)
    assert len(plan.proposals) == 1 and plan.proposals[0].leader == "Bas"
    assert sorted((u.title, u.reason) for u in plan.unassigned) == [
        ("Assen – Venlo", "nobody_free"), ("Haarlem – Maastricht" if plan.proposals[0].title != "Haarlem – Maastricht"
                                           else "Utrecht – Zwolle", "pool_full")]


def test_prefers_the_same_safety_region_when_the_round_asks_it(session, plan_round, town):
    round_ = plan_round([("Haarlem", "Maastricht")])
    volunteer(session, round_, town, "Bas", "Breda")
    volunteer(session, round_, town, "Vera", "Valkenburg aan de Geul")  # Zuid-Limburg, as Maastricht
    assert leaders(propose_leaders(session, round_, "zelfde_veiligheidsregio")) == {"Haarlem – Maastricht": "Vera"}
    plan = propose_leaders(session, round_, "zelfde_veiligheidsregio")
    assert [r.code for r in plan.proposals[0].reasons] == ["outside", "region", "undated", "load"]


def test_assigning_saves_the_leader_through_the_form_rules(session, plan_round, town):
    round_ = plan_round([("Haarlem", "Maastricht"), ("Utrecht", "Zwolle")], days=[15, 17])
    volunteer(session, round_, town, "Bas", "Breda")
    plan = propose_leaders(session, round_)
    assert assign_leaders(session, round_, plan, "Test") == 2
    assert all(c.gespreksleider.person.name == "Bas" and c.gespreksleider.municipality.name == "Breda"
               for c in round_.conversations)
    assert propose_leaders(session, round_).proposals == ()


def test_parse_days_returns_what_is_no_day():
    assert parse_days("2025-04-01, 15-04-2025;x") == ([date(2025, 4, 1), date(2025, 4, 15)], ["x"])
