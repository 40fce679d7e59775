"""Create, edit, reschedule and change the status of conversations, keeping their history.

Every function flushes and leaves the commit to the caller (a view, a command, a test), so that
a visitatieronde can combine them in one transaction.
"""
import re
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from ..models import Conversation, ConversationEvent, Participation, Person, Round
from ..models.types import DbSession, utcnow
from ..vocabulary import ConversationStatus
from .errors import InvalidTransition, Problem, StaleEdit, ValidationFailed
from .inputs import ConversationInput, ParticipantInput, in_amsterdam
from .validation import validate_conversation

# gepland → gehouden → vastgesteld; a planned conversation can be cancelled and a cancelled one
# planned again. Reopening a finalised report belongs to the answers side (with a reason).
TRANSITIONS: dict[str, tuple[ConversationStatus, ...]] = {
    ConversationStatus.GEPLAND: (ConversationStatus.GEHOUDEN, ConversationStatus.GEANNULEERD),
    ConversationStatus.GEHOUDEN: (ConversationStatus.VASTGESTELD,),
    ConversationStatus.GEANNULEERD: (ConversationStatus.GEPLAND,),
    ConversationStatus.VASTGESTELD: (),
}


def describe_time(starts_at: datetime | None, duration_minutes: int) -> str | None:
    """How a time is kept in the history: local ISO time and duration, stable and sortable."""
    if starts_at is None:
        return None
    return f"{in_amsterdam(starts_at).isoformat(timespec='minutes')} ({duration_minutes} min)"


DESCRIBED_TIME = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d\d:\d\d) \((\d+) min\)")


def read_time(text: str | None) -> tuple[datetime, int] | None:
    """A time as `describe_time` kept it, back as (start, minutes); None for any other text."""
    found = DESCRIBED_TIME.fullmatch(text or "")
    return (datetime.fromisoformat(found[1]), int(found[2])) if found else None


def save_conversation(session: DbSession, round_: Round, data: ConversationInput, actor: str,
                      conversation: Conversation | None = None, expected_version: int | None = None,
                      now: datetime | None = None) -> Conversation:
    """Create a conversation, or update one that the form showed at `expected_version`.

    Raises StaleEdit when someone else saved in between, ValidationFailed with every problem.
    """
    now = now or utcnow()
    if conversation is not None and expected_version is not None and expected_version != conversation.version:
        raise StaleEdit(conversation)
    problems = validate_conversation(session, round_, data, conversation)
    if problems:
        raise ValidationFailed(problems)
    # One INSERT or UPDATE per save (no autoflush half-way), so the version grows by exactly one.
    with session.no_autoflush:
        if conversation is None:
            conversation = Conversation(round=round_, status=ConversationStatus.GEPLAND)
            session.add(conversation)
            _event(conversation, actor, "aangemaakt", None, describe_time(data.starts_at, data.duration_minutes), now)
        else:
            _record_changes(conversation, data, actor, now)
        conversation.municipalities = list(data.municipalities)
        conversation.starts_at = data.starts_at
        conversation.duration_minutes = data.duration_minutes
        conversation.place = data.place or None
        conversation.online_url = data.online_url or None
        _sync_participants(session, conversation, data.participants, actor, now)
        conversation.updated_at = now  # always an UPDATE, so the version grows with every save
    _flush(session, conversation)
    return conversation


def _record_changes(conversation: Conversation, data: ConversationInput, actor: str, now: datetime) -> None:
    old_time = describe_time(conversation.starts_at, conversation.duration_minutes)
    new_time = describe_time(data.starts_at, data.duration_minutes)
    if old_time != new_time:
        # Moving a time that was already announced changes every calendar entry (SEQUENCE).
        kind = "verzet" if conversation.starts_at is not None else "ingepland"
        _event(conversation, actor, kind, old_time, new_time, now)
        if conversation.starts_at is not None:
            conversation.calendar_sequence += 1
    old_place = " ".join(filter(None, (conversation.place, conversation.online_url))) or None
    new_place = " ".join(filter(None, (data.place, data.online_url))) or None
    if old_place != new_place:
        _event(conversation, actor, "plaats", old_place, new_place, now)
        if conversation.starts_at is not None and old_time == new_time:
            conversation.calendar_sequence += 1
    old_names = [m.name for m in conversation.municipalities]
    new_names = [m.name for m in sorted(data.municipalities, key=lambda m: m.name)]
    if old_names != new_names:
        _event(conversation, actor, "gemeenten", ", ".join(old_names), ", ".join(new_names), now)


def _sync_participants(session: DbSession, conversation: Conversation, wanted: list[ParticipantInput], actor: str,
                       now: datetime) -> None:
    """Keep participations that stay (and their invitation links), add new ones, drop the rest."""
    current = {(p.person.email or "", p.role): p for p in conversation.participations}
    kept, added = set(), []
    for item in wanted:
        person = find_or_create_person(session, item)
        key = (person.email or "", item.role)
        participation = current.get(key)
        if participation is None:
            participation = Participation(person=person, role=item.role)
            conversation.participations.append(participation)
            added.append(f"{item.name} ({item.role})")
        participation.municipality = item.municipality
        kept.add(key)
    removed = [p for key, p in current.items() if key not in kept]
    for participation in removed:
        conversation.participations.remove(participation)
        session.delete(participation)
    if conversation.id is not None and (added or removed):
        _event(conversation, actor, "deelnemers",
               ", ".join(f"{p.person.name} ({p.role})" for p in removed) or None,
               ", ".join(added) or None, now)


def conversation_input(conversation: Conversation, **changes: Any) -> ConversationInput:
    """The conversation as saved, as input for save_conversation, with `changes` applied: the
    bulk actions (gespreksleiders, the planning spreadsheet) change a few things and keep the rest."""
    data = ConversationInput(
        municipalities=list(conversation.municipalities), starts_at=conversation.starts_at,
        duration_minutes=conversation.duration_minutes, place=conversation.place, online_url=conversation.online_url,
        participants=[ParticipantInput(p.person.name, p.person.email or "", p.role, p.municipality, p.person.function)
                      for p in conversation.participations], allow_repeat=False)
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def find_or_create_person(session: DbSession, item: ParticipantInput) -> Person:
    """People are known by e-mail address; a corrected name or function is taken over."""
    person = session.scalar(select(Person).where(func.lower(Person.email) == item.key))
    if person is None:
        person = Person(email=item.key, name=item.name.strip())
        session.add(person)
    person.name = item.name.strip() or person.name
    if item.function:
        person.function = item.function.strip()
    if item.municipality is not None and person.municipality_id is None:
        person.municipality = item.municipality
    return person


def change_status(session: DbSession, conversation: Conversation, new_status: str, actor: str,
                  reason: str | None = None, expected_version: int | None = None,
                  now: datetime | None = None) -> Conversation:
    now = now or utcnow()
    if expected_version is not None and expected_version != conversation.version:
        raise StaleEdit(conversation)
    old = conversation.status
    if new_status not in TRANSITIONS.get(old, ()):
        raise InvalidTransition(old, new_status)
    if new_status == ConversationStatus.GEHOUDEN and conversation.starts_at is None:
        raise ValidationFailed([Problem("held_without_date", "status")])
    if new_status == ConversationStatus.GEPLAND:
        # Planning a cancelled conversation again books its people again: check them.
        data = ConversationInput(
            municipalities=list(conversation.municipalities), starts_at=conversation.starts_at,
            duration_minutes=conversation.duration_minutes, allow_repeat=True,
            participants=[ParticipantInput(p.person.name, p.person.email or "", p.role, p.municipality)
                          for p in conversation.participations])
        problems = [p for p in validate_conversation(session, conversation.round, data, conversation)
                    if p.code == "double_booked"]
        if problems:
            raise ValidationFailed(problems)
    conversation.status = new_status
    if ConversationStatus.GEANNULEERD in (old, new_status) and conversation.starts_at is not None:
        conversation.calendar_sequence += 1  # calendars learn of the cancellation (or its undoing)
    _event(conversation, actor, "status", old, new_status, now, reason)
    conversation.updated_at = now
    _flush(session, conversation)
    return conversation


def _event(conversation: Conversation, actor: str, kind: str, old: str | None, new: str | None, now: datetime,
           reason: str | None = None) -> None:
    conversation.events.append(ConversationEvent(
        actor=actor, kind=kind, old_value=old, new_value=new, reason=reason or None, at=now))


def _flush(session: DbSession, conversation: Conversation) -> None:
    try:
        session.flush()
    except StaleDataError:
        # Another save got in between our version check and this write.
        session.rollback()
        current = session.get(Conversation, conversation.id)
        raise StaleEdit(current) from None
