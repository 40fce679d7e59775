"""Planning one conversation: create, edit, reschedule, change its status."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...extensions import db
from ...i18n import label
from ...scheduling import TRANSITIONS, InvalidTransition, StaleEdit, ValidationFailed, change_status, save_conversation
from ...vocabulary import ConversationStatus, RoundKind
from ...wording import problem_message
from ..confirmation import confirmation_page, finalise_confirmation, is_confirmed
from . import bp
from .conversation_form import error_summary, initial_data, prepare, show_problems, to_input
from .forms import ConversationForm, StatusForm
from .lookup import actor, all_municipalities, get_conversation, get_round


def _render(form, round_, conversation=None, general=(), conflict=None, status=200):
    municipalities = all_municipalities()
    return render_template(
        "planning/conversation_form.html", form=form, round=round_, conversation=conversation,
        municipalities=municipalities, errors=error_summary(form), general=list(general),
        conflict=conflict, transitions=TRANSITIONS,
    ), status


def _save(form, round_, conversation=None):
    """Save the posted form: (the saved conversation, None) or (None, the page to show again)."""
    if "add_row" in request.form:
        form.participants.append_entry()
        prepare(form, round_)
        return None, _render(form, round_, conversation)
    if not form.validate_on_submit():
        return None, _render(form, round_, conversation, status=400)
    data, targets = to_input(form)
    if data is None:
        return None, _render(form, round_, conversation, status=400)
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    try:
        saved = save_conversation(db.session, round_, data, actor(), conversation, expected_version=version)
    except ValidationFailed as failed:
        db.session.rollback()
        general = show_problems(form, failed.problems, targets)
        return None, _render(form, round_, conversation, general, status=400)
    except StaleEdit:
        db.session.rollback()
        current = get_conversation(conversation.id)
        form.version.data = str(current.version)  # a second save is a deliberate "keep mine"
        return None, _render(form, round_, current, conflict=current, status=409)
    db.session.commit()
    if round_.kind == RoundKind.VISITATIERONDE:
        flash(_("De visitatie %(title)s is opgeslagen.", title=saved.title), "success")
    else:
        flash(_("Het gesprek %(title)s is opgeslagen.", title=saved.title), "success")
    return saved, None


@bp.route("/rondes/<int:round_id>/gesprekken/nieuw", methods=["GET", "POST"])
def new_conversation(round_id: int):
    round_ = get_round(round_id)
    form = ConversationForm(data=None if request.method == "POST"
                            else initial_data(None, request.args.getlist("gemeente")))
    prepare(form, round_)
    if request.method == "GET":
        return _render(form, round_)
    saved, page = _save(form, round_)
    return page or redirect(url_for("planning.edit_conversation", conversation_id=saved.id))


@bp.route("/gesprekken/<int:conversation_id>", methods=["GET", "POST"])
def edit_conversation(conversation_id: int):
    conversation = get_conversation(conversation_id)
    round_ = conversation.round
    form = ConversationForm(data=None if request.method == "POST" else initial_data(conversation))
    prepare(form, round_)
    if request.method == "GET":
        return _render(form, round_, conversation)
    saved, page = _save(form, round_, conversation)
    return page or redirect(url_for("planning.edit_conversation", conversation_id=saved.id))


@bp.post("/gesprekken/<int:conversation_id>/status")
def change_conversation_status(conversation_id: int):
    conversation = get_conversation(conversation_id)
    form = StatusForm()
    if form.validate_on_submit():
        finalising = (form.status.data == ConversationStatus.VASTGESTELD
                      and ConversationStatus.VASTGESTELD in TRANSITIONS.get(conversation.status, ()))
        if finalising and not is_confirmed():
            return confirmation_page(finalise_confirmation(conversation),
                                     url_for("planning.edit_conversation", conversation_id=conversation_id))
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            change_status(db.session, conversation, form.status.data, actor(), form.reason.data, version)
            db.session.commit()
            flash(_("Status gewijzigd in ‘%(status)s’.", status=label(ConversationStatus, form.status.data)), "success")
        except ValidationFailed as failed:
            db.session.rollback()
            flash(" ".join(problem_message(p) for p in failed.problems), "error")
        except InvalidTransition as error:
            db.session.rollback()
            flash(" ".join(problem_message(p) for p in error.problems), "error")
        except StaleEdit:
            db.session.rollback()
            flash(_("Iemand anders heeft dit gesprek intussen gewijzigd. Bekijk de huidige gegevens en probeer het "
                    "opnieuw."), "error")
    return redirect(url_for("planning.edit_conversation", conversation_id=conversation_id))
