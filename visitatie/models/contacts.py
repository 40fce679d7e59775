"""The contacts register and the pool of gespreksleiders.

Contacts are the burgemeester, CISO and adviseur OOV of each municipality, kept across rounds so
that planning a round does not mean typing 800 names again; `confirmed_on` says when someone last
checked an entry. The pool holds, per round, the mayors who volunteer to lead conversations, how
many they take and the days they cannot. Both are personal data: erase-person removes a person's
entries (lifecycle/erasure.py), purging a round removes its pool (lifecycle/purge.py).
"""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from .rounds import MUNICIPAL_ROLES
from .types import UTCDateTime, one_of, utcnow

CONTACT_ROLES = MUNICIPAL_ROLES  # burgemeester, ciso, adviseur_oov


class Contact(Model):
    """One role of one municipality in the register: who holds it and how to reach them."""

    __tablename__ = "contact"
    __table_args__ = (
        UniqueConstraint("municipality_id", "role", name="uq_contact_municipality_role"),
        CheckConstraint(one_of("role", CONTACT_ROLES), name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    role: Mapped[str] = mapped_column(db.String(20))
    name: Mapped[str] = mapped_column(db.String(120))
    function: Mapped[str | None] = mapped_column(db.String(120))
    email: Mapped[str] = mapped_column(db.String(254), index=True)
    confirmed_on: Mapped[date | None]  # the day someone last confirmed the entry is right
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality = relationship("Municipality")


class LeaderVolunteer(Model):
    """A mayor who volunteers to lead conversations of a round (e.g. a cyberburgemeester)."""

    __tablename__ = "leader_volunteer"
    __table_args__ = (
        UniqueConstraint("round_id", "email", name="uq_leader_volunteer_email"),
        CheckConstraint("max_conversations >= 1", name="max_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    name: Mapped[str] = mapped_column(db.String(120))
    email: Mapped[str] = mapped_column(db.String(254))
    max_conversations: Mapped[int] = mapped_column(default=3)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    municipality = relationship("Municipality")
    unavailable = relationship("LeaderUnavailableDay", cascade="all, delete-orphan",
                               order_by="LeaderUnavailableDay.day", back_populates="volunteer")

    @property
    def unavailable_days(self) -> list[date]:
        return [u.day for u in self.unavailable]


class LeaderUnavailableDay(Model):
    """A day on which a volunteer cannot lead a conversation."""

    __tablename__ = "leader_unavailable_day"
    __table_args__ = (UniqueConstraint("volunteer_id", "day", name="uq_leader_unavailable_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("leader_volunteer.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]

    volunteer = relationship("LeaderVolunteer", back_populates="unavailable")
