"""Two sign-ins side by side in one browser: a project leader's account and a participant's link.

A project leader who opens a participant's personal link (their own as a note-taker, or a link
to try out) must not lose their account session, and the participant's session must not gain
the account's rights. So the Flask session holds two separate parts:

- the account: Flask-Login's `_user_id` ("user:<id>") with the key of its server-side session
  (auth.LOGIN_KEY, login_sessions.py);
- the participant: PARTICIPANT_ID and PARTICIPANT_BINDING, bound to one person and one conversation
  as a link binds it (permissions.ParticipantPrincipal.binding).

Each request acts as exactly one of them, never as a mix (`principal_for_request`): on the
participant pages of the conversation or visit the participant is bound to, and on their own pages
(ACTING_AS_PARTICIPANT), the participant; everywhere else the account when there is one, else the
participant. Capabilities are always computed for that one principal. Ending one part (logging
out, a new link, signing in again) leaves the other as it was.
"""
from flask import request, session

from ..conversations.permissions import ParticipantPrincipal, load_participant
from ..extensions import db

PARTICIPANT_ID = "participant_id"
# ParticipantPrincipal.binding of the link (or the "Mijn gesprekken" choice) that opened the session.
PARTICIPANT_BINDING = "participant_binding"
PARTICIPANT_KEYS = (PARTICIPANT_ID, PARTICIPANT_BINDING)
# The pages a participant works on, and their route arguments that name a conversation (a visit is
# a conversation of a visitatieronde). The planning pages of the same conversation stay the account's.
PARTICIPANT_BLUEPRINTS = ("participant", "visits")
CONVERSATION_ARGUMENTS = ("conversation_id", "visit_id")
# Endpoints that exist only for a participant: they never act as a project leader's account.
ACTING_AS_PARTICIPANT = {"participant.list_my_conversations", "participant.enter_my_conversation",
                         "participant.logout_participant"}


def signed_in_participant() -> ParticipantPrincipal | None:
    """The participant of this browser, while one of their links is valid and the binding holds."""
    participation_id = session.get(PARTICIPANT_ID)
    if not isinstance(participation_id, int):
        return None
    principal = load_participant(db.session, participation_id)
    if principal is None or session.get(PARTICIPANT_BINDING) != principal.binding:
        return None
    return principal


def start_participant(principal: ParticipantPrincipal) -> None:
    """Bind this browser's participant part to a participation: a link, or a choice on Mijn gesprekken.
    The account part, if any, stays as it was."""
    end_participant()
    session.permanent = True
    session[PARTICIPANT_ID] = principal.participation.id
    session[PARTICIPANT_BINDING] = principal.binding


def end_participant() -> None:
    for key in PARTICIPANT_KEYS:
        session.pop(key, None)


def clear_keeping_participant() -> None:
    """A fresh session for the account part (sign-in, logout, a password link): nothing of an
    earlier account carries over, the participant part does."""
    kept = {key: session[key] for key in PARTICIPANT_KEYS if key in session}
    session.clear()
    if kept:
        session.update(kept)
        session.permanent = True  # as the link made it (Flask-Login would otherwise drop the session)


def acts_as_participant(principal: ParticipantPrincipal) -> bool:
    """Whether this request belongs to the participant rather than to a signed-in account."""
    if request.endpoint in ACTING_AS_PARTICIPANT:
        return True
    if request.blueprint not in PARTICIPANT_BLUEPRINTS:
        return False
    arguments = request.view_args or {}
    return any(arguments.get(name) == principal.conversation_id for name in CONVERSATION_ARGUMENTS)


def principal_for_request(account):
    """Who acts in this request: the participant on their own pages, else the account, else the
    participant (whose rights then reach no further than their own conversation). Never both."""
    participant = signed_in_participant()
    if participant is not None and (account is None or acts_as_participant(participant)):
        return participant
    if account is not None and request.endpoint in ACTING_AS_PARTICIPANT:
        return None
    return account
