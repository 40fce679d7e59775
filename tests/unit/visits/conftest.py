"""Domain tests of the visitatieronde: the world of tests/visit_world.py in an empty database
(tests/unit/conftest.py), no Flask application."""
import pytest

from tests.visit_world import build_visits


@pytest.fixture
def world(session, guides):
    return build_visits(session, guides)
