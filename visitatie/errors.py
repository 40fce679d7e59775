"""One shape of "refused" for the whole domain.

A domain function that cannot do what was asked raises a DomainError carrying Problems: a stable
code, the input it is about (``field``), and the values a message needs (``params``). Codes, not
sentences: the web and the CLI word them in the user's language through one registry
(visitatie/problem_messages.py). Two refusals have their own class because callers act on them:

- Conflict (StaleEdit): someone saved a newer version in between; ``current`` is the record as it
  now is, so the page can show both versions and lose nothing.
- Locked: the record is read-only now (a finalised report, a cancelled conversation).

No Flask import: domain code raises these without a request.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One reason why input cannot be saved. ``field`` names the form field it belongs to
    ("" or None: the whole form)."""

    code: str
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict, hash=False)


class DomainError(Exception):
    """Something that cannot be done as asked; ``problems`` say why."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...] = (), detail: str | None = None):
        self.problems = list(problems)
        super().__init__(detail or ", ".join(f"{p.field}: {p.code}" if p.field else p.code for p in self.problems))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


class Conflict(DomainError):
    """Someone saved a newer version in between; ``current`` is the record as it is now (or None
    when it is gone). Its version, time and author are read from it for the message."""

    def __init__(self, current: Any = None, *, version: int | None = None, updated_at: Any = None):
        self.current = current
        self.current_version = version if version is not None else int(getattr(current, "version", 0) or 0)
        self.updated_at = updated_at if updated_at is not None else getattr(current, "updated_at", None)
        self.updated_by = getattr(current, "updated_by", None)
        super().__init__([Problem("stale_edit", params={"version": self.current_version})],
                         f"stale edit; current version {self.current_version}")


# The one name the domain raises for an optimistic-locking failure (scheduling, visits, curation).
StaleEdit = Conflict


class Locked(DomainError):
    """The record is read-only in its ``status`` (vastgesteld, geannuleerd, ...)."""

    def __init__(self, status: str, detail: str | None = None):
        self.status = status
        super().__init__([Problem("locked", params={"status": status})], detail or f"locked: {status}")
