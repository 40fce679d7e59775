"""Answers to guide questions, their previous versions, and marked lessons and quotes."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from ..vocabulary import STORED_CONSENTS, MarkKind, codes
from .types import UTCDateTime, one_of, utcnow

MARK_KINDS = codes(MarkKind)
# "gevraagd": proposed as a quote, the speaker has not answered yet. Only the speaker changes it.
CONSENTS = codes(STORED_CONSENTS)


class Answer(Model):
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


class AnswerRevision(Model):
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


class Mark(Model):
    """An answer (or a passage of it) marked as lesson or quote. Quotes carry consent.

    Consent is the speaker's own (through their personal link) and bound to the words: the exact
    text and its SHA-256 are stored when it is given. Publication uses the stored text; when the
    answer changes so that the marked text differs, the consent has lapsed (quotes.problem).
    """

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
    # The participation of the speaker: only that person can give or withdraw consent.
    speaker_participation_id: Mapped[int | None] = mapped_column(
        ForeignKey("participation.id", ondelete="SET NULL"), index=True)
    consent: Mapped[str] = mapped_column(db.String(20), default="gevraagd")
    consented_text: Mapped[str | None] = mapped_column(db.Text)
    consented_hash: Mapped[str | None] = mapped_column(db.String(64))
    consent_given_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(db.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    answer = relationship("Answer", back_populates="marks")
    speaker = relationship("Participation")

    @property
    def text(self) -> str:
        return self.passage or self.answer.value

    @property
    def current_text(self) -> str:
        from ..conversations.marks import current_text  # the rule lives with the marks, not the model
        return current_text(self.passage, self.answer.value)
