"""Domain errors of the visitatieronde. They carry codes and values, not sentences: the web layer
(visitatie/web/visit_messages.py) and the CLI word them in Dutch."""
from typing import Any


class VisitError(Exception):
    """Base class of every visit error."""


class NotAVisit(VisitError):
    """The conversation is not a visit: not in a visitatieronde, or without exactly one host."""


class VisitLocked(VisitError):
    """The visit's report is finalised (vastgesteld) or the visit is cancelled: read-only."""

    def __init__(self, status: str):
        super().__init__(f"de visitatie is {status}")
        self.status = status


class InvalidInput(VisitError):
    """Input that does not fit; `problems` maps a field name to a code (and `params` to values)."""

    def __init__(self, problems: dict[str, str], params: dict[str, Any] | None = None):
        super().__init__(", ".join(f"{field}: {code}" for field, code in problems.items()))
        self.problems = problems
        self.params = params or {}


class StaleEdit(VisitError):
    """Someone saved a newer version in between; `current` is the record as it now is."""

    def __init__(self, current: Any):  # the row as it now is: any versioned model
        super().__init__(f"versie {current.version} is intussen opgeslagen door {current.updated_by}")
        self.current = current


class TooFewVisits(VisitError):
    """A visitatieronde's report needs at least `minimum` finalised visits: fewer would let a reader
    trace the figures back to a municipality."""

    def __init__(self, visits: int, minimum: int):
        super().__init__(f"{visits} vastgestelde visitaties, minimaal {minimum} nodig")
        self.visits, self.minimum = visits, minimum
