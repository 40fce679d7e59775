"""Reading hand-written YAML data files with line numbers, and reporting problems precisely.

Every problem becomes a GuideError naming the file, the line, the field and the reason: a guide
is written by hand, and a vague "invalid file" would cost its author an afternoon.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeAlias

import jsonschema
import yaml

# A parsed guide or maturity document, or a part of one: YAML-shaped data, typed as it is checked
# (by the JSON schema), not before.
Document: TypeAlias = dict[str, Any]


class GuideError(ValueError):
    """A guide or maturity file that cannot be used, with where and why."""

    def __init__(self, file: str | Path, line: int | None, field_path: str, reason: str):
        self.file, self.line, self.field, self.reason = str(file), line, field_path, reason
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {field_path or '(bestand)'}: {reason}")



class _LineDict(dict[Any, Any]):
    line: int = 0
    key_lines: dict[Any, int]


class _LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers on which line each mapping key and list item stands."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
        mapping = _LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            self.construct_object(key, deep=True): key.start_mark.line + 1 for key, _ in node.value
        }
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> _LineList:
        sequence = _LineList(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
        return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)


def line_of(data: object, path: Iterable[str | int]) -> int | None:
    """The line of the deepest node along path that we know a line for."""
    line = getattr(data, "line", None)
    node = data
    for part in path:
        if isinstance(node, _LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, _LineList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


def field_name(path: Iterable[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise GuideError(path, None, "", f"het bestand is geen UTF-8 ({error.reason})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise GuideError(path, mark.line + 1 if mark else None, "", f"geen geldige YAML: {reason}") from None
    if not isinstance(data, dict):
        raise GuideError(path, 1, "", "het bestand moet een mapping (sleutel: waarde) bevatten")
    return data


def validate_schema(path: str | Path, data: object, schema: Mapping[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        # The most specific error tells the author most; report the first one clearly.
        error = max(errors, key=lambda e: len(e.absolute_path)) if len(errors) > 1 else errors[0]
        path_parts = list(error.absolute_path)
        raise GuideError(path, line_of(data, path_parts), field_name(path_parts), _schema_reason(error))


def _schema_reason(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return f"verplicht veld ontbreekt ({error.message.split(' ')[0]})"
    if error.validator == "additionalProperties":
        return f"onbekend veld ({error.message})"
    if error.validator == "enum":
        return f"waarde {error.instance!r} is niet toegestaan; kies uit {', '.join(map(str, error.validator_value))}"
    if error.validator == "type":
        return f"verwacht type {error.validator_value}, gevonden {type(error.instance).__name__}"
    if error.validator == "pattern":
        return f"{error.instance!r} voldoet niet aan het patroon {error.validator_value}"
    if error.validator in ("minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum"):
        return f"{error.validator} {error.validator_value} niet gehaald: {error.message}"
    message: str = error.message  # jsonschema ships no type hints
    return message
