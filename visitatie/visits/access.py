"""Who may do what with a visit, on top of permissions.capabilities (the conversation matrix).

| who                                         | read | self-assessment, response, follow-up, consent | scores, findings, recommendations, finalise |
|---------------------------------------------|------|-----------------------------------------------|---------------------------------------------|
| projectleider (account)                     | yes  | yes                                           | yes                                         |
| commissielid, secretaris (leading roles)    | yes  | no                                            | yes                                         |
| burgemeester, ciso, adviseur_oov of the host | yes  | yes                                           | no                                          |
| notulist                                    | yes  | no                                            | no                                          |
| anyone else, other municipalities           | no (404, the same as a visit that does not exist)                                           |
"""  # noqa: E501 (a table is clearer than its rows wrapped)
from __future__ import annotations

from dataclasses import dataclass

from ..conversations.permissions import capabilities, participation_in
from ..models import MUNICIPAL_ROLES, Conversation
from .core import host_of, is_visit


@dataclass(frozen=True)
class VisitRights:
    can_read: bool = False
    is_committee: bool = False
    is_host: bool = False
    is_projectleider: bool = False

    @property
    def can_self_assess(self) -> bool:
        return self.is_host or self.is_projectleider

    @property
    def can_respond(self) -> bool:
        return self.is_host or self.is_projectleider

    @property
    def can_follow_up(self) -> bool:
        return self.is_host or self.is_projectleider

    @property
    def can_consent(self) -> bool:
        return self.is_host or self.is_projectleider

    @property
    def can_score(self) -> bool:
        return self.is_committee or self.is_projectleider

    @property
    def can_finalise(self) -> bool:
        return self.is_committee or self.is_projectleider


NO_RIGHTS = VisitRights()


def visit_rights(principal: object, conversation: Conversation | None) -> VisitRights:
    """What a principal may do with a visit; nothing at all for what is not a visit."""
    if not is_visit(conversation):
        return NO_RIGHTS
    caps = capabilities(principal, conversation)
    if not caps.can_read:
        return NO_RIGHTS
    if getattr(principal, "is_projectleider", False):
        return VisitRights(True, is_projectleider=True)
    participation = participation_in(principal, conversation)
    host = host_of(conversation)
    is_host = (participation is not None  # can_read without being project leader: a participant
               and participation.role in MUNICIPAL_ROLES and caps.can_edit_municipality(host))
    return VisitRights(True, is_committee=caps.can_finalise, is_host=is_host)
