"""Bring a database up to date: schema migrations, the themes from the guides, municipalities.

Idempotent: running it twice changes nothing the second time and never removes data.
"""
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .guides import GuideSet
from .models import Theme
from .municipalities import ImportResult, import_file


@dataclass(frozen=True)
class InitResult:
    themes_created: int
    themes_updated: int
    municipalities: ImportResult


def sync_themes(session: Session, guides: GuideSet) -> tuple[int, int]:
    """Create or update one Theme row per guide, matched on theme number."""
    existing = {t.number: t for t in session.scalars(select(Theme))}
    created = updated = 0
    for guide in guides:
        values = {"slug": guide.slug, "title": guide.title, "recommendation": guide.recommendation,
                  "guide_version": guide.version}
        theme = existing.get(guide.number)
        if theme is None:
            session.add(Theme(number=guide.number, **values))
            created += 1
        elif any(getattr(theme, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(theme, key, value)
            updated += 1
    session.commit()
    return created, updated


def load_reference_data(session: Session, guides: GuideSet, data_dir: str | Path) -> InitResult:
    created, updated = sync_themes(session, guides)
    municipalities = import_file(session, Path(data_dir) / "gemeenten.csv")
    return InitResult(created, updated, municipalities)
