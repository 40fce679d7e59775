"""Mijn gesprekken: the open conversations and visits of one person, reached from any of their links.

A person (one `Person` row: one e-mail address) may be invited to several conversations and visits,
each with its own link. From any valid link they see the others, and can move their session there,
without the other letters at hand. Only what is theirs and still open is listed, and only while
that participation has a valid link of its own: a revoked or expired link is not bypassed here.
Progress is their own (answers.progress_scope): a mayor sees nothing of the other municipality's
answers, not even how many there are.

No Flask here: the guides of a round come in as a function, so unit tests pass their own.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from ..guides.model import GuideSet
from ..models import Conversation, Participation, Round
from ..models.invitations import Invitation
from ..models.types import DbSession, utcnow
from ..visits import is_visit
from ..vocabulary import OPEN_STATUSES
from . import answers as answer_domain
from .answers import Progress

# A finalised or cancelled conversation is done: its answers are read-only and it leaves the list.


@dataclass(frozen=True)
class OpenItem:
    participation: Participation
    conversation: Conversation
    is_visit: bool
    progress: Progress  # the person's own part, as the conversation page counts it


def _has_valid_link(now: datetime) -> ColumnElement[bool]:
    return exists().where(Invitation.participation_id == Participation.id, Invitation.revoked_at.is_(None),
                          Invitation.expires_at > now)


def open_participations(session: DbSession, person_id: int, now: datetime | None = None) -> list[Participation]:
    """The person's places in open conversations and visits that a valid link of theirs opens."""
    now = now or utcnow()
    rows = session.scalars(
        select(Participation).join(Conversation).join(Round)
        .where(Participation.person_id == person_id, Conversation.status.in_(OPEN_STATUSES),
               Round.purged_at.is_(None), _has_valid_link(now))
        .options(selectinload(Participation.conversation).selectinload(Conversation.municipalities),
                 selectinload(Participation.municipality))
    )
    far_future = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(rows, key=lambda p: (p.conversation.starts_at or far_future, p.conversation.id, p.id))


def open_items(session: DbSession, person_id: int, guides_of: Callable[[Round], GuideSet],
               now: datetime | None = None) -> list[OpenItem]:
    items = []
    for participation in open_participations(session, person_id, now):
        conversation = participation.conversation
        guides = answer_domain.conversation_guides(guides_of(conversation.round), conversation)
        values = answer_domain.values_by_municipality(answer_domain.answers_by_question(session, conversation))
        municipality_ids, role = answer_domain.progress_scope(conversation, participation)
        _per_theme, total = answer_domain.conversation_progress(guides, values, municipality_ids, role)
        items.append(OpenItem(participation, conversation, is_visit(conversation), total))
    return items


def find_open(session: DbSession, person_id: int, participation_id: int,
              now: datetime | None = None) -> Participation | None:
    """One of the person's open places with a valid link, or None (someone else's, closed, no link)."""
    return next((p for p in open_participations(session, person_id, now) if p.id == participation_id), None)
