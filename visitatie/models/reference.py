"""Reference data: municipalities and the five themes."""
from sqlalchemy import CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model, db
from ..municipality_size import size_class


class Municipality(Model):
    __tablename__ = "municipality"
    __table_args__ = (
        CheckConstraint("length(code) = 6 AND code LIKE 'GM%'", name="code_format"),
        CheckConstraint("population IS NULL OR population >= 0", name="population_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(db.String(6), unique=True)
    name: Mapped[str] = mapped_column(db.String(80), unique=True)
    province: Mapped[str] = mapped_column(db.String(40))
    safety_region_code: Mapped[str] = mapped_column(db.String(4))
    safety_region: Mapped[str] = mapped_column(db.String(80))
    population: Mapped[int | None]
    source_year: Mapped[int | None]

    @property
    def population_class(self) -> str:
        """The key of its CBS size class (visitatie/municipality_size.py)."""
        return size_class(self.population)

    def __repr__(self) -> str:
        return f"<Municipality {self.code} {self.name}>"


class Theme(Model):
    """A priority theme; its questions live in the guide file, this row anchors rounds to it.

    The rows are the themes of the shipped set (Digitale veiligheid). A round of another guide set
    uses the rows as numbered slots: its titles and questions come from its own guide version
    (guide_registry.round_guides), never from these rows."""

    __tablename__ = "theme"
    __table_args__ = (CheckConstraint("number BETWEEN 1 AND 5", name="number_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    slug: Mapped[str] = mapped_column(db.String(40), unique=True)
    title: Mapped[str] = mapped_column(db.String(120))
    recommendation: Mapped[str] = mapped_column(db.String(200))
    guide_version: Mapped[str] = mapped_column(db.String(20))

    def __repr__(self) -> str:
        return f"<Theme {self.number} {self.slug}>"
