"""Who may do what with a conversation: the permission matrix as plain functions.

Every route and every export asks `capabilities(principal, conversation)` and nothing else, so
the rules live in one place and are tested as one table. A principal is whoever is signed in:

- a project leader's account (`User` with `is_projectleider`): everything, in every conversation;
- a participant signed in through a personal link (`ParticipantPrincipal`): bound to the one
  conversation of that link, with the rights of their role in it;
- anyone else (anonymous, or a participant of another conversation): nothing at all.

| role in the conversation                      | read | edit answers          | finalise | mark | history |
|-----------------------------------------------|------|-----------------------|----------|------|---------|
| projectleider (account)                       | yes  | every municipality    | yes      | yes  | yes     |
| gespreksleider, commissielid, secretaris      | yes  | every municipality    | yes      | yes  | no      |
| projectleider (taking part through a link)    | yes  | every municipality    | yes      | yes  | yes     |
| notulist                                      | yes  | every municipality    | no       | yes  | no      |
| burgemeester, ciso, adviseur_oov (deelnemer)  | yes  | own municipality only | no       | no   | no      |
| anyone else                                   | no   | no                    | no       | no   | no      |

Reading covers both municipalities: a bestuurlijk gesprek is a joint conversation. Whether an
answer can be changed right now also depends on the conversation's state (a finalised conversation
is read-only); that is `answers.is_locked`, not a permission.

No Flask here: the functions take plain objects, so issue code (visits, exports) and unit tests
call them directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from ..models import MUNICIPAL_ROLES, Conversation, Participation
from ..models.invitations import Invitation
from ..models.types import DbSession, utcnow

# Roles that lead a conversation (or a visit): read, record for every municipality, finalise, mark.
LEADING_ROLES = ("gespreksleider", "commissielid", "secretaris", "projectleider")
# The note-taker records and marks, but does not finalise.
NOTE_TAKING_ROLES = ("notulist",)


@dataclass(frozen=True)
class Capabilities:
    can_read: bool = False
    editable_municipalities: frozenset[int] = field(default_factory=frozenset)
    can_finalise: bool = False
    can_mark: bool = False
    can_see_history: bool = False

    def can_edit_municipality(self, municipality: object) -> bool:
        """Whether this principal may change the answers of a municipality (object or id)."""
        municipality_id = getattr(municipality, "id", municipality)
        return municipality_id in self.editable_municipalities

    @property
    def can_edit_any(self) -> bool:
        return bool(self.editable_municipalities)


NOTHING = Capabilities()


class ParticipantPrincipal:
    """A participant signed in through a personal invitation link.

    Implements what Flask-Login asks of a user object, without importing Flask. The session
    stores "participation:<id>" and its `binding`; the link's validity is checked again on every
    request (see `load_participant`), so revoking a link ends the sessions it opened.
    """

    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_projectleider = False

    def __init__(self, participation: Participation):
        self.participation = participation

    def get_id(self) -> str:
        return f"participation:{self.participation.id}"

    @property
    def binding(self) -> str:
        """Whose link opened the session, and for which conversation: kept in the session beside the
        id. SQLite hands the highest id out again after a delete, so a participation removed from a
        conversation could otherwise come back as someone else's place, in another conversation."""
        return f"{self.participation.person_id}:{self.participation.conversation_id}"

    @property
    def conversation_id(self) -> int:
        return self.participation.conversation_id

    @property
    def name(self) -> str:
        name: str = self.participation.person.name  # relationship() is typed Any
        return name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParticipantPrincipal) and other.get_id() == self.get_id()

    def __hash__(self) -> int:
        return hash(self.get_id())

    def __repr__(self) -> str:
        return f"<ParticipantPrincipal {self.participation!r}>"


def load_participant(session: DbSession, participation_id: int,
                     now: datetime | None = None) -> ParticipantPrincipal | None:
    """The principal of a participation that still has a valid link, else None.

    A participant stays signed in only while one of their links is valid: revoking all links
    (or their expiry) ends the session, re-issuing a link does not.
    """
    participation = session.get(Participation, participation_id)
    if participation is None:
        return None
    now = now or utcnow()
    valid = session.scalar(
        select(Invitation.id).where(
            Invitation.participation_id == participation_id,
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        ).limit(1)
    )
    return ParticipantPrincipal(participation) if valid else None


def participation_in(principal: object, conversation: Conversation) -> Participation | None:
    """The principal's part in this conversation, if they are signed in for it."""
    participation: Participation | None = getattr(principal, "participation", None)
    if participation is None or conversation is None or participation.conversation_id != conversation.id:
        return None
    return participation


def capabilities(principal: object, conversation: Conversation | None) -> Capabilities:
    """What a principal may do with a conversation. Unknown principals and conversations: nothing."""
    if principal is None or conversation is None or not getattr(principal, "is_authenticated", False):
        return NOTHING
    everyone = frozenset(m.id for m in conversation.municipalities)
    if getattr(principal, "is_projectleider", False):
        return Capabilities(True, everyone, can_finalise=True, can_mark=True, can_see_history=True)
    participation = participation_in(principal, conversation)
    if participation is None:
        return NOTHING
    role = participation.role
    if role in LEADING_ROLES:
        return Capabilities(True, everyone, can_finalise=True, can_mark=True,
                            can_see_history=role == "projectleider")
    if role in NOTE_TAKING_ROLES:
        return Capabilities(True, everyone, can_mark=True)
    if role in MUNICIPAL_ROLES:
        mine = participation.municipality_id
        own = frozenset({mine}) & everyone if mine is not None else frozenset[int]()
        return Capabilities(True, own)
    return NOTHING


def can_read(principal: object, conversation: Conversation | None) -> bool:
    return capabilities(principal, conversation).can_read


def can_edit_municipality(principal: object, conversation: Conversation | None, municipality: object) -> bool:
    return capabilities(principal, conversation).can_edit_municipality(municipality)


def can_finalise(principal: object, conversation: Conversation | None) -> bool:
    return capabilities(principal, conversation).can_finalise


def can_mark(principal: object, conversation: Conversation | None) -> bool:
    return capabilities(principal, conversation).can_mark


def can_see_history(principal: object, conversation: Conversation | None) -> bool:
    return capabilities(principal, conversation).can_see_history


def actor_name(principal: object) -> str:
    """How a principal is named in the audit trail and in conflict messages."""
    name = getattr(principal, "name", "") or getattr(principal, "email", "")
    return name or "onbekend"
