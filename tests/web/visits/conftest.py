"""Web tests of the visitatieronde: the visit world in the app's database, and signing in."""
from dataclasses import dataclass

import pytest

from tests.visit_world import build_visits
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Participation


@dataclass
class Ids:
    first: int      # Haarlem 2024
    second: int     # Haarlem 2025
    oss: int        # Oss 2025
    member: int     # commissielid Pieter Dekker, in the first visit
    secretary: int  # secretaris, in the first visit
    mayor: int      # burgemeester of Haarlem, in the first visit
    ciso: int       # CISO of Haarlem, in the first visit
    second_mayor: int  # burgemeester of Haarlem, in the second visit
    second_member: int
    oss_mayor: int  # burgemeester of Oss, in the Oss visit


@pytest.fixture
def world(app) -> Ids:
    with app.app_context():
        w = build_visits(db.session, current_guides())
        return Ids(w.first.id, w.second.id, w.oss.id, w.participation(w.first, "commissielid", "Pieter Dekker").id,
                   w.participation(w.first, "secretaris").id, w.participation(w.first, "burgemeester").id,
                   w.participation(w.first, "ciso").id, w.participation(w.second, "burgemeester").id,
                   w.participation(w.second, "commissielid", "Pieter Dekker").id,
                   w.participation(w.oss, "burgemeester").id)


@pytest.fixture
def sign_in(app):
    """A fresh test client signed in through a personal link of the participation."""

    def do(participation_id: int):
        with app.app_context():
            _invitation, token = invitations.issue(db.session, db.session.get(Participation, participation_id), 30)
            db.session.commit()
        browser = app.test_client()
        response = browser.post("/uitnodiging", data={"token": token})
        assert response.status_code == 302, response.status_code
        return browser

    return do
