"""Rounds and their conversations, for project leaders (read-only views)."""
from flask import Blueprint, abort, render_template
from sqlalchemy import select

from ..answers import answers_by_question
from ..auth import projectleider_required
from ..extensions import db
from ..guide_registry import current_guides
from ..models import Conversation, Round

bp = Blueprint("rounds", __name__, url_prefix="/rondes")


@bp.get("/")
@projectleider_required
def list_rounds():
    rounds = db.session.scalars(select(Round).order_by(Round.period_start.desc())).all()
    return render_template("rounds/index.html", rounds=rounds)


@bp.get("/<int:round_id>")
@projectleider_required
def show_round(round_id: int):
    round_ = db.session.get(Round, round_id) or abort(404)
    return render_template("rounds/show.html", round=round_)


@bp.get("/gesprekken/<int:conversation_id>")
@projectleider_required
def show_conversation(conversation_id: int):
    conversation = db.session.get(Conversation, conversation_id) or abort(404)
    guides = [g for g in current_guides() if g.number in {t.number for t in conversation.round.themes}]
    return render_template(
        "conversations/show.html", conversation=conversation, guides=guides,
        answers=answers_by_question(db.session, conversation),
    )
