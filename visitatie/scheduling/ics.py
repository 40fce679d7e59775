"""Calendar files (.ics) for conversations and whole rounds.

Times carry TZID=Europe/Amsterdam with its VTIMEZONE, the UID is the conversation's stable
calendar_uid, SEQUENCE grows with every reschedule, a cancellation is STATUS:CANCELLED.
The description holds the conversation's page link and place, nothing more: no participants'
answers, no e-mail addresses, no invitation links (an .ics file gets forwarded freely). A visit
(visitatieronde) is titled "Visitatie <gemeente>" and its description adds the committee (names and
functions) and what the host prepares, so the entry says what the day is about.
"""
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from ..models import Conversation
from ..models.types import utcnow
from ..vocabulary import ConversationStatus, RoundKind
from .inputs import in_amsterdam

PRODID = "-//visitatie//planning//NL"
COMMITTEE_ROLES = {"commissielid": "lid", "secretaris": "secretaris"}
PREPARATION = ("Voorbereiding door de gemeente: vul vooraf per prioriteit de zelfevaluatie in (niveau, toelichting en "
               "de documenten uit de checklist) en beantwoord de vragen uit de gespreksleidraad, op de pagina van de "
               "visitatie. De commissie leest die voor het bezoek.")


def _is_visit(conversation: Conversation) -> bool:
    return conversation.round.kind == RoundKind.VISITATIERONDE and len(conversation.municipalities) == 1


def _visit_lines(conversation: Conversation) -> list[str]:
    members = sorted((p for p in conversation.participations if p.role in COMMITTEE_ROLES),
                     key=lambda p: (p.role != "commissielid", p.person.name))
    lines = ["Visitatiecommissie:"] + [
        f"- {p.person.name}" + (f", {p.person.function}" if p.person.function else "")
        + f" ({COMMITTEE_ROLES[p.role]})" for p in members]
    if not members:
        lines.append("- nog niet samengesteld")
    return lines + [PREPARATION]


def conversation_event(conversation: Conversation, page_url: str, now: datetime) -> Event:
    if conversation.starts_at is None:  # callers pass planned conversations only
        raise ValueError(f"conversation {conversation.id} has no time, so no calendar event")
    start = in_amsterdam(conversation.starts_at)
    event = Event()
    event.add("uid", conversation.calendar_uid)
    event.add("sequence", conversation.calendar_sequence)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=conversation.duration_minutes))
    visit = _is_visit(conversation)
    event.add("summary", f"Visitatie {conversation.municipalities[0].name}" if visit
              else f"Bestuurlijk gesprek {conversation.title}")
    location = conversation.place or conversation.online_url
    if location:
        event.add("location", location)
    lines = [f"Pagina van de visitatie: {page_url}" if visit else f"Pagina van het gesprek: {page_url}"]
    if conversation.place:
        lines.append(f"Plaats: {conversation.place}")
    if conversation.online_url:
        lines.append(f"Online deelnemen: {conversation.online_url}")
    if visit:
        lines += _visit_lines(conversation)
    event.add("description", "\n".join(lines))
    event.add("url", page_url)
    event.add("status", "CANCELLED" if conversation.status == ConversationStatus.GEANNULEERD else "CONFIRMED")
    return event


def calendar_bytes(conversations: Iterable[Conversation], page_url: Callable[[Conversation], str],
                   name: str, now: datetime | None = None) -> bytes:
    """One calendar with every conversation that has a date (undated ones cannot be placed)."""
    now = now or utcnow()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for conversation in sorted(conversations, key=lambda c: (c.starts_at or now, c.id or 0)):
        if conversation.starts_at is not None:
            calendar.add_component(conversation_event(conversation, page_url(conversation), now))
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()  # typed Any by icalendar
    return ical
