"""A guide set as plain documents, the shape of the YAML files, and back.

A version stored in the database holds {"guides": [...], "maturity": [...]}: one document per
theme file and per maturity file, exactly as in interview_guides/. They are validated by the same
functions as the files (guides.guide_from_data and friends), so an editor, a workbook and a YAML
file meet the same rules and the same error messages.
"""
from __future__ import annotations

import io
import zipfile
from typing import Any, overload

import yaml

from .files import Document, GuideError, _LineLoader
from .model import (
    Guide,
    GuideSet,
    MaturityScale,
    Question,
    combine,
    guide_from_data,
    maturity_from_data,
)


def guide_source(index: int) -> str:
    """How an error names a theme document that is no file: 'thema 2'."""
    return f"thema {index + 1}"


def maturity_source(slug: str) -> str:
    return f"volwassenheid {slug}"


def build_set(content: Document) -> GuideSet:
    """The GuideSet of stored content; a GuideError names the theme, the field and the reason."""
    guides = content.get("guides") or []
    if not guides:
        raise GuideError("leidraad", None, "", "een leidraad heeft minstens één thema nodig")
    return combine([guide_from_data(guide_source(i), doc) for i, doc in enumerate(guides)],
                   [maturity_from_data(maturity_source(doc.get("theme", "?")), doc)
                    for doc in content.get("maturity") or []])


def question_data(question: Question) -> Document:
    data: dict[str, Any] = {"id": question.id, "type": question.type, "text": question.text,
                            "roles": list(question.roles)}
    if question.help:
        data["help"] = question.help
    if question.doorvragen:
        data["doorvragen"] = list(question.doorvragen)
    if question.type == "scale":
        data["scale"] = {int(c.value): c.label for c in question.choices}
    if question.type == "multiple_choice":
        if question.multiple:
            data["multiple"] = True
        data["options"] = [{"value": c.value, "label": c.label} for c in question.choices]
    if question.headline:
        data["headline"] = question.headline
    if question.condition:
        data["condition"] = {"question": question.condition.question, "in": list(question.condition.values)}
    return data


def guide_data(guide: Guide, version: str | None = None) -> Document:
    theme: dict[str, Any] = {"number": guide.number, "slug": guide.slug, "title": guide.title,
                             "recommendation": guide.recommendation}
    if guide.introduction:
        theme["introduction"] = guide.introduction
    theme["findings"] = list(guide.findings)
    theme["quote"] = {"text": guide.quote.text, "speaker": guide.quote.speaker, "function": guide.quote.function}
    if guide.quote.source:
        theme["quote"]["source"] = guide.quote.source
    example = {"municipality": guide.practice_example.municipality, "title": guide.practice_example.title}
    if guide.practice_example.url:
        example["url"] = guide.practice_example.url
    theme["practice_example"] = example
    return {"version": version or guide.version, "theme": theme,
            "questions": [question_data(q) for q in guide.questions]}


def maturity_data(scale: MaturityScale, version: str | None = None) -> Document:
    return {"version": version or scale.version, "theme": scale.theme_slug,
            "levels": [{"level": level.level, "name": level.name, "description": level.description}
                       for level in scale.levels],
            "checklist": [{"id": c.id, "label": c.label, **({"help": c.help} if c.help else {})}
                          for c in scale.checklist]}


def set_content(guides: GuideSet, version: str | None = None) -> Document:
    """The stored form of a GuideSet; `version` renumbers every document (a copy)."""
    return {"guides": [guide_data(g, version) for g in guides],
            "maturity": [maturity_data(m, version) for m in guides.maturity]}


def renumbered(content: Document, version: str) -> Document:
    """A deep copy of content with every document carrying `version`."""
    copy = plain(content)
    for doc in (copy.get("guides") or []) + (copy.get("maturity") or []):
        doc["version"] = version
    return copy


# --- YAML files (a zip in the layout of interview_guides/) ----------------------------------


def _dump(data: Document) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).encode("utf-8")


def yaml_zip(content: Document) -> bytes:
    """The version as files that can be copied into interview_guides/ as they are."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for doc in content.get("guides") or []:
            archive.writestr(f"{doc['theme']['number']:02d}-{doc['theme']['slug']}.yaml", _dump(doc))
        for doc in content.get("maturity") or []:
            archive.writestr(f"volwassenheid/{doc['theme']}.yaml", _dump(doc))
    return out.getvalue()


def read_yaml_zip(data: bytes) -> Document:
    """Content from a zip of guide files; every file is read like interview_guides/ is."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise GuideError("upload", None, "", "geen zip-bestand met YAML-bestanden") from None
    guides: list[Document] = []
    maturity: list[Document] = []
    for name in sorted(archive.namelist()):
        if not name.endswith(".yaml"):
            continue
        raw = archive.read(name)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise GuideError(name, None, "", f"het bestand is geen UTF-8 ({error.reason})") from None
        try:
            doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader with line numbers
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise GuideError(name, mark.line + 1 if mark else None, "",
                             f"geen geldige YAML: {getattr(error, 'problem', None) or error}") from None
        if not isinstance(doc, dict):
            raise GuideError(name, 1, "", "het bestand moet een mapping (sleutel: waarde) bevatten")
        if name.startswith("volwassenheid/"):
            maturity_from_data(name, doc)
            maturity.append(doc)
        else:
            guide_from_data(name, doc)
            guides.append(doc)
    guides.sort(key=lambda doc: doc["theme"]["number"])
    order = [doc["theme"]["slug"] for doc in guides]
    maturity.sort(key=lambda doc: order.index(doc["theme"]) if doc["theme"] in order else len(order))
    return plain({"guides": guides, "maturity": maturity})


@overload
def plain(value: dict[Any, Any]) -> dict[Any, Any]: ...


@overload
def plain(value: list[Any]) -> list[Any]: ...


@overload
def plain(value: object) -> Any: ...


def plain(value: object) -> Any:
    """Plain dicts and lists (no line-tracking subclasses), ready for a JSON column; also a deep copy."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
