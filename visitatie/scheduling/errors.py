"""Domain errors of scheduling. They carry codes and values, not sentences: the web layer and the
CLI turn them into Dutch messages (visitatie/web/planning/messages.py)."""
import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One reason why input cannot be saved. `field` names the form field it belongs to."""

    code: str
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


class SchedulingError(Exception):
    """Base class of every scheduling error."""


class ValidationFailed(SchedulingError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(", ".join(p.code for p in problems))


class StaleEdit(SchedulingError):
    """The form was based on an older version than the one in the database."""

    def __init__(self, current_version: int, updated_at: datetime | None = None):
        self.current_version, self.updated_at = current_version, updated_at
        super().__init__(f"stale edit; current version {current_version}")


class InvalidTransition(SchedulingError):
    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        super().__init__(f"status {old} -> {new} not allowed")
