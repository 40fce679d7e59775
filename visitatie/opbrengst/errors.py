"""Errors of the opbrengst domain. Each carries codes; the web layer maps them to Dutch messages."""
from __future__ import annotations

from ..errors import Conflict, DomainError, Problem

__all__ = ["CurationConflict", "CurationInvalid", "OpbrengstError", "Problem", "PublicationIncomplete"]


class OpbrengstError(DomainError):
    """Something in the opbrengst that cannot be done as asked."""


class CurationInvalid(OpbrengstError):
    """Curation input that cannot be saved; ``problems`` name the fields."""


class CurationConflict(Conflict, OpbrengstError):
    """Someone saved a newer version of the curation in between; ``current`` is the row as it is now
    (or None)."""


class PublicationIncomplete(OpbrengstError):
    """The opbrengst cannot be published yet; ``problems`` say what is missing."""
