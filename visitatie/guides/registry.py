"""The guides of the running app: the shipped YAML, loaded once at start-up so a bad file stops the
start, and the versions stored in the database, looked up per round.

Code that works for a round asks `round_guides(round_)`: every round gets the GuideSet of its own
pinned version, whichever topic or version that is.
"""
from typing import cast

from flask import Flask, current_app

from ..extensions import db
from ..models import Round
from ..models.guide_versions import DEFAULT_GUIDE_SET
from .model import GuideSet, load_guides
from .versions import stored_guide_set


def init_app(app: Flask) -> None:
    app.extensions["visitatie.guides"] = load_guides(app.config["GUIDES_DIR"])
    app.extensions["visitatie.guide_versions"] = {}


def current_guides() -> GuideSet:
    """The shipped guides (interview_guides/): the default set's first version."""
    return cast(GuideSet, current_app.extensions["visitatie.guides"])  # set by init_app


def guides_for(guide_set: str, number: str) -> GuideSet:
    shipped = current_guides()
    if guide_set == DEFAULT_GUIDE_SET and number == shipped.version:
        return shipped
    cache: dict[tuple[str, str], GuideSet] = current_app.extensions.setdefault("visitatie.guide_versions", {})
    key = (guide_set, number)
    if key not in cache:
        stored = stored_guide_set(db.session, guide_set, number)
        if stored is None:
            # A round pinned to a version this database never stored (made before versions were
            # stored): the shipped guides are the only ones it can have used.
            return shipped
        cache[key] = stored  # only frozen versions are pinned by rounds, and they never change
    return cache[key]


def round_guides(round_: Round) -> GuideSet:
    return guides_for(round_.guide_set or DEFAULT_GUIDE_SET, round_.guide_version)


def theme_titles(round_: Round) -> dict[int, str]:
    """Theme number -> title in the round's own guide version: another topic has its own titles,
    while the Theme rows (numbered slots) carry the shipped digital-security ones."""
    return {guide.number: guide.title for guide in round_guides(round_)}
