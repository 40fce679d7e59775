"""Withdrawal reaches every version: the one change a published snapshot ever takes.

A quote whose speaker withdrew consent, a lesson a project leader withdrew, or a whole version a
project leader withdrew with a reason, is removed from the stored snapshot of every published
version (so from every page, report and export built from it) and replaced by a visible note
"ingetrokken op <datum>". The security event log keeps who did it and why, never the text.

Publications refuse ORM updates (models/opbrengst.py); redaction writes with a Core UPDATE.
Functions flush; the caller's unit of work commits.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select, update

from ..dutch_time import AMSTERDAM
from ..models.opbrengst import CuratedLesson, Publication
from ..models.types import DbSession, utcnow
from .disclosure import published_cells
from .quotes import anonymous_speaker

WITHDRAWN_KEYS = ("schema", "title", "rounds", "version", "published_at")


def _today() -> str:
    """The date of the note, as in the Netherlands (the server may run in UTC)."""
    return utcnow().astimezone(AMSTERDAM).date().isoformat()


def _store(session: DbSession, publication: Publication, snapshot: dict[str, Any], **columns: Any) -> None:
    session.execute(update(Publication).where(Publication.id == publication.id)
                    .values(snapshot=snapshot, **columns).execution_options(synchronize_session=False))
    session.expire(publication)


ThemeChange = Callable[[dict[str, Any]], dict[str, Any] | None]


def _rewrite_themes(session: DbSession, publications: Iterable[Publication], change: ThemeChange) -> int:
    """Apply `change(theme) -> theme or None (unchanged)` to every theme of every publication."""
    changed = 0
    for publication in publications:
        snapshot = publication.snapshot
        themes, touched = [], False
        for theme in snapshot.get("themes") or []:
            new = change(theme)
            touched |= new is not None
            themes.append(new if new is not None else theme)
        if touched:
            _store(session, publication, dict(snapshot, themes=themes))
            changed += 1
    return changed


def _publications(session: DbSession, round_id: int | None = None) -> list[Publication]:
    query = select(Publication).order_by(Publication.round_id, Publication.version)
    if round_id is not None:
        query = query.where(Publication.round_id == round_id)
    return list(session.scalars(query))


def redact_quote(session: DbSession, mark_id: int, on: str | None = None) -> int:
    """Remove a quote from every published version; the number of versions changed."""
    on = on or _today()

    def change(theme: dict[str, Any]) -> dict[str, Any] | None:
        quote = theme.get("quote")
        if quote and quote.get("mark_id") == mark_id and "text" in quote:
            return dict(theme, quote={"withdrawn_on": on})
        return None
    return _rewrite_themes(session, _publications(session), change)


def anonymise_quote(session: DbSession, mark_id: int, role: str | None, function: str | None) -> int:
    """The speaker changed "met naam" into "anoniem": take the name out of every version."""
    speaker = anonymous_speaker(role, function)

    def change(theme: dict[str, Any]) -> dict[str, Any] | None:
        quote = theme.get("quote")
        if quote and quote.get("mark_id") == mark_id and quote.get("function"):
            return dict(theme, quote=dict(quote, speaker=speaker, function=""))
        return None
    return _rewrite_themes(session, _publications(session), change)


def withdraw_lesson(session: DbSession, lesson: CuratedLesson) -> int:
    """A project leader withdraws a curated lesson: gone from later versions and redacted in all."""
    lesson.withdrawn_at = utcnow()
    on = _today()

    def change(theme: dict[str, Any]) -> dict[str, Any] | None:
        lessons = theme.get("lessons") or []
        if not any(item.get("lesson_id") == lesson.id and item.get("text") for item in lessons):
            return None
        return dict(theme, lessons=[{"lesson_id": lesson.id, "text": "", "withdrawn_on": on,
                                     "conversations": None, "municipalities": None}
                                    if item.get("lesson_id") == lesson.id else item for item in lessons])
    changed = _rewrite_themes(session, _publications(session, lesson.round_id), change)
    session.flush()
    return changed


def withdraw_version(session: DbSession, publication: Publication, actor: str, reason: str) -> None:
    """A whole version leaves the public: only its title, number, date and the note remain. Its
    numbers are kept (without text) so that later versions are still checked against them."""
    snapshot = publication.snapshot
    cells = [[*key, value] for key, value in published_cells(snapshot).items()]
    kept = {key: snapshot.get(key) for key in WITHDRAWN_KEYS}
    _store(session, publication, dict(kept, withdrawn={"on": _today()}, withdrawn_cells=cells, themes=[]),
           withdrawn_at=utcnow(), withdrawn_by=actor, withdrawn_reason=reason)
