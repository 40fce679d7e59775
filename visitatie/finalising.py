"""Finalising (vaststellen) a conversation's answers, and reopening with a reason.

A finalised conversation has status "vastgesteld": its answers are read-only (answers.is_locked).
Both steps are logged as a ConversationEvent, reopening with the reason given.
"""
from __future__ import annotations

from datetime import datetime

from .models import Conversation, ConversationEvent
from .models.types import DbSession, utcnow

FINALISED = "vastgesteld"
REOPENED_STATUS = "gehouden"  # reopened answers belong to a conversation that was held
REASON_MAX_LENGTH = 1000


class FinaliseError(ValueError):
    """reason: already_finalised, cancelled, not_finalised, reason_required, reason_too_long."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def finalise(session: DbSession, conversation: Conversation, actor: str,
             now: datetime | None = None) -> ConversationEvent:
    if conversation.status == FINALISED:
        raise FinaliseError("already_finalised")
    if conversation.status == "geannuleerd":
        raise FinaliseError("cancelled")
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
