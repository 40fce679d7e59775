"""Erasure of a person (AVG art. 17): name, e-mail and function removed everywhere, authorship in
answers, revisions, marks and histories replaced by "verwijderde deelnemer", links revoked,
quotes withdrawn, entries in the contacts register and the gespreksleiders pools removed.

Authorship columns hold the name as shown when the person saved (permissions.actor_name): they
are matched on the person's name or e-mail inside the conversations the person took part in, so
a namesake in another conversation keeps theirs. The same goes for the name written inside texts
of those conversations (answers, previous versions, passages, visit texts, history notes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute

from ..models import Answer, AnswerRevision, ConversationEvent, Mark, Participation, Person
from ..models.invitations import Invitation
from ..models.reminders import Reminder
from ..models.types import DbSession, rows_matched, utcnow
from ..models.visits import (
    ChecklistEntry,
    Finding,
    MaturityScore,
    Recommendation,
    RecommendationEvent,
    Visit,
    VisitResponse,
)
from ..scheduling.contacts import erase_entries
from ..security import events as security_events
from .quote_withdrawal import withdraw_quotes_of_speaker
from .storage import secure_delete

ERASED = "verwijderde deelnemer"


class PersonNotFound(Exception):
    pass


@dataclass(frozen=True)
class ErasureCounts:
    person_id: int
    conversations: int
    authorship: int
    texts: int
    quotes: int
    links: int
    register: int = 0  # entries in the contacts register and the gespreksleiders pools

    def detail(self) -> str:
        """For the security log: counts only, never the name or the e-mail."""
        return (f"persoon {self.person_id}: gesprekken={self.conversations}; auteurschap={self.authorship}; "
                f"teksten={self.texts}; citaten={self.quotes}; links={self.links}; register={self.register}")


def find_person(session: DbSession, email: str) -> Person:
    person = session.scalar(select(Person).where(func.lower(Person.email) == email.strip().lower()))
    if person is None:
        raise PersonNotFound(email)
    return person


def _children(conversation_ids: list[int]) -> tuple[Select[int], Select[int]]:
    """The answers and recommendations of the conversations, for the tables that hang under them."""
    return (select(Answer.id).where(Answer.conversation_id.in_(conversation_ids)),
            select(Recommendation.id).where(Recommendation.conversation_id.in_(conversation_ids)))


# (authorship column, which rows: those of the person's conversations)
def _authored(conversation_ids: list[int]) -> list[tuple[InstrumentedAttribute[Any], ColumnElement[bool]]]:
    answers, recommendations = _children(conversation_ids)
    return [
        (Answer.updated_by, Answer.conversation_id.in_(conversation_ids)),
        (AnswerRevision.changed_by, AnswerRevision.answer_id.in_(answers)),
        (Mark.created_by, Mark.answer_id.in_(answers)),
        (ConversationEvent.actor, ConversationEvent.conversation_id.in_(conversation_ids)),
        (MaturityScore.updated_by, MaturityScore.conversation_id.in_(conversation_ids)),
        (ChecklistEntry.updated_by, ChecklistEntry.conversation_id.in_(conversation_ids)),
        (Finding.created_by, Finding.conversation_id.in_(conversation_ids)),
        (Recommendation.created_by, Recommendation.conversation_id.in_(conversation_ids)),
        (Recommendation.updated_by, Recommendation.conversation_id.in_(conversation_ids)),
        (RecommendationEvent.actor, RecommendationEvent.recommendation_id.in_(recommendations)),
        (VisitResponse.updated_by, VisitResponse.conversation_id.in_(conversation_ids)),
        (Visit.consent_changed_by, Visit.conversation_id.in_(conversation_ids)),
        (Reminder.sent_by, Reminder.conversation_id.in_(conversation_ids)),  # a project leader who sent one
    ]


def _texts(conversation_ids: list[int]) -> list[tuple[type[DeclarativeBase], tuple[str, ...], ColumnElement[bool]]]:
    answers, recommendations = _children(conversation_ids)

    def in_conversations(model: Any) -> ColumnElement[bool]:  # any model with a conversation_id
        where: ColumnElement[bool] = model.conversation_id.in_(conversation_ids)
        return where
    return [
        (Answer, ("value",), in_conversations(Answer)),
        (AnswerRevision, ("value",), AnswerRevision.answer_id.in_(answers)),
        (Mark, ("passage",), Mark.answer_id.in_(answers)),
        (ConversationEvent, ("old_value", "new_value", "reason"), in_conversations(ConversationEvent)),
        (MaturityScore, ("justification",), in_conversations(MaturityScore)),
        (ChecklistEntry, ("remark",), in_conversations(ChecklistEntry)),
        (Finding, ("text",), in_conversations(Finding)),
        (Recommendation, ("text", "status_reason"), in_conversations(Recommendation)),
        (RecommendationEvent, ("note",), RecommendationEvent.recommendation_id.in_(recommendations)),
        (VisitResponse, ("text",), in_conversations(VisitResponse)),
    ]


def _replace_in_texts(session: DbSession, conversation_ids: list[int], needles: list[str]) -> int:
    pattern = re.compile("|".join(re.escape(n) for n in needles if n), re.IGNORECASE)
    changed = 0
    for model, columns, where in _texts(conversation_ids):
        for row in session.scalars(select(model).where(where)):
            for column in columns:
                value = getattr(row, column)
                if value and pattern.search(value):
                    setattr(row, column, pattern.sub(ERASED, value))
                    changed += 1
    return changed


def erase_person(session: DbSession, person: Person, actor: str, ip: str | None = None) -> ErasureCounts:
    """Erase the person and record the erasure (counts only). Flushes; the caller commits."""
    secure_delete(session.connection())
    conversation_ids = list(session.scalars(
        select(Participation.conversation_id).where(Participation.person_id == person.id).distinct()))
    quotes = withdraw_quotes_of_speaker(session, person, actor)
    names = [n for n in {person.name.strip(), (person.email or "").strip()} if n]
    authorship = 0
    if conversation_ids and names:
        for column, where in _authored(conversation_ids):
            result = session.execute(update(column.class_).where(where, column.in_(names))
                                     .values({column.key: ERASED}).execution_options(synchronize_session=False))
            authorship += rows_matched(result)
    texts = _replace_in_texts(session, conversation_ids, names) if conversation_ids and names else 0
    participations = select(Participation.id).where(Participation.person_id == person.id)
    links = rows_matched(session.execute(update(Invitation).where(Invitation.participation_id.in_(participations),
                                                                  Invitation.revoked_at.is_(None))
                                         .values(revoked_at=utcnow()).execution_options(synchronize_session=False)))
    register = erase_entries(session, person.email or "")
    person.name, person.email, person.function = ERASED, None, None
    counts = ErasureCounts(person.id, len(conversation_ids), authorship, texts, len(quotes), links, register)
    security_events.record(session, "erasure", actor=actor, ip=ip, detail=counts.detail())
    session.flush()
    session.expire_all()
    return counts
