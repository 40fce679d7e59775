"""Domain errors of the visitatieronde, in the one shape of visitatie/errors.py: codes and values,
not sentences; the web layer and the CLI word them in Dutch."""
from typing import Any

from ..errors import DomainError, Locked, Problem, StaleEdit

__all__ = ["InvalidInput", "NotAVisit", "StaleEdit", "TooFewVisits", "VisitError", "VisitLocked"]


class VisitError(DomainError):
    """Base class of the visit errors."""


class NotAVisit(VisitError):
    """The conversation is not a visit: not in a visitatieronde, or without exactly one host."""

    def __init__(self, record_id: int | None):
        self.record_id = record_id
        super().__init__([Problem("not_a_visit", params={"id": record_id})], f"not a visit: {record_id}")


class VisitLocked(Locked, VisitError):
    """The visit's report is finalised (vastgesteld) or the visit is cancelled: read-only."""

    def __init__(self, status: str):
        super().__init__(status, f"de visitatie is {status}")


class InvalidInput(VisitError):
    """Input that does not fit: ``by_field`` maps a field name to a code, ``params`` holds the values."""

    def __init__(self, problems: dict[str, str], params: dict[str, Any] | None = None):
        self.by_field, self.params = problems, params or {}
        super().__init__([Problem(code, field, self.params) for field, code in problems.items()])


class TooFewVisits(VisitError):
    """A visitatieronde's report needs at least `minimum` finalised visits: fewer would let a reader
    trace the figures back to a municipality."""

    def __init__(self, visits: int, minimum: int):
        self.visits, self.minimum = visits, minimum
        super().__init__([Problem("too_few_visits", params={"visits": visits, "minimum": minimum})],
                         f"{visits} vastgestelde visitaties, minimaal {minimum} nodig")
