"""Domain errors of scheduling, in the one shape of visitatie/errors.py: codes and values, not
sentences; the web layer and the CLI word them (visitatie/problem_messages.py)."""
from ..errors import DomainError, Problem, StaleEdit

__all__ = ["InvalidTransition", "Problem", "SchedulingError", "StaleEdit", "ValidationFailed"]


class SchedulingError(DomainError):
    """Base class of the scheduling errors."""


class ValidationFailed(SchedulingError):
    """Input that cannot be saved; ``problems`` say why, each with its field."""


class InvalidTransition(SchedulingError):
    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        super().__init__([Problem("invalid_transition", "status", {"old": old, "new": new})],
                         f"status {old} -> {new} not allowed")
