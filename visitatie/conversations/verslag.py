"""What the verslag of one conversation says, as a plain dict for reports/verslag.py.

Only shown questions (conditions hold) and their answers, per theme the lessons and quotes
marked in this conversation. The wording is Dutch: the verslag is a Dutch document whatever
language the reader's interface uses.
"""
from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

from ..dutch_time import AMSTERDAM
from ..guides.model import GuideSet
from ..models import Conversation
from ..models.types import DbSession
from ..opbrengst.consent import state as consent_state
from ..reports.verslag import build_verslag
from ..reports.wording import dutch_date
from ..vocabulary import Consent, ConversationStatus, Role, label
from . import answers as answer_domain
from .answers import answer_text
from .finalising import last_finalised


def verslag_content(session: DbSession, all_guides: GuideSet, conversation: Conversation) -> dict[str, Any]:
    guides = answer_domain.conversation_guides(all_guides, conversation)
    answers = answer_domain.answers_by_question(session, conversation)
    values = answer_domain.values_by_municipality(answers)
    municipalities = list(conversation.municipalities)
    shown = {m.id: answer_domain.shown_values(guides, values.get(m.id, {})) for m in municipalities}
    themes = []
    for guide in guides:
        questions, lessons, quotes = [], [], []
        for question in guide.questions:
            visible = [m for m in municipalities if question.is_shown(shown[m.id])]
            if not visible:
                continue
            rows = []
            for municipality in municipalities:
                answer = answers.get((municipality.id, question.id))
                is_shown = municipality in visible
                rows.append({"municipality": municipality.name,
                             "text": answer_text(question, answer.value if answer and is_shown else None),
                             "applicable": is_shown})
                if answer is None or not is_shown:
                    continue
                for mark in answer.marks:
                    if mark.kind == "les":
                        lessons.append({"text": mark.text, "municipality": municipality.name})
                    else:
                        quotes.append({"text": mark.text, "speaker": mark.speaker_name or "",
                                       "function": mark.speaker_function or "",
                                       "consent": label(Consent, consent_state(mark), "long")})
            questions.append({"id": question.id, "text": question.text, "answers": rows})
        themes.append({"number": guide.number, "title": guide.title, "recommendation": guide.recommendation,
                       "questions": questions, "lessons": lessons, "quotes": quotes})
    return {
        "title": f"Verslag bestuurlijk gesprek {conversation.title}",
        "conversation": conversation.title,
        "round": conversation.round.title,
        "date": dutch_date(conversation.starts_at) if conversation.starts_at else "nog niet gepland",
        "time": _time_span(conversation),
        "place": conversation.place or ("online" if conversation.online_url else "nog niet bekend"),
        "status": _status(conversation),
        "municipalities": [m.name for m in municipalities],
        "participants": [
            {"name": p.person.name, "role": label(Role, p.role),
             "municipality": p.municipality.name if p.municipality else "",
             "function": p.person.function or ""}
            for p in conversation.participations
        ],
        "themes": themes,
    }


def _time_span(conversation: Conversation) -> str:
    if conversation.starts_at is None:
        return ""
    start = conversation.starts_at.astimezone(AMSTERDAM)
    end = start + timedelta(minutes=conversation.duration_minutes)
    return f"{start:%H:%M}–{end:%H:%M} uur"


def _status(conversation: Conversation) -> str:
    event = last_finalised(conversation)
    if event is not None:
        return f"vastgesteld op {dutch_date(event.at)} door {event.actor}"
    return label(ConversationStatus, conversation.status, "long")


def verslag_filename(conversation: Conversation) -> str:
    """verslag-haarlem-maastricht-2024-01-18.docx: readable, and safe in a Content-Disposition."""
    names = "-".join(m.name for m in conversation.municipalities) or f"gesprek-{conversation.id}"
    slug = re.sub(r"[^a-z0-9]+", "-", names.lower()).strip("-")
    day = f"-{conversation.starts_at.astimezone(AMSTERDAM):%Y-%m-%d}" if conversation.starts_at else ""
    return f"verslag-{slug}{day}.docx"


def verslag_docx(session: DbSession, all_guides: GuideSet, conversation: Conversation) -> io.BytesIO:
    """The verslag as .docx bytes, ready to send or write to a file."""
    stream = io.BytesIO()
    build_verslag(verslag_content(session, all_guides, conversation)).save(stream)
    stream.seek(0)
    return stream
