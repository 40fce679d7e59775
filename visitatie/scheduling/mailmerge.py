"""Invitation letters: personal links issued in a batch, and the texts built while the plain
tokens exist (they are stored only as a hash, so this is the one moment they can be written down).

The letters are Dutch documents for mayors, like the guides: content, not interface text.
"""
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from babel.dates import format_date, format_time

from ..conversations import invitations
from ..guides.versions import guide_topic
from ..models import Conversation, Participation
from ..models.guide_versions import DEFAULT_GUIDE_SET
from ..models.types import DbSession, utcnow
from ..spreadsheets import Sheet, csv_bytes
from ..vocabulary import Role, RoundKind, label
from .ics import calendar_bytes
from .inputs import in_amsterdam

MAILMERGE_COLUMNS = ("naam", "email", "rol", "gesprek", "datum", "tijd", "plaats", "online",
                     "leidraad", "pagina", "persoonlijke_link", "geldig_tot", "onderwerp")


@dataclass(frozen=True)
class Letter:
    participation_id: int
    name: str
    email: str
    role: str
    conversation: str
    subject: str
    body: str
    link: str
    expires_at: datetime
    fields: dict[str, Any]  # the mail-merge row
    # The conversation's calendar entry (.ics; page link and place, never the personal link), or
    # None while the conversation has no date.
    calendar: bytes | None = None

    @property
    def filename(self) -> str:
        return f"{self.participation_id:05d}-{_slug(self.name)}.txt"

    @property
    def calendar_filename(self) -> str:
        return self.filename.removesuffix(".txt") + ".ics"


def invitation_url(base_url: str, token: str) -> str:
    """The participant's sign-in link; its route lives on the participant side (/uitnodiging/)."""
    return f"{base_url.rstrip('/')}/uitnodiging/{token}"


def needs_link(session: DbSession, participation: Participation, now: datetime) -> bool:
    current = invitations.current_invitation(session, participation)
    return current is None or not current.is_valid(now)


def issue_letters(session: DbSession, participations: Iterable[Participation], *, base_url: str,
                  days_valid: int, page_url: Callable[[Conversation], str], guide_url: str,
                  only_missing: bool = False, now: datetime | None = None,
                  calendar_url: Callable[[Conversation], str] | None = None) -> list[Letter]:
    """Issue (or re-issue) a link for each participant with an e-mail address and write its letter.

    Re-issuing revokes the participant's earlier links. With only_missing, participants who
    still have a valid link are skipped, so a batch can be run again for latecomers.
    Each letter carries the conversation's calendar entry, linking to calendar_url (default: page_url).
    """
    now = now or utcnow()
    letters = []
    for participation in participations:
        if not participation.person.email:
            continue
        if only_missing and not needs_link(session, participation, now):
            continue
        invitation, token = invitations.issue(session, participation, days_valid, now)
        link = invitation_url(base_url, token)
        letter = compose_letter(participation, link, invitation.expires_at,
                                page_url(participation.conversation), guide_url)
        letters.append(replace(letter, calendar=participant_calendar(
            participation.conversation, calendar_url or page_url, now)))
    return letters


def participant_calendar(conversation: Conversation, page_url: Callable[[Conversation], str],
                         now: datetime | None = None) -> bytes | None:
    """The calendar entry a participant gets: the same one the project leader downloads."""
    if conversation.starts_at is None:
        return None
    return calendar_bytes([conversation], page_url, conversation.title, now)


def _when(conversation: Conversation) -> tuple[str, str]:
    if conversation.starts_at is None:
        return "wordt nog afgesproken", ""
    start = in_amsterdam(conversation.starts_at)
    end = start + timedelta(minutes=conversation.duration_minutes)
    return (format_date(start, "EEEE d MMMM y", locale="nl"),
            f"{format_time(start, 'HH:mm', locale='nl')}–{format_time(end, 'HH:mm', locale='nl')} uur")


def _who(conversation: Conversation, visit: bool) -> str:
    """The municipalities as a sentence says them: "tussen Deventer en Zwolle", a visit "bij Zwolle"."""
    names = [m.name for m in conversation.municipalities]
    if len(names) < 2:
        return f"{'bij' if visit else 'met'} {names[0] if names else conversation.title}"
    return f"tussen {', '.join(names[:-1])} en {names[-1]}"


def compose_letter(participation: Participation, link: str, expires_at: datetime, page: str,
                   guide_url: str) -> Letter:
    conversation = participation.conversation
    person, role = participation.person, label(Role, participation.role, "long")
    day, time = _when(conversation)
    visit = conversation.round.kind == RoundKind.VISITATIERONDE
    kind = "visitatie" if visit else "bestuurlijk gesprek"
    subject = f"Uitnodiging {kind} {conversation.title}" + (f", {day}" if conversation.starts_at else "")
    leader = conversation.gespreksleider
    led_by = ""
    if leader is not None and leader.person_id != person.id:
        led_by = f", onder leiding van {leader.person.name}" + (
            f" ({leader.person.function})" if leader.person.function else "")
    expires = format_date(in_amsterdam(expires_at), "d MMMM y", locale="nl")
    lines = [
        f"Beste {person.name},",
        "",
        f"U bent uitgenodigd als {role} voor het {kind} over {guide_topic(conversation.round)} "
        f"{_who(conversation, visit)}{led_by}. {'De visitatie' if visit else 'Het gesprek'} hoort bij de "
        f"{conversation.round.title}.",
        "",
        f"Datum:  {day}",
        *([f"Tijd:   {time}"] if time else []),
        *([f"Plaats: {conversation.place}"] if conversation.place else []),
        *([f"Online: {conversation.online_url}"] if conversation.online_url else []),
        "",
        # The public theme pages show the shipped guide; another topic's guide opens with the link.
        *(["Ter voorbereiding kunt u de gespreksleidraad lezen:", guide_url, ""]
          if conversation.round.guide_set == DEFAULT_GUIDE_SET else []),
        "Met uw persoonlijke link opent u het gesprek en de vragen; inloggen is niet nodig:",
        link,
        "",
        f"De link is persoonlijk en geldig tot {expires}. Stuur hem niet door. Werkt hij niet meer,",
        "vraag dan een nieuwe aan bij de projectleider.",
        "",
        f"Na het openen van uw link vindt u het gesprek ook op {page}.",
        "",
        "Met vriendelijke groet,",
        "",
        f"De projectleiding van de {conversation.round.title}",
        "",
    ]
    fields = dict(zip(MAILMERGE_COLUMNS, (
        person.name, person.email, role, conversation.title, day, time, conversation.place or "",
        conversation.online_url or "", guide_url, page, link, expires, subject), strict=True))
    return Letter(participation.id, person.name, person.email, participation.role, conversation.title,
                  subject, "\n".join(lines), link, expires_at, fields)


def mailmerge_csv(letters: Iterable[Letter], dialect: str = "nl") -> bytes:
    """One row per letter, stable columns, through the shared CSV writer: names and places that
    participants or project leaders typed never become formulas; Dutch Excel dialect by default.
    The column names stay the merge-field names (Word's mail merge refers to them)."""
    frame = pd.DataFrame([letter.fields for letter in letters], columns=list(MAILMERGE_COLUMNS))
    return csv_bytes(Sheet("samenvoegen", frame), dialect)


def letters_zip(letters: list[Letter]) -> bytes:
    """A .txt per participant (with its .ics when the conversation has a date) and the mail-merge
    CSV, in one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            archive.writestr(letter.filename, f"Onderwerp: {letter.subject}\n\n{letter.body}")
            if letter.calendar:
                archive.writestr(letter.calendar_filename, letter.calendar)
        archive.writestr("samenvoegen.csv", mailmerge_csv(letters))
    return buffer.getvalue()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "deelnemer"
