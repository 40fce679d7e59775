"""Loading objects for the planning views (404 when missing) and building public links."""
from flask import abort
from flask_login import current_user
from sqlalchemy import func, select

from ...extensions import db
from ...models import Conversation, Municipality, Participation, Round


def get_round(round_id: int) -> Round:
    return db.session.get(Round, round_id) or abort(404)


def get_conversation(conversation_id: int) -> Conversation:
    return db.session.get(Conversation, conversation_id) or abort(404)


def get_participation(participation_id: int) -> Participation:
    return db.session.get(Participation, participation_id) or abort(404)


def municipality_by_code(code: str | None) -> Municipality | None:
    if not code:
        return None
    return db.session.scalar(select(Municipality).where(Municipality.code == code))


def municipality_by_name(name: str | None) -> Municipality | None:
    if not name or not name.strip():
        return None
    return db.session.scalar(select(Municipality).where(func.lower(Municipality.name) == name.strip().lower()))


def all_municipalities() -> list[Municipality]:
    return list(db.session.scalars(select(Municipality).order_by(Municipality.name)))


def actor() -> str:
    """How the current project leader appears in a conversation's history."""
    return current_user.name or current_user.email


