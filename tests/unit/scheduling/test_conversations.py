"""Conversations: every planning rule, history and calendar bookkeeping, status flow, stale saves."""
from datetime import date

import pytest

from tests import factories
from visitatie.models import ConversationEvent
from visitatie.scheduling import (
    ConversationInput,
    InvalidTransition,
    ParticipantInput,
    StaleEdit,
    ValidationFailed,
    change_status,
    save_conversation,
    validate_conversation,
)

from .conftest import local


def leader(town, name="Pieter Dekker", email="p.dekker@breda.example", where="Breda"):
    return ParticipantInput(name, email, "gespreksleider", town(where))


def mayor(town, where, name=None):
    name = name or f"Burgemeester {where}"
    return ParticipantInput(name, f"burgemeester@{where.lower()}.example", "burgemeester", town(where))


def conversation_input(town, *names, starts_at=None, participants=None, **extra):
    return ConversationInput(
        municipalities=[town(n) for n in (names or ("Haarlem", "Maastricht"))],
        starts_at=starts_at if starts_at is not None else local(2025, 4, 15, 14),
        participants=participants if participants is not None else [leader(town), mayor(town, "Haarlem")],
        **extra)


def codes(problems):
    return [p.code for p in problems]


def test_a_valid_conversation_is_saved_with_its_people_and_history(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town, place="Stadhuis Haarlem"), "Petra")
    session.commit()
    assert conversation.title == "Haarlem – Maastricht"
    assert conversation.gespreksleider.person.name == "Pieter Dekker"
    assert conversation.gespreksleider.municipality.name == "Breda"
    assert conversation.starts_at == local(2025, 4, 15, 14)
    assert conversation.status == "gepland" and conversation.version == 1
    assert [(e.kind, e.actor) for e in conversation.events] == [("aangemaakt", "Petra")]


def test_a_municipality_at_most_once_per_round_unless_allowed(session, make_round, town):
    round_ = make_round()
    save_conversation(session, round_, conversation_input(town), "Petra")
    again = conversation_input(town, "Haarlem", "Delft", starts_at=local(2025, 5, 1),
                               participants=[])
    problems = validate_conversation(session, round_, again)
    assert codes(problems) == ["municipality_in_round"]
    assert problems[0].params["municipality"] == "Haarlem"
    assert problems[0].params["conversation"] == "Haarlem – Maastricht"
    again.allow_repeat = True
    assert validate_conversation(session, round_, again) == []
    # Another round is another matter.
    assert validate_conversation(session, make_round("Andere ronde"), conversation_input(town, participants=[])) == []


def test_a_cancelled_conversation_frees_its_municipalities(session, make_round, town):
    round_ = make_round()
    first = save_conversation(session, round_, conversation_input(town), "Petra")
    change_status(session, first, "geannuleerd", "Petra")
    assert validate_conversation(session, round_, conversation_input(town, participants=[])) == []


def test_the_gespreksleider_comes_from_elsewhere(session, make_round, town):
    problems = validate_conversation(session, make_round(), conversation_input(
        town, participants=[leader(town, where="Haarlem")]))
    assert codes(problems) == ["outsider_from_participant"]
    assert problems[0].params == {"name": "Pieter Dekker", "role": "gespreksleider", "municipality": "Haarlem"}
    assert problems[0].field == "participants-0"


def test_a_visit_has_one_host_and_no_committee_member_from_it(session, make_round, town):
    visits = make_round("Visitatieronde 2026", kind="visitatieronde")
    committee = [ParticipantInput("Commissielid", "lid@breda.example", "commissielid", town("Breda")),
                 ParticipantInput("Lid uit Oss", "lid@oss.example", "commissielid", town("Oss")),
                 ParticipantInput("Secretaris", "secretaris@vng.example", "secretaris", None)]
    delft = ParticipantInput("Lid uit Delft", "lid@delft.example", "commissielid", town("Delft"))
    ok = ConversationInput([town("Oss")], local(2025, 4, 1), participants=committee[:1] + [delft] + committee[2:])
    assert validate_conversation(session, visits, ok) == []
    problems = validate_conversation(session, visits, ConversationInput([town("Oss")], local(2025, 4, 1),
                                                                        participants=committee))
    assert codes(problems) == ["outsider_from_participant"]
    assert problems[0].params["municipality"] == "Oss"
    two_hosts = ConversationInput([town("Oss"), town("Delft")], local(2025, 4, 1))
    assert codes(validate_conversation(session, visits, two_hosts)) == ["one_host"]


def test_municipal_roles_belong_to_a_participating_municipality(session, make_round, town):
    problems = validate_conversation(session, make_round(), conversation_input(
        town, participants=[mayor(town, "Delft"), ParticipantInput("CISO zonder gemeente", "c@x.example", "ciso")]))
    assert codes(problems) == ["municipal_role_elsewhere", "municipal_role_elsewhere"]


def test_at_least_two_municipalities_and_none_twice(session, make_round, town):
    round_ = make_round()
    assert codes(validate_conversation(session, round_, conversation_input(town, "Haarlem", participants=[]))) == [
        "too_few_municipalities"]
    assert codes(validate_conversation(session, round_, conversation_input(
        town, "Haarlem", "Haarlem", "Delft", participants=[]))) == ["municipality_twice"]


def test_the_date_lies_inside_the_round(session, make_round, town):
    round_ = make_round(start=date(2025, 3, 1), end=date(2025, 6, 30))
    for starts_at in (local(2025, 2, 28, 23, 30), local(2025, 7, 1, 0, 30)):
        problems = validate_conversation(session, round_, conversation_input(town, starts_at=starts_at))
        assert codes(problems) == ["outside_period"], starts_at
    # The first and last day count, in Amsterdam time (00:30 on 1 March is still 28 Feb in UTC).
    for starts_at in (local(2025, 3, 1, 0, 30), local(2025, 6, 30, 22)):
        assert validate_conversation(session, round_, conversation_input(town, starts_at=starts_at)) == []


def test_nobody_is_booked_twice_at_overlapping_times_across_rounds(session, make_round, town):
    save_conversation(session, make_round("Ronde A"), conversation_input(town, starts_at=local(2025, 4, 15, 14)),
                      "Petra")
    other_round = make_round("Ronde B")
    clash = conversation_input(town, "Delft", "Oss", starts_at=local(2025, 4, 15, 15, 30),
                               participants=[leader(town)])
    problems = validate_conversation(session, other_round, clash)
    assert codes(problems) == ["double_booked"]
    assert problems[0].params["name"] == "Pieter Dekker"
    assert problems[0].params["conversation"] == "Haarlem – Maastricht"
    assert problems[0].params["round"] == "Ronde A"
    # Right after the first one ends (14:00 + 120 minutes) is fine; e-mail case does not matter.
    later = conversation_input(town, "Delft", "Oss", starts_at=local(2025, 4, 15, 16),
                               participants=[leader(town, email="P.Dekker@Breda.example")])
    assert validate_conversation(session, other_round, later) == []
    clash.participants = [leader(town, email="P.DEKKER@breda.example")]
    assert codes(validate_conversation(session, other_round, clash)) == ["double_booked"]


def test_other_input_rules(session, make_round, town):
    round_ = make_round()
    data = conversation_input(town, duration_minutes=0, online_url="javascript:alert(1)", participants=[
        leader(town), leader(town, name="Tweede", email="tweede@x.example"),
        ParticipantInput("Zonder at", "geen-adres", "notulist"),
        ParticipantInput("Dubbel", "p.dekker@breda.example", "notulist")])
    assert sorted(codes(validate_conversation(session, round_, data))) == sorted([
        "duration_range", "online_url_scheme", "email_invalid", "participant_twice", "two_leaders"])


def test_every_problem_is_reported_at_once_and_nothing_is_saved(session, make_round, town):
    round_ = make_round()
    with pytest.raises(ValidationFailed) as failed:
        save_conversation(session, round_, conversation_input(
            town, "Haarlem", starts_at=local(2026, 1, 1), participants=[leader(town, where="Haarlem")]), "Petra")
    assert codes(failed.value.problems) == ["too_few_municipalities", "outside_period", "outsider_from_participant"]
    session.rollback()
    assert round_.conversations == []


def test_rescheduling_keeps_history_and_raises_the_calendar_sequence(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    session.commit()
    version = conversation.version
    save_conversation(session, round_, conversation_input(town, starts_at=local(2025, 4, 22, 9, 30)), "Karin",
                      conversation, expected_version=version)
    session.commit()
    assert conversation.calendar_sequence == 1
    assert conversation.version == version + 1
    event = conversation.events[-1]
    assert (event.kind, event.actor) == ("verzet", "Karin")
    assert event.old_value == "2025-04-15T14:00+02:00 (120 min)"
    assert event.new_value == "2025-04-22T09:30+02:00 (120 min)"


def test_saving_unchanged_time_keeps_the_sequence(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    save_conversation(session, round_, conversation_input(town, participants=[leader(town)]), "Petra", conversation)
    assert conversation.calendar_sequence == 0
    assert [e.kind for e in conversation.events] == ["aangemaakt", "deelnemers"]
    assert conversation.events[-1].old_value == "Burgemeester Haarlem (burgemeester)"


def test_a_stale_save_is_refused(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    session.commit()
    seen_by_karin = conversation.version
    save_conversation(session, round_, conversation_input(town, place="Stadhuis"), "Petra", conversation,
                      expected_version=conversation.version)
    session.commit()
    with pytest.raises(StaleEdit) as stale:
        save_conversation(session, round_, conversation_input(town, place="Gemeentehuis"), "Karin", conversation,
                          expected_version=seen_by_karin)
    assert stale.value.current_version == seen_by_karin + 1
    assert conversation.place == "Stadhuis"


def test_a_write_that_races_the_version_check_is_refused_by_the_database(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    session.commit()
    # Someone else's transaction raises the version after we loaded the conversation.
    session.connection().exec_driver_sql(
        "UPDATE conversation SET version = version + 1 WHERE id = ?", (conversation.id,))
    with pytest.raises(StaleEdit):
        save_conversation(session, round_, conversation_input(town, place="Elders"), "Karin", conversation,
                          expected_version=conversation.version)


def test_status_flow_with_who_and_when(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    change_status(session, conversation, "gehouden", "Petra", now=local(2025, 4, 15, 17))
    change_status(session, conversation, "vastgesteld", "Pieter Dekker", reason="verslag akkoord")
    statuses = [(e.old_value, e.new_value, e.actor, e.reason) for e in conversation.events if e.kind == "status"]
    assert statuses == [("gepland", "gehouden", "Petra", None),
                        ("gehouden", "vastgesteld", "Pieter Dekker", "verslag akkoord")]
    assert conversation.events[1].at == local(2025, 4, 15, 17)
    with pytest.raises(InvalidTransition):
        change_status(session, conversation, "gepland", "Petra")


def test_cancelling_is_announced_to_calendars_and_can_be_undone(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    change_status(session, conversation, "geannuleerd", "Petra", reason="ziekte")
    assert conversation.calendar_sequence == 1
    change_status(session, conversation, "gepland", "Petra")
    assert conversation.calendar_sequence == 2
    with pytest.raises(InvalidTransition):
        change_status(session, conversation, "vastgesteld", "Petra")


def test_planning_a_cancelled_conversation_again_checks_double_bookings(session, make_round, town):
    round_ = make_round()
    first = save_conversation(session, round_, conversation_input(town), "Petra")
    change_status(session, first, "geannuleerd", "Petra")
    save_conversation(session, round_, conversation_input(town, "Delft", "Oss", participants=[leader(town)]), "Petra")
    with pytest.raises(ValidationFailed) as failed:
        change_status(session, first, "gepland", "Petra")
    assert codes(failed.value.problems) == ["double_booked"]


def test_an_undated_conversation_cannot_be_held(session, make_round, town):
    round_ = make_round()
    conversation = save_conversation(session, round_, ConversationInput([town("Haarlem"), town("Oss")]), "Petra")
    with pytest.raises(ValidationFailed) as failed:
        change_status(session, conversation, "gehouden", "Petra")
    assert codes(failed.value.problems) == ["held_without_date"]


def test_people_are_known_by_email_and_keep_their_links_when_the_form_is_saved_again(session, make_round, town):
    from visitatie.conversations import invitations

    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    participation = conversation.gespreksleider
    invitation, _token = invitations.issue(session, participation, 30)
    session.commit()
    save_conversation(session, round_, conversation_input(town, participants=[
        leader(town, name="P. Dekker", email="P.Dekker@breda.example"), mayor(town, "Haarlem")]), "Petra", conversation)
    session.commit()
    assert conversation.gespreksleider is participation
    assert participation.person.name == "P. Dekker"
    assert invitations.current_invitation(session, participation) == invitation
    assert session.query(ConversationEvent).filter_by(kind="deelnemers").count() == 0


def test_a_municipality_with_recorded_answers_cannot_leave_the_conversation(session, make_round, town):

    round_ = make_round()
    conversation = save_conversation(session, round_, conversation_input(town), "Petra")
    factories.answer(session, conversation, "Maastricht", "leiderschap.ivp", "nee", updated_by="Petra")
    # Haarlem has no answers yet and may still be swapped; Maastricht's answers keep it in.
    people = [leader(town)]
    assert validate_conversation(session, round_, conversation_input(town, "Delft", "Maastricht", participants=people),
                                 conversation) == []
    problems = validate_conversation(session, round_, conversation_input(town, "Haarlem", "Delft", participants=people),
                                     conversation)
    assert codes(problems) == ["municipality_has_answers"]
    assert problems[0].params["municipality"] == "Maastricht"


def test_a_visit_whose_host_has_recorded_work_keeps_its_host(session, make_round, town):
    from visitatie.models.visits import MaturityScore

    visits = make_round("Visitatieronde 2026", kind="visitatieronde")
    visit = save_conversation(session, visits, ConversationInput([town("Oss")], local(2025, 4, 1)), "Petra")
    assert validate_conversation(session, visits, ConversationInput([town("Delft")], local(2025, 4, 1)), visit) == []
    session.add(MaturityScore(conversation_id=visit.id, theme_number=3, source="self", level=2,
                              justification="Nog geen BCP met digitale component.", updated_by="Oss"))
    session.flush()
    problems = validate_conversation(session, visits, ConversationInput([town("Delft")], local(2025, 4, 1)), visit)
    assert codes(problems) == ["host_has_work"]
    assert problems[0].params["municipality"] == "Oss"
