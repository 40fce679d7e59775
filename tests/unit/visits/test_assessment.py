"""Self-assessment and committee scores: round trips, validation, versions, locking, rights."""
from datetime import date

import pytest

from tests.factories import conversation, round_
from tests.visit_world import hold
from visitatie.conversations.finalising import finalise
from visitatie.conversations.permissions import ParticipantPrincipal
from visitatie.models import User
from visitatie.models.visits import ChecklistEntry, MaturityScore
from visitatie.scheduling import ConversationInput, save_conversation
from visitatie.visits import (
    ChecklistInput,
    InvalidInput,
    NotAVisit,
    ScoreInput,
    StaleEdit,
    VisitLocked,
    assessments,
    committee,
    host_of,
    host_participants,
    is_visit,
    save_assessment,
    scores_of,
    visit_rights,
)


def test_a_visit_has_one_host_a_committee_and_host_participants(world):
    assert is_visit(world.first)
    assert host_of(world.first).name == "Haarlem"
    assert [(p.role, p.person.name) for p in committee(world.first)] == [
        ("commissielid", "Mara Smit"), ("commissielid", "Pieter Dekker"), ("secretaris", "Peter van Elst")]
    assert [p.person.name for p in host_participants(world.first)] == ["Jos Wiersma", "Eva Jansen"]


def test_a_conversation_of_a_gespreksronde_is_not_a_visit(session, guides, world):
    gespreksronde = round_(session, title="Gespreksronde", period_start=date(2024, 1, 1),
                           period_end=date(2024, 12, 31), status="concept", guide_version=guides.version, themes=[])
    talk = conversation(session, gespreksronde, [host_of(world.first), host_of(world.oss)], starts_at=None)
    session.commit()
    assert not is_visit(talk)
    with pytest.raises(NotAVisit):
        host_of(talk)
    with pytest.raises(NotAVisit):
        save_assessment(session, guides, talk, 1, "self", ScoreInput(2, "x"), "iemand")
    assert not visit_rights(User(role="projectleider", active=True), talk).can_read


def test_self_assessment_and_committee_score_round_trip_side_by_side(session, guides, world):
    save_assessment(session, guides, world.first, 1, "self", ScoreInput(4, "Staat in het IVP en de kadernota."),
                    "Jos Wiersma", [ChecklistInput("ivp", True, date(2023, 11, 2), "Vastgesteld door de raad"),
                                   ChecklistInput("kadernota", False, None, "")])
    save_assessment(session, guides, world.first, 1, "committee",
                    ScoreInput(3, "Uitvoeringsplannen zijn er, de raad is nog niet betrokken."), "Pieter Dekker")
    session.expire_all()
    rows = {a.number: a for a in assessments(session, guides, world.first)}
    first = rows[1]
    assert (first.self_score.level, first.self_score.justification) == (4, "Staat in het IVP en de kadernota.")
    assert (first.committee_score.level, first.committee_score.updated_by) == (3, "Pieter Dekker")
    assert first.difference == -1
    assert first.level_name(3) == "Ingericht"
    checklist = {item.id: entry for item, entry in first.checklist}
    assert (checklist["ivp"].present, checklist["ivp"].document_date, checklist["ivp"].remark) == (
        True, date(2023, 11, 2), "Vastgesteld door de raad")
    assert checklist["kadernota"].present is False
    assert checklist["uitvoeringsplan_digitale_veiligheid"] is None
    assert rows[2].self_score is None and rows[2].difference is None
    assert list(rows) == [1, 2, 3, 4, 5]


def test_every_problem_is_reported_at_once_and_nothing_is_saved(session, guides, world):
    with pytest.raises(InvalidInput) as caught:
        save_assessment(session, guides, world.first, 3, "self", ScoreInput(None, "Wel een toelichting"), "Jos",
                        [ChecklistInput("bcp", True, None, "x" * 1001), ChecklistInput("geen_document", True)])
    assert caught.value.by_field == {"level": "level_required", "checklist-bcp-remark": "too_long",
                                     "checklist-geen_document": "unknown_item"}
    with pytest.raises(InvalidInput) as caught:
        save_assessment(session, guides, world.first, 3, "committee", ScoreInput(6, "  "), "Paul")
    assert caught.value.by_field == {"level": "level_required", "justification": "justification_required"}
    with pytest.raises(InvalidInput) as caught:
        save_assessment(session, guides, world.first, 9, "committee", ScoreInput(3, "x"), "Paul")
    assert caught.value.by_field == {"theme": "unknown_theme"}
    assert session.query(MaturityScore).count() == 0 and session.query(ChecklistEntry).count() == 0


def test_an_empty_score_saves_only_the_checklist(session, guides, world):
    assert save_assessment(session, guides, world.first, 3, "self", ScoreInput(None, ""), "Jos",
                           [ChecklistInput("bcp", True, date(2024, 3, 1))]) is None
    assert session.query(ChecklistEntry).one().present is True
    assert scores_of(session, world.first) == {}


def test_versions_refuse_a_silent_overwrite(session, guides, world):
    first = save_assessment(session, guides, world.first, 2, "committee", ScoreInput(2, "Eerste indruk"),
                            "Pieter Dekker")
    assert first.version == 1
    # A second member scored from the same empty form: a conflict, the first score stands.
    with pytest.raises(StaleEdit) as caught:
        save_assessment(session, guides, world.first, 2, "committee", ScoreInput(3, "Andere indruk"), "Mara Smit")
    assert (caught.value.current.level, caught.value.current.updated_by) == (2, "Pieter Dekker")
    updated = save_assessment(session, guides, world.first, 2, "committee", ScoreInput(3, "Na overleg", 1), "Mara Smit")
    assert (updated.version, updated.level) == (2, 3)
    with pytest.raises(StaleEdit):
        save_assessment(session, guides, world.first, 2, "committee", ScoreInput(4, "Verouderd", 1), "Pieter Dekker")
    # Sending what is already stored is no conflict and no new version.
    same = save_assessment(session, guides, world.first, 2, "committee", ScoreInput(3, "Na overleg", 1),
                           "Pieter Dekker")
    assert same.version == 2
    session.expire_all()
    assert scores_of(session, world.first)[(2, "committee")].justification == "Na overleg"


def test_a_stale_save_keeps_the_checklist_of_that_save_out_too(session, guides, world):
    save_assessment(session, guides, world.first, 3, "self", ScoreInput(2, "Eerste"), "Jos")
    with pytest.raises(StaleEdit):
        save_assessment(session, guides, world.first, 3, "self", ScoreInput(3, "Tweede", 0), "Eva",
                        [ChecklistInput("bcp", True)])
    assert session.query(ChecklistEntry).count() == 0


def test_a_finalised_or_cancelled_visit_is_read_only(session, guides, world):
    save_assessment(session, guides, world.first, 1, "committee", ScoreInput(3, "x"), "Paul")
    hold(session, world.first)
    finalise(session, world.first, "Paul")
    with pytest.raises(VisitLocked) as caught:
        save_assessment(session, guides, world.first, 1, "committee", ScoreInput(4, "y", 1), "Paul")
    assert caught.value.status == "vastgesteld"


def test_rights_committee_host_others_and_project_leaders(world):
    def rights(conversation, role, name=None):
        return visit_rights(ParticipantPrincipal(world.participation(conversation, role, name)), conversation)

    member = rights(world.first, "commissielid", "Pieter Dekker")
    assert member.can_read and member.can_score and member.can_finalise
    assert not (member.can_self_assess or member.can_respond or member.can_follow_up or member.can_consent)
    secretary = rights(world.first, "secretaris")
    assert secretary.can_score and not secretary.can_self_assess
    mayor = rights(world.first, "burgemeester")
    assert mayor.can_read and mayor.can_self_assess and mayor.can_respond and mayor.can_follow_up
    assert not (mayor.can_score or mayor.can_finalise)
    # Signed in for one visit: nothing in another (not even the host's own earlier visit).
    host_elsewhere = visit_rights(ParticipantPrincipal(world.participation(world.first, "burgemeester")), world.second)
    assert not host_elsewhere.can_read
    other_host = visit_rights(ParticipantPrincipal(world.participation(world.oss, "burgemeester")), world.first)
    assert not other_host.can_read
    leader = visit_rights(User(role="projectleider", active=True), world.first)
    assert leader.can_read and leader.can_score and leader.can_self_assess
    assert not visit_rights(None, world.first).can_read


def test_scheduling_refuses_a_committee_member_from_the_host(session, world):
    from visitatie.scheduling import ParticipantInput, ValidationFailed

    haarlem = host_of(world.second)
    data = ConversationInput([haarlem], world.second.starts_at, 240, participants=[
        ParticipantInput("Jos Wiersma", "jos.wiersma@example.org", "commissielid", haarlem)])
    with pytest.raises(ValidationFailed) as caught:
        save_conversation(session, world.round_2025, data, "test", world.second)
    assert "outsider_from_participant" in {p.code for p in caught.value.problems}


@pytest.mark.parametrize("members, refused", [(0, False), (1, True), (2, False), (4, False), (5, True)])
def test_scheduling_keeps_a_committee_at_two_to_four_members(session, world, members, refused):
    from visitatie.scheduling import ParticipantInput, ValidationFailed

    towns = [p.municipality for p in world.oss.participations if p.role == "commissielid"]
    people = [ParticipantInput(f"Lid {n}", f"lid{n}@example.org", "commissielid", towns[n % 2]) for n in range(members)]
    people.append(ParticipantInput("Secretaris", "secretaris@example.org", "secretaris"))
    data = ConversationInput([host_of(world.second)], world.second.starts_at, 240, participants=people)
    if refused:
        with pytest.raises(ValidationFailed) as caught:
            save_conversation(session, world.round_2025, data, "test", world.second)
        assert [(p.code, p.params["count"]) for p in caught.value.problems] == [("committee_size", members)]
    else:
        save_conversation(session, world.round_2025, data, "test", world.second)
        assert sum(1 for p in world.second.participations if p.role == "commissielid") == members


def test_an_empty_score_without_a_checklist_is_refused(session, guides, world):
    with pytest.raises(InvalidInput) as caught:
        save_assessment(session, guides, world.first, 1, "committee", ScoreInput(None, " "), "Paul")
    assert caught.value.by_field == {"level": "level_required", "justification": "justification_required"}
