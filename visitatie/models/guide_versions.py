"""Guide sets and their numbered versions, stored as the documents of interview_guides/.

A version is a concept (editable) or vastgesteld (frozen). Rounds pin a vastgesteld version, so a
frozen version must never change: the domain refuses it, and so does this model on every flush,
whichever code path tries.
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from ..vocabulary import GuideVersionStatus, codes
from .types import UTCDateTime, one_of, utcnow

GUIDE_VERSION_STATUSES = codes(GuideVersionStatus)
# The set shipped as YAML in interview_guides/: rounds without a guide set of their own use it.
DEFAULT_GUIDE_SET = "digitale-veiligheid"
DEFAULT_GUIDE_SET_TITLE = "Digitale veiligheid"


class FrozenGuideVersion(Exception):
    """Something tried to change a vastgesteld guide version."""


class GuideSetRecord(Model):
    __tablename__ = "guide_set"
    __table_args__ = (CheckConstraint("slug <> ''", name="slug_present"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(db.String(40), unique=True)
    title: Mapped[str] = mapped_column(db.String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    versions = relationship("GuideVersion", back_populates="guide_set", order_by="GuideVersion.id",
                            cascade="all, delete-orphan")


class GuideVersion(Model):
    __tablename__ = "guide_version"
    __table_args__ = (
        UniqueConstraint("guide_set_id", "number", name="number_once_per_set"),
        CheckConstraint(one_of("status", GUIDE_VERSION_STATUSES), name="status_known"),
        CheckConstraint("status = 'concept' OR frozen_at IS NOT NULL", name="frozen_has_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_set_id: Mapped[int] = mapped_column(ForeignKey("guide_set.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(db.String(20))  # "2024.1": the same pattern as the YAML files
    status: Mapped[str] = mapped_column(db.String(20), default="concept")
    content: Mapped[dict] = mapped_column(db.JSON)  # {"guides": [...], "maturity": [...]}
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("guide_version.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(db.String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    frozen_by: Mapped[str | None] = mapped_column(db.String(120))
    # Two project leaders editing the same concept never overwrite each other silently.
    lock: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": lock}

    guide_set = relationship("GuideSetRecord", back_populates="versions")
    based_on = relationship("GuideVersion", remote_side=[id])

    @property
    def frozen(self) -> bool:
        return self.status == GuideVersionStatus.VASTGESTELD

    def __repr__(self) -> str:
        return f"<GuideVersion {self.guide_set_id} {self.number} {self.status}>"


@event.listens_for(GuideVersion, "before_update")
def _refuse_changes_to_frozen(_mapper, _connection, target: GuideVersion) -> None:
    state = inspect(target)
    was = state.attrs.status.history.deleted
    if (was[0] if was else target.status) == GuideVersionStatus.VASTGESTELD:
        raise FrozenGuideVersion(f"versie {target.number} is vastgesteld en kan niet meer veranderen")


@event.listens_for(GuideVersion, "before_delete")
def _refuse_deleting_frozen(_mapper, _connection, target: GuideVersion) -> None:
    if target.status == GuideVersionStatus.VASTGESTELD:
        raise FrozenGuideVersion(f"versie {target.number} is vastgesteld en kan niet worden verwijderd")
