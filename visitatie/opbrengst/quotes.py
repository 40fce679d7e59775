"""Which quotes may be published, and how their speaker is shown.

A quote is publishable only with the speaker's own consent (opbrengst/consent.py), and only in
the words consented to: "met_naam" shows name and function, "anoniem" shows only the kind of
speaker ("een burgemeester"), never a name or a municipality. When the answer changed after the
consent, the consent has lapsed until the speaker confirms again. An anonymous quote that names a
municipality of its conversation would give the speaker away, so it cannot be published either.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..conversations.marks import consent_lapsed
from ..models import Mark, Municipality, Participation, Person, conversation_municipality
from ..models.types import DbSession
from ..vocabulary import PUBLISHABLE_CONSENTS

ANONYMOUS_SPEAKERS = {
    "burgemeester": "een burgemeester",
    "gespreksleider": "een burgemeester",  # the gespreksleider is a mayor of a third municipality
    "ciso": "een CISO",
    "adviseur_oov": "een adviseur OOV",
    "commissielid": "een lid van de visitatiecommissie",
    "secretaris": "een secretaris van de visitatiecommissie",
    "notulist": "een projectleider",
    "projectleider": "een projectleider",
}
# When the speaker's role is unknown, the function they gave tells what kind of speaker it was.
_FUNCTION_WORDS = (("burgemeester", "een burgemeester"), ("ciso", "een CISO"),
                   ("adviseur", "een adviseur OOV"), ("projectleider", "een projectleider"))
UNKNOWN_SPEAKER = "een deelnemer"


@dataclass(frozen=True)
class QuoteSource:
    """What is known about a quote mark, as plain values."""

    mark_id: int
    kind: str
    text: str
    consent: str
    speaker_name: str | None
    speaker_function: str | None
    conversation_id: int
    consented_text: str | None = None
    lapsed: bool = False


def anonymous_speaker(role: str | None, function: str | None) -> str:
    if role in ANONYMOUS_SPEAKERS:
        return ANONYMOUS_SPEAKERS[role]
    lowered = (function or "").casefold()
    return next((label for word, label in _FUNCTION_WORDS if word in lowered), UNKNOWN_SPEAKER)


def names_one_of(text: str, names: Iterable[str | None]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags=re.IGNORECASE) for name in names if name)


def problem(source: QuoteSource, names_in_conversation: Iterable[str | None]) -> str | None:
    """Why this quote cannot be published (a code), or None when it can."""
    if source.kind != "citaat":
        return "not_a_quote"
    if source.consent == "gevraagd":
        return "awaiting_consent"
    if source.consent not in PUBLISHABLE_CONSENTS or not source.consented_text:
        return "not_consented"
    if source.lapsed:
        return "consent_lapsed"
    if source.consent == "met_naam" and not source.speaker_name:
        return "speaker_missing"
    if source.consent == "anoniem" and names_one_of(source.consented_text, names_in_conversation):
        return "names_municipality"
    return None


def public_quote(source: QuoteSource, role: str | None) -> dict[str, Any]:
    """The quote as published: the consented words, speaker, function, and the mark it came from
    (so that a withdrawal can find it in every version; never shown)."""
    if source.consent == "met_naam":
        return {"text": source.consented_text, "speaker": source.speaker_name or "",
                "function": source.speaker_function or "", "mark_id": source.mark_id}
    return {"text": source.consented_text, "speaker": anonymous_speaker(role, source.speaker_function),
            "function": "", "mark_id": source.mark_id}


def source_of(mark: Mark) -> QuoteSource:
    """A Mark (model) as a QuoteSource."""
    return QuoteSource(mark.id, mark.kind, mark.text, mark.consent, mark.speaker_name, mark.speaker_function,
                       mark.answer.conversation_id, mark.consented_text,
                       consent_lapsed(mark.consented_hash, mark.current_text))


# Per conversation the municipality names in it; per (conversation, speaker name) the role. The
# speaker name of a role lookup may be None (a quote without a name), hence the optional key.
MunicipalityNames = dict[int, set[str]]
SpeakerRoles = dict[tuple[int, str | None], str]


def conversation_context(session: DbSession,
                         conversation_ids: Iterable[int]) -> tuple[MunicipalityNames, SpeakerRoles]:
    """Per conversation: the municipality names in it, and the role of each speaker by name."""
    conversation_ids = sorted(set(int(c) for c in conversation_ids))
    names: MunicipalityNames = {c: set() for c in conversation_ids}
    roles: SpeakerRoles = {}
    if not conversation_ids:
        return names, roles
    cm = conversation_municipality.c
    for conversation_id, name in session.execute(
            select(cm.conversation_id, Municipality.name).join(Municipality, Municipality.id == cm.municipality_id)
            .where(cm.conversation_id.in_(conversation_ids))):
        names[conversation_id].add(name)
    rows = session.execute(
        select(Participation.conversation_id, Participation.role, Person.name, Municipality.name)
        .join(Person, Person.id == Participation.person_id)
        .outerjoin(Municipality, Municipality.id == Participation.municipality_id)
        .where(Participation.conversation_id.in_(conversation_ids)).order_by(Participation.id))
    for conversation_id, role, person, municipality in rows:
        roles.setdefault((conversation_id, person), role)
        if municipality:  # the gespreksleider's own municipality gives them away too
            names[conversation_id].add(municipality)
    return names, roles
