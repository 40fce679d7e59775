"""The participant blueprint and the one way its views load a conversation.

Every view asks permissions.capabilities() through `load_conversation`: a conversation that does
not exist and one the principal may not read give the same 404, so nobody learns which
conversations exist. Shared by views.py, actions.py and my_conversations.py (and the visit pages,
which use `signed_in_required`), so none of them imports another.
"""
from functools import wraps

from flask import Blueprint, abort, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...conversations.permissions import capabilities
from ...extensions import db
from ...models import Conversation
from ...visits import is_visit
from ..negotiation import wants_json

bp = Blueprint("participant", __name__)


@bp.after_request
def _no_store(response):
    # Answers are sensitive: no copy in the browser's or a proxy's cache, not even of a page.
    response.headers["Cache-Control"] = "no-store"
    return response


def signed_in_required(view):
    """Anyone not signed in gets the same answer for every conversation URL, real or not."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            if wants_json():
                return jsonify(error="signed_out", message=_signed_out_message()), 401
            return render_template("participant/sign_in.html", next=request.path), 401
        return view(*args, **kwargs)

    return wrapped


def _signed_out_message() -> str:
    return _("U bent niet meer aangemeld. Uw tekst is in deze browser bewaard. Open de persoonlijke link "
             "uit uw uitnodiging opnieuw; daarna kunt u de tekst terugzetten.")


def load_conversation(conversation_id: int, require: str | None = None):
    """The conversation and what the principal may do with it.

    404 when they may not read it (whether or not it exists); 403 when they may read it but
    lack the capability named by `require` ("can_mark", "can_finalise", ...).
    """
    conversation = db.session.get(Conversation, conversation_id)
    caps = capabilities(current_user, conversation)
    if not caps.can_read:
        abort(404)
    if require and not getattr(caps, require):
        abort(403)
    return conversation, caps


def conversation_page(conversation) -> str:
    """Where a participant lands in a conversation: a visit has its own page."""
    if is_visit(conversation):
        return url_for("visits.show_visit", visit_id=conversation.id)
    return url_for(".show_conversation", conversation_id=conversation.id)
