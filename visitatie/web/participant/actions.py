"""Marking lessons and quotes, finalising and reopening: routes of the participant blueprint."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...conversations.finalising import FinaliseError, finalise, reopen
from ...conversations.marks import MarkError, add_mark, remove_mark
from ...conversations.permissions import actor_name
from ...extensions import db
from ...guides.registry import round_guides
from ...models import Answer, Mark, Participation
from ...opbrengst.consent import give_consent, quotes_of_speaker, state
from ...wording import problem_message
from ..confirmation import confirmation_page, finalise_confirmation, is_confirmed
from . import answer_form
from . import pages as conversation_pages
from .access import bp, load_conversation, signed_in_required


def _answer_of(conversation, answer_id: int) -> Answer:
    answer = db.session.get(Answer, answer_id)
    if answer is None or answer.conversation_id != conversation.id:
        abort(404)
    return answer


def _theme_url(conversation, answer: Answer) -> str:
    question = round_guides(conversation.round).known_question(answer.question_id)
    return url_for("participant.edit_theme", conversation_id=conversation.id, number=question.theme_number,
                   _anchor=answer_form.dom_id(answer.municipality_id, answer.question_id))


@bp.post("/gesprekken/<int:conversation_id>/antwoorden/<int:answer_id>/markeringen")
@signed_in_required
def create_mark(conversation_id: int, answer_id: int):
    conversation, caps = load_conversation(conversation_id, require="can_mark")
    answer = _answer_of(conversation, answer_id)
    speaker = db.session.get(Participation, request.form.get("speaker", type=int) or 0)
    try:
        add_mark(db.session, answer, request.form.get("kind", ""), actor_name(current_user),
                 passage=request.form.get("passage"), speaker=speaker)
    except MarkError as error:
        context = conversation_pages.theme_of_answer(db.session, round_guides(conversation.round), conversation, caps,
                                                     answer)
        context["mark_form"] = dict(request.form, answer_id=answer.id, error=problem_message(error.problems[0]))
        return render_template("conversations/theme.html", **context), 400
    flash(_("De markering is opgeslagen."), "success")
    return redirect(_theme_url(conversation, answer))


def _mark_of(conversation, mark_id: int) -> Mark:
    mark = db.session.get(Mark, mark_id)
    if mark is None or mark.answer.conversation_id != conversation.id:
        abort(404)
    return mark


bp.add_app_template_global(state, "consent_state")


def _own_participation(conversation_id: int) -> Participation:
    """The signed-in participant's own place in this conversation; 404 for anyone else (also a
    project leader: consent is the speaker's alone)."""
    load_conversation(conversation_id)
    participation = getattr(current_user, "participation", None)
    if participation is None or participation.conversation_id != conversation_id:
        abort(404)
    return participation


@bp.get("/gesprekken/<int:conversation_id>/citaten")
@signed_in_required
def my_quotes(conversation_id: int):
    participation = _own_participation(conversation_id)
    marks = quotes_of_speaker(db.session, participation)
    return render_template("conversations/quotes.html", conversation=participation.conversation,
                           quotes=[(mark, state(mark)) for mark in marks])


@bp.post("/gesprekken/<int:conversation_id>/citaten/<int:mark_id>")
@signed_in_required
def answer_quote(conversation_id: int, mark_id: int):
    participation = _own_participation(conversation_id)
    mark = db.session.get(Mark, mark_id)
    if mark is None or mark.speaker_participation_id != participation.id:
        abort(404)
    try:
        give_consent(db.session, mark, participation, request.form.get("consent", ""), request.remote_addr)
        db.session.commit()
        flash(_("Uw keuze is opgeslagen."), "success")
    except MarkError as error:
        flash(problem_message(error.problems[0]), "error")
    return redirect(url_for("participant.my_quotes", conversation_id=conversation_id, _anchor=f"citaat-{mark.id}"))


@bp.post("/gesprekken/<int:conversation_id>/markeringen/<int:mark_id>/verwijderen")
@signed_in_required
def delete_mark(conversation_id: int, mark_id: int):
    conversation, _caps = load_conversation(conversation_id, require="can_mark")
    mark = _mark_of(conversation, mark_id)
    answer = mark.answer
    remove_mark(db.session, mark)
    flash(_("De markering is verwijderd."), "success")
    return redirect(_theme_url(conversation, answer))


@bp.post("/gesprekken/<int:conversation_id>/vaststellen")
@signed_in_required
def finalise_conversation(conversation_id: int):
    conversation, _caps = load_conversation(conversation_id, require="can_finalise")
    if not is_confirmed():
        return confirmation_page(finalise_confirmation(conversation),
                                 url_for("participant.show_conversation", conversation_id=conversation.id))
    try:
        finalise(db.session, conversation, actor_name(current_user))
        flash(_("Het verslag is vastgesteld. De antwoorden zijn nu alleen nog te lezen."), "success")
    except FinaliseError as error:
        flash(problem_message(error.problems[0]), "error")
    return redirect(url_for("participant.show_conversation", conversation_id=conversation.id))


@bp.post("/gesprekken/<int:conversation_id>/heropenen")
@signed_in_required
def reopen_conversation(conversation_id: int):
    conversation, caps = load_conversation(conversation_id, require="can_finalise")
    try:
        reopen(db.session, conversation, actor_name(current_user), request.form.get("reason", ""))
    except FinaliseError as error:
        context = conversation_pages.overview(db.session, round_guides(conversation.round), conversation, caps)
        context.update(reopen_reason=request.form.get("reason", ""), reopen_error=problem_message(error.problems[0]))
        return render_template("conversations/show.html", **context), 400
    flash(_("Het verslag is heropend; de antwoorden kunnen weer worden gewijzigd."), "success")
    return redirect(url_for("participant.show_conversation", conversation_id=conversation.id))
