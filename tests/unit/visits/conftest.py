"""Domain tests of the visitatieronde: a real SQLite database, no Flask application."""
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

import visitatie.models  # noqa: F401  (registers every table)
from visitatie.extensions import db
from visitatie.guides import load_guides
from tests.visit_world import build_visits

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def guides():
    return load_guides(REPO / "interview_guides")


@pytest.fixture
def session(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'visits.sqlite'}")
    event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA foreign_keys=ON"))
    db.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def world(session, guides):
    return build_visits(session, guides)
