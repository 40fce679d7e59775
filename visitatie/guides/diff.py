"""What changed between two versions of a guide set: themes by slug, questions by id.

Question ids are what ties answers of different rounds together, so the diff is keyed by id and
says whether a change is a typo fix or a change of meaning (guide_versions.meaning_change).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .files import Document
from .model import GuideSet
from .versions import meaning_change

THEME_KEYS = ("number", "title", "recommendation", "introduction", "findings", "quote", "practice_example")
QUESTION_KEYS = ("text", "type", "help", "roles", "doorvragen", "scale", "options", "multiple", "headline",
                 "condition")


@dataclass(frozen=True)
class Change:
    kind: str  # "toegevoegd", "verwijderd", "gewijzigd"
    what: str  # "thema" or "vraag"
    key: str  # slug or question id
    title: str
    fields: tuple[str, ...] = ()
    old: Document | None = None
    new: Document | None = None
    meaning: str | None = None  # for a changed question: "type", "options" or "text" when its meaning changed


def _questions(content: Document) -> dict[str, tuple[str, Document]]:
    return {q["id"]: (doc["theme"].get("slug"), q) for doc in content.get("guides") or []
            for q in doc.get("questions") or []}


def diff(old: Document, new: Document) -> list[Change]:
    changes: list[Change] = []
    old_themes = {doc["theme"].get("slug"): doc["theme"] for doc in old.get("guides") or []}
    new_themes = {doc["theme"].get("slug"): doc["theme"] for doc in new.get("guides") or []}
    for slug, theme in new_themes.items():
        before = old_themes.get(slug)
        if before is None:
            changes.append(Change("toegevoegd", "thema", slug, theme.get("title", slug), new=theme))
            continue
        fields = tuple(key for key in THEME_KEYS if before.get(key) != theme.get(key))
        if fields:
            changes.append(Change("gewijzigd", "thema", slug, theme.get("title", slug), fields, before, theme))
    changes += [Change("verwijderd", "thema", slug, theme.get("title", slug), old=theme)
                for slug, theme in old_themes.items() if slug not in new_themes]
    old_questions, new_questions = _questions(old), _questions(new)
    for question_id, (_slug, question) in new_questions.items():
        found = old_questions.get(question_id)
        if found is None:
            changes.append(Change("toegevoegd", "vraag", question_id, question.get("text", ""), new=question))
            continue
        before = found[1]
        fields = tuple(key for key in QUESTION_KEYS if before.get(key) != question.get(key))
        if fields:
            changes.append(Change("gewijzigd", "vraag", question_id, question.get("text", ""), fields, before,
                                  question, meaning_change(before, question)))
    changes += [Change("verwijderd", "vraag", question_id, question.get("text", ""), old=question)
                for question_id, (_slug, question) in old_questions.items() if question_id not in new_questions]
    return changes


def changed_questions(question_ids: Iterable[str], guide_sets: Sequence[GuideSet]) -> set[str]:
    """The ids whose text differs between the guide sets (of the rounds compared) that hold them:
    the year-over-year comparison says "vraag gewijzigd" next to them."""
    changed: set[str] = set()
    for question_id in question_ids:
        texts = {q.text for q in (s.question(question_id) for s in guide_sets) if q is not None}
        if len(texts) > 1:
            changed.add(question_id)
    return changed
