"""The interview guide as a preparation booklet (PDF/UA, templates/pdf/guide.html): all themes or
one, from the guide files; and a participant's own copy of their conversation's guide with the
answers of the municipalities they answer for (confidential: "Vertrouwelijk" on every page).

Which municipalities a participant may see is decided by the caller through the permission check
(permissions.capabilities); this module only shapes the data. No Flask.
"""
from __future__ import annotations

from ..conversations import answers as answer_domain
from ..guides.model import Guide, GuideSet
from ..models import Conversation
from ..models.types import DbSession
from ..reports import public_text
from ..reports.qr import qr_png
from ..vocabulary import Role, labels
from .opbrengst import data_uri
from .render import render_pdf

TYPES = {"open": "open vraag", "scale": "schaal 1–5", "ja_nee_deels": "ja / nee / deels",
         "multiple_choice": "meerkeuze"}


def answers_for(session: DbSession, all_guides: GuideSet, conversation: Conversation, municipalities) -> dict:
    """{question id: [(municipality name, answer as read)]} for the given municipalities, in their
    order; only answers to questions that are shown (their condition holds)."""
    guides = answer_domain.conversation_guides(all_guides, conversation)
    values = answer_domain.values_by_municipality(answer_domain.answers_by_question(session, conversation))
    result: dict[str, list[tuple[str, str]]] = {}
    for municipality in municipalities:
        shown = answer_domain.shown_values(guides, values.get(municipality.id, {}))
        for guide in guides:
            for question in guide.questions:
                if question.id in shown:
                    result.setdefault(question.id, []).append(
                        (municipality.name, answer_domain.answer_text(question, shown[question.id])))
    return result


def guide_pdf(guides: list[Guide], all_guides: GuideSet, *, title: str, subtitle: str = "",
              answers: dict | None = None, municipalities: list[str] | None = None) -> bytes:
    """The booklet; with `answers` (a participant's copy) it is confidential and shows, under each
    question, the answer per municipality or "nog niet beantwoord"."""
    return render_pdf("pdf/guide.html", guides=guides, all_guides=all_guides, title=title, subtitle=subtitle,
                      answers=answers, municipalities=municipalities or [], confidential=answers is not None,
                      types=TYPES, roles=labels(Role), text=public_text,
                      qr_uri=lambda url: data_uri(qr_png(url)))


def booklet_file_name(guides: list[Guide]) -> str:
    return f"gespreksleidraad-{guides[0].slug}.pdf" if len(guides) == 1 else "gespreksleidraad.pdf"
