"""The speaker's consent to a proposed quote, given through their own personal link.

A note-taker or gespreksleider marks a passage as a quote and names its speaker; that only asks.
The speaker sees the exact words on "Citaten van u" and chooses: anoniem, met naam en functie, or
niet publiceren. Consent stores those words and their SHA-256; publication uses the stored words.
When the answer changes so that the marked words differ, the consent has lapsed (quotes.problem)
and the quote leaves curation until the speaker confirms again. Withdrawal ("niet publiceren")
works at any time, also after publication: it redacts the quote from every published version.
"""
from __future__ import annotations

from sqlalchemy import select

from ..conversations.marks import MarkError, consent_lapsed, text_hash
from ..models import Answer, Conversation, Mark, Participation
from ..models.types import DbSession, utcnow
from ..security.events import record
from .withdrawal import anonymise_quote, redact_quote

CHOICES = ("anoniem", "met_naam", "niet_publiceren")


def quotes_of_speaker(session: DbSession, participation: Participation) -> list[Mark]:
    return list(session.scalars(select(Mark).join(Answer, Answer.id == Mark.answer_id).where(
        Mark.kind == "citaat", Mark.speaker_participation_id == participation.id).order_by(Mark.id)))


def state(mark: Mark) -> str:
    """gevraagd, vervallen (the words changed since), or the consent given."""
    if mark.consent in ("anoniem", "met_naam") and consent_lapsed(mark.consented_hash, mark.current_text):
        return "vervallen"
    return mark.consent


def give_consent(session: DbSession, mark: Mark, speaker: Participation, choice: str,
                 ip: str | None = None) -> Mark:
    """The speaker's answer, bound to the words as they are now; flushed (the caller commits).

    reasons: not_a_quote, not_the_speaker, unknown_consent, text_gone, speaker_required.
    """
    if mark.kind != "citaat":
        raise MarkError("not_a_quote")
    if mark.speaker_participation_id is None or mark.speaker_participation_id != speaker.id:
        raise MarkError("not_the_speaker")
    if choice not in CHOICES:
        raise MarkError("unknown_consent")
    words = mark.current_text
    if choice != "niet_publiceren" and not words.strip():
        raise MarkError("text_gone")
    if choice == "met_naam" and not mark.speaker_name:
        raise MarkError("speaker_required")
    previous = mark.consent
    mark.consent, mark.consent_given_at = choice, utcnow()
    if choice == "niet_publiceren":
        # Withdrawn: the words are not kept for publication, and leave every published version.
        mark.consented_text = mark.consented_hash = None
        redact_quote(session, mark.id)
    else:
        mark.consented_text, mark.consented_hash = words, text_hash(words)
        if previous == "met_naam" and choice == "anoniem":
            anonymise_quote(session, mark.id, speaker.role, mark.speaker_function)
    session.flush()
    conversation = session.get(Conversation, mark.answer.conversation_id)
    record(session, "consent", actor=f"deelnemer {speaker.id}", ip=ip,
           round_id=conversation.round_id if conversation else None, detail=f"citaat {mark.id}: {previous} -> {choice}")
    session.flush()
    return mark
