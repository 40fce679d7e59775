"""The words for what the domain refuses, in the user's language: one registry for the web and the CLI.

A domain error carries Problems (visitatie/errors.py): codes, the field and values. Each module here
registers the words for its domain's codes with ``register``; ``problem_message`` looks a Problem up
by (field, code) first, then by code alone, so a rule reads the same on every page and in every
command. No views are imported here: the CLI uses it inside ``force_locale("nl")``.
"""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..errors import Problem

# One wording for an empty required field, the same word the form labels use (web/required.py).
REQUIRED_MESSAGE = _l("Dit veld is verplicht.")

Wording = Callable[[dict], str]  # the Problem's params → its words
_REGISTRY: dict[tuple[str | None, str], Wording] = {}


def register(code: str, field: str | None = None) -> Callable[[Wording], Wording]:
    """Registers the words for ``code`` (only on ``field`` when given). Each (field, code) once."""
    def add(wording: Wording) -> Wording:
        key = (field, code)
        if key in _REGISTRY:
            raise ValueError(f"{key} has words already")
        _REGISTRY[key] = wording
        return wording
    return add


def known(problem: Problem) -> bool:
    return _lookup(problem) is not None


def _lookup(problem: Problem) -> Wording | None:
    """Words for this field first ("" is the whole form), then for a field family
    ("checklist-bcp-remark" → "checklist"), then for the code on any field."""
    fields = [problem.field or ""]
    if problem.field and "-" in problem.field:
        fields.append(problem.field.split("-")[0])
    for field in fields + [None]:
        if (field, problem.code) in _REGISTRY:
            return _REGISTRY[(field, problem.code)]
    return None


def problem_message(problem: Problem) -> str:
    wording = _lookup(problem)
    if wording is None:
        return _("Dit klopt nog niet (%(code)s).", code=problem.code)
    return wording(problem.params)


def codes() -> set[tuple[str | None, str]]:
    """Every registered (field, code), for the test that each domain code has words."""
    return set(_REGISTRY)


# The modules register on import; importing them here makes the registry complete wherever it is used.
from . import common, conversations, opbrengst, planning, visits  # noqa: E402,F401  isort:skip
