"""The national picture as numbered, frozen releases (opbrengst/disclosure.py, rule 5).

A live picture changes by exactly one visit when one report is finalised: comparing the page
before and after gives that municipality's scores. So the public page shows the latest release,
and a project leader publishes a new one only when it differs from every earlier release by at
least MIN_CELL visits (added, removed or with other committee levels).
"""
from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select

from ..models.opbrengst import NationalRelease
from ..models.types import DbSession
from ..opbrengst.disclosure import MIN_CELL, protect_maturity
from ..opbrengst.errors import Problem, PublicationIncomplete
from .national import MIN_VISITS, PUBLIC_STATUSES, NamedVisit, NationalPicture, national_picture, score_frame
from .national_by_size import maturity_by_size


def visit_fingerprints(session: DbSession) -> list[str]:
    """Per finalised visit: its id and a hash of its committee levels, as "id:hash", sorted."""
    frame = score_frame(session, statuses=PUBLIC_STATUSES)
    prints = []
    for conversation_id, rows in frame.groupby("conversation_id", sort=True):
        levels = ",".join(f"{t}={level}" for t, level in sorted(zip(rows["theme_number"], rows["level"], strict=True)))
        prints.append(f"{int(conversation_id)}:{hashlib.sha256(levels.encode()).hexdigest()[:16]}")
    return prints


def changed_visits(previous: list[str], current: list[str]) -> int:
    """Visits added, removed or re-scored between two releases."""
    old = dict(p.split(":", 1) for p in previous)
    new = dict(p.split(":", 1) for p in current)
    return len(old.keys() ^ new.keys()) + sum(1 for key in old.keys() & new.keys() if old[key] != new[key])


def release_problems(session: DbSession, current: list[str]) -> list[Problem]:
    earlier = session.scalars(select(NationalRelease).order_by(NationalRelease.version)).all()
    baselines = [release.visit_ids for release in earlier] or [[]]
    for baseline in baselines:
        changed = changed_visits(baseline, current)
        if changed == 0 and earlier:
            return [Problem("release_unchanged", "")]
        if 0 < changed < MIN_CELL:
            return [Problem("release_too_few_visits", "", {"changed": changed, "minimum": MIN_CELL})]
    return []


def publish_release(session: DbSession, actor: str) -> NationalRelease:
    """Publish the national picture as it is now as the next release (flushed, not committed)."""
    current = visit_fingerprints(session)
    problems = release_problems(session, current)
    if problems:
        raise PublicationIncomplete(problems)
    picture = national_picture(session, public=True)
    version = (session.scalar(select(func.max(NationalRelease.version))) or 0) + 1
    release = NationalRelease(
        version=version, maturity=protect_maturity(picture.maturity), visit_ids=current,
        by_size=maturity_by_size(session),
        named=[{"municipality": v.municipality, "year": v.year,
                "levels": {str(k): level for k, level in v.levels.items()}}
               for v in picture.named],
        published_by=actor)
    session.add(release)
    session.flush()
    return release


def latest_release(session: DbSession) -> NationalRelease | None:
    return session.scalar(select(NationalRelease).order_by(NationalRelease.version.desc()).limit(1))


def latest_release_maturity(session: DbSession) -> dict[str, Any] | None:
    release = latest_release(session)
    return release.maturity if release else None


def public_picture(session: DbSession) -> NationalPicture:
    """What /visitaties/landelijk-beeld shows: the latest release, as a NationalPicture."""
    release = latest_release(session)
    if release is None:
        return NationalPicture(None, public=True)
    named = [NamedVisit(v["municipality"], v["year"], {int(k): int(level) for k, level in v["levels"].items()})
             for v in release.named or []]
    return NationalPicture(release.maturity, [], named, len(release.visit_ids), True, MIN_VISITS,
                           release.version, release.published_at, release.by_size)


def releases(session: DbSession) -> list[NationalRelease]:
    return list(session.scalars(select(NationalRelease).order_by(NationalRelease.version.desc())))
