"""Rounds, their conversations, who takes part, and the history of each conversation."""
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from ..vocabulary import MUNICIPAL_ROLES as ROLES_OF_A_MUNICIPALITY
from ..vocabulary import ConversationStatus, Role, RoundKind, RoundStatus, codes
from .types import UTCDateTime, one_of, utcnow

ROUND_KINDS = codes(RoundKind)
ROUND_STATUSES = codes(RoundStatus)
CONVERSATION_STATUSES = codes(ConversationStatus)
PARTICIPANT_ROLES = codes(Role)
# Roles that answer on behalf of their own municipality (plain strings, as the other tuples here).
MUNICIPAL_ROLES = codes(ROLES_OF_A_MUNICIPALITY)
RETENTION_MONTHS_DEFAULT = 12

def _new_calendar_uid() -> str:
    return f"{uuid.uuid4()}@visitatie"


round_theme = Table(
    "round_theme",
    db.metadata,
    Column("round_id", ForeignKey("round.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id"), primary_key=True),
)

conversation_municipality = Table(
    "conversation_municipality",
    db.metadata,
    Column("conversation_id", ForeignKey("conversation.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipality.id"), primary_key=True),
)


class Round(Model):
    __tablename__ = "round"
    __table_args__ = (
        CheckConstraint(one_of("kind", ROUND_KINDS), name="kind_known"),
        CheckConstraint(one_of("status", ROUND_STATUSES), name="status_known"),
        CheckConstraint("period_end >= period_start", name="period_order"),
        CheckConstraint("retention_months >= 1", name="retention_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(db.String(20), default=RoundKind.GESPREKSRONDE.value)
    title: Mapped[str] = mapped_column(db.String(200))
    period_start: Mapped[date]
    period_end: Mapped[date]
    status: Mapped[str] = mapped_column(db.String(20), default="concept")
    # The guide set (its slug) and the vastgesteld version of it that this round uses.
    guide_set: Mapped[str] = mapped_column(db.String(40), default="digitale-veiligheid",
                                           server_default="digitale-veiligheid")
    guide_version: Mapped[str] = mapped_column(db.String(20))
    # Raw answers are kept this many months after the round's last publication (lifecycle/purge.py).
    retention_months: Mapped[int] = mapped_column(default=RETENTION_MONTHS_DEFAULT,
                                                  server_default=str(RETENTION_MONTHS_DEFAULT))
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # raw data deleted; snapshots kept
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    themes = relationship("Theme", secondary=round_theme, order_by="Theme.number")
    conversations = relationship(
        "Conversation", back_populates="round", order_by="Conversation.starts_at",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<Round {self.id} {self.title}>"


class Conversation(Model):
    """One bestuurlijk gesprek: two (or more) municipalities and a gespreksleider."""

    __tablename__ = "conversation"
    __table_args__ = (
        CheckConstraint(one_of("status", CONVERSATION_STATUSES), name="status_known"),
        CheckConstraint("duration_minutes > 0", name="duration_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(default=120)
    place: Mapped[str | None] = mapped_column(db.String(200))
    online_url: Mapped[str | None] = mapped_column(db.String(500))
    status: Mapped[str] = mapped_column(db.String(20), default=ConversationStatus.GEPLAND.value)
    # Calendar bookkeeping: a stable UID and a SEQUENCE that grows with every reschedule.
    calendar_uid: Mapped[str] = mapped_column(db.String(100), unique=True, default=_new_calendar_uid)
    calendar_sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Optimistic locking: every UPDATE checks and raises the version, so two project leaders
    # saving the same conversation never overwrite each other silently (StaleDataError).
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}

    round = relationship("Round", back_populates="conversations")
    municipalities = relationship(
        "Municipality", secondary=conversation_municipality, order_by="Municipality.name"
    )
    participations = relationship(
        "Participation", back_populates="conversation", cascade="all, delete-orphan",
        order_by="Participation.id",
    )
    events = relationship(
        "ConversationEvent", back_populates="conversation", cascade="all, delete-orphan",
        order_by="ConversationEvent.at",
    )

    @property
    def gespreksleider(self):
        for participation in self.participations:
            if participation.role == "gespreksleider":
                return participation
        return None

    @property
    def title(self) -> str:
        return " – ".join(m.name for m in self.municipalities) or f"Gesprek {self.id}"

    def __repr__(self) -> str:
        return f"<Conversation {self.id} {self.title}>"


class Participation(Model):
    """A person's part in a conversation, with role and (for municipal roles) municipality."""

    __tablename__ = "participation"
    __table_args__ = (
        CheckConstraint(one_of("role", PARTICIPANT_ROLES), name="role_known"),
        UniqueConstraint("conversation_id", "person_id", "role", name="uq_participation_person_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    role: Mapped[str] = mapped_column(db.String(20))

    conversation = relationship("Conversation", back_populates="participations")
    person = relationship("Person")
    municipality = relationship("Municipality")

    def __repr__(self) -> str:
        return f"<Participation {self.role} {self.person_id} in {self.conversation_id}>"


class ConversationEvent(Model):
    """History of a conversation: status changes, reschedules, finalising and reopening."""

    __tablename__ = "conversation_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(db.String(200))  # who, as shown in the history
    kind: Mapped[str] = mapped_column(db.String(30))  # status, reschedule, reopen, ...
    old_value: Mapped[str | None] = mapped_column(db.Text)
    new_value: Mapped[str | None] = mapped_column(db.Text)
    reason: Mapped[str | None] = mapped_column(db.Text)

    conversation = relationship("Conversation", back_populates="events")
