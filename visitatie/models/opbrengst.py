"""Curated lessons and published opbrengst snapshots (issue: opbrengst).

Project leaders curate per round (the belangrijkste les, an introduction) and per theme (the
recommendation, findings, a quote, a practice example, lessons grouped from marked passages).
Every curation row carries a version: a save names the version it was based on, so two project
leaders never overwrite each other silently. A publication is an immutable snapshot of the
opbrengst (a plain JSON dict); publishing again makes a new version, old versions stay.
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Table, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from .types import UTCDateTime, utcnow

# Which marked passages a curated lesson groups: the link back to the answers it came from.
lesson_source = Table(
    "opbrengst_lesson_source",
    db.metadata,
    Column("lesson_id", ForeignKey("opbrengst_lesson.id", ondelete="CASCADE"), primary_key=True),
    Column("mark_id", ForeignKey("mark.id", ondelete="CASCADE"), primary_key=True),
)


class RoundCuration(Model):
    """What a round's opbrengst says as a whole: its title, the main lesson, an introduction."""

    __tablename__ = "opbrengst_curation"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(db.String(200), default="")  # "": derived from the round
    main_lesson: Mapped[str] = mapped_column(db.Text, default="")
    introduction: Mapped[str] = mapped_column(db.Text, default="")
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class ThemeCuration(Model):
    """One theme's curated yield in one round. Unset fields fall back to the guide's defaults."""

    __tablename__ = "opbrengst_theme_curation"
    __table_args__ = (
        UniqueConstraint("round_id", "theme_number", name="uq_opbrengst_theme_curation_theme"),
        # A municipality is only named in a practice example with its consent.
        CheckConstraint("practice_municipality IS NULL OR practice_consent", name="practice_consented"),
        CheckConstraint("practice_url IS NULL OR practice_url LIKE 'http://%' OR practice_url LIKE 'https://%'",
                        name="practice_url_web"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    theme_number: Mapped[int] = mapped_column(ForeignKey("theme.number"))
    recommendation: Mapped[str] = mapped_column(db.Text, default="")
    findings: Mapped[list] = mapped_column(db.JSON, default=list)
    # Only a quote with consent can be chosen; when the mark goes, so does the choice.
    quote_mark_id: Mapped[int | None] = mapped_column(ForeignKey("mark.id", ondelete="SET NULL"))
    practice_municipality: Mapped[str | None] = mapped_column(db.String(80))
    practice_title: Mapped[str | None] = mapped_column(db.String(200))
    practice_url: Mapped[str | None] = mapped_column(db.String(500))
    practice_consent: Mapped[bool] = mapped_column(default=False)
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}

    quote_mark = relationship("Mark")


class CuratedLesson(Model):
    """A lesson in the project leader's own wording, grouping one or more marked passages."""

    __tablename__ = "opbrengst_lesson"
    __table_args__ = (
        CheckConstraint("length(text) > 0", name="text_present"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    theme_number: Mapped[int] = mapped_column(ForeignKey("theme.number"))
    text: Mapped[str] = mapped_column(db.Text)
    created_by: Mapped[str] = mapped_column(db.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(db.String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # A withdrawn lesson leaves every published version (redacted) and every later one.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __mapper_args__ = {"version_id_col": version}

    sources = relationship("Mark", secondary=lesson_source, order_by="Mark.id")


class Publication(Model):
    """A published version of a round's opbrengst: the snapshot dict, frozen."""

    __tablename__ = "opbrengst_publication"
    __table_args__ = (
        UniqueConstraint("round_id", "version", name="uq_opbrengst_publication_version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    version: Mapped[int]
    snapshot: Mapped[dict] = mapped_column(db.JSON)
    published_by: Mapped[str] = mapped_column(db.String(200))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A whole version withdrawn by a project leader: who, when and why (the reason is not public).
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(db.String(200))
    withdrawn_reason: Mapped[str | None] = mapped_column(db.String(1000))

    round = relationship("Round")


class NationalRelease(Model):
    """A published release of the national picture of the visits: numbered and frozen, like an
    opbrengst version. The public page shows the latest release, never live data, so that two
    moments cannot be compared to read off one visit (opbrengst/disclosure.py, differencing)."""

    __tablename__ = "national_release"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    maturity: Mapped[dict | None] = mapped_column(db.JSON)   # the snapshot's "maturity" shape, protected
    visit_ids: Mapped[list] = mapped_column(db.JSON)         # the finalised visits it counts
    named: Mapped[list] = mapped_column(db.JSON, default=list)  # visits whose host consented to be named
    by_size: Mapped[dict | None] = mapped_column(db.JSON)    # per CBS size group, protected (national_by_size)
    published_by: Mapped[str] = mapped_column(db.String(200))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PublicationImmutable(Exception):
    """A published version cannot be changed; publish a new version instead. Redaction (a
    withdrawn quote, lesson or version) goes through opbrengst/withdrawal.py, which rewrites the
    stored snapshot with a Core UPDATE: the only change a published version ever takes."""


@event.listens_for(Publication, "before_update")
@event.listens_for(NationalRelease, "before_update")
def _refuse_changes(_mapper, _connection, publication) -> None:
    raise PublicationImmutable(f"versie {publication.version} is gepubliceerd en kan niet meer veranderen")
