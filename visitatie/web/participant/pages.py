"""What the conversation pages show, and the JSON of the autosave: kept out of the views so
those stay a dozen lines. Uses Flask-Babel for the Dutch messages; no SQL strings."""
from __future__ import annotations

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user

from ...conversations import answers as answer_domain
from ...conversations.answers import (
    AnswerError,
    Change,
    ConversationLocked,
    InvalidAnswer,
    QuestionHidden,
    VersionConflict,
)
from ...conversations.finalising import last_finalised
from ...conversations.word_diff import merge, word_diff
from ...guides.model import OPEN_ANSWER_MAX_LENGTH, Guide, GuideSet, Question
from ...guides.registry import round_guides
from ...i18n import local_time
from ...models import Answer, Conversation
from ...models.types import DbSession, utcnow
from ...opbrengst.consent import quotes_of_speaker
from . import answer_form


def _municipalities(conversation: Conversation, caps) -> list:
    """The conversation's municipalities, the ones this principal answers for first."""
    return sorted(conversation.municipalities, key=lambda m: (not caps.can_edit_municipality(m), m.name))


def _progress(guides, answers, conversation):
    """The signed-in reader's own progress: overview, theme page and autosave all count it here."""
    values = answer_domain.values_by_municipality(answers)
    municipality_ids, role = answer_domain.progress_scope(conversation, getattr(current_user, "participation", None))
    return answer_domain.conversation_progress(guides, values, municipality_ids, role)


def overview(session: DbSession, all_guides: GuideSet, conversation: Conversation, caps) -> dict:
    guides = answer_domain.conversation_guides(all_guides, conversation)
    answers = answer_domain.answers_by_question(session, conversation)
    per_theme, total = _progress(guides, answers, conversation)
    values = answer_domain.values_by_municipality(answers)
    shown = {m.id: answer_domain.shown_values(guides, values.get(m.id, {})) for m in conversation.municipalities}
    return {
        "conversation": conversation, "caps": caps, "guides": guides, "answers": answers,
        "shown": shown, "progress": per_theme, "total": total,
        "locked": answer_domain.is_locked(conversation), "finalised": last_finalised(conversation),
        "municipalities": _municipalities(conversation, caps),
        "own_quotes": _own_quotes(session, conversation),
    }


def _own_quotes(session: DbSession, conversation: Conversation) -> int:
    """How many quotes of the signed-in participant wait on this page for their consent."""
    participation = getattr(current_user, "participation", None)
    if participation is None or participation.conversation_id != conversation.id:
        return 0
    return len(quotes_of_speaker(session, participation))


def theme(session: DbSession, guides: list[Guide], guide: Guide, conversation: Conversation, caps,
          typed=None, errors=None) -> dict:
    answers = answer_domain.answers_by_question(session, conversation)
    per_theme, total = _progress(guides, answers, conversation)
    locked = answer_domain.is_locked(conversation)
    municipalities = _municipalities(conversation, caps)
    numbers = [g.number for g in guides]
    index = numbers.index(guide.number)
    return {
        "conversation": conversation, "caps": caps, "guides": guides, "guide": guide,
        "municipalities": municipalities, "locked": locked,
        "locked_message": answer_form.locked_message(conversation.status) if locked else None,
        "lost_to_lock": bool(errors) and any(isinstance(e, ConversationLocked) for e in errors.values()),
        "states": answer_form.field_states(guide, municipalities, caps, locked, answers, typed, errors),
        "progress": per_theme, "total": total,
        "previous_number": numbers[index - 1] if index > 0 else None,
        "next_number": numbers[index + 1] if index + 1 < len(numbers) else None,
        "speakers": [p for p in conversation.participations],
        "has_errors": bool(errors),
        "max_length": OPEN_ANSWER_MAX_LENGTH,
    }


def theme_of_answer(session: DbSession, all_guides: GuideSet, conversation: Conversation, caps, answer: Answer) -> dict:
    """The context of the theme page that holds this answer."""
    guides = answer_domain.conversation_guides(all_guides, conversation)
    number = all_guides.known_question(answer.question_id).theme_number
    return theme(session, guides, next(g for g in guides if g.number == number), conversation, caps)


def posts_foreign_fields(form, conversation: Conversation, caps) -> bool:
    """Whether a post carries answers for a municipality this principal may not edit."""
    foreign = [m.id for m in conversation.municipalities if not caps.can_edit_municipality(m)]
    return any(name.startswith(f"version-{mid}-") or name.startswith(f"answer-{mid}-")
               for name in form for mid in foreign)


def save_theme_form(session: DbSession, all_guides: GuideSet, guide: Guide, conversation: Conversation, caps,
                    form, actor: str) -> tuple[dict, dict]:
    """Save a posted theme; returns what was typed and the errors, both keyed by (municipality, question)."""
    typed: dict[tuple[int, str], list[str] | str | None] = {}
    errors: dict[tuple[int, str], AnswerError] = {}
    for municipality in conversation.municipalities:
        if not caps.can_edit_municipality(municipality):
            continue
        changes = answer_form.read_changes(form, guide, municipality.id)
        for change in changes:
            typed[(municipality.id, change.question.id)] = change.value
        try:
            results = answer_domain.save_answers(session, conversation, municipality.id, changes, actor, all_guides)
        except ConversationLocked as error:
            errors.update({(municipality.id, c.question.id): error for c in changes})
            continue
        for question_id, outcome in results.items():
            if isinstance(outcome, AnswerError) and not isinstance(outcome, QuestionHidden):
                errors[(municipality.id, question_id)] = outcome
    return typed, errors


def parse_autosave(all_guides: GuideSet, conversation: Conversation, data) -> tuple[int, Change] | None:
    """(municipality id, change) from the autosave's JSON, or None when it is malformed."""
    if not isinstance(data, dict):
        return None
    municipality_id, question_id, version = data.get("municipality"), data.get("question"), data.get("version", 0)
    if not isinstance(municipality_id, int) or not isinstance(question_id, str):
        return None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return None
    guide = all_guides.guide_of(question_id)
    if guide is None or guide.number not in {t.number for t in conversation.round.themes}:
        return None
    return municipality_id, Change(all_guides.known_question(question_id), data.get("value"), version)


def autosave_error(error: AnswerError):
    message = answer_form.error_message(error)
    if isinstance(error, VersionConflict):
        current = error.current
        question = _question_of(current)
        mine = answer_domain.answer_text(question, error.submitted)
        theirs = answer_domain.answer_text(question, current.value)
        diff = word_diff(mine, theirs)
        return jsonify(error="conflict", message=message, current={
            "value": question.decode(current.value) if question else current.value,
            "display": theirs, "version": current.version,
            "by": current.updated_by, "at": local_time(current.updated_at, "HH:mm") if current.updated_by else "",
        }, diff={"mine": [[s.kind, s.text] for s in diff.mine], "theirs": [[s.kind, s.text] for s in diff.theirs]},
            merged=merge(mine, theirs) if question is not None and question.type == "open" else None), 409
    if isinstance(error, ConversationLocked):
        return jsonify(error="locked", message=message), 409
    if isinstance(error, (InvalidAnswer, QuestionHidden)):
        return jsonify(error="hidden" if isinstance(error, QuestionHidden) else "invalid", message=message), 422
    return jsonify(error="bad_request", message=message), 400


def _question_of(answer: Answer) -> Question | None:
    return round_guides(answer.conversation.round).question(answer.question_id)


def autosave_result(session: DbSession, all_guides: GuideSet, conversation: Conversation, question: Question,
                    answer: Answer | None) -> dict:
    guides = answer_domain.conversation_guides(all_guides, conversation)
    answers = answer_domain.answers_by_question(session, conversation)
    per_theme, total = _progress(guides, answers, conversation)
    saved_at = local_time(utcnow(), "HH:mm")
    theme_progress = per_theme[question.theme_number]
    return {
        "version": answer.version if answer else 0,
        "value": question.decode(answer.value if answer else None),
        "saved_at": saved_at,
        "message": _("Opgeslagen om %(time)s", time=saved_at),
        "progress": {
            "theme": {"answered": theme_progress.answered, "total": theme_progress.total},
            "conversation": {"answered": total.answered, "total": total.total},
        },
    }
