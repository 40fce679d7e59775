"""Reading the security event log: filters, pages, Dutch labels and the CSV download.

Any kind is listed, also kinds written by code added later: a kind without a label here is
shown by its code.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import func, select

from ..models.security import SecurityEvent
from ..models.types import DbSession
from ..spreadsheets import Sheet, csv_bytes

PAGE_SIZE = 50

LABELS = {
    "login": "Ingelogd",
    "login_failed": "Inloggen mislukt",
    "login_locked": "Inloggen geblokkeerd",
    "logout": "Uitgelogd",
    "logout_everywhere": "Overal afgemeld",
    "password_changed": "Wachtwoord gewijzigd",
    "password_set_by_link": "Wachtwoord ingesteld via link",
    "password_reset_link": "Herstellink verstuurd",
    "account_created": "Account aangemaakt",
    "account_invited": "Projectleider uitgenodigd",
    "account_disabled": "Account uitgeschakeld",
    "account_enabled": "Account ingeschakeld",
    "two_factor_enabled": "Tweestapsverificatie ingesteld",
    "two_factor_reset": "Tweestapsverificatie hersteld",
    "recovery_code_used": "Herstelcode gebruikt",
    "history_view": "Geschiedenis van een antwoord bekeken",
    "export": "Export gedownload",
    "publication": "Publicatie",
    "purge": "Gegevens opgeschoond",
    "erasure": "Persoon gewist",
    "consent": "Toestemming gewijzigd",
}


def label(kind: str) -> str:
    return LABELS.get(kind, kind)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    actor: str = ""
    since: datetime | None = None
    until: datetime | None = None   # exclusive


@dataclass(frozen=True)
class Page:
    events: list[SecurityEvent]
    number: int
    pages: int
    total: int


def _where(filters: Filters) -> list:
    conditions = []
    if filters.kind:
        conditions.append(SecurityEvent.kind == filters.kind)
    if filters.actor:
        pattern = "%" + filters.actor.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(func.lower(SecurityEvent.actor).like(pattern, escape="\\"))
    if filters.since:
        conditions.append(SecurityEvent.at >= filters.since)
    if filters.until:
        conditions.append(SecurityEvent.at < filters.until)
    return conditions


def page(session: DbSession, filters: Filters, number: int = 1, size: int = PAGE_SIZE) -> Page:
    """One page of events, newest first."""
    where = _where(filters)
    total = session.scalar(select(func.count()).select_from(SecurityEvent).where(*where)) or 0
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    events = session.scalars(select(SecurityEvent).where(*where).order_by(SecurityEvent.at.desc(),
                                                                         SecurityEvent.id.desc())
                             .offset((number - 1) * size).limit(size)).all()
    return Page(list(events), number, pages, total)


def kinds(session: DbSession) -> list[str]:
    """Every kind known: labelled ones and any found in the log."""
    found = session.scalars(select(SecurityEvent.kind).distinct()).all()
    return sorted(set(LABELS) | set(found), key=label)


# --- CSV --------------------------------------------------------------------------------------

COLUMNS = ["tijdstip", "soort", "code", "wie", "ip", "ronde", "details"]


def csv_file(session: DbSession, filters: Filters, format_time) -> bytes:
    """The filtered log as CSV for Dutch Excel, oldest first; `format_time` shows `at`. Written by
    the one spreadsheet writer, so no cell can be read as a formula."""
    rows = [(format_time(event.at), label(event.kind), event.kind, event.actor, event.ip, event.round_id,
             event.detail)
            for event in session.scalars(select(SecurityEvent).where(*_where(filters))
                                         .order_by(SecurityEvent.at, SecurityEvent.id))]
    return csv_bytes(Sheet("Beveiligingslog", pd.DataFrame(rows, columns=COLUMNS, dtype=object)))
