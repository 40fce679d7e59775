"""Domain tests of scheduling: a real SQLite database with the 342 municipalities and the five
themes, no Flask application."""
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session

import visitatie.models  # noqa: F401  (registers every table)
from visitatie.bootstrap import sync_themes
from visitatie.extensions import db
from visitatie.guides import load_guides
from visitatie.models import Municipality, Round, Theme
from visitatie.municipalities import parse_csv, upsert

REPO = Path(__file__).resolve().parents[3]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="session")
def guides():
    return load_guides(REPO / "interview_guides")


@pytest.fixture
def session(tmp_path, guides):
    engine = create_engine(f"sqlite:///{tmp_path / 'scheduling.sqlite'}")
    event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA foreign_keys=ON"))
    db.metadata.create_all(engine)
    with Session(engine) as session:
        upsert(session, parse_csv((REPO / "data" / "gemeenten.csv").read_text(encoding="utf-8")))
        sync_themes(session, guides)
        yield session
    engine.dispose()


@pytest.fixture
def town(session):
    """A municipality by name."""
    def find(name: str) -> Municipality:
        return session.scalar(select(Municipality).where(Municipality.name == name))
    return find


def local(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def make_round(session):
    def make(title="Gespreksronde 2025", kind="gespreksronde", start=date(2025, 3, 1), end=date(2025, 6, 30),
             themes=(1, 2, 3, 4, 5)) -> Round:
        round_ = Round(kind=kind, title=title, period_start=start, period_end=end, guide_version="2024.1",
                       themes=list(session.scalars(select(Theme).where(Theme.number.in_(themes)))))
        session.add(round_)
        session.flush()
        return round_
    return make
