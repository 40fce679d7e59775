"""Withdrawing the quotes of a speaker (erasure, AVG art. 17): their marks no longer carry consent,
a name or a function, so no later publication can show them.

Mark stores the speaker as typed text (speaker_name), not as a person id. A person's quotes are
therefore found as: marks on answers in the conversations the person took part in (Participation),
whose speaker name is the person's name (case and spacing ignored). Limiting the match to their
own conversations keeps a namesake elsewhere untouched; matching by name inside them finds every
quote a note-taker attributed to the person.

Published versions are immutable snapshots; the publication module redacts those (hook in
`withdraw_quotes_of_speaker` once it exists).
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Answer, Mark, Participation, Person


def normalised(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def marks_of_speaker(session: Session, person: Person) -> list[Mark]:
    conversation_ids = select(Participation.conversation_id).where(Participation.person_id == person.id)
    candidates = session.scalars(
        select(Mark).join(Answer, Answer.id == Mark.answer_id)
        .where(Answer.conversation_id.in_(conversation_ids), func.length(Mark.speaker_name) > 0))
    return [m for m in candidates if normalised(m.speaker_name) == normalised(person.name)]


def withdraw_quotes_of_speaker(session: Session, person: Person, actor: str) -> list[int]:
    """Set every mark spoken by the person to 'niet_publiceren' and blank its speaker; returns the
    ids of the marks changed. Flushes; the caller commits (and records the event)."""
    withdrawn = []
    for mark in marks_of_speaker(session, person):
        mark.consent = "niet_publiceren"
        mark.speaker_name = None
        mark.speaker_function = None
        withdrawn.append(mark.id)
    session.flush()
    return withdrawn
