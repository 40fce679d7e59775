"""Web tests of the participant side: the hand-made world, links and signing in."""
from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.participant_world import build_world
from visitatie.conversations import invitations
from visitatie.conversations.answers import Change, save_answer
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation, Participation
from visitatie.models.types import utcnow

OPEN = "leiderschap.eigenaarschap"


@dataclass
class Ids:
    a: int
    b: int
    haarlem: int
    maastricht: int
    delft: int
    leader: int
    note_taker: int
    mayor: int
    ciso: int
    other_mayor: int


@pytest.fixture
def world(app) -> Ids:
    with app.app_context():
        w = build_world(db.session, current_guides())
        return Ids(w.a.id, w.b.id, w.haarlem.id, w.maastricht.id, w.delft.id, w.leader.id, w.note_taker.id,
                   w.mayor.id, w.ciso.id, w.other_mayor.id)


@pytest.fixture
def link(app):
    """A personal link (the plain token) for a participation; `expired=True` makes an old one."""

    def make(participation_id: int, expired: bool = False) -> str:
        with app.app_context():
            participation = db.session.get(Participation, participation_id)
            now = utcnow() - timedelta(days=40) if expired else None
            _invitation, token = invitations.issue(db.session, participation, days_valid=30, now=now)
            db.session.commit()
            return token

    return make


@pytest.fixture
def sign_in(client, link):
    def do(participation_id: int, browser=None):
        response = (browser or client).post("/uitnodiging", data={"token": link(participation_id)})
        assert response.status_code == 302, response.status_code
        return response

    return do


@pytest.fixture
def revoke(app):
    def do(participation_id: int):
        with app.app_context():
            invitations.revoke_all(db.session, db.session.get(Participation, participation_id))
            db.session.commit()

    return do


@pytest.fixture
def answer(app):
    """Store an answer directly; returns its id."""

    def save(conversation_id, municipality_id, question_id=OPEN, value="Een antwoord.", version=0, by="Test"):
        with app.app_context():
            guides = current_guides()
            stored = save_answer(db.session, db.session.get(Conversation, conversation_id), municipality_id,
                                 Change(guides.question(question_id), value, version), by, guides)
            return stored.id

    return save
