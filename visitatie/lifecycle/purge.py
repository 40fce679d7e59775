"""Retention and purge of a round's raw data.

A round keeps its raw answers `retention_months` (default 12) after its last publication, or after
its period ended when it was never published. Purging deletes the answers with their previous
versions and marks, the conversations' histories, the visit texts (justifications, remarks,
findings, recommendations, responses), the participations with their invitations, and the people
who take part in no other round. It keeps the published snapshots (the public page and report
read only those), the curated texts, the maturity levels the public national picture counts, and
the audit record that a purge happened (who, when, counts: security_events, kind "purge").
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, Executable, Select, delete, exists, func, select, update
from sqlalchemy.orm import DeclarativeBase

from ..dutch_time import AMSTERDAM
from ..models import Answer, AnswerRevision, Conversation, ConversationEvent, Mark, Participation, Person, Round
from ..models.contacts import LeaderUnavailableDay, LeaderVolunteer
from ..models.invitations import Invitation
from ..models.opbrengst import Publication, ThemeCuration, lesson_source
from ..models.reminders import Reminder
from ..models.types import DbSession, utcnow
from ..models.visits import (
    ChecklistEntry,
    Finding,
    MaturityScore,
    Recommendation,
    RecommendationEvent,
    Visit,
    VisitResponse,
)
from ..security import events as security_events
from .erasure import ERASED
from .storage import secure_delete

LABELS = {  # what the dry run and the confirmation page list, in this order
    "answers": "antwoorden", "revisions": "eerdere versies van antwoorden", "marks": "markeringen (lessen, citaten)",
    "history": "regels gespreksgeschiedenis", "visit_texts": "teksten van visitaties",
    "participations": "deelnames", "invitations": "uitnodigingslinks", "people": "personen (naam, e-mail, functie)",
}


@dataclass(frozen=True)
class PurgeCounts:
    answers: int = 0
    revisions: int = 0
    marks: int = 0
    history: int = 0
    visit_texts: int = 0
    participations: int = 0
    invitations: int = 0
    people: int = 0

    def lines(self) -> list[tuple[str, int]]:
        return [(LABELS[key], value) for key, value in asdict(self).items()]

    def detail(self) -> str:
        return "; ".join(f"{key}={value}" for key, value in asdict(self).items())

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


def _count(session: DbSession, model: type[DeclarativeBase], where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(model).where(where)) or 0


def _scopes(round_id: int) -> tuple[Select[int], Select[int], Select[int], ColumnElement[bool]]:
    conversations = select(Conversation.id).where(Conversation.round_id == round_id)
    answers = select(Answer.id).where(Answer.conversation_id.in_(conversations))
    participations = select(Participation.id).where(Participation.conversation_id.in_(conversations))
    people = select(Participation.person_id).where(Participation.conversation_id.in_(conversations))
    elsewhere = (select(Participation.id).join(Conversation, Conversation.id == Participation.conversation_id)
                 .where(Participation.person_id == Person.id, Conversation.round_id != round_id))
    return conversations, answers, participations, Person.id.in_(people) & ~exists(elsewhere)


def _visit_text_models(conversations: Select[int]) -> list[tuple[type[DeclarativeBase], ColumnElement[bool]]]:
    return [(Finding, Finding.conversation_id.in_(conversations)),
            (Recommendation, Recommendation.conversation_id.in_(conversations)),
            (VisitResponse, VisitResponse.conversation_id.in_(conversations)),
            (ChecklistEntry, ChecklistEntry.conversation_id.in_(conversations) & (ChecklistEntry.remark != "")),
            (MaturityScore, MaturityScore.conversation_id.in_(conversations) & (MaturityScore.justification != ""))]


def plan(session: DbSession, round_: Round) -> PurgeCounts:
    """What a purge of the round would delete: the dry run."""
    conversations, answers, participations, only_here = _scopes(round_.id)
    return PurgeCounts(
        answers=_count(session, Answer, Answer.id.in_(answers)),
        revisions=_count(session, AnswerRevision, AnswerRevision.answer_id.in_(answers)),
        marks=_count(session, Mark, Mark.answer_id.in_(answers)),
        history=_count(session, ConversationEvent, ConversationEvent.conversation_id.in_(conversations)),
        visit_texts=sum(_count(session, model, where) for model, where in _visit_text_models(conversations)),
        participations=_count(session, Participation, Participation.id.in_(participations)),
        invitations=_count(session, Invitation, Invitation.participation_id.in_(participations)),
        people=_count(session, Person, only_here))


def purge(session: DbSession, round_: Round, actor: str, ip: str | None = None) -> PurgeCounts:
    """Delete the round's raw data and record the purge. Flushes; the caller commits, then scrubs."""
    counts = plan(session, round_)
    secure_delete(session.connection())
    conversations, answers, participations, only_here = _scopes(round_.id)
    people = list(session.scalars(select(Person.id).where(only_here)))

    def run(statement: Executable) -> None:
        session.execute(statement.execution_options(synchronize_session=False))
    # Children first: the ORM cascades do not run for bulk statements, and SQLite may have foreign keys off.
    run(delete(AnswerRevision).where(AnswerRevision.answer_id.in_(answers)))
    marks = select(Mark.id).where(Mark.answer_id.in_(answers))
    run(update(ThemeCuration).where(ThemeCuration.quote_mark_id.in_(marks)).values(quote_mark_id=None))
    run(delete(lesson_source).where(lesson_source.c.mark_id.in_(marks)))
    run(delete(Mark).where(Mark.answer_id.in_(answers)))
    run(delete(Answer).where(Answer.id.in_(answers)))
    run(delete(ConversationEvent).where(ConversationEvent.conversation_id.in_(conversations)))
    for model, where in _visit_text_models(conversations)[:3]:
        if model is Recommendation:
            run(delete(RecommendationEvent).where(RecommendationEvent.recommendation_id.in_(
                select(Recommendation.id).where(where))))
        run(delete(model).where(where))
    run(update(ChecklistEntry).where(ChecklistEntry.conversation_id.in_(conversations))
        .values(remark="", updated_by=ERASED))
    run(update(MaturityScore).where(MaturityScore.conversation_id.in_(conversations))
        .values(justification="", updated_by=ERASED))
    run(update(Visit).where(Visit.conversation_id.in_(conversations)).values(consent_changed_by=None))
    run(delete(Invitation).where(Invitation.participation_id.in_(participations)))
    run(delete(Reminder).where(Reminder.participation_id.in_(participations)))
    run(delete(Participation).where(Participation.id.in_(participations)))
    run(delete(Person).where(Person.id.in_(people)))
    # The round's gespreksleiders pool (names, addresses, days they cannot) goes with it.
    run(delete(LeaderUnavailableDay).where(LeaderUnavailableDay.volunteer_id.in_(
        select(LeaderVolunteer.id).where(LeaderVolunteer.round_id == round_.id))))
    run(delete(LeaderVolunteer).where(LeaderVolunteer.round_id == round_.id))
    round_.purged_at = utcnow()
    security_events.record(session, "purge", actor=actor, ip=ip, round_id=round_.id, detail=counts.detail())
    session.flush()
    session.expire_all()
    return counts


def retention_start(session: DbSession, round_: Round) -> date:
    """The day the retention period runs from: the last publication, else the end of the round."""
    published = session.scalar(select(func.max(Publication.published_at)).where(Publication.round_id == round_.id))
    return published.astimezone(AMSTERDAM).date() if published else round_.period_end


def expires_on(session: DbSession, round_: Round) -> date:
    return retention_start(session, round_) + relativedelta(months=round_.retention_months)


def expired_rounds(session: DbSession, today: date) -> list[Round]:
    rounds = session.scalars(select(Round).where(Round.purged_at.is_(None)).order_by(Round.id))
    return [r for r in rounds if expires_on(session, r) <= today]
