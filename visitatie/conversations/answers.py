"""Recording answers: reading them per conversation, saving with version checks, progress.

Never a silent overwrite: every answer has a version; a save names the version it was based on
and is refused (VersionConflict) when someone saved a newer one in between. The check happens
in the database (UPDATE ... WHERE version = :base), so two servers cannot both win. Every
change keeps the previous version as an AnswerRevision: who wrote it and when.

An answer to a question whose condition does not hold is not stored (QuestionHidden). An answer
stored earlier stays when its condition later stops holding — toggling back brings it back — but
it is not shown, counted or reported: use `shown_values` / `Question.is_shown`.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, DomainError, Locked, Problem
from ..guides.model import OPEN_ANSWER_MAX_LENGTH, Guide, GuideSet, Question
from ..models import MUNICIPAL_ROLES, Answer, AnswerRevision, Conversation, Participation
from ..models.types import DbSession, rows_matched, utcnow
from ..text_input import clean_text
from ..vocabulary import LOCKED_STATUSES

# A finalised (vastgesteld) or cancelled conversation is read-only.


class AnswerError(DomainError):
    """An answer that cannot be saved as asked; the web layer words each kind (web/participant/answer_form.py)."""


class ConversationLocked(Locked, AnswerError):
    def __init__(self, status: str):
        super().__init__(status, f"het gesprek is {status}")


class MunicipalityNotInConversation(AnswerError):
    def __init__(self, municipality_id: int | None = None):
        super().__init__([Problem("not_in_conversation", params={"municipality_id": municipality_id})])


class QuestionHidden(AnswerError):
    """The question's condition does not hold for this municipality: the answer is not stored."""

    def __init__(self, question_id: str):
        self.question_id = question_id
        super().__init__([Problem("question_hidden", question_id)])


class InvalidAnswer(AnswerError):
    def __init__(self, question: Question, message: str, too_long: int | None = None):
        self.question = question
        self.too_long = too_long  # the length, when the text is over the limit
        self.maximum = OPEN_ANSWER_MAX_LENGTH
        code, params = ("answer_too_long", {"length": too_long, "maximum": self.maximum}) if too_long \
            else ("not_a_choice", {})
        super().__init__([Problem(code, question.id, params)], message)


class VersionConflict(Conflict, AnswerError):
    """Someone saved a newer version; ``current`` is the answer as it now is, ``base_version`` the
    version the refused save was based on (a page keeps it, so only a deliberate choice saves)."""

    def __init__(self, current: Answer, submitted: str, base_version: int = 0):
        super().__init__(current)
        self.submitted = submitted
        self.base_version = base_version


def is_locked(conversation: Conversation) -> bool:
    return conversation.status in LOCKED_STATUSES


def answers_by_question(session: DbSession, conversation: Conversation) -> dict[tuple[int, str], Answer]:
    """The conversation's answers keyed by (municipality id, question id)."""
    rows = session.scalars(select(Answer).where(Answer.conversation_id == conversation.id))
    return {(a.municipality_id, a.question_id): a for a in rows}


def values_by_municipality(answers: dict[tuple[int, str], Answer]) -> dict[int, dict[str, str]]:
    """{municipality id: {question id: stored value}}, the shape Question.is_shown expects."""
    values: dict[int, dict[str, str]] = {}
    for (municipality_id, question_id), answer in answers.items():
        values.setdefault(municipality_id, {})[question_id] = answer.value
    return values


def shown_values(guides: Iterable[Guide], values: dict[str, str]) -> dict[str, str]:
    """One municipality's non-empty answers to questions that are shown (condition holds).

    Built in guide order, so a stored answer to a question that is no longer shown cannot make
    a later condition hold.
    """
    shown: dict[str, str] = {}
    for guide in guides:
        for question in guide.questions:
            if values.get(question.id) and question.is_shown(shown):
                shown[question.id] = values[question.id]
    return shown


def answer_text(question: Question | None, raw: str | None) -> str:
    """A stored answer as a person reads it: the labels of the chosen options, or the text."""
    if question is None or not raw:
        return raw or ""
    if question.type == "open":
        return raw
    if question.multiple:
        return "; ".join(question.choice_label(v) for v in question.decode(raw) or ())
    if question.type == "scale":
        return f"{raw} – {question.choice_label(raw)}"
    return question.choice_label(raw)


def coerce_value(question: Question, value: object) -> list[str] | str:
    """A submitted value (form or JSON) in the question's natural shape, or InvalidAnswer."""
    if question.multiple:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidAnswer(question, "ongeldige keuze")
        return value
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidAnswer(question, "ongeldige waarde")
    # Browsers send \r\n in form posts and \n from JavaScript: store one form. Control characters
    # go here too (text_input.py): an answer is written with a Core UPDATE, past the flush listener.
    return clean_text(value.replace("\r\n", "\n"))


def validate(question: Question, value: object) -> str:
    """The stored form of a valid value; InvalidAnswer when it does not fit the question."""
    value = coerce_value(question, value)
    error = question.validation_error(value)
    if error:
        too_long = len(value) if question.type == "open" and len(value) > OPEN_ANSWER_MAX_LENGTH else None
        raise InvalidAnswer(question, error, too_long)
    return question.encode(value)


@dataclass(frozen=True)
class Change:
    """One submitted answer: the value as typed or chosen, and the version it was based on.

    `base_version` 0 means "there was no answer yet when I started typing".
    """

    question: Question
    value: list[str] | str | None  # a list for multiple choice
    base_version: int


def save_answer(session: DbSession, conversation: Conversation, municipality_id: int, change: Change,
                actor: str, guides: GuideSet, now: datetime | None = None) -> Answer | None:
    """Save one answer and commit; returns the answer (None when nothing was, or is, stored).

    Raises ConversationLocked, MunicipalityNotInConversation, InvalidAnswer, QuestionHidden or
    VersionConflict. The condition is checked against what is stored for the municipality.
    """
    result = save_answers(session, conversation, municipality_id, [change], actor, guides, now)
    outcome = result[change.question.id]
    if isinstance(outcome, AnswerError):
        raise outcome
    return outcome


def save_answers(session: DbSession, conversation: Conversation, municipality_id: int,
                 changes: list[Change], actor: str, guides: GuideSet,
                 now: datetime | None = None) -> dict[str, Answer | None | AnswerError]:
    """Save a whole form of one municipality, in guide order; one result per question id.

    Valid answers are saved even when others are not (no work lost); each error is returned in
    place of its answer. Conditions are evaluated with the answers of the same form, so "nee"
    and the follow-up question "why not" can be sent together.
    """
    _check_open(conversation, municipality_id)
    now = now or utcnow()
    stored = _stored(session, conversation, municipality_id)
    values = shown_values(guides, {qid: a.value for qid, a in stored.items()})
    results: dict[str, Answer | None | AnswerError] = {}
    for change in sorted(changes, key=lambda c: _guide_order(guides, c.question)):
        question = change.question
        try:
            encoded = validate(question, change.value)
            if not question.is_shown(values):
                raise QuestionHidden(question.id)
            guide = guides.guide_of(question.id)
            if guide is None:  # the changes are built from these guides' questions
                raise LookupError(f"question {question.id} is in none of the guides")
            guide_version = guide.version
            answer = _store(session, conversation, municipality_id, stored.get(question.id), change,
                            encoded, actor, guide_version, now)
        except AnswerError as error:
            results[question.id] = error
            if isinstance(error, QuestionHidden):
                values.pop(question.id, None)
            continue
        results[question.id] = answer
        if answer is not None:
            stored[question.id] = answer
            values[question.id] = answer.value
    return results


def _guide_order(guides: GuideSet, question: Question) -> tuple[int, int]:
    guide = guides.guide_of(question.id)
    return (guide.number, guide.questions.index(question)) if guide else (99, 0)


def _check_open(conversation: Conversation, municipality_id: int) -> None:
    if is_locked(conversation):
        raise ConversationLocked(conversation.status)
    if municipality_id not in {m.id for m in conversation.municipalities}:
        raise MunicipalityNotInConversation(municipality_id)


def _stored(session: DbSession, conversation: Conversation, municipality_id: int) -> dict[str, Answer]:
    rows = session.scalars(
        select(Answer)
        .where(Answer.conversation_id == conversation.id, Answer.municipality_id == municipality_id)
        .execution_options(populate_existing=True)  # never decide on a stale cached version
    )
    return {a.question_id: a for a in rows}


def _store(session: DbSession, conversation: Conversation, municipality_id: int, answer: Answer | None,
           change: Change, encoded: str, actor: str, guide_version: str, now: datetime) -> Answer | None:
    if answer is None:
        if change.base_version not in (0, None):
            # The client saw a version that no longer exists: treat as a conflict with "nothing".
            raise VersionConflict(_placeholder(conversation, municipality_id, change, guide_version), encoded,
                                  change.base_version)
        if encoded == "":
            return None
        answer = Answer(conversation_id=conversation.id, municipality_id=municipality_id,
                        question_id=change.question.id, value=encoded, guide_version=guide_version,
                        updated_by=actor, updated_at=now, version=1)
        session.add(answer)
        try:
            session.commit()
        except IntegrityError:
            # Someone else created this answer a moment ago: theirs stands, this is a conflict.
            session.rollback()
            raise VersionConflict(_current(session, conversation.id, municipality_id, change.question.id),
                                  encoded, change.base_version) from None
        return answer
    if encoded == answer.value:
        return answer  # nothing changed (or both wrote the same): no new version, no conflict
    if change.base_version != answer.version:
        if encoded == _value_at(answer, change.base_version):
            return answer  # a plain form re-sends fields the user did not touch: not a conflict
        raise VersionConflict(answer, encoded, change.base_version)
    previous = AnswerRevision(answer_id=answer.id, version=answer.version, value=answer.value,
                              changed_by=answer.updated_by, changed_at=answer.updated_at)
    result = session.execute(
        update(Answer)
        .where(Answer.id == answer.id, Answer.version == change.base_version)
        .values(value=encoded, version=change.base_version + 1, updated_by=actor, updated_at=now,
                guide_version=guide_version)
        .execution_options(synchronize_session=False)
    )
    if rows_matched(result) != 1:
        session.rollback()
        raise VersionConflict(_current(session, conversation.id, municipality_id, change.question.id), encoded,
                              change.base_version)
    session.add(previous)
    session.commit()
    session.refresh(answer)
    return answer


def _value_at(answer: Answer, version: int | None) -> str | None:
    if not version:
        return ""
    return next((r.value for r in answer.revisions if r.version == version), None)


def _current(session: DbSession, conversation_id: int, municipality_id: int, question_id: str) -> Answer:
    return session.scalars(
        select(Answer).where(Answer.conversation_id == conversation_id,
                             Answer.municipality_id == municipality_id, Answer.question_id == question_id)
        .execution_options(populate_existing=True)
    ).one()


def _placeholder(conversation: Conversation, municipality_id: int, change: Change, guide_version: str) -> Answer:
    # Not added to the session: stands for "no answer" in a conflict message.
    return Answer(conversation_id=conversation.id, municipality_id=municipality_id,
                  question_id=change.question.id, value="", guide_version=guide_version,
                  updated_by="", version=0)


def history(answer: Answer) -> list[dict[str, Any]]:
    """Every version of an answer, newest first: version, value, who, when."""
    versions = [{"version": answer.version, "value": answer.value, "by": answer.updated_by,
                 "at": answer.updated_at, "current": True}]
    versions += [{"version": r.version, "value": r.value, "by": r.changed_by, "at": r.changed_at,
                  "current": False} for r in answer.revisions]
    return sorted(versions, key=lambda v: v["version"], reverse=True)


# --- Progress -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered == self.total

    def __add__(self, other: "Progress") -> "Progress":
        return Progress(self.answered + other.answered, self.total + other.total)


def theme_progress(guide: Guide, values: dict[int, dict[str, str]], municipality_ids: Collection[int],
                   role: str | None = None) -> Progress:
    """Answered / shown questions of one theme, summed over the municipalities; with a role, only
    the questions meant for that role."""
    progress = Progress(0, 0)
    for municipality_id in municipality_ids:
        given = shown_values([guide], values.get(municipality_id, {}))
        shown = [q for q in guide.questions if q.is_shown(given) and (role is None or role in q.roles)]
        progress += Progress(sum(1 for q in shown if given.get(q.id)), len(shown))
    return progress


def conversation_progress(guides: Iterable[Guide], values: dict[int, dict[str, str]],
                          municipality_ids: Collection[int],
                          role: str | None = None) -> tuple[dict[int, Progress], Progress]:
    """Progress per theme number, and for the whole conversation."""
    per_theme = {g.number: theme_progress(g, values, municipality_ids, role) for g in guides}
    return per_theme, sum(per_theme.values(), Progress(0, 0))


def progress_scope(conversation: Conversation, participation: Participation | None) -> tuple[list[int], str | None]:
    """Whose progress a reader sees: a mayor, CISO or adviser OOV counts only their own municipality's
    questions meant for their role (the other side's answers are not their work); whoever leads,
    notes or plans the conversation counts every municipality and every question."""
    if participation is not None and participation.conversation_id == conversation.id \
            and participation.role in MUNICIPAL_ROLES and participation.municipality_id is not None:
        return [participation.municipality_id], participation.role
    return [m.id for m in conversation.municipalities], None


def conversation_guides(guides: GuideSet, conversation: Conversation) -> list[Guide]:
    """The guides of the themes in the conversation's round, in theme order."""
    numbers = {t.number for t in conversation.round.themes}
    return [g for g in guides if g.number in numbers]
