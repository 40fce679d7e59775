"""Calendar files read back with icalendar: times and time zone, stable UID, SEQUENCE after a
reschedule, cancellation, a description with page link and place, and nothing sensitive."""
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar

from tests import factories
from visitatie.scheduling import ConversationInput, ParticipantInput, calendar_bytes, change_status, save_conversation

from .conftest import local


def page_url(conversation):
    return f"https://visitatie.example/gesprekken/{conversation.id}"


def plan(session, round_, town, names=("Haarlem", "Maastricht"), starts_at=None, **extra):
    data = ConversationInput(
        [town(n) for n in names], starts_at or local(2025, 4, 15, 14), place="Stadhuis Haarlem, Grote Markt 2",
        participants=[ParticipantInput("Pieter Dekker", "p.dekker@breda.example", "gespreksleider", town("Breda"))],
        **extra)
    conversation = save_conversation(session, round_, data, "Petra")
    session.commit()
    return conversation


def events(content: bytes):
    calendar = Calendar.from_ical(content)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_an_event_with_amsterdam_time_uid_and_description(session, make_round, town):
    conversation = plan(session, make_round(), town)
    calendar, (event,) = events(calendar_bytes([conversation], page_url, "Ronde"))
    start = event.decoded("dtstart")
    assert start == local(2025, 4, 15, 14)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert start.astimezone(timezone.utc).hour == 12  # CEST: UTC+2
    assert event.decoded("dtend") - start == timedelta(minutes=120)
    assert str(event["uid"]) == conversation.calendar_uid
    assert event["sequence"] == 0
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["summary"]) == "Bestuurlijk gesprek Haarlem – Maastricht"
    assert str(event["location"]) == "Stadhuis Haarlem, Grote Markt 2"
    description = str(event["description"])
    assert f"https://visitatie.example/gesprekken/{conversation.id}" in description
    assert "Stadhuis Haarlem, Grote Markt 2" in description
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Amsterdam"


def test_winter_time_is_utc_plus_one(session, make_round, town):
    conversation = plan(session, make_round(start=local(2025, 1, 1).date()), town, starts_at=local(2025, 2, 4, 10))
    _, (event,) = events(calendar_bytes([conversation], page_url, "Ronde"))
    assert event.decoded("dtstart").astimezone(timezone.utc) == datetime(2025, 2, 4, 9, tzinfo=timezone.utc)


def test_reschedule_keeps_the_uid_and_raises_the_sequence(session, make_round, town):
    round_ = make_round()
    conversation = plan(session, round_, town)
    uid = conversation.calendar_uid
    save_conversation(session, round_, ConversationInput(
        list(conversation.municipalities), local(2025, 5, 6, 9, 30), place=conversation.place,
        participants=[ParticipantInput("Pieter Dekker", "p.dekker@breda.example", "gespreksleider", town("Breda"))]),
        "Petra", conversation, expected_version=conversation.version)
    session.commit()
    _, (event,) = events(calendar_bytes([conversation], page_url, "Ronde"))
    assert str(event["uid"]) == uid
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == local(2025, 5, 6, 9, 30)


def test_a_cancelled_conversation_is_status_cancelled(session, make_round, town):
    conversation = plan(session, make_round(), town)
    change_status(session, conversation, "geannuleerd", "Petra")
    _, (event,) = events(calendar_bytes([conversation], page_url, "Ronde"))
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] == 1


def test_a_round_calendar_has_every_dated_conversation_and_online_links(session, make_round, town):
    round_ = make_round()
    plan(session, round_, town)
    plan(session, round_, town, ("Delft", "Oss"), local(2025, 6, 2, 13), online_url="https://meet.example/abc")
    save_conversation(session, round_, ConversationInput([town("Breda"), town("Wierden")]), "Petra")  # no date yet
    session.commit()
    calendar, found = events(calendar_bytes(round_.conversations, page_url, round_.title))
    assert [str(e["summary"]) for e in found] == ["Bestuurlijk gesprek Haarlem – Maastricht",
                                                 "Bestuurlijk gesprek Delft – Oss"]
    assert "Online deelnemen: https://meet.example/abc" in str(found[1]["description"])
    assert str(calendar["x-wr-calname"]) == round_.title
    assert len({str(e["uid"]) for e in found}) == 2


def test_nothing_sensitive_in_the_calendar(session, make_round, town):
    conversation = plan(session, make_round(), town)
    factories.answer(session, conversation, "Haarlem", "eigen-huis.bcp",
                     "Geen BCP; back-ups staan op hetzelfde netwerk", updated_by="x")
    session.commit()
    text = calendar_bytes([conversation], page_url, "Ronde").decode()
    assert "back-ups" not in text and "BCP" not in text
    assert "@breda.example" not in text and "Pieter Dekker" not in text
    assert "uitnodiging" not in text


def test_a_visit_is_titled_visitatie_and_names_its_committee_without_addresses(session, make_round, town):
    round_ = make_round(kind="visitatieronde", start=date(2025, 9, 1), end=date(2025, 12, 31))
    data = ConversationInput(
        [town("Oss")], local(2025, 10, 7, 10), place="Gemeentehuis Oss", participants=[
            ParticipantInput("Pieter Dekker", "p.dekker@breda.example", "commissielid", town("Breda"),
                             "burgemeester van Breda"),
            ParticipantInput("Mara Smit", "m.smit@delft.example", "commissielid", town("Delft"), "CISO Delft"),
            ParticipantInput("Tom Schouten", "t.schouten@oss.example", "burgemeester", town("Oss"))])
    visit = save_conversation(session, round_, data, "Petra")
    session.commit()
    _, (event,) = events(calendar_bytes([visit], page_url, "Visitaties"))
    assert str(event["summary"]) == "Visitatie Oss"
    description = str(event["description"])
    assert "- Mara Smit, CISO Delft (lid)\n- Pieter Dekker, burgemeester van Breda (lid)" in description
    assert "Tom Schouten" not in description and "@" not in description  # the host is no committee; no addresses
    assert "Voorbereiding door de gemeente" in description and "zelfevaluatie" in description
