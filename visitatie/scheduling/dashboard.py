"""The round at a glance: counts per status, what is missing, and the schedule as a table
that sorts and filters on the server (query parameters), so it works without JavaScript."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import object_session

from ..models import CONVERSATION_STATUSES, Conversation, Municipality, Participation, Round
from ..models.types import DbSession
from ..vocabulary import ConversationStatus, RoundKind
from .enrolment import enrolments
from .loading import round_conversations
from .pairing import scheduled_municipality_ids

SORT_KEYS = ("datum", "gemeenten", "gespreksleider", "plaats", "status")
DIRECTIONS = ("op", "af")


@dataclass(frozen=True)
class ScheduleRow:
    conversation: Conversation
    id: int
    title: str
    leader: str
    leader_municipality: str
    starts_at: datetime | None
    ends_at: datetime | None
    place: str
    online_url: str
    status: str
    participants: int


@dataclass
class RoundOverview:
    counts: dict[str, int]
    total: int
    enrolled: int
    unscheduled: list[Municipality] = field(default_factory=list)
    without_leader: list[Conversation] = field(default_factory=list)
    without_participants: list[Conversation] = field(default_factory=list)
    without_date: list[Conversation] = field(default_factory=list)


def _leaders(conversation: Conversation) -> list[Participation]:
    """Who leads: the gespreksleider; in a visitatieronde the members of the visitatiecommissie."""
    if conversation.round.kind == RoundKind.VISITATIERONDE:
        return [p for p in conversation.participations if p.role == "commissielid"]
    return [conversation.gespreksleider] if conversation.gespreksleider else []


def overview(session: DbSession, round_: Round) -> RoundOverview:
    conversations = round_conversations(session, round_)
    counts = {status: 0 for status in CONVERSATION_STATUSES}
    for conversation in conversations:
        counts[conversation.status] += 1
    busy = scheduled_municipality_ids(session, round_)
    enrolled = enrolments(session, round_)
    open_ = [c for c in conversations if c.status == ConversationStatus.GEPLAND]
    return RoundOverview(
        counts=counts, total=len(conversations), enrolled=len(enrolled),
        unscheduled=[e.municipality for e in enrolled if e.municipality.id not in busy],
        without_leader=[c for c in open_ if not _leaders(c)],
        without_participants=[c for c in open_ if not any(p.role != "gespreksleider" for p in c.participations)],
        without_date=[c for c in open_ if c.starts_at is None],
    )


def row_for(conversation: Conversation) -> ScheduleRow:
    leaders = _leaders(conversation)
    start = conversation.starts_at
    return ScheduleRow(
        conversation=conversation, id=conversation.id, title=conversation.title,
        leader=", ".join(p.person.name for p in leaders),
        leader_municipality=", ".join(p.municipality.name for p in leaders if p.municipality),
        starts_at=start, ends_at=start + timedelta(minutes=conversation.duration_minutes) if start else None,
        place=conversation.place or "", online_url=conversation.online_url or "",
        status=conversation.status, participants=len(conversation.participations),
    )


def schedule(round_: Round, sort: str = "datum", direction: str = "op", status: str | None = None,
             query: str | None = None) -> list[ScheduleRow]:
    """The round's conversations, filtered by status and by a text in municipality, leader or
    place, sorted by a column; undated conversations come last, ties in id order."""
    session = object_session(round_)
    if session is None:
        raise ValueError("the round is not in a session")
    rows = [row_for(c) for c in round_conversations(session, round_)]
    if status in CONVERSATION_STATUSES:
        rows = [r for r in rows if r.status == status]
    if query and query.strip():
        needle = query.strip().casefold()
        rows = [r for r in rows if any(needle in text.casefold() for text in (
            r.title, r.leader, r.leader_municipality, r.place))]
    sort = sort if sort in SORT_KEYS else "datum"
    keys = {
        "datum": lambda r: r.starts_at.timestamp() if r.starts_at else float("inf"),
        "gemeenten": lambda r: r.title.casefold(),
        "gespreksleider": lambda r: r.leader.casefold(),
        "plaats": lambda r: (r.place or r.online_url).casefold(),
        "status": lambda r: CONVERSATION_STATUSES.index(r.status),
    }
    rows.sort(key=lambda r: r.id)
    rows.sort(key=keys[sort], reverse=direction == "af")
    return rows
