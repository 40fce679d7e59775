"""Publishing a round's opbrengst: an immutable, numbered snapshot; older versions stay readable.

The public page and the Word report read only these snapshots, never the answers: what was not
published cannot appear, and later changes to answers do not change what was published.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..guides.model import GuideSet
from ..models import Round
from ..models.opbrengst import Publication
from ..models.types import DbSession, utcnow
from .disclosure import differencing_problems, selection_problems
from .errors import Problem, PublicationIncomplete
from .snapshot import build_snapshot, published

PUBLISH_ATTEMPTS = 3


def preview(session: DbSession, guides: GuideSet, round_id: int) -> dict[str, Any]:
    """What publishing now would publish, as an unpublished snapshot (version 0)."""
    return build_snapshot(session, guides, [round_id])


def publication_problems(snapshot: dict[str, Any], earlier: Sequence[tuple[int, dict[str, Any]]] = ()) -> list[Problem]:
    """Why this snapshot cannot be published; `earlier` are the versions published before
    (number, snapshot), against which a new version must not reveal one or two municipalities."""
    problems = []
    if not (snapshot.get("main_lesson") or "").strip():
        problems.append(Problem("required", "main_lesson"))
    if not snapshot["methodology"]["conversations"]:
        problems.append(Problem("no_conversations", ""))
        return problems
    problems += selection_problems(snapshot["methodology"]["municipalities"])
    for version, key, difference in differencing_problems(snapshot, earlier)[:1]:
        problems.append(Problem("differencing", "", {"version": version, "cell": key, "difference": difference}))
    return problems


def earlier_snapshots(session: DbSession, round_id: int) -> list[tuple[int, dict[str, Any]]]:
    return [(p.version, p.snapshot) for p in versions(session, round_id)]


def publish(session: DbSession, guides: GuideSet, round_: Round, actor: str) -> Publication:
    """Publish the round's opbrengst as the next version and commit."""
    snapshot = preview(session, guides, round_.id)
    problems = publication_problems(snapshot, earlier_snapshots(session, round_.id))
    if problems:
        raise PublicationIncomplete(problems)
    for attempt in range(PUBLISH_ATTEMPTS):
        version = (session.scalar(select(func.max(Publication.version))
                                  .where(Publication.round_id == round_.id)) or 0) + 1
        at = utcnow()
        publication = Publication(round_id=round_.id, version=version, published_by=actor, published_at=at,
                                  snapshot=published(snapshot, version, at))
        session.add(publication)
        try:
            session.commit()
            return publication
        except IntegrityError:  # someone published the same version number at the same moment
            session.rollback()
            if attempt == PUBLISH_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def versions(session: DbSession, round_id: int) -> list[Publication]:
    return list(session.scalars(select(Publication).where(Publication.round_id == round_id)
                                .order_by(Publication.version.desc())))


def latest(session: DbSession, round_id: int) -> Publication | None:
    return session.scalar(select(Publication).where(Publication.round_id == round_id)
                          .order_by(Publication.version.desc()).limit(1))


def version_of(session: DbSession, round_id: int, version: int) -> Publication | None:
    return session.scalar(select(Publication).where(Publication.round_id == round_id,
                                                    Publication.version == version))


def published_rounds(session: DbSession) -> list[Publication]:
    """The latest publication of every round that has one, newest first."""
    newest = (select(Publication.round_id, func.max(Publication.version).label("version"))
              .group_by(Publication.round_id).subquery())
    return list(session.scalars(
        select(Publication).join(newest, (Publication.round_id == newest.c.round_id)
                                 & (Publication.version == newest.c.version))
        .order_by(Publication.published_at.desc())))


def report_snapshot(session: DbSession, guides: GuideSet, round_id: int) -> dict[str, Any]:
    """The snapshot for the Word report: the latest published one, else a preview (concept)."""
    publication = latest(session, round_id)
    return publication.snapshot if publication else preview(session, guides, round_id)
