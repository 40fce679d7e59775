"""The security event log: who did what security-relevant thing, when, from where.

It never holds answer text, quote text, passwords or tokens: `detail` is a short code-like
description (a file name, a round id, a reason code) written by our own code, not user input.
"""
from datetime import datetime

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model, db
from .types import UTCDateTime, utcnow


class SecurityEvent(Model):
    __tablename__ = "security_event"
    __table_args__ = (Index("ix_security_event_kind_at", "kind", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(db.String(40))           # e.g. "login_failed", "export", "publication"
    actor: Mapped[str | None] = mapped_column(db.String(254))  # account e-mail or "deelnemer <id>"; None: unknown
    ip: Mapped[str | None] = mapped_column(db.String(45))
    round_id: Mapped[int | None] = mapped_column()             # no foreign key: the record outlives a purge
    detail: Mapped[str] = mapped_column(db.String(500), default="")
