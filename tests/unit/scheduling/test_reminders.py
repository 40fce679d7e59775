"""Who is due for a reminder, and the reminder letter (visitatie/scheduling/reminders.py).

The world of tests/participant_world.py: conversation A (Haarlem and Maastricht, held) with a mayor
of Haarlem, a CISO of Maastricht, a gespreksleider and a note-taker; conversation B (Delft and Oss)
with a mayor of Delft. Expected counts are worked out by hand from interview_guides/.
"""
from datetime import datetime, timedelta, timezone

import pytest

from tests import factories
from tests.participant_world import build_world
from visitatie.conversations import invitations
from visitatie.models.reminders import Reminder
from visitatie.scheduling import ValidationFailed
from visitatie.scheduling.reminders import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    PREVIEW_LINK,
    LetterText,
    candidates,
    check_letter,
    merge,
    preview,
    reminder_settings,
    save_settings,
    scheduled_due,
)

NOW = datetime(2024, 1, 10, 9, 0, tzinfo=timezone.utc)  # eight days before conversation A


@pytest.fixture
def world(session, guides):
    world = build_world(session, guides)
    for participation in (world.mayor, world.ciso, world.leader, world.note_taker, world.other_mayor):
        invitations.issue(session, participation, 60, NOW - timedelta(days=20))
    world.a.status = world.b.status = "gepland"
    session.commit()
    return world


def answer(session, world, conversation, town, question_id, value="Een antwoord."):
    factories.answer(session, conversation, town, question_id, value)


def by_name(found):
    return {c.participation.person.name: c for c in found}


def test_only_those_who_answer_for_a_municipality_are_candidates(session, guides, world):
    found = by_name(candidates(session, guides, world.round, 7, NOW))
    # The gespreksleider and the note-taker count every question but answer during the conversation.
    assert sorted(found) == ["Jos Wiersma", "Mara Smit", "Mirjam van Beek"]
    assert all(c.due for c in found.values())


def test_partly_answered_names_the_themes_with_open_questions_counted_for_role_and_municipality(
        session, guides, world):
    answer(session, world, world.a, world.haarlem, "leiderschap.eigenaarschap")
    # Maastricht's answer to a question the mayor of Haarlem also has does not count for him.
    answer(session, world, world.a, world.maastricht, "leiderschap.uitvoering", "3")
    mayor = by_name(candidates(session, guides, world.round, 7, NOW))["Jos Wiersma"]
    # Theme 1 for a burgemeester: eigenaarschap, portefeuilles, ivp, uitvoering, raad, publieke_waarden,
    # voorbeeldgedrag (ivp_waarom_niet only after "nee" or "deels"): 7 questions, 1 answered.
    assert mayor.open_themes[0].number == 1
    assert (mayor.open_themes[0].answered, mayor.open_themes[0].total) == (1, 7)
    # Theme 2 for a burgemeester: voorbereiding_nis2, impact, budget, gemeenschappelijke_regelingen,
    # verkramping, vragen_organisatie (the two follow-ups hidden): 0 of 6.
    assert (mayor.open_themes[1].answered, mayor.open_themes[1].total) == (0, 6)
    assert [t.number for t in mayor.open_themes] == [1, 2, 3, 4, 5]
    assert mayor.due


def test_all_answered_is_not_due(session, guides, world):
    for guide in guides:
        for question in guide.questions:
            if "burgemeester" in question.roles and question.condition is None:
                answer(session, world, world.a, world.haarlem, question.id, "ja")
    found = by_name(candidates(session, guides, world.round, 7, NOW))
    assert found["Jos Wiersma"].open_themes == () and found["Jos Wiersma"].skip == "alles_beantwoord"
    assert found["Mara Smit"].due  # the other side's CISO still has her own questions


def test_a_finalised_or_cancelled_conversation_has_no_candidates(session, guides, world):
    world.a.status = "vastgesteld"
    world.b.status = "geannuleerd"
    session.flush()
    assert candidates(session, guides, world.round, 7, NOW) == []


def test_reminded_yesterday_with_a_seven_day_interval_waits(session, guides, world):
    session.add(Reminder(participation_id=world.mayor.id, conversation_id=world.a.id,
                         sent_at=NOW - timedelta(days=1), sent_by="test"))
    session.add(Reminder(participation_id=world.ciso.id, conversation_id=world.a.id,
                         sent_at=NOW - timedelta(days=7), sent_by="test"))
    session.flush()
    found = by_name(candidates(session, guides, world.round, 7, NOW))
    assert found["Jos Wiersma"].skip == "onlangs_herinnerd"
    assert found["Jos Wiersma"].last_reminded_at == NOW - timedelta(days=1)
    assert found["Mara Smit"].due  # exactly seven days ago: due again
    assert by_name(candidates(session, guides, world.round, 1, NOW))["Jos Wiersma"].due


def test_without_a_valid_link_nobody_is_reminded(session, guides, world):
    invitations.revoke_all(session, world.mayor, NOW - timedelta(days=1))
    session.flush()
    found = by_name(candidates(session, guides, world.round, 7, NOW))
    assert found["Jos Wiersma"].skip == "geen_link"
    # The links were issued for 60 days, 20 days before NOW: 41 days on, they have expired.
    later = by_name(candidates(session, guides, world.round, 7, NOW + timedelta(days=41)))
    assert {c.skip for c in later.values()} == {"geen_link"}
    assert invitations.issue_alongside(session, world.mayor, NOW) is None


def test_without_an_email_address_nobody_is_reminded(session, guides, world):
    world.ciso.person.email = None
    session.flush()
    assert by_name(candidates(session, guides, world.round, 7, NOW))["Mara Smit"].skip == "geen_email"


def test_the_daily_command_reminds_only_when_switched_on_and_before_the_conversation(session, guides, world):
    assert scheduled_due(session, guides, world.round, NOW) == []  # not switched on
    save_settings(session, world.round, DEFAULT_SUBJECT, DEFAULT_BODY, True, 7, "test")
    assert len(scheduled_due(session, guides, world.round, NOW)) == 3
    # A (18 January) has started, B (20 February) not yet.
    after_a = NOW + timedelta(days=9)
    assert [c.participation.person.name for c in scheduled_due(session, guides, world.round, after_a)] == [
        "Mirjam van Beek"]


def test_a_reminder_link_expires_with_the_held_link_which_keeps_working(session, world):
    held = invitations.current_invitation(session, world.mayor)
    invitation, token = invitations.issue_alongside(session, world.mayor, NOW)
    assert invitation.expires_at == held.expires_at
    assert invitations.verify(session, token, NOW) is not None
    assert held.revoked_at is None and held.is_valid(NOW)
    # A reminder whose mail did not get out: its link goes, the held one stays.
    later = NOW + timedelta(hours=1)
    _, unsent = invitations.issue_alongside(session, world.mayor, later)
    invitations.withdraw(session, world.mayor.id, later)
    assert invitations.verify(session, unsent, later) is None and held.is_valid(later)


def test_the_preview_fills_in_the_fields_and_the_themes_without_issuing_a_link(session, guides, world):
    mayor = by_name(candidates(session, guides, world.round, 7, NOW))["Jos Wiersma"]
    text = LetterText("Herinnering voor {naam}", "Beste {naam} ({rol}),\n{onbeantwoorde_themas}\n{persoonlijke_link}\n"
                      "Geldig tot {geldig_tot}. {onbekend} blijft staan.")
    letter = preview(mayor, text, "https://visitatie.example/gesprekken/1", "https://visitatie.example/themas/")
    assert letter.subject == "Herinnering voor Jos Wiersma"
    assert letter.body.startswith("Beste Jos Wiersma (burgemeester),\n- Leiderschap en professionalisering (0 van 7 "
                                  "vragen beantwoord)\n")
    # Issued 21 December 2023 for 60 days. (The "in letter.body" of the second test was once lost in a comment.)
    assert PREVIEW_LINK in letter.body and "Geldig tot 19 februari 2024." in letter.body
    assert "{onbekend} blijft staan." in letter.body
    assert len(invitations_of(session, world.mayor)) == 1


def invitations_of(session, participation):
    from visitatie.models.invitations import Invitation

    return session.query(Invitation).filter_by(participation_id=participation.id).all()


def test_merge_fills_in_once_so_a_typed_value_stays_literal():
    assert merge("Beste {naam}, {gesprek}", {"naam": "{gesprek}", "gesprek": "Haarlem – Maastricht"}) == (
        "Beste {gesprek}, Haarlem – Maastricht")


def test_the_letter_is_checked_before_it_is_stored(session, world):
    with pytest.raises(ValidationFailed) as failed:
        check_letter("Twee\nregels", "Beste {naam}, {nam}", 0)
    assert [(p.code, p.field) for p in failed.value.problems] == [
        ("subject_form", "subject"), ("unknown_placeholder", "body"), ("link_missing", "body"),
        ("interval_range", "interval_days")]
    assert failed.value.problems[1].params == {"names": ["nam"]}
    saved = save_settings(session, world.round, "Even herinneren, {naam}", "Beste {naam},\r\n{persoonlijke_link}",
                          True, 14, "Test Projectleider")
    assert saved.body == "Beste {naam},\n{persoonlijke_link}\n" and saved.interval_days == 14
    # The default text is stored as "no own text".
    save_settings(session, world.round, DEFAULT_SUBJECT, DEFAULT_BODY, False, 7, "Test Projectleider")
    assert reminder_settings(session, world.round).body is None


def test_the_list_takes_a_fixed_number_of_queries_whatever_the_size_of_the_round(session, guides, world):
    from sqlalchemy import event

    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(session.get_bind(), "before_cursor_execute", listener)

    def queries() -> int:
        session.expire_all()
        statements.clear()
        found = candidates(session, guides, world.round, 7, NOW)
        [c.participation.conversation.title for c in found]
        return len(statements)

    two_conversations = queries()
    for number in range(4):  # four more conversations, each with a mayor who holds a link
        talk = factories.conversation(session, world.round, [world.delft, world.oss], starts_at=None)
        mayor = factories.participant(session, talk, "burgemeester", world.delft, person=factories.person(
            session, f"Burgemeester {number}", email=f"b{number}@example.org"))
        invitations.issue(session, mayor, 60, NOW - timedelta(days=1))
    session.commit()
    assert len(candidates(session, guides, world.round, 7, NOW)) == 7
    assert queries() == two_conversations
    event.remove(session.get_bind(), "before_cursor_execute", listener)
