"""Fixtures of the domain tests: a real SQLite database per test, no Flask application."""
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

import visitatie.models  # noqa: F401  (registers every table)
from visitatie.bootstrap import sync_themes
from visitatie.extensions import db
from visitatie.guides.model import load_guides
from visitatie.importing.municipalities import parse_csv, upsert

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def guides():
    return load_guides(REPO / "interview_guides")


@pytest.fixture
def session(tmp_path):
    """An empty database with every table, foreign keys enforced as in the app."""
    engine = create_engine(f"sqlite:///{tmp_path / 'domain.sqlite'}")
    event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA foreign_keys=ON"))
    db.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def reference_session(session, guides):
    """The database with the 342 municipalities and the five themes loaded."""
    upsert(session, parse_csv((REPO / "data" / "gemeenten.csv").read_text(encoding="utf-8")))
    sync_themes(session, guides)
    return session
