"""Guide sets and their versions in the database: copy, edit, freeze, import, and look-up.

The shipped YAML in interview_guides/ is the first version of the default set ("Digitale
veiligheid"); `init` stores it here as vastgesteld. Project leaders copy a version to a concept,
edit it, and freeze it (vaststellen); rounds choose a frozen version, which never changes again.
Every edit is checked with the rules of the YAML loader (guides/model.py), so an error reads the same
wherever the guide was written. No Flask here: the session is passed in.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import object_session

from ..models import Round, Theme
from ..models.guide_versions import (
    DEFAULT_GUIDE_SET,
    DEFAULT_GUIDE_SET_TITLE,
    FrozenGuideVersion,
    GuideSetRecord,
    GuideVersion,
)
from ..models.types import DbSession, utcnow
from ..vocabulary import GuideVersionStatus
from .documents import build_set, guide_source, plain, renumbered, set_content
from .files import Document, GuideError
from .model import GuideSet, guide_from_data

# Below this similarity a changed question text is a new question, not a typo fix.
TYPO_SIMILARITY = 0.85
THEME_FIELDS = ("title", "recommendation", "introduction", "findings", "quote", "practice_example")
# Stands in for the questions when a theme's texts are checked on their own.
_PLACEHOLDER_QUESTION = {"type": "open", "text": "x", "roles": ["burgemeester"]}


class GuideVersionError(Exception):
    """An edit that cannot be saved: `error` is the loader's GuideError (field and reason)."""

    def __init__(self, error: GuideError):
        self.error = error
        super().__init__(str(error))


class MeaningChanged(Exception):
    """A question id kept while its meaning changed: answers would be compared with another question."""

    def __init__(self, question_id: str, version: str, what: str):
        self.question_id, self.version, self.what = question_id, version, what
        super().__init__(f"{question_id}: {what} differs from version {version}")


@dataclass(frozen=True)
class VersionChoice:
    """A frozen version a round may use, as the round form offers it."""

    key: str  # "2024.1" for the default set, "ondermijning/2026.1" for another
    label: str
    guide_set: str
    number: str


# --- Look-up --------------------------------------------------------------------------------


def version_key(guide_set: str, number: str) -> str:
    return number if guide_set == DEFAULT_GUIDE_SET else f"{guide_set}/{number}"


def parse_version_key(key: str) -> tuple[str, str]:
    guide_set, _, number = key.rpartition("/")
    return guide_set or DEFAULT_GUIDE_SET, number


def find_version(session: DbSession, guide_set: str, number: str) -> GuideVersion | None:
    return session.scalar(select(GuideVersion).join(GuideSetRecord)
                          .where(GuideSetRecord.slug == guide_set, GuideVersion.number == number))


def stored_guide_set(session: DbSession, guide_set: str, number: str) -> GuideSet | None:
    """The GuideSet of a vastgesteld version: only those may be used by rounds (and cached)."""
    version = find_version(session, guide_set, number)
    return build_set(version.content) if version is not None and version.frozen else None


def frozen_choices(session: DbSession) -> list[VersionChoice]:
    rows = session.execute(select(GuideSetRecord, GuideVersion).join(GuideVersion)
                           .where(GuideVersion.status == GuideVersionStatus.VASTGESTELD)
                           .order_by(GuideSetRecord.title, GuideVersion.number.desc())).all()
    return [VersionChoice(version_key(s.slug, v.number), f"{s.title} {v.number}", s.slug, v.number) for s, v in rows]


def guide_topic(round_: Round) -> str:
    """What a round's conversations are about, for letters: the title of its guide set."""
    if (round_.guide_set or DEFAULT_GUIDE_SET) == DEFAULT_GUIDE_SET:
        return DEFAULT_GUIDE_SET_TITLE.lower()
    session = object_session(round_)
    record = session.scalar(select(GuideSetRecord).where(GuideSetRecord.slug == round_.guide_set)) if session else None
    return record.title if record else round_.guide_set


def rounds_using(session: DbSession, version: GuideVersion) -> list[Round]:
    return list(session.scalars(select(Round).where(Round.guide_set == version.guide_set.slug,
                                                    Round.guide_version == version.number)))


def unknown_themes(guides: GuideSet, numbers: Iterable[int]) -> list[int]:
    """The chosen theme numbers that the round's guide set does not have."""
    have = {g.number for g in guides}
    return sorted(n for n in numbers if n not in have)


def theme_choices(session: DbSession, shipped: list[tuple[int, str]],
                  choices: list[VersionChoice]) -> list[tuple[int, str]]:
    """The round form's theme options: each number with its title in every frozen set that has it,
    so a project leader of another topic sees that topic's titles too."""
    titles = {number: [title] for number, title in shipped}
    for choice in choices:
        if choice.guide_set == DEFAULT_GUIDE_SET:
            continue
        guides = stored_guide_set(session, choice.guide_set, choice.number)
        for guide in guides or ():
            label = f"{guide.title} ({choice.label})"
            if number_titles := titles.get(guide.number):
                if label not in number_titles:
                    number_titles.append(label)
    return [(number, f"{number}. " + " / ".join(names)) for number, names in sorted(titles.items())]


# --- Creating versions ----------------------------------------------------------------------


def ensure_shipped_version(session: DbSession, guides: GuideSet) -> bool:
    """Store the YAML guides as the vastgesteld first version of the default set, once."""
    record = session.scalar(select(GuideSetRecord).where(GuideSetRecord.slug == DEFAULT_GUIDE_SET))
    if record is None:
        record = GuideSetRecord(slug=DEFAULT_GUIDE_SET, title=DEFAULT_GUIDE_SET_TITLE)
        session.add(record)
    if find_version(session, DEFAULT_GUIDE_SET, guides.version):
        return False
    session.add(GuideVersion(guide_set=record, number=guides.version, status=GuideVersionStatus.VASTGESTELD,
                             content=set_content(guides), created_by="interview_guides/",
                             frozen_at=utcnow(), frozen_by="interview_guides/"))
    session.flush()
    return True


def next_number(record: GuideSetRecord, today: date | None = None) -> str:
    year = (today or date.today()).year
    taken = {v.number for v in record.versions}
    serial = 1
    while f"{year}.{serial}" in taken:
        serial += 1
    return f"{year}.{serial}"


def create_guide_set(session: DbSession, slug: str, title: str, actor: str) -> GuideVersion:
    """A new topic: a set with an empty concept version, to be filled in the editor."""
    slug, title = (slug or "").strip(), (title or "").strip()
    if not slug or not all(c.isdigit() or c == "-" or ("a" <= c <= "z") for c in slug) or len(slug) > 40:
        raise GuideVersionError(GuideError("leidraad", None, "slug",
                                           "alleen kleine letters, cijfers en streepjes (hoogstens 40)"))
    if not title:
        raise GuideVersionError(GuideError("leidraad", None, "title", "verplicht veld ontbreekt (title)"))
    if session.scalar(select(GuideSetRecord).where(GuideSetRecord.slug == slug)):
        raise GuideVersionError(GuideError("leidraad", None, "slug", f"er is al een leidraad '{slug}'"))
    record = GuideSetRecord(slug=slug, title=title[:120])
    session.add(record)
    version = GuideVersion(guide_set=record, number=next_number(record), content={"guides": [], "maturity": []},
                           created_by=actor)
    session.add(version)
    session.flush()
    return version


def copy_version(session: DbSession, source: GuideVersion, actor: str) -> GuideVersion:
    number = next_number(source.guide_set)
    version = GuideVersion(guide_set=source.guide_set, number=number, content=renumbered(source.content, number),
                           based_on=source, created_by=actor)
    session.add(version)
    session.flush()
    return version


def import_content(session: DbSession, record: GuideSetRecord, content: Document, actor: str) -> GuideVersion:
    """A new concept from an uploaded workbook or YAML files; the whole set must be valid."""
    number = next_number(record)
    content = renumbered(content, number)
    try:
        build_set(content)
    except GuideError as error:
        raise GuideVersionError(error) from None
    version = GuideVersion(guide_set=record, number=number, content=content, created_by=actor)
    session.add(version)
    session.flush()
    return version


# --- Editing a concept ----------------------------------------------------------------------


def ensure_editable(version: GuideVersion) -> None:
    if version.frozen:
        raise FrozenGuideVersion(f"versie {version.number} is vastgesteld en kan niet meer veranderen")


def store_content(version: GuideVersion, content: Document) -> None:
    version.content = plain(content)  # a new object, so SQLAlchemy sees the JSON change


def _check(source: str, doc: Document, prefix: str | None = None) -> None:
    try:
        guide_from_data(source, doc)
    except GuideError as error:
        if prefix is None or error.field.startswith(prefix):
            raise GuideVersionError(error) from None


def save_theme(session: DbSession, version: GuideVersion, index: int | None, fields: Document) -> int:
    """Save the texts of theme `index` (None: a new theme); the theme's index."""
    ensure_editable(version)
    content = plain(version.content)
    guides = content["guides"]
    if index is None:
        doc = {"version": version.number, "theme": {}, "questions": []}
        guides.append(doc)
        index = len(guides) - 1
    doc = guides[index]
    old_slug = doc["theme"].get("slug")
    theme = {"number": fields.get("number"), "slug": fields.get("slug")}
    theme.update({key: fields[key] for key in THEME_FIELDS if fields.get(key) not in (None, "", [], {})})
    doc["theme"] = theme
    # The texts alone: the theme's questions are checked when they are saved.
    slug = theme.get("slug")
    placeholder_id = f"{slug}.x" if isinstance(slug, str) and slug and slug.replace("-", "").isalnum() else "x.x"
    alone = {"version": doc["version"], "theme": theme, "questions": [{"id": placeholder_id, **_PLACEHOLDER_QUESTION}]}
    _check(guide_source(index), alone)
    if old_slug and old_slug != theme["slug"] and doc["questions"]:
        raise GuideVersionError(GuideError(guide_source(index), None, "theme.slug",
                                           "de slug van een thema met vragen kan niet veranderen: "
                                           "de vraag-ids beginnen ermee"))
    if old_slug and old_slug != theme["slug"]:
        for scale in content.get("maturity") or []:  # the theme's maturity framework moves along
            if scale.get("theme") == old_slug:
                scale["theme"] = theme["slug"]
    store_content(version, content)
    session.flush()
    return index


def save_question(session: DbSession, version: GuideVersion, theme_index: int, position: int | None,
                  question: Document, *, allow_new_meaning: bool = False) -> int:
    """Save one question (position None: append); checked in its place among the earlier questions."""
    ensure_editable(version)
    content = plain(version.content)
    doc = content["guides"][theme_index]
    questions = doc["questions"]
    question = {key: value for key, value in question.items() if value not in (None, "", [], {})}
    if position is None:
        questions.append(question)
        position = len(questions) - 1
    else:
        questions[position] = question
    _check(guide_source(theme_index), {**doc, "questions": questions[:position + 1]}, f"questions[{position}]")
    ids = [q.get("id") for q in questions]
    if ids.count(question.get("id")) > 1:
        raise GuideVersionError(GuideError(guide_source(theme_index), None, f"questions[{position}].id",
                                           f"vraag-id '{question['id']}' komt twee keer voor"))
    if not allow_new_meaning:
        check_meaning(session, version, question)
    store_content(version, content)
    session.flush()
    return position


def move_question(session: DbSession, version: GuideVersion, theme_index: int, position: int, step: int) -> None:
    """Move a question up (-1) or down (+1); a condition must still point at an earlier question."""
    ensure_editable(version)
    content = plain(version.content)
    doc = content["guides"][theme_index]
    target = position + step
    if not 0 <= target < len(doc["questions"]):
        return
    questions = doc["questions"]
    questions[position], questions[target] = questions[target], questions[position]
    _check(guide_source(theme_index), doc, "questions")
    store_content(version, content)
    session.flush()


def remove_question(session: DbSession, version: GuideVersion, theme_index: int, position: int) -> None:
    ensure_editable(version)
    content = plain(version.content)
    doc = content["guides"][theme_index]
    removed = doc["questions"].pop(position)
    for index, other in enumerate(doc["questions"]):
        if (other.get("condition") or {}).get("question") == removed.get("id"):
            raise GuideVersionError(GuideError(guide_source(theme_index), None, f"questions[{index}].condition",
                                               f"deze vraag hangt af van '{removed['id']}'; pas eerst de "
                                               "voorwaarde aan"))
    store_content(version, content)
    session.flush()


def remove_theme(session: DbSession, version: GuideVersion, theme_index: int) -> None:
    ensure_editable(version)
    content = plain(version.content)
    slug = content["guides"].pop(theme_index)["theme"].get("slug")
    content["maturity"] = [m for m in content.get("maturity") or [] if m.get("theme") != slug]
    store_content(version, content)
    session.flush()


def freeze(session: DbSession, version: GuideVersion, actor: str) -> GuideSet:
    """Vaststellen: the whole set must pass every check of the loader; then it never changes."""
    ensure_editable(version)
    try:
        guides = build_set(version.content)
    except GuideError as error:
        raise GuideVersionError(error) from None
    version.status, version.frozen_at, version.frozen_by = GuideVersionStatus.VASTGESTELD, utcnow(), actor
    session.flush()
    return guides


def sync_theme_rows(session: DbSession, guides: GuideSet) -> tuple[int, int]:
    """One Theme row per theme of the shipped set, matched on number; only flushes. Other sets
    use the rows as numbered slots (see models/reference.py)."""
    existing = {t.number: t for t in session.scalars(select(Theme))}
    created = updated = 0
    for guide in guides:
        values = {"slug": guide.slug, "title": guide.title[:120], "recommendation": guide.recommendation[:200],
                  "guide_version": guide.version}
        theme = existing.get(guide.number)
        if theme is None:
            session.add(Theme(number=guide.number, **values))
            created += 1
        elif any(getattr(theme, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(theme, key, value)
            updated += 1
    session.flush()
    return created, updated


# --- Continuity of answers ------------------------------------------------------------------


def meaning_change(earlier: Document, question: Document) -> str | None:
    """What changed the meaning of a question between two versions, or None (a typo at most)."""
    if earlier.get("type") != question.get("type"):
        return "type"
    if ([o.get("value") for o in earlier.get("options") or []]
            != [o.get("value") for o in question.get("options") or []]):
        return "options"
    if bool(earlier.get("multiple")) != bool(question.get("multiple")):
        return "options"
    ratio = difflib.SequenceMatcher(None, earlier.get("text", ""), question.get("text", "")).ratio()
    return "text" if ratio < TYPO_SIMILARITY else None


def check_meaning(session: DbSession, version: GuideVersion, question: Document) -> None:
    """Refuse a question whose id a frozen version of the set used for another question."""
    frozen = session.scalars(select(GuideVersion).where(GuideVersion.guide_set_id == version.guide_set_id,
                                                        GuideVersion.status == GuideVersionStatus.VASTGESTELD)
                             .order_by(GuideVersion.id.desc()))
    for earlier_version in frozen:
        for doc in earlier_version.content.get("guides") or []:
            for earlier in doc.get("questions") or []:
                if earlier.get("id") == question.get("id"):
                    what = meaning_change(earlier, question)
                    if what:
                        raise MeaningChanged(question["id"], earlier_version.number, what)
                    return
