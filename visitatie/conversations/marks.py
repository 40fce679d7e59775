"""Marking answers as a lesson (les) for their theme or as a quote (citaat).

A mark only *proposes* a quote: its consent starts as "gevraagd" and only the speaker changes it,
through their own link (opbrengst/consent.py): "anoniem" publishes without a name, "met_naam"
with name and function, "niet_publiceren" not at all. The consent is bound to the exact words.
Who may mark is decided by permissions.can_mark; this module only keeps the data sound.
"""
from __future__ import annotations

import hashlib
import re

from ..errors import DomainError, Problem
from ..guides.model import OPEN_ANSWER_MAX_LENGTH
from ..models import MARK_KINDS, Answer, Mark, Participation
from ..models.types import DbSession

DEFAULT_CONSENT = "gevraagd"
LESSON_CONSENT = "niet_publiceren"  # a lesson is the theme's, nobody's words: nothing to consent to
SPEAKER_MAX_LENGTH = 120


class MarkError(DomainError):
    """A mark that cannot be made as asked; ``reason`` is the code of the rule (wording/conversations.py)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__([Problem(reason)])


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def locate_passage(answer_value: str | None, selection: str | None) -> str | None:
    """The exact words of the stored answer that a selection (or a typed passage) stands for.

    A selection in the rendered answer differs from the stored text in whitespace only: the page
    collapses spaces and may turn a line end into a space (or the reverse), and a form post sends
    CRLF. Words must match in order, whitespace between them may differ, case may differ; None
    when the words do not occur in the answer. The stored answer's own characters are returned,
    so the mark (and a speaker's consent) holds the words as they were recorded.
    """
    words = (selection or "").split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    found = re.search(pattern, answer_value or "", flags=re.IGNORECASE)
    return found.group(0) if found else None


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_text(passage: str | None, answer_value: str | None) -> str:
    """The words a mark stands for now: its passage while the answer still holds it, else the answer."""
    if passage:
        return passage if _normalise(passage) in _normalise(answer_value or "") else ""
    return answer_value or ""


def consent_lapsed(consented_hash: str | None, text_now: str) -> bool:
    """Consent was given to other words than the mark stands for now."""
    return isinstance(consented_hash, str) and consented_hash != text_hash(text_now)


def add_mark(session: DbSession, answer: Answer, kind: str, actor: str, passage: str | None = None,
             speaker: Participation | None = None) -> Mark:
    """Mark an answer (or a passage of it) and commit. A quote asks its speaker for consent.

    reasons: unknown_kind, empty_answer, passage_too_long, passage_not_in_answer,
    speaker_required, speaker_not_in_conversation.
    """
    if kind not in MARK_KINDS:
        raise MarkError("unknown_kind")
    consent = DEFAULT_CONSENT
    if not (answer.value or "").strip():
        raise MarkError("empty_answer")
    passage = (passage or "").replace("\r\n", "\n").strip() or None
    if passage is not None:
        if len(passage) > OPEN_ANSWER_MAX_LENGTH:
            raise MarkError("passage_too_long")
        passage = locate_passage(answer.value, passage)
        if passage is None:
            raise MarkError("passage_not_in_answer")
    if kind == "les":
        # A lesson belongs to the theme, not to a person: no speaker, nothing to consent to. A
        # speaker sent along (a form that still had one chosen) is ignored, not an error.
        speaker, consent = None, LESSON_CONSENT
    elif speaker is None:  # only the speaker can consent, so a quote needs one
        raise MarkError("speaker_required")
    if speaker is not None and speaker.conversation_id != answer.conversation_id:
        raise MarkError("speaker_not_in_conversation")
    mark = Mark(answer=answer, kind=kind, passage=passage, consent=consent, created_by=actor,
                speaker_participation_id=speaker.id if speaker else None,
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


def remove_mark(session: DbSession, mark: Mark) -> None:
    """Remove a mark and commit. A quote that was published leaves every published version too:
    without its mark the speaker could no longer withdraw it."""
    if mark.kind == "citaat":
        from ..opbrengst.withdrawal import redact_quote  # opbrengst builds on marks, not the reverse
        redact_quote(session, mark.id)
    session.delete(mark)
    session.commit()
