"""SQLAlchemy models, one module per area; imported here so that Alembic sees them all."""
from .answers import CONSENTS, MARK_KINDS, Answer, AnswerRevision, Mark
from .invitations import Invitation
from .people import USER_ROLES, Person, User
from .reference import Municipality, Theme
from .rounds import (
    CONVERSATION_STATUSES,
    MUNICIPAL_ROLES,
    PARTICIPANT_ROLES,
    ROUND_KINDS,
    ROUND_STATUSES,
    Conversation,
    ConversationEvent,
    Participation,
    Round,
    conversation_municipality,
    round_theme,
)

# The names above are this package's interface (explicit, so that mypy's no_implicit_reexport sees them).
__all__ = [
    "CONSENTS", "CONVERSATION_STATUSES", "MARK_KINDS", "MUNICIPAL_ROLES", "PARTICIPANT_ROLES", "ROUND_KINDS",
    "ROUND_STATUSES", "USER_ROLES", "Answer", "AnswerRevision", "Conversation", "ConversationEvent", "Invitation",
    "Mark", "Municipality", "Participation", "Person", "Round", "Theme", "User", "conversation_municipality",
    "round_theme",
]

# Every text typed by a user is cleaned on flush, whichever session writes it.
from .. import text_input  # noqa: E402,F401  isort:skip
# Registered for Alembic and create_all(); import their classes from the modules themselves.
from . import accounts, contacts, guide_versions, opbrengst, reminders, scheduling, security, visits  # noqa: E402,F401  isort:skip
