"""Answers to guide questions, their previous versions, and marked lessons and quotes."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, one_of, utcnow

MARK_KINDS = ("les", "citaat")
CONSENTS = ("niet_publiceren", "anoniem", "met_naam")


class Answer(db.Model):
    """The current answer of one municipality to one question in one conversation.

    `version` grows with every save; a save based on an older version is a conflict.
    """

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("conversation_id", "municipality_id", "question_id", name="uq_answer_slot"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    question_id: Mapped[str] = mapped_column(db.String(80))
    value: Mapped[str] = mapped_column(db.Text, default="")
    guide_version: Mapped[str] = mapped_column(db.String(20))
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    conversation = relationship("Conversation")
    municipality = relationship("Municipality")
    revisions = relationship(
        "AnswerRevision", back_populates="answer", cascade="all, delete-orphan",
        order_by="AnswerRevision.version",
    )
    marks = relationship("Mark", back_populates="answer", cascade="all, delete-orphan")


class AnswerRevision(db.Model):
    """A previous version of an answer: the audit trail."""

    __tablename__ = "answer_revision"
    __table_args__ = (UniqueConstraint("answer_id", "version", name="uq_answer_revision_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    value: Mapped[str] = mapped_column(db.Text)
    changed_by: Mapped[str] = mapped_column(db.String(200))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    answer = relationship("Answer", back_populates="revisions")


class Mark(db.Model):
    """An answer (or a passage of it) marked as lesson or quote. Quotes carry consent."""

    __tablename__ = "mark"
    __table_args__ = (
        CheckConstraint(one_of("kind", MARK_KINDS), name="kind_known"),
        CheckConstraint(one_of("consent", CONSENTS), name="consent_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(db.String(10))
    passage: Mapped[str | None] = mapped_column(db.Text)  # None: the whole answer
    speaker_name: Mapped[str | None] = mapped_column(db.String(120))
    speaker_function: Mapped[str | None] = mapped_column(db.String(120))
    consent: Mapped[str] = mapped_column(db.String(20), default="niet_publiceren")
    created_by: Mapped[str] = mapped_column(db.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    answer = relationship("Answer", back_populates="marks")

    @property
    def text(self) -> str:
        return self.passage or self.answer.value
