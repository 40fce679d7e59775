"""Visitatieronde: visits, maturity scores, recommendations and follow-up (issue: visitatieronde).

A visit is a Conversation in a round of kind "visitatieronde" with exactly one (host) municipality;
the tables here hang off that conversation. Scores, the response and recommendations carry a
version: a save names the version it was based on, so two committee members never overwrite each
other silently.
"""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from ..vocabulary import Priority, RecommendationOwner, RecommendationStatus, ScoreSource, codes
from .types import UTCDateTime, one_of, utcnow

SCORE_SOURCES = codes(ScoreSource)
MATURITY_LEVELS = (1, 2, 3, 4, 5)
PRIORITIES = codes(Priority)
# Who in the host municipality owns a recommendation.
OWNER_ROLES = codes(RecommendationOwner)
RECOMMENDATION_STATUSES = codes(RecommendationStatus)
TEXT_MAX_LENGTH = 5000


class Visit(Model):
    """What a visit adds to its conversation: the earlier visit it follows up, and consent."""

    __tablename__ = "visit"
    __table_args__ = (
        CheckConstraint("previous_conversation_id IS NULL OR previous_conversation_id <> conversation_id",
                        name="not_its_own_previous"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), unique=True)
    # The host's earlier visit (a year before): its scores and recommendations are shown beside these.
    previous_conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL"), index=True)
    # Consent of the host to be named with its committee scores in the public national picture.
    consent_named: Mapped[bool] = mapped_column(default=False)
    consent_changed_by: Mapped[str | None] = mapped_column(db.String(200))
    consent_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conversation = relationship("Conversation", foreign_keys=[conversation_id])
    previous = relationship("Conversation", foreign_keys=[previous_conversation_id])


class MaturityScore(Model):
    """A level 1-5 on one theme with its justification: by the host (self) or by the committee."""

    __tablename__ = "maturity_score"
    __table_args__ = (
        UniqueConstraint("conversation_id", "theme_number", "source", name="uq_maturity_score_slot"),
        CheckConstraint(one_of("source", SCORE_SOURCES), name="source_known"),
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    theme_number: Mapped[int] = mapped_column(ForeignKey("theme.number"))
    source: Mapped[str] = mapped_column(db.String(10))
    level: Mapped[int]
    justification: Mapped[str] = mapped_column(db.Text, default="")
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)


class ChecklistEntry(Model):
    """One document of a theme's checklist: present or not, its date, a remark. No files."""

    __tablename__ = "checklist_entry"
    __table_args__ = (UniqueConstraint("conversation_id", "item_id", name="uq_checklist_entry_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[str] = mapped_column(db.String(80))
    present: Mapped[bool | None]  # None: not yet filled in
    document_date: Mapped[date | None]
    remark: Mapped[str] = mapped_column(db.Text, default="")
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Finding(Model):
    """A finding (bevinding) of the committee on one theme."""

    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    theme_number: Mapped[int] = mapped_column(ForeignKey("theme.number"))
    text: Mapped[str] = mapped_column(db.Text)
    created_by: Mapped[str] = mapped_column(db.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Recommendation(Model):
    """A recommendation of the committee, followed up by the host through its status."""

    __tablename__ = "recommendation"
    __table_args__ = (
        CheckConstraint(one_of("priority", PRIORITIES), name="priority_known"),
        CheckConstraint(one_of("owner_role", OWNER_ROLES), name="owner_role_known"),
        CheckConstraint(one_of("status", RECOMMENDATION_STATUSES), name="status_known"),
        # "Niet overgenomen" (not adopted) always says why.
        CheckConstraint("status <> 'niet_overgenomen' OR length(status_reason) > 0", name="reason_when_declined"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True)
    theme_number: Mapped[int] = mapped_column(ForeignKey("theme.number"))
    priority: Mapped[str] = mapped_column(db.String(10))
    owner_role: Mapped[str] = mapped_column(db.String(30))
    deadline: Mapped[date]
    text: Mapped[str] = mapped_column(db.Text)
    status: Mapped[str] = mapped_column(db.String(20), default="open")
    status_reason: Mapped[str] = mapped_column(db.Text, default="")
    created_by: Mapped[str] = mapped_column(db.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    events = relationship("RecommendationEvent", back_populates="recommendation",
                          cascade="all, delete-orphan", order_by="RecommendationEvent.id")


class RecommendationEvent(Model):
    """The status history of a recommendation: who changed it when, from what to what, and why."""

    __tablename__ = "recommendation_event"
    __table_args__ = (
        CheckConstraint(one_of("new_status", RECOMMENDATION_STATUSES), name="new_status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(db.String(200))
    old_status: Mapped[str | None] = mapped_column(db.String(20))
    new_status: Mapped[str] = mapped_column(db.String(20))
    note: Mapped[str] = mapped_column(db.Text, default="")

    recommendation = relationship("Recommendation", back_populates="events")


class VisitResponse(Model):
    """The host's bestuurlijke reactie (administrative response) to the committee's report."""

    __tablename__ = "visit_response"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(db.Text, default="")
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
