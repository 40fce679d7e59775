"""Saving answers: versions, conflicts, conditions, limits, locking, history and progress."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from visitatie.conversations import answers
from visitatie.conversations.answers import (
    Change,
    ConversationLocked,
    InvalidAnswer,
    MunicipalityNotInConversation,
    QuestionHidden,
    VersionConflict,
    save_answer,
    save_answers,
)
from visitatie.guides.model import OPEN_ANSWER_MAX_LENGTH
from visitatie.models import Answer, AnswerRevision

OPEN = "leiderschap.eigenaarschap"
SCALE = "leiderschap.uitvoering"
IVP = "leiderschap.ivp"
WHY_NOT = "leiderschap.ivp_waarom_niet"  # shown only when IVP is nee or deels
MULTI = "leiderschap.portefeuilles"
T1 = datetime(2024, 1, 18, 13, 0, tzinfo=timezone.utc)
T2 = datetime(2024, 1, 18, 13, 5, tzinfo=timezone.utc)


def change(guides, question_id, value, version=0):
    return Change(guides.question(question_id), value, version)


def stored(session, world, question_id, municipality=None):
    return session.scalar(select(Answer).where(
        Answer.conversation_id == world.a.id, Answer.question_id == question_id,
        Answer.municipality_id == (municipality or world.haarlem).id))


def test_first_save_creates_version_one_then_each_change_keeps_the_previous(session, world, guides):
    first = save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Bij de burgemeester."),
                        "Jos Wiersma", guides, now=T1)
    assert (first.version, first.value, first.updated_by, first.guide_version) == (1, "Bij de burgemeester.",
                                                                                   "Jos Wiersma", "2024.1")
    second = save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Bij burgemeester en wethouder.", 1),
                         "Pieter Dekker", guides, now=T2)
    assert (second.version, second.value, second.updated_by) == (2, "Bij burgemeester en wethouder.", "Pieter Dekker")
    revision = session.scalars(select(AnswerRevision)).one()
    assert (revision.version, revision.value, revision.changed_by, revision.changed_at) == (
        1, "Bij de burgemeester.", "Jos Wiersma", T1)
    assert [(v["version"], v["by"]) for v in answers.history(second)] == [(2, "Pieter Dekker"), (1, "Jos Wiersma")]


def test_saving_the_same_value_again_makes_no_new_version(session, world, guides):
    save_answer(session, world.a, world.haarlem.id, change(guides, SCALE, "3"), "A", guides)
    again = save_answer(session, world.a, world.haarlem.id, change(guides, SCALE, "3", 1), "B", guides)
    assert again.version == 1 and again.updated_by == "A"
    assert session.scalars(select(AnswerRevision)).all() == []


def test_a_save_based_on_an_old_version_is_refused_and_changes_nothing(session, world, guides):
    save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Versie een"), "A", guides)
    save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Versie twee van B", 1), "B", guides)
    with pytest.raises(VersionConflict) as caught:
        save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Versie twee van A", 1), "A", guides)
    assert caught.value.current.value == "Versie twee van B"
    assert caught.value.current.version == 2 and caught.value.current.updated_by == "B"
    assert caught.value.submitted == "Versie twee van A"
    assert stored(session, world, OPEN).value == "Versie twee van B"


def test_two_clients_creating_the_same_answer_conflict(session, world, guides):
    save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Eerste"), "A", guides)
    with pytest.raises(VersionConflict) as caught:
        save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Tweede", 0), "B", guides)
    assert caught.value.current.value == "Eerste"


def test_the_database_refuses_a_stale_update_from_another_session(session, world, guides):
    """Two servers: both read version 1, both save. The UPDATE ... WHERE version check lets one win."""
    save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Een"), "A", guides)
    answer = stored(session, world, OPEN)
    assert answer.version == 1  # read here, before the other server saves
    with Session(session.get_bind()) as other:
        conversation = other.get(type(world.a), world.a.id)
        save_answer(other, conversation, world.haarlem.id, change(guides, OPEN, "Twee van B", 1), "B", guides)
    assert answer.version == 1  # this session still believes version 1 is current
    with pytest.raises(VersionConflict) as caught:
        answers._store(session, world.a, world.haarlem.id, answer, change(guides, OPEN, "Twee van A", 1),
                       "Twee van A", "A", "2024.1", T2)
    assert caught.value.current.value == "Twee van B"
    session.expire_all()
    assert stored(session, world, OPEN).value == "Twee van B"


def test_a_field_the_user_did_not_touch_is_no_conflict(session, world, guides):
    """A plain form sends every field with the version it showed; unchanged ones must pass."""
    save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Oud"), "A", guides)
    save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Nieuw van B", 1), "B", guides)
    result = save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Oud", 1), "A", guides)
    assert result.value == "Nieuw van B" and result.version == 2


def test_an_empty_save_clears_an_answer_and_keeps_the_old_text_in_the_history(session, world, guides):
    save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Weg ermee"), "A", guides)
    cleared = save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "", 1), "A", guides)
    assert cleared.value == "" and cleared.version == 2
    assert session.scalars(select(AnswerRevision.value)).one() == "Weg ermee"
    assert save_answer(session, world.a, world.maastricht.id, change(guides, OPEN, ""), "A", guides) is None


@pytest.mark.parametrize("status", ["vastgesteld", "geannuleerd"])
def test_a_finalised_or_cancelled_conversation_refuses_every_save(session, world, guides, status):
    world.a.status = status
    session.commit()
    with pytest.raises(ConversationLocked):
        save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "Te laat"), "A", guides)
    assert stored(session, world, OPEN) is None


def test_only_municipalities_of_the_conversation_can_be_answered(session, world, guides):
    with pytest.raises(MunicipalityNotInConversation):
        save_answer(session, world.a, world.delft.id, change(guides, OPEN, "Delft hoort hier niet"), "A", guides)


@pytest.mark.parametrize("question_id,value", [
    (SCALE, "6"), (SCALE, "drie"), (IVP, "misschien"), (MULTI, ["burgemeester", "koning"]),
    (OPEN, 12), (MULTI, {"a": 1}),
])
def test_values_that_do_not_fit_the_question_are_refused(session, world, guides, question_id, value):
    with pytest.raises(InvalidAnswer):
        save_answer(session, world.a, world.haarlem.id, change(guides, question_id, value), "A", guides)
    assert stored(session, world, question_id) is None


def test_an_open_answer_over_the_limit_is_refused_with_its_length(session, world, guides):
    text = "x" * (OPEN_ANSWER_MAX_LENGTH + 1)
    with pytest.raises(InvalidAnswer) as caught:
        save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, text), "A", guides)
    assert caught.value.too_long == OPEN_ANSWER_MAX_LENGTH + 1 and caught.value.maximum == OPEN_ANSWER_MAX_LENGTH
    exact = save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, "y" * OPEN_ANSWER_MAX_LENGTH), "A",
                        guides)
    assert len(exact.value) == OPEN_ANSWER_MAX_LENGTH


def test_multiple_choice_is_stored_in_the_guides_order(session, world, guides):
    answer = save_answer(session, world.a, world.haarlem.id, change(guides, MULTI, ["wijken", "burgemeester"]), "A",
                         guides)
    assert answer.value == '["burgemeester", "wijken"]'


def test_markup_and_template_code_are_stored_as_typed(session, world, guides):
    payload = "<script>alert('x')</script> {{ 7*7 }} {% raw %}"
    answer = save_answer(session, world.a, world.haarlem.id, change(guides, OPEN, payload), "A", guides)
    assert answer.value == payload


def test_an_answer_to_a_hidden_question_is_not_stored(session, world, guides):
    with pytest.raises(QuestionHidden):
        save_answer(session, world.a, world.haarlem.id, change(guides, WHY_NOT, "Geen tijd"), "A", guides)
    save_answer(session, world.a, world.haarlem.id, change(guides, IVP, "ja"), "A", guides)
    with pytest.raises(QuestionHidden):
        save_answer(session, world.a, world.haarlem.id, change(guides, WHY_NOT, "Geen tijd"), "A", guides)
    assert stored(session, world, WHY_NOT) is None
    save_answer(session, world.a, world.haarlem.id, change(guides, IVP, "nee", 1), "A", guides)
    assert save_answer(session, world.a, world.haarlem.id, change(guides, WHY_NOT, "Geen tijd"), "A",
                       guides).value == "Geen tijd"


def test_a_form_with_the_condition_and_its_follow_up_saves_both_in_guide_order(session, world, guides):
    results = save_answers(session, world.a, world.haarlem.id,
                           [change(guides, WHY_NOT, "Het IVP loopt nog"), change(guides, IVP, "deels")], "A", guides)
    assert results[IVP].value == "deels" and results[WHY_NOT].value == "Het IVP loopt nog"


def test_a_form_saves_the_valid_answers_and_returns_the_errors(session, world, guides):
    results = save_answers(session, world.a, world.haarlem.id,
                           [change(guides, OPEN, "Goed"), change(guides, SCALE, "9"),
                            change(guides, WHY_NOT, "verborgen")],
                           "A", guides)
    assert results[OPEN].value == "Goed"
    assert isinstance(results[SCALE], InvalidAnswer)
    assert isinstance(results[WHY_NOT], QuestionHidden)
    assert stored(session, world, OPEN).value == "Goed"


def test_progress_counts_shown_questions_only(session, world, guides):
    leiderschap = guides.by_number(1)
    municipalities = [world.haarlem.id, world.maastricht.id]
    values = lambda: answers.values_by_municipality(answers.answers_by_question(session, world.a))  # noqa: E731
    shown_per_municipality = len(leiderschap.questions) - 1  # the IVP follow-up is hidden at first
    assert (answers.theme_progress(leiderschap, values(), municipalities)
            == answers.Progress(0, 2 * shown_per_municipality))

    save_answer(session, world.a, world.haarlem.id, change(guides, IVP, "nee"), "A", guides)
    save_answer(session, world.a, world.haarlem.id, change(guides, WHY_NOT, "Nog niet aan toe"), "A", guides)
    progress = answers.theme_progress(leiderschap, values(), municipalities)
    assert progress == answers.Progress(2, 2 * shown_per_municipality + 1)

    # IVP becomes "ja": the follow-up is kept but no longer shown or counted
    save_answer(session, world.a, world.haarlem.id, change(guides, IVP, "ja", 1), "A", guides)
    assert stored(session, world, WHY_NOT).value == "Nog niet aan toe"
    assert (answers.theme_progress(leiderschap, values(), municipalities)
            == answers.Progress(1, 2 * shown_per_municipality))
    per_theme, total = answers.conversation_progress(answers.conversation_guides(guides, world.a), values(),
                                                     municipalities)
    assert total.answered == 1 and per_theme[1].answered == 1 and per_theme[2].answered == 0
    assert WHY_NOT not in answers.shown_values(guides, values()[world.haarlem.id])
