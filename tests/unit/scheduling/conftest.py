"""Domain tests of scheduling: a real SQLite database with the 342 municipalities and the five
themes, no Flask application."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from visitatie.models import Municipality, Round

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

@pytest.fixture
def session(reference_session):
    """With the municipalities and themes (tests/unit/conftest.py)."""
    return reference_session


@pytest.fixture
def town(session):
    """A municipality by name."""
    def find(name: str) -> Municipality:
        return factories.municipality(session, name)
    return find


def local(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def make_round(session):
    def make(title="Gespreksronde 2025", kind="gespreksronde", start=date(2025, 3, 1), end=date(2025, 6, 30),
             themes=(1, 2, 3, 4, 5)) -> Round:
        return factories.round_(session, kind=kind, title=title, period_start=start, period_end=end,
                                status="concept", themes=factories.themes(session, numbers=themes))
    return make
