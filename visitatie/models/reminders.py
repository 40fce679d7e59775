"""Reminders to participants with unanswered themes: the per-round letter and schedule, and a record
of every reminder sent (who, when, which conversation) so nobody is reminded twice within the interval.

The record holds no letter text and no link: what was sent is the round's letter at that moment, and
the link exists only in the mail (only its hash is kept, in `invitation`).
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from .types import UTCDateTime, utcnow

INTERVAL_DAYS_DEFAULT = 7


class ReminderSettings(Model):
    """A round's reminder letter (None: the default text) and whether the daily command sends them."""

    __tablename__ = "reminder_settings"
    __table_args__ = (
        CheckConstraint("interval_days BETWEEN 1 AND 60", name="interval_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), unique=True)
    subject: Mapped[str | None] = mapped_column(db.String(200))
    body: Mapped[str | None] = mapped_column(db.Text)
    scheduled: Mapped[bool] = mapped_column(default=False)
    interval_days: Mapped[int] = mapped_column(default=INTERVAL_DAYS_DEFAULT)
    updated_by: Mapped[str | None] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    round = relationship("Round")


class Reminder(Model):
    """One reminder that the mail server took."""

    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(ForeignKey("participation.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_by: Mapped[str] = mapped_column(db.String(200))  # the project leader, or "dagelijkse opdracht"

    participation = relationship("Participation")
