"""Withdrawing the quotes of a speaker (erasure, AVG art. 17): their marks no longer carry consent,
a name or a function, so no later publication can show them.

A quote names its speaker's participation (Mark.speaker_participation_id); marks made before that
link existed carry only the name. A person's quotes are therefore: marks whose speaker
participation is one of theirs, and marks on answers in the conversations they took part in whose
speaker name is theirs (case and spacing ignored) — a namesake elsewhere stays untouched.

Withdrawal reaches every published version: opbrengst/withdrawal.redact_quote removes the quote
from each stored snapshot, with an "ingetrokken op" note.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select

from ..models import Answer, Mark, Participation, Person
from ..models.types import DbSession
from ..opbrengst.withdrawal import redact_quote


def normalised(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def marks_of_speaker(session: DbSession, person: Person) -> list[Mark]:
    participations = select(Participation.id).where(Participation.person_id == person.id)
    conversation_ids = select(Participation.conversation_id).where(Participation.person_id == person.id)
    candidates = session.scalars(
        select(Mark).join(Answer, Answer.id == Mark.answer_id)
        .where(Answer.conversation_id.in_(conversation_ids),
               or_(Mark.speaker_participation_id.in_(participations), func.length(Mark.speaker_name) > 0)))
    own = set(session.scalars(participations))
    return [m for m in candidates if m.speaker_participation_id in own
            or normalised(m.speaker_name) == normalised(person.name)]


def withdraw_quotes_of_speaker(session: DbSession, person: Person, actor: str) -> list[int]:
    """Set every mark spoken by the person to 'niet_publiceren' and blank its speaker; returns the
    ids of the marks changed. Flushes; the caller commits (and records the event)."""
    withdrawn = []
    for mark in marks_of_speaker(session, person):
        mark.consent = "niet_publiceren"
        mark.speaker_name = mark.speaker_function = None
        mark.consented_text = mark.consented_hash = None  # the words consented to go as well
        if mark.kind == "citaat":
            redact_quote(session, mark.id)
        withdrawn.append(mark.id)
    session.flush()
    return withdrawn
