"""Editing the maturity framework (five levels) and the checklist of one theme of a concept version.

A theme's framework is one maturity document, the shape of interview_guides/volwassenheid/*.yaml.
It is checked by the loader's own functions (guides.maturity_from_data and guides.check_maturity),
so the editor refuses exactly what a YAML file would, with the same reason on the same field.
"""
from __future__ import annotations

from ..models.guide_versions import GuideVersion
from ..models.types import DbSession
from .documents import maturity_source, plain
from .files import Document, GuideError
from .model import check_maturity, maturity_from_data
from .versions import GuideVersionError, ensure_editable, store_content


def theme_maturity(content: Document, theme_index: int) -> Document | None:
    """The maturity document of theme `theme_index`, or None when the theme has none yet."""
    slug = content["guides"][theme_index]["theme"].get("slug")
    return next((doc for doc in content.get("maturity") or [] if doc.get("theme") == slug), None)


def save_maturity(session: DbSession, version: GuideVersion, theme_index: int, levels: list[Document],
                  checklist: list[Document]) -> None:
    """Save the levels and checklist of a theme (replacing its framework, or adding one)."""
    ensure_editable(version)
    content = plain(version.content)
    slugs = [doc["theme"].get("slug") for doc in content["guides"]]
    slug = slugs[theme_index]
    doc = {"version": version.number, "theme": slug, "levels": plain(levels), "checklist": plain(checklist)}
    others = [other for other in content.get("maturity") or [] if other.get("theme") != slug]
    try:
        scale = maturity_from_data(maturity_source(slug), doc)
        # The other themes' frameworks were checked when they were saved; the new one comes last,
        # so a checklist id used twice is reported on this framework, the one being edited.
        check_maturity(set(slugs), [maturity_from_data(maturity_source(o["theme"]), o) for o in others] + [scale])
    except GuideError as error:
        raise GuideVersionError(error) from None
    # Theme order, as the loader sorts them and as the workbook and the YAML export write them.
    content["maturity"] = sorted(others + [doc], key=lambda m: slugs.index(m["theme"]) if m["theme"] in slugs
                                 else len(slugs))
    store_content(version, content)
    session.flush()


def remove_maturity(session: DbSession, version: GuideVersion, theme_index: int) -> None:
    """A theme without a maturity framework: its visits then have no levels to assess."""
    ensure_editable(version)
    content = plain(version.content)
    slug = content["guides"][theme_index]["theme"].get("slug")
    content["maturity"] = [doc for doc in content.get("maturity") or [] if doc.get("theme") != slug]
    store_content(version, content)
    session.flush()
