"""Pairing suggestions: show the proposal, accept a pair (a conversation without a date yet),
adjust it in the conversation form, or reject it so that it is not proposed again."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ...extensions import db
from ...guides.registry import theme_titles
from ...models import Municipality
from ...scheduling import StaleEdit, ValidationFailed
from ...scheduling import pairing as domain
from ...wording import problem_message
from ...wording.planning import pair_explanation, titled_message
from ..flashes import flash_link
from . import bp
from .forms import ConfirmForm, PairForm, SuggestForm
from .lookup import actor, get_round, municipality_by_code


@bp.get("/rondes/<int:round_id>/voorstel")
def show_suggestions(round_id: int):
    round_ = get_round(round_id)
    form = SuggestForm(request.args)
    constraint = form.beperking.data if form.validate() else "geen"
    proposal = domain.suggest_pairs(db.session, round_, constraint)
    titles = theme_titles(round_)
    explanations = [pair_explanation(pair, titles) for pair in proposal.pairs]
    return render_template("planning/suggestions.html", round=round_, form=form, proposal=proposal,
                           explanations=explanations, pair_form=PairForm(), confirm_form=ConfirmForm(),
                           rejected=len(domain.rejected_pairs(db.session, round_)))


def _pair() -> tuple[Municipality, Municipality] | None:
    form = PairForm()
    if not form.validate_on_submit():
        return None
    first, second = municipality_by_code(form.first.data), municipality_by_code(form.second.data)
    return (first, second) if first and second and first != second else None


@bp.post("/rondes/<int:round_id>/voorstel/aannemen")
def accept_pair(round_id: int):
    round_ = get_round(round_id)
    pair = _pair()
    if pair is not None:
        try:
            conversation = domain.accept_pair(db.session, round_, *pair, actor())
            db.session.commit()
            flash_link(_("Gesprek %(title)s aangemaakt.", title=conversation.title),
                       _("Kies nu datum, gespreksleider en deelnemers"),
                       url_for("planning.edit_conversation", conversation_id=conversation.id))
        except (ValidationFailed, StaleEdit) as failed:
            db.session.rollback()
            flash(" ".join(problem_message(p) for p in getattr(failed, "problems", [])), "error")
    return redirect(url_for("planning.show_suggestions", round_id=round_id, beperking=request.args.get("beperking")))


@bp.post("/rondes/<int:round_id>/voorstel/alle-aannemen")
def accept_pairs(round_id: int):
    """Accept the ticked pairs, or every pair of the proposal when none is ticked: all or nothing."""
    round_ = get_round(round_id)
    constraint = request.args.get("beperking") or "geen"
    if not ConfirmForm().validate_on_submit() or constraint not in domain.CONSTRAINTS:
        return redirect(url_for("planning.show_suggestions", round_id=round_id))
    ticked = [value.split("+") for value in request.form.getlist("paar") if value.count("+") == 1]
    pairs = [(municipality_by_code(a), municipality_by_code(b)) for a, b in ticked] or [
        (municipality_by_code(p.first.code), municipality_by_code(p.second.code))
        for p in domain.suggest_pairs(db.session, round_, constraint).pairs]
    known = [(a, b) for a, b in pairs if a is not None and b is not None and a != b]
    try:
        saved = domain.accept_pairs(db.session, round_, known, actor())
    except ValidationFailed as failed:
        db.session.rollback()
        flash(_("Er is niets aangenomen.") + " " + " ".join(titled_message(p) for p in failed.problems), "error")
        return redirect(url_for("planning.show_suggestions", round_id=round_id, beperking=constraint))
    db.session.commit()
    flash(ngettext("%(num)s gesprek aangemaakt, met de deelnemers uit het contactenregister.",
                   "%(num)s gesprekken aangemaakt, met de deelnemers uit het contactenregister.", len(saved)),
          "success")
    return redirect(url_for("planning.show_suggestions", round_id=round_id, beperking=constraint))


@bp.post("/rondes/<int:round_id>/voorstel/afwijzen")
def reject_pair(round_id: int):
    round_ = get_round(round_id)
    pair = _pair()
    if pair is not None:
        domain.reject_pair(db.session, round_, *pair, actor())
        db.session.commit()
        flash(_("Het voorstel %(first)s – %(second)s is afgewezen en komt niet terug.",
                first=pair[0].name, second=pair[1].name), "success")
    return redirect(url_for("planning.show_suggestions", round_id=round_id, beperking=request.args.get("beperking")))


@bp.post("/rondes/<int:round_id>/voorstel/herstellen")
def clear_rejections(round_id: int):
    round_ = get_round(round_id)
    if ConfirmForm().validate_on_submit():
        count = domain.clear_rejections(db.session, round_)
        db.session.commit()
        flash(ngettext("%(num)s afgewezen voorstel mag weer terugkomen.",
                       "%(num)s afgewezen voorstellen mogen weer terugkomen.", count), "success")
    return redirect(url_for("planning.show_suggestions", round_id=round_id))
