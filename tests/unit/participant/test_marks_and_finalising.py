"""Marks (lesson, quote asking its speaker for consent) and finalising / reopening a conversation.
The speaker's consent itself: tests/unit/opbrengst/test_consent.py."""
import pytest
from sqlalchemy import select

from visitatie.conversations.answers import Change, ConversationLocked, save_answer
from visitatie.conversations.finalising import FinaliseError, finalise, last_finalised, reopen
from visitatie.conversations.marks import MarkError, add_mark, remove_mark
from visitatie.models import ConversationEvent, Mark

TEXT = "Wij betalen geen losgeld. Dat hebben we vooraf in het college besproken."


@pytest.fixture
def answer(session, world, guides):
    question = guides.question("eigen-huis.losgeld")
    return save_answer(session, world.a, world.haarlem.id, Change(question, TEXT, 0), "Jos Wiersma", guides)


def test_a_quote_is_not_published_unless_the_speaker_consents(session, answer, world):
    mark = add_mark(session, answer, "citaat", "Peter van Elst", speaker=world.mayor)
    assert mark.consent == "gevraagd" and mark.consented_text is None  # asked, not given
    assert mark.speaker_participation_id == world.mayor.id
    assert (mark.speaker_name, mark.speaker_function) == ("Jos Wiersma", "burgemeester van Haarlem")
    assert mark.text == TEXT and mark.created_by == "Peter van Elst"


def test_a_passage_must_come_from_the_answer(session, answer):
    mark = add_mark(session, answer, "les", "P", passage="  wij betalen   GEEN losgeld. ")
    assert mark.passage == "Wij betalen geen losgeld." and mark.text == mark.passage  # the answer's own words
    with pytest.raises(MarkError) as caught:
        add_mark(session, answer, "les", "P", passage="Wij betalen altijd.")
    assert caught.value.reason == "passage_not_in_answer"


def test_a_quote_needs_a_speaker_and_a_lesson_has_none(session, answer, world):
    with pytest.raises(MarkError) as caught:
        add_mark(session, answer, "citaat", "P")  # nobody could consent
    assert caught.value.reason == "speaker_required"
    lesson = add_mark(session, answer, "les", "P", speaker=world.mayor)
    assert lesson.speaker_name is None and lesson.speaker_participation_id is None
    assert lesson.consent == "niet_publiceren"


def test_unknown_kinds_consents_and_foreign_speakers_are_refused(session, answer, world):
    for kwargs, reason in ((dict(kind="tip"), "unknown_kind"),
                           (dict(kind="citaat", speaker=world.other_mayor), "speaker_not_in_conversation")):
        kind = kwargs.pop("kind")
        with pytest.raises(MarkError) as caught:
            add_mark(session, answer, kind, "P", **kwargs)
        assert caught.value.reason == reason
    assert session.scalars(select(Mark)).all() == []


def test_a_mark_can_be_removed(session, answer, world):
    mark = add_mark(session, answer, "citaat", "P", speaker=world.mayor)
    add_mark(session, answer, "les", "P")
    remove_mark(session, mark)
    assert session.scalars(select(Mark.kind)).all() == ["les"]


def test_finalising_locks_the_answers_and_is_logged(session, world, guides, answer):
    event = finalise(session, world.a, "Pieter Dekker")
    assert world.a.status == "vastgesteld"
    assert (event.kind, event.actor, event.old_value, event.new_value) == ("finalise", "Pieter Dekker", "gehouden",
                                                                           "vastgesteld")
    assert last_finalised(world.a) == event
    with pytest.raises(ConversationLocked):
        save_answer(session, world.a, world.haarlem.id, Change(guides.question("eigen-huis.losgeld"), "Anders", 1),
                    "Jos Wiersma", guides)
    with pytest.raises(FinaliseError) as caught:
        finalise(session, world.a, "Pieter Dekker")
    assert caught.value.reason == "already_finalised"


def test_reopening_needs_a_reason_and_logs_it(session, world):
    finalise(session, world.a, "Pieter Dekker")
    for reason, code in (("", "reason_required"), ("   ", "reason_required"), ("x" * 1001, "reason_too_long")):
        with pytest.raises(FinaliseError) as caught:
            reopen(session, world.a, "Pieter Dekker", reason)
        assert caught.value.reason == code
    assert world.a.status == "vastgesteld"
    event = reopen(session, world.a, "Pieter Dekker", "Maastricht wil een antwoord aanvullen.")
    assert world.a.status == "gehouden" and last_finalised(world.a) is None
    assert (event.kind, event.reason) == ("reopen", "Maastricht wil een antwoord aanvullen.")
    kinds = session.scalars(select(ConversationEvent.kind).order_by(ConversationEvent.id)).all()
    assert kinds == ["finalise", "reopen"]
    with pytest.raises(FinaliseError):
        reopen(session, world.a, "Pieter Dekker", "nog eens")


def test_a_cancelled_conversation_cannot_be_finalised(session, world):
    world.a.status = "geannuleerd"
    session.commit()
    with pytest.raises(FinaliseError) as caught:
        finalise(session, world.a, "Pieter Dekker")
    assert caught.value.reason == "cancelled"
