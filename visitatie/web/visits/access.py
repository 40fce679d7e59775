"""The visit blueprint and the one way its views load a visit: `load_visit` asks
visits.visit_rights(), so a visit that does not exist, a conversation that is not a visit and a
visit of another municipality all give the same 404.

Shared by views.py and actions.py, so neither imports the other."""
from flask import Blueprint, abort, request
from flask_login import current_user

from ... import visits as domain
from ...extensions import db
from ...models import Conversation
from ...models.visits import Recommendation
from . import pages

bp = Blueprint("visits", __name__, url_prefix="/visitaties")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.after_request
def _no_store(response):
    # Scores and recommendations describe where a municipality is weak: never cached.
    response.headers["Cache-Control"] = "no-store"
    return response


def load_visit(visit_id: int, require: str | None = None):
    """The visit and the principal's rights: 404 when they may not read it, 403 without `require`."""
    conversation = db.session.get(Conversation, visit_id)
    rights = domain.visit_rights(current_user, conversation)
    if conversation is None or not rights.can_read:
        abort(404)
    if require and not getattr(rights, require):
        abort(403)
    if request.method not in ("GET", "HEAD"):  # a page that only reads writes nothing
        pages.prepare(db.session, conversation)
    return conversation, rights


def recommendation_of(conversation, recommendation_id: int, include_previous: bool = False) -> Recommendation:
    """A recommendation of this visit (or, for follow-up, of the host's previous visit); else 404."""
    recommendation = db.session.get(Recommendation, recommendation_id)
    allowed = {conversation.id}
    if include_previous:
        allowed.add(domain.visit_as_it_stands(db.session, conversation).previous_conversation_id)
    if recommendation is None or recommendation.conversation_id not in allowed:
        abort(404)
    return recommendation
