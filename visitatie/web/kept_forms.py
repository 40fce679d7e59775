"""Forms that come back as their own page, with what was typed, after a failure on our side.

errors.respond() asks here first; a form not listed (or one whose page cannot be built now, for
instance because the database cannot even be read) comes back as the generic kept-form page.
"""
from flask import render_template, request

from ..conversations import answers as answer_domain
from ..conversations.answers import AnswerError
from ..extensions import db
from ..guides.registry import round_guides
from .participant import answer_form
from .participant import pages as conversation_pages
from .participant.access import load_conversation


def _theme_form(message: str) -> str:
    """The guide form of one theme with every typed answer in place; the changed ones marked unsaved."""
    view_args = request.view_args or {}  # set on every routed request, which the kept forms are
    conversation, caps = load_conversation(view_args["conversation_id"])
    guides = answer_domain.conversation_guides(round_guides(conversation.round), conversation)
    guide = next(g for g in guides if g.number == view_args["number"])
    stored = answer_domain.answers_by_question(db.session, conversation)
    typed, errors = {}, {}
    for municipality in conversation.municipalities:
        if not caps.can_edit_municipality(municipality):
            continue
        for change in answer_form.read_changes(request.form, guide, municipality.id):
            slot = (municipality.id, change.question.id)
            typed[slot] = change.value
            answer = stored.get(slot)
            if (change.question.decode(answer.value if answer else None) != change.value
                    and change.value not in ("", [])):
                errors[slot] = AnswerError()  # "Dit antwoord kon niet worden opgeslagen."
    context = conversation_pages.theme(db.session, guides, guide, conversation, caps, typed, errors)
    return render_template("conversations/theme.html", failure_message=message, **context)


KEEPERS = {"participant.edit_theme": _theme_form}


def render_kept(message: str) -> str | None:
    """The form's own page with what was typed, or None when this form has none."""
    keeper = KEEPERS.get(request.endpoint or "")
    return keeper(message) if keeper else None
