"""Scheduling: municipalities enrolled in a round, their intake self-scans, rejected pairings."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from ..vocabulary import EnrolmentSource, codes
from .types import UTCDateTime, one_of, utcnow

ENROLMENT_SOURCES = codes(EnrolmentSource)


class RoundMunicipality(Model):
    """A municipality taking part in a round (enrolled by the self-scan import or by hand)."""

    __tablename__ = "round_municipality"
    __table_args__ = (
        UniqueConstraint("round_id", "municipality_id", name="uq_round_municipality_once"),
        CheckConstraint(one_of("source", ENROLMENT_SOURCES), name="source_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    source: Mapped[str] = mapped_column(db.String(20), default="handmatig")
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    round = relationship("Round")
    municipality = relationship("Municipality")
    scores = relationship(
        "SelfScanScore", back_populates="enrolment", cascade="all, delete-orphan",
        order_by="SelfScanScore.theme_number",
    )

    def score_by_theme(self) -> dict[int, int]:
        return {s.theme_number: s.score for s in self.scores}


class SelfScanScore(Model):
    """The intake self-scan: how a municipality rates itself on one theme, 1 (weak) to 5 (strong)."""

    __tablename__ = "self_scan_score"
    __table_args__ = (
        UniqueConstraint("enrolment_id", "theme_number", name="uq_self_scan_score_theme"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("round_municipality.id", ondelete="CASCADE"), index=True
    )
    theme_number: Mapped[int] = mapped_column(ForeignKey("theme.number"))
    score: Mapped[int]

    enrolment = relationship("RoundMunicipality", back_populates="scores")


class PairRejection(Model):
    """A proposed pair the project leader rejected: it is not proposed again in this round."""

    __tablename__ = "pair_rejection"
    __table_args__ = (
        UniqueConstraint("round_id", "first_id", "second_id", name="uq_pair_rejection_pair"),
        CheckConstraint("first_id < second_id", name="pair_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    second_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    rejected_by: Mapped[str] = mapped_column(db.String(200))
    rejected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
