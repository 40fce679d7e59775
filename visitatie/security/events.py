"""Recording security events (logins, exports, publications, purges, consent changes, …).

One function for every caller, web and CLI: `record(session, kind, ...)` adds the row to the
session; the caller's unit of work commits it together with what it records. `detail` must
never carry answer text, quote text, names typed by users, passwords or tokens.
"""
from __future__ import annotations

from ..models.security import SecurityEvent
from ..models.types import DbSession

DETAIL_MAX = 500


def record(session: DbSession, kind: str, *, actor: str | None = None, ip: str | None = None,
           round_id: int | None = None, detail: str = "") -> SecurityEvent:
    event = SecurityEvent(kind=kind, actor=(actor or None) and actor[:254], ip=ip,
                          round_id=round_id, detail=detail[:DETAIL_MAX])
    session.add(event)
    return event
