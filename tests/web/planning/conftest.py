"""Helpers for the planning web tests: a round made through the domain, and form data."""
import pytest

from tests.factories import round_
from visitatie.extensions import db


@pytest.fixture
def round_id(app):
    """An empty gespreksronde from 1 March to 30 June 2025 with all five themes."""
    with app.app_context():
        empty = round_(db.session, status="concept")
        db.session.commit()
        return empty.id


def conversation_form(**overrides) -> dict:
    data = {
        "municipality_1": "GM0392", "municipality_2": "GM0935", "municipality_3": "",
        "day": "2025-04-15", "time": "14:00", "duration_minutes": "120", "place": "Stadhuis Haarlem",
        "online_url": "", "leader_name": "Pieter Dekker", "leader_email": "p.dekker@breda.example",
        "leader_municipality": "Breda",
        "participants-0-name": "Jos Wiersma", "participants-0-email": "burgemeester@haarlem.example",
        "participants-0-role": "burgemeester", "participants-0-municipality": "Haarlem",
        "participants-1-name": "", "participants-1-email": "", "participants-1-role": "ciso",
        "participants-1-municipality": "",
    }
    data.update(overrides)
    return data
