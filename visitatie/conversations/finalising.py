"""Finalising (vaststellen) a conversation's answers, and reopening with a reason.

A finalised conversation has status "vastgesteld": its answers are read-only (answers.is_locked).
Both steps are logged as a ConversationEvent, reopening with the reason given.
"""
from __future__ import annotations

from datetime import datetime

from ..errors import DomainError, Problem
from ..models import Conversation, ConversationEvent
from ..models.types import DbSession, utcnow
from ..vocabulary import ConversationStatus, RoundKind

FINALISED = ConversationStatus.VASTGESTELD
REOPENED_STATUS = ConversationStatus.GEHOUDEN  # reopened answers belong to a conversation that was held
REASON_MAX_LENGTH = 1000


class FinaliseError(DomainError):
    """reason: already_finalised, cancelled, not_finalised, reason_required, reason_too_long. The
    field is "visit" for a visit, whose report is worded differently (wording/conversations.py)."""

    def __init__(self, reason: str, conversation: Conversation | None = None):
        self.reason = reason
        subject = "visit" if conversation is not None and conversation.round.kind == RoundKind.VISITATIERONDE else None
        super().__init__([Problem(reason, subject)])


def finalise(session: DbSession, conversation: Conversation, actor: str,
             now: datetime | None = None) -> ConversationEvent:
    if conversation.status == FINALISED:
        raise FinaliseError("already_finalised", conversation)
    if conversation.status == ConversationStatus.GEANNULEERD:
        raise FinaliseError("cancelled", conversation)
    event = ConversationEvent(conversation=conversation, at=now or utcnow(), actor=actor, kind="finalise",
                              old_value=conversation.status, new_value=FINALISED)
    conversation.status = FINALISED
    session.add(event)
    session.commit()
    return event


def reopen(session: DbSession, conversation: Conversation, actor: str, reason: str,
           now: datetime | None = None) -> ConversationEvent:
    reason = (reason or "").strip()
    if conversation.status != FINALISED:
        raise FinaliseError("not_finalised")
    if not reason:
        raise FinaliseError("reason_required")
    if len(reason) > REASON_MAX_LENGTH:
        raise FinaliseError("reason_too_long")
    event = ConversationEvent(conversation=conversation, at=now or utcnow(), actor=actor, kind="reopen",
                              old_value=FINALISED, new_value=REOPENED_STATUS, reason=reason)
    conversation.status = REOPENED_STATUS
    session.add(event)
    session.commit()
    return event


def last_finalised(conversation: Conversation) -> ConversationEvent | None:
    """The event that finalised the conversation as it now stands, if it is finalised."""
    if conversation.status != FINALISED:
        return None
    return next((e for e in reversed(conversation.events) if e.kind == "finalise"), None)
