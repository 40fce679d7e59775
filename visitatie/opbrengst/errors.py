"""Errors of the opbrengst domain. Each carries codes; the web layer maps them to Dutch messages."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass


class OpbrengstError(Exception):
    """Something in the opbrengst that cannot be done as asked."""


@dataclass(frozen=True)
class Problem:
    field: str  # the input it is about ("quote", "practice_url", ...), or "" for the whole form
    code: str   # a stable reason, e.g. "required", "too_long", "not_consented"
    # dataclasses.field, not field: the attribute `field` above shadows the name in the class body.
    params: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)  # for the message, e.g. a version


class CurationInvalid(OpbrengstError):
    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


class CurationConflict(OpbrengstError):
    """Someone saved a newer version in between; `current` is the row as it is now (or None)."""

    def __init__(self, current):
        super().__init__("de curatie is intussen door iemand anders gewijzigd")
        self.current = current


class PublicationIncomplete(OpbrengstError):
    """The opbrengst cannot be published yet; `problems` say what is missing."""

    def __init__(self, problems: list[Problem]):
        super().__init__(", ".join(p.code for p in problems))
        self.problems = problems
