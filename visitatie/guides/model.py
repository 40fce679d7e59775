"""Interview guides and the maturity framework: load the YAML files and validate them.

This module (with guides/files.py and guides/schema.py) is the only place that parses guide files.
It returns frozen dataclasses, so the rest of
the code never sees raw YAML. Every problem is reported as a GuideError naming the file, the
line, the field and the reason, because a guide is written by hand and a vague "invalid file"
would cost its author an afternoon.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, Protocol, TypeAlias, TypeVar

from .files import Document, GuideError, field_name, line_of, read_yaml, validate_schema
from .schema import GUIDE_SCHEMA, MATURITY_LEVEL_COUNT, MATURITY_SCHEMA

YES_NO_PARTLY = (("ja", "Ja"), ("nee", "Nee"), ("deels", "Deels"))
OPEN_ANSWER_MAX_LENGTH = 5000

# An answer in its natural shape: a list for multiple choice, text otherwise, None when not given.
AnswerValue: TypeAlias = list[str] | str | None


# --- Domain objects -----------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Condition:
    question: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    roles: tuple[str, ...]
    theme_number: int
    help: str | None = None
    doorvragen: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()  # scale levels ("1".."5"), ja/nee/deels, or options
    multiple: bool = False
    headline: str | None = None
    condition: Condition | None = None

    def choice_label(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value

    def decode(self, raw: str | None) -> list[str] | str | None:
        """A stored value as the question's natural shape: a list for multiple choice."""
        if raw is None or raw == "":
            return [] if self.multiple else None
        if self.multiple:
            try:
                values = json.loads(raw)
            except ValueError:
                return []
            return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []
        return raw

    def encode(self, value: AnswerValue) -> str:
        """The stored form of an answer; multiple choice keeps the guide's option order."""
        if self.multiple:
            chosen = set(value or [])
            return json.dumps([c.value for c in self.choices if c.value in chosen]) if chosen else ""
        return (value or "").strip() if isinstance(value, str) else ""

    def validation_error(self, value: AnswerValue) -> str | None:
        """Why a value does not fit this question, in Dutch; None when it fits."""
        if self.type == "open":
            if isinstance(value, str) and len(value) > OPEN_ANSWER_MAX_LENGTH:
                return f"Het antwoord is {len(value)} tekens; het maximum is {OPEN_ANSWER_MAX_LENGTH}."
            return None
        allowed = {c.value for c in self.choices}
        values = value if isinstance(value, list) else ([value] if value else [])
        unknown = [v for v in values if v not in allowed]
        if unknown:
            return f"Ongeldige keuze: {', '.join(unknown)}."
        if not self.multiple and len(values) > 1:
            return "Kies één antwoord."
        return None

    def is_shown(self, answers: dict[str, str]) -> bool:
        """Whether the condition holds, given the stored values of the same municipality."""
        if self.condition is None:
            return True
        raw = answers.get(self.condition.question)
        if not raw:
            return False
        given = set(json.loads(raw)) if raw.startswith("[") else {raw}
        return bool(given & set(self.condition.values))


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    function: str
    source: str = ""  # where a real person said it, e.g. "VNG-magazine Digitale veiligheid, 2024"


@dataclass(frozen=True)
class PracticeExample:
    municipality: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Guide:
    version: str
    number: int
    slug: str
    title: str
    recommendation: str
    introduction: str | None
    findings: tuple[str, ...]
    quote: Quote
    practice_example: PracticeExample
    questions: tuple[Question, ...]
    source: str

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def headline_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.headline)


@dataclass(frozen=True)
class MaturityLevel:
    level: int
    name: str
    description: str


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: str
    help: str | None = None


@dataclass(frozen=True)
class MaturityScale:
    version: str
    theme_slug: str
    levels: tuple[MaturityLevel, ...]
    checklist: tuple[ChecklistItem, ...]
    source: str
    # Lines of "theme" and of each checklist id, so checks across files can name the line too.
    lines: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class GuideSet:
    """All guides of one directory, in theme order, with look-ups by number, slug and question."""

    guides: tuple[Guide, ...]
    maturity: tuple[MaturityScale, ...] = ()
    _questions: dict[str, tuple[Guide, Question]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for guide in self.guides:
            for question in guide.questions:
                self._questions[question.id] = (guide, question)

    def __iter__(self) -> Iterator[Guide]:
        return iter(self.guides)

    def __len__(self) -> int:
        return len(self.guides)

    @property
    def version(self) -> str:
        return max((g.version for g in self.guides), default="")

    def by_number(self, number: int) -> Guide | None:
        return next((g for g in self.guides if g.number == number), None)

    def theme(self, number: int) -> Guide:
        """The guide of a theme the caller knows is in this set (KeyError when it is not)."""
        guide = self.by_number(number)
        if guide is None:
            raise KeyError(f"theme {number} is not in this guide set")
        return guide

    def by_slug(self, slug: str) -> Guide | None:
        return next((g for g in self.guides if g.slug == slug), None)

    def question(self, question_id: str) -> Question | None:
        found = self._questions.get(question_id)
        return found[1] if found else None

    def guide_of(self, question_id: str) -> Guide | None:
        found = self._questions.get(question_id)
        return found[0] if found else None

    def known_question(self, question_id: str) -> Question:
        """A question the caller knows is in this set, e.g. of a stored answer (KeyError when it is not)."""
        return self._questions[question_id][1]

    def maturity_for(self, slug: str) -> MaturityScale | None:
        return next((m for m in self.maturity if m.theme_slug == slug), None)


class _FromSource(Protocol):
    @property
    def source(self) -> str: ...


# A guide or a maturity scale: what the checks across files compare.
_Sourced = TypeVar("_Sourced", bound=_FromSource)


# --- Loading ------------------------------------------------------------------------------


def _scale_choices(path: str | Path, data: Document, index: int, raw: object) -> tuple[Choice, ...]:
    where: list[str | int] = ["questions", index, "scale"]
    if not isinstance(raw, dict):
        raise GuideError(path, line_of(data, where[:2]), field_name(where),
                         "een schaalvraag heeft 'scale' nodig met een label voor elk niveau 1 tot en met 5")
    try:
        levels = {int(k): v for k, v in raw.items()}
    except (TypeError, ValueError):
        raise GuideError(path, line_of(data, where), field_name(where),
                         "de niveaus moeten 1 tot en met 5 zijn") from None
    if set(levels) != {1, 2, 3, 4, 5}:
        raise GuideError(path, line_of(data, where), field_name(where),
                         f"de niveaus moeten precies 1 tot en met 5 zijn, gevonden: {sorted(levels)}")
    for level, label in levels.items():
        if not isinstance(label, str) or not label.strip():
            raise GuideError(path, line_of(data, where), field_name(where) + f".{level}", "label ontbreekt")
    return tuple(Choice(str(level), levels[level]) for level in range(1, 6))


def _build_question(path: str | Path, data: Document, index: int, raw: Document, number: int) -> Question:
    qtype = raw["type"]
    here: list[str | int] = ["questions", index]

    def fail(key: str, reason: str) -> NoReturn:
        raise GuideError(path, line_of(data, here + [key]), field_name(here + [key]), reason)

    choices: tuple[Choice, ...] = ()
    if qtype == "scale":
        choices = _scale_choices(path, data, index, raw.get("scale"))
    elif "scale" in raw:
        fail("scale", f"alleen een schaalvraag heeft 'scale', dit is type {qtype}")
    if qtype == "multiple_choice":
        if "options" not in raw:
            fail("type", "een meerkeuzevraag heeft 'options' nodig")
        values = [o["value"] for o in raw["options"]]
        if len(set(values)) != len(values):
            fail("options", "elke optie heeft een eigen waarde nodig")
        choices = tuple(Choice(o["value"], o["label"]) for o in raw["options"])
    elif "options" in raw or "multiple" in raw:
        fail("options" if "options" in raw else "multiple",
             f"alleen een meerkeuzevraag heeft opties, dit is type {qtype}")
    if qtype == "ja_nee_deels":
        choices = tuple(Choice(value, label) for value, label in YES_NO_PARTLY)
    if "headline" in raw and qtype != "ja_nee_deels":
        fail("headline", "een kerncijfer (headline) kan alleen bij een ja/nee/deels-vraag")
    condition = None
    if "condition" in raw:
        condition = Condition(raw["condition"]["question"], tuple(raw["condition"]["in"]))
    return Question(
        id=raw["id"], type=qtype, text=raw["text"].strip(), roles=tuple(raw["roles"]),
        theme_number=number, help=raw.get("help"), doorvragen=tuple(raw.get("doorvragen", ())),
        choices=choices, multiple=bool(raw.get("multiple", False)), headline=raw.get("headline"),
        condition=condition,
    )


def _check_conditions(path: str | Path, data: Document, questions: list[Question]) -> None:
    earlier: dict[str, Question] = {}
    for index, question in enumerate(questions):
        if question.condition:
            where: list[str | int] = ["questions", index, "condition"]
            target = earlier.get(question.condition.question)
            if target is None:
                raise GuideError(path, line_of(data, where), field_name(where) + ".question",
                                 f"'{question.condition.question}' is geen eerdere vraag in deze leidraad")
            if target.type not in ("ja_nee_deels", "multiple_choice"):
                raise GuideError(path, line_of(data, where), field_name(where) + ".question",
                                 "een voorwaarde kan alleen verwijzen naar een ja/nee/deels- of meerkeuzevraag")
            allowed = {c.value for c in target.choices}
            wrong = [v for v in question.condition.values if v not in allowed]
            if wrong:
                raise GuideError(path, line_of(data, where + ["in"]), field_name(where) + ".in",
                                 f"{', '.join(wrong)} is geen antwoord op '{target.id}'; kies uit "
                                 f"{', '.join(sorted(allowed))}")
        earlier[question.id] = question


def load_guide(path: str | Path) -> Guide:
    path = Path(path)
    return guide_from_data(path, read_yaml(path))


def guide_from_data(path: str | Path, data: Document) -> Guide:
    """A guide from its parsed document (a YAML file, or a version stored in the database);
    `path` only names the source in error messages."""
    validate_schema(path, data, GUIDE_SCHEMA)
    theme = data["theme"]
    number = theme["number"]
    questions: list[Question] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["questions"]):
        if raw["id"] in seen:
            raise GuideError(path, line_of(data, ["questions", index, "id"]), f"questions[{index}].id",
                             f"vraag-id '{raw['id']}' komt twee keer voor")
        if not raw["id"].startswith(theme["slug"] + "."):
            raise GuideError(path, line_of(data, ["questions", index, "id"]), f"questions[{index}].id",
                             f"een vraag-id begint met de slug van het thema: '{theme['slug']}.'")
        seen.add(raw["id"])
        questions.append(_build_question(path, data, index, raw, number))
    _check_conditions(path, data, questions)
    quote = theme["quote"]
    example = theme["practice_example"]
    return Guide(
        version=data["version"], number=number, slug=theme["slug"], title=theme["title"].strip(),
        recommendation=theme["recommendation"].strip(),
        introduction=(theme.get("introduction") or "").strip() or None,
        findings=tuple(f.strip() for f in theme["findings"]),
        quote=Quote(quote["text"].strip(), quote["speaker"].strip(), quote["function"].strip(),
                    (quote.get("source") or "").strip()),
        practice_example=PracticeExample(example["municipality"], example["title"], example.get("url")),
        questions=tuple(questions), source=str(path),
    )


def load_maturity_scale(path: str | Path) -> MaturityScale:
    path = Path(path)
    return maturity_from_data(path, read_yaml(path))


def maturity_from_data(path: str | Path, data: Document) -> MaturityScale:
    validate_schema(path, data, MATURITY_SCHEMA)
    numbers = [level["level"] for level in data["levels"]]
    if numbers != list(range(1, MATURITY_LEVEL_COUNT + 1)):
        raise GuideError(path, line_of(data, ["levels"]), "levels",
                         f"de niveaus moeten 1 tot en met {MATURITY_LEVEL_COUNT} op volgorde zijn, gevonden: {numbers}")
    lines: dict[str, int | None] = {"theme": line_of(data, ["theme"])}
    for index, item in enumerate(data["checklist"]):
        where: list[str | int] = ["checklist", index, "id"]
        if f"checklist.{item['id']}" in lines:
            raise GuideError(path, line_of(data, where), field_name(where),
                             f"checklist-id '{item['id']}' komt twee keer voor")
        lines[f"checklist.{item['id']}"] = line_of(data, where)
    return MaturityScale(
        version=data["version"], theme_slug=data["theme"],
        levels=tuple(MaturityLevel(level["level"], level["name"], level["description"].strip())
                     for level in data["levels"]),
        checklist=tuple(ChecklistItem(c["id"], c["label"], c.get("help")) for c in data["checklist"]),
        source=str(path), lines=lines,
    )


def load_guides(directory: str | Path) -> GuideSet:
    """Every *.yaml guide of a directory, and the maturity scales in its volwassenheid/ folder."""
    directory = Path(directory)
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise GuideError(directory, None, "", "geen gespreksleidraden (*.yaml) gevonden")
    return combine([load_guide(path) for path in files],
                   [load_maturity_scale(path) for path in sorted((directory / "volwassenheid").glob("*.yaml"))])


def combine(guides: list[Guide], maturity: list[MaturityScale]) -> GuideSet:
    """One set from its guides and maturity scales, with the checks that span files."""
    _check_across(guides, lambda g: g.number, "theme.number", "themanummer")
    _check_across(guides, lambda g: g.slug, "theme.slug", "slug")
    ids: dict[str, str] = {}
    for guide in guides:
        for question in guide.questions:
            if question.id in ids:
                raise GuideError(guide.source, None, "questions",
                                 f"vraag-id '{question.id}' staat ook in {ids[question.id]}")
            ids[question.id] = guide.source
    check_maturity({g.slug for g in guides}, maturity)
    return GuideSet(tuple(sorted(guides, key=lambda g: g.number)),
                    tuple(sorted(maturity, key=lambda m: next(g.number for g in guides if g.slug == m.theme_slug))))


def check_maturity(slugs: set[str], maturity: list[MaturityScale]) -> None:
    """The checks across maturity scales: each belongs to a known theme, once, and a checklist id
    is used once in the whole set (an entry is stored by id). The browser editor uses it too."""
    checklist_ids: dict[str, str] = {}  # id -> file
    for scale in maturity:
        if scale.theme_slug not in slugs:
            raise GuideError(scale.source, scale.lines.get("theme"), "theme",
                             f"onbekend thema '{scale.theme_slug}'; kies uit {', '.join(sorted(slugs))}")
        for item in scale.checklist:
            if item.id in checklist_ids:
                raise GuideError(scale.source, scale.lines.get(f"checklist.{item.id}"), "checklist",
                                 f"checklist-id '{item.id}' staat ook in {checklist_ids[item.id]}")
            checklist_ids[item.id] = scale.source
    _check_across(maturity, lambda m: m.theme_slug, "theme", "thema")


def _check_across(items: Sequence[_Sourced], key: Callable[[_Sourced], Hashable], field_path: str, what: str) -> None:
    seen: dict[Hashable, str] = {}
    for item in items:
        if key(item) in seen:
            raise GuideError(item.source, None, field_path,
                             f"{what} {key(item)!r} staat ook in {seen[key(item)]}")
        seen[key(item)] = item.source
