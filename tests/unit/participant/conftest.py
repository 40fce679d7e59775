"""Domain tests of the participant side: the world of tests/participant_world.py in an empty
database (tests/unit/conftest.py), no Flask application."""
import pytest

from tests.participant_world import build_world


@pytest.fixture
def world(session, guides):
    return build_world(session, guides)
