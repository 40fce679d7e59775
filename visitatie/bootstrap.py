"""Bring a database up to date: schema migrations, the themes from the guides, municipalities.

Idempotent: running it twice changes nothing the second time and never removes data.
"""
from dataclasses import dataclass
from pathlib import Path

from .guides.model import GuideSet
from .guides.versions import ensure_shipped_version, sync_theme_rows
from .importing.municipalities import ImportResult, import_file
from .models.types import DbSession


@dataclass(frozen=True)
class InitResult:
    themes_created: int
    themes_updated: int
    municipalities: ImportResult


def sync_themes(session: DbSession, guides: GuideSet) -> tuple[int, int]:
    """Create or update one Theme row per guide of the shipped set, matched on theme number; and
    store the shipped YAML as the vastgesteld first version of that set."""
    ensure_shipped_version(session, guides)
    created, updated = sync_theme_rows(session, guides)
    session.commit()
    return created, updated


def load_reference_data(session: DbSession, guides: GuideSet, data_dir: str | Path) -> InitResult:
    created, updated = sync_themes(session, guides)
    municipalities = import_file(session, Path(data_dir) / "gemeenten.csv")
    return InitResult(created, updated, municipalities)
