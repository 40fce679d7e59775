"""Marking answers as a lesson (les) for their theme or as a quote (citaat) with consent.

A quote is never published without the speaker's consent: the default is "niet_publiceren",
"anoniem" publishes without a name, "met_naam" with name and function (and then needs both).
Who may mark is decided by permissions.can_mark; this module only keeps the data sound.
"""
from __future__ import annotations

import re

from sqlalchemy.orm import Session

from .guides import OPEN_ANSWER_MAX_LENGTH
from .models import CONSENTS, MARK_KINDS, Answer, Mark, Participation

DEFAULT_CONSENT = "niet_publiceren"
SPEAKER_MAX_LENGTH = 120


class MarkError(ValueError):
    """A mark that cannot be made as asked; `reason` names the rule for the web layer."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def add_mark(session: Session, answer: Answer, kind: str, actor: str, passage: str | None = None,
             speaker: Participation | None = None, consent: str | None = None) -> Mark:
    """Mark an answer (or a passage of it) and commit.

    reasons: unknown_kind, unknown_consent, empty_answer, passage_too_long,
    passage_not_in_answer, speaker_required, speaker_not_in_conversation.
    """
    if kind not in MARK_KINDS:
        raise MarkError("unknown_kind")
    consent = consent or DEFAULT_CONSENT
    if consent not in CONSENTS:
        raise MarkError("unknown_consent")
    if not (answer.value or "").strip():
        raise MarkError("empty_answer")
    passage = (passage or "").replace("\r\n", "\n").strip() or None
    if passage is not None:
        if len(passage) > OPEN_ANSWER_MAX_LENGTH:
            raise MarkError("passage_too_long")
        if _normalise(passage) not in _normalise(answer.value):
            raise MarkError("passage_not_in_answer")
    if speaker is not None and speaker.conversation_id != answer.conversation_id:
        raise MarkError("speaker_not_in_conversation")
    if kind == "les":
        # A lesson belongs to the theme, not to a person: no speaker, nothing to consent to.
        speaker, consent = None, DEFAULT_CONSENT
    elif consent == "met_naam" and speaker is None:
        raise MarkError("speaker_required")
    mark = Mark(answer=answer, kind=kind, passage=passage, consent=consent, created_by=actor,
                speaker_name=speaker.person.name[:SPEAKER_MAX_LENGTH] if speaker else None,
                speaker_function=_function(speaker))
    session.add(mark)
    session.commit()
    return mark


def _function(speaker: Participation | None) -> str | None:
    if speaker is None:
        return None
    function = speaker.person.function or speaker.role
    return function[:SPEAKER_MAX_LENGTH]


def set_consent(session: Session, mark: Mark, consent: str) -> Mark:
    """Record a (changed) consent of a quote's speaker and commit."""
    if consent not in CONSENTS:
        raise MarkError("unknown_consent")
    if mark.kind != "citaat":
        raise MarkError("not_a_quote")
    if consent == "met_naam" and not mark.speaker_name:
        raise MarkError("speaker_required")
    mark.consent = consent
    session.commit()
    return mark


def remove_mark(session: Session, mark: Mark) -> None:
    session.delete(mark)
    session.commit()
