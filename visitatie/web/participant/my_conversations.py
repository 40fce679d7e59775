"""Mijn gesprekken (a participant's open conversations and visits) and signing out as a participant.

Routes on the participant blueprint. They always act as the participant of this browser, never as
a project leader's account signed in beside it (browser_sessions.ACTING_AS_PARTICIPANT).
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...accounts.browser_sessions import end_participant, start_participant
from ...conversations import my_conversations as domain
from ...conversations.permissions import ParticipantPrincipal
from ...extensions import db
from ...guides.registry import round_guides
from .access import bp, conversation_page, signed_in_required


def _participant() -> ParticipantPrincipal:
    """The signed-in participant (signed_in_required has let only a principal through)."""
    return current_user if isinstance(current_user, ParticipantPrincipal) else abort(404)


@bp.get("/mijn-gesprekken")
@signed_in_required
def list_my_conversations():
    me = _participant()
    items = domain.open_items(db.session, me.participation.person_id, round_guides)
    return render_template("participant/my_conversations.html", me=me, items=items)


@bp.post("/mijn-gesprekken/<int:participation_id>")
@signed_in_required
def enter_my_conversation(participation_id: int):
    """Move this browser's participant session to another of the person's places, as its own link
    would: bound to the same person and that conversation. Someone else's place, a closed one or one
    without a valid link is not found."""
    me = _participant()
    target = domain.find_open(db.session, me.participation.person_id, participation_id)
    if target is None:
        abort(404)
    start_participant(ParticipantPrincipal(target))
    return redirect(conversation_page(target.conversation))


@bp.post("/deelnemer/uitloggen")
def logout_participant():
    """Ends the participant's session only; a project leader's account in this browser goes on."""
    end_participant()
    flash(_("U bent afgemeld als deelnemer."), "info")
    return redirect(url_for("main.show_home"))
