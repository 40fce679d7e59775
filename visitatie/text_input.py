"""Text that users type, cleaned once on its way into the database.

Characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return; lone
surrogates; U+FFFE and U+FFFF) serve no purpose in an answer or a note, and they break every
document built from it: openpyxl refuses them, Word and Excel refuse files holding them. They are
removed from every text column of every model, whatever form, JSON autosave or command wrote it,
by one listener on the session's flush; the rest of the text is kept as typed. Exports remove
them again (spreadsheets.py), for data stored before this rule.
"""
from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str | None) -> list[str]:
    """A typed text's paragraphs: split at blank lines, whatever line ends the typist's system used
    (a browser posts a textarea with CR LF; Excel and old Macs bring their own)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in BLANK_LINE.split(text) if block.strip()]


def clean_text(text: str) -> str:
    return XML_ILLEGAL.sub("", text)


def clean_value(value: Any) -> Any:
    """A str, or a JSON value (list, dict) holding strs, with the forbidden characters removed."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    return value


@event.listens_for(Session, "before_flush")
def _clean_before_flush(session: Session, _context: object, _instances: object) -> None:
    for instance in list(session.new) + list(session.dirty):
        state = inspect(instance)
        for key in state.mapper.column_attrs.keys():
            if key not in state.dict:  # not loaded, so not changed: nothing to clean
                continue
            value = state.dict[key]
            if isinstance(value, (str, list, dict)):
                cleaned = clean_value(value)
                if cleaned != value:
                    setattr(instance, key, cleaned)
