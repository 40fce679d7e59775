"""Findings and recommendations of the committee, their follow-up by the host, and the host's
bestuurlijke reactie (administrative response).

The committee writes findings and recommendations until the report is finalised. The host then
follows each recommendation up: open, in uitvoering, afgerond, or niet overgenomen with a reason.
Every status change is kept (who, when, from, to, why).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..guides.model import GuideSet
from ..models import Conversation
from ..models.types import DbSession, utcnow
from ..models.visits import (
    OWNER_ROLES,
    PRIORITIES,
    RECOMMENDATION_STATUSES,
    TEXT_MAX_LENGTH,
    Finding,
    Recommendation,
    RecommendationEvent,
    VisitResponse,
)
from ..vocabulary import ConversationStatus
from .assessment import theme_guide
from .core import require_open, require_visit, versioned_update, visit_date
from .errors import InvalidInput, StaleEdit, VisitLocked

REASON_MAX_LENGTH = 1000


@dataclass(frozen=True)
class RecommendationInput:
    theme_number: int | None
    priority: str
    owner_role: str
    deadline: date | None
    text: str


def findings_of(session: DbSession, conversation: Conversation) -> list[Finding]:
    return list(session.scalars(select(Finding).where(Finding.conversation_id == conversation.id)
                                .order_by(Finding.theme_number, Finding.id)))


def recommendations_of(session: DbSession, conversation: Conversation) -> list[Recommendation]:
    """In theme order, the highest priority first, then the earliest deadline."""
    rows = session.scalars(select(Recommendation).where(Recommendation.conversation_id == conversation.id)
                           .execution_options(populate_existing=True))
    return sorted(rows, key=lambda r: (r.theme_number, PRIORITIES.index(r.priority), r.deadline, r.id))


def _text_problem(text: str) -> str | None:
    if not text.strip():
        return "text_required"
    if len(text.strip()) > TEXT_MAX_LENGTH:
        return "too_long"
    return None


def add_finding(session: DbSession, guides: GuideSet, conversation: Conversation, theme_number: int | None,
                text: str, actor: str, now: datetime | None = None) -> Finding:
    require_open(conversation)
    problems = {}
    if theme_number is None or theme_guide(guides, conversation, theme_number) is None:
        problems["theme_number"] = "unknown_theme"
    if problem := _text_problem(text):
        problems["text"] = problem
    if problems:
        raise InvalidInput(problems)
    finding = Finding(conversation_id=conversation.id, theme_number=theme_number, text=text.strip(),
                      created_by=actor, created_at=now or utcnow())
    session.add(finding)
    session.commit()
    return finding


def delete_finding(session: DbSession, conversation: Conversation, finding: Finding) -> None:
    require_open(conversation)
    session.delete(finding)
    session.commit()


def _recommendation_problems(guides: GuideSet, conversation: Conversation, data: RecommendationInput) -> dict[str, str]:
    problems: dict[str, str] = {}
    if data.theme_number is None or theme_guide(guides, conversation, data.theme_number) is None:
        problems["theme_number"] = "unknown_theme"
    if data.priority not in PRIORITIES:
        problems["priority"] = "unknown_priority"
    if data.owner_role not in OWNER_ROLES:
        problems["owner_role"] = "unknown_owner"
    if data.deadline is None:
        problems["deadline"] = "deadline_required"
    elif (day := visit_date(conversation)) and data.deadline <= day:
        problems["deadline"] = "deadline_before_visit"
    if problem := _text_problem(data.text):
        problems["text"] = problem
    return problems


def add_recommendation(session: DbSession, guides: GuideSet, conversation: Conversation,
                       data: RecommendationInput, actor: str, now: datetime | None = None) -> Recommendation:
    require_open(conversation)
    problems = _recommendation_problems(guides, conversation, data)
    if problems:
        raise InvalidInput(problems, {"visit_date": visit_date(conversation)})
    now = now or utcnow()
    recommendation = Recommendation(
        conversation_id=conversation.id, theme_number=data.theme_number, priority=data.priority,
        owner_role=data.owner_role, deadline=data.deadline, text=data.text.strip(), status="open",
        status_reason="", created_by=actor, created_at=now, updated_by=actor, updated_at=now, version=1)
    recommendation.events.append(RecommendationEvent(at=now, actor=actor, old_status=None, new_status="open"))
    session.add(recommendation)
    session.commit()
    return recommendation


def update_recommendation(session: DbSession, guides: GuideSet, conversation: Conversation,
                          recommendation: Recommendation, data: RecommendationInput, actor: str,
                          base_version: int, now: datetime | None = None) -> Recommendation:
    """The committee corrects a recommendation's content (not its status) until the report is final."""
    require_open(conversation)
    problems = _recommendation_problems(guides, conversation, data)
    if problems:
        raise InvalidInput(problems, {"visit_date": visit_date(conversation)})
    values = {"theme_number": data.theme_number, "priority": data.priority, "owner_role": data.owner_role,
              "deadline": data.deadline, "text": data.text.strip()}
    if all(getattr(recommendation, key) == value for key, value in values.items()):
        return recommendation
    return versioned_update(session, Recommendation, recommendation, base_version,
                            {**values, "updated_by": actor, "updated_at": now or utcnow()})


def delete_recommendation(session: DbSession, conversation: Conversation, recommendation: Recommendation) -> None:
    require_open(conversation)
    session.delete(recommendation)
    session.commit()


def change_status(session: DbSession, conversation: Conversation, recommendation: Recommendation,
                  new_status: str, reason: str, actor: str, base_version: int,
                  now: datetime | None = None) -> Recommendation:
    """The host's follow-up. Allowed also after the report is final (that is when it happens);
    only a cancelled visit is closed. "Niet overgenomen" needs a reason; other statuses may
    carry a note, kept in the history."""
    require_visit(conversation)
    if conversation.status == ConversationStatus.GEANNULEERD:
        raise VisitLocked(conversation.status)
    reason = (reason or "").strip()
    problems = {}
    if new_status not in RECOMMENDATION_STATUSES:
        problems["status"] = "unknown_status"
    if new_status == "niet_overgenomen" and not reason:
        problems["reason"] = "reason_required"
    if len(reason) > REASON_MAX_LENGTH:
        problems["reason"] = "too_long"
    if problems:
        raise InvalidInput(problems)
    if (recommendation.status, recommendation.status_reason) == (new_status, reason):
        return recommendation
    now = now or utcnow()
    session.add(RecommendationEvent(recommendation_id=recommendation.id, at=now, actor=actor,
                                    old_status=recommendation.status, new_status=new_status, note=reason))
    return versioned_update(session, Recommendation, recommendation, base_version,
                            {"status": new_status, "status_reason": reason, "updated_by": actor, "updated_at": now})


def response_of(session: DbSession, conversation: Conversation) -> VisitResponse | None:
    return session.scalar(select(VisitResponse).where(VisitResponse.conversation_id == conversation.id)
                          .execution_options(populate_existing=True))


def save_response(session: DbSession, conversation: Conversation, text: str, actor: str, base_version: int,
                  now: datetime | None = None) -> VisitResponse:
    """The host's bestuurlijke reactie; part of the report, so it closes when the report is final."""
    require_open(conversation)
    text = (text or "").strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise InvalidInput({"text": "too_long"})
    now = now or utcnow()
    current = response_of(session, conversation)
    if current is None:
        if base_version:
            raise StaleEdit(VisitResponse(text="", updated_by="", version=0))
        response = VisitResponse(conversation_id=conversation.id, text=text, updated_by=actor,
                                 updated_at=now, version=1)
        session.add(response)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            raise StaleEdit(response_of(session, conversation)) from None
        return response
    if current.text == text:
        return current
    return versioned_update(session, VisitResponse, current, base_version,
                            {"text": text, "updated_by": actor, "updated_at": now})
