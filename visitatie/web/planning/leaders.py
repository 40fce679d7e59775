"""The gespreksleiders of a round: the pool of volunteers (added here or imported), and the
proposal of a leader for every conversation without one, each with its reasons; assigning all
proposals is one action."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ...extensions import db
from ...scheduling import ValidationFailed
from ...scheduling import leader_assignment as assignment
from ...scheduling import leader_pool as domain
from ...wording.planning import UNASSIGNED_REASONS, leader_reason_text, titled_message
from . import bp
from .forms import ConfirmForm, LeaderPreferenceForm, UploadForm, VolunteerForm
from .lookup import actor, all_municipalities, get_round, municipality_by_name


def _preference() -> tuple[LeaderPreferenceForm, str]:
    form = LeaderPreferenceForm(request.args)
    return form, form.voorkeur.data if form.validate() else "geen"


def _render(round_, volunteer_form=None, upload_form=None, problems=None, general=(), status=200):
    preference_form, preference = _preference()
    plan = assignment.propose_leaders(db.session, round_, preference)
    return render_template(
        "planning/leaders.html", round=round_, pool=domain.pool(db.session, round_), plan=plan,
        reasons={p.conversation_id: [leader_reason_text(r) for r in p.reasons] for p in plan.proposals},
        unassigned_reasons=UNASSIGNED_REASONS, preference_form=preference_form,
        volunteer_form=volunteer_form or VolunteerForm(formdata=None),
        upload_form=upload_form or UploadForm(formdata=None),
        problems=problems, general=list(general), confirm_form=ConfirmForm(),
        municipalities=all_municipalities()), status


@bp.get("/rondes/<int:round_id>/gespreksleiders")
def show_leaders(round_id: int):
    return _render(get_round(round_id))


@bp.post("/rondes/<int:round_id>/gespreksleiders")
def add_volunteer(round_id: int):
    round_ = get_round(round_id)
    form = VolunteerForm()
    valid = form.validate_on_submit()
    municipality = municipality_by_name(form.municipality.data)
    if form.municipality.data and municipality is None:
        form.municipality.errors.append(_("Onbekende gemeente; kies een naam uit de lijst."))
    days, bad = domain.parse_days(form.unavailable.data or "")
    if bad:
        form.unavailable.errors.append(_("Geen datum: %(values)s. Schrijf bijvoorbeeld 2025-04-15.",
                                         values=", ".join(bad)))
    if not valid or municipality is None or bad:
        return _render(round_, volunteer_form=form, status=400)
    domain.save_volunteer(db.session, round_, domain.VolunteerInput(
        form.name.data, form.email.data, municipality, form.max_conversations.data, tuple(days)))
    db.session.commit()
    flash(_("%(name)s staat in de pool van gespreksleiders.", name=form.name.data), "success")
    return redirect(url_for("planning.show_leaders", round_id=round_id))


@bp.post("/rondes/<int:round_id>/gespreksleiders/inlezen")
def import_pool(round_id: int):
    round_ = get_round(round_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _render(round_, upload_form=form, status=400)
    upload = form.file.data
    try:
        count = domain.import_pool(db.session, round_, upload.read(), upload.filename or "gespreksleiders")
    except domain.PoolImportError as error:
        db.session.rollback()
        return _render(round_, upload_form=form, problems=error, status=400)
    db.session.commit()
    flash(ngettext("%(num)s gespreksleider ingelezen.", "%(num)s gespreksleiders ingelezen.", count), "success")
    return redirect(url_for("planning.show_leaders", round_id=round_id))


@bp.post("/rondes/<int:round_id>/gespreksleiders/verwijderen")
def remove_volunteer(round_id: int):
    round_ = get_round(round_id)
    number = request.form.get("volunteer", "")
    if ConfirmForm().validate_on_submit() and number.isdigit():
        removed = domain.remove_volunteer(db.session, round_, int(number))
        if removed is not None:
            db.session.commit()
            flash(_("%(name)s is uit de pool gehaald.", name=removed.name), "success")
    return redirect(url_for("planning.show_leaders", round_id=round_id))


@bp.post("/rondes/<int:round_id>/gespreksleiders/toewijzen")
def assign_leaders(round_id: int):
    round_ = get_round(round_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("planning.show_leaders", round_id=round_id))
    _form, preference = _preference()
    plan = assignment.propose_leaders(db.session, round_, preference)
    chosen = {int(v) for v in request.form.getlist("gesprek") if v.isdigit()} or None
    try:
        count = assignment.assign_leaders(db.session, round_, plan, actor(), chosen)
    except ValidationFailed as failed:
        db.session.rollback()
        return _render(round_, general=[titled_message(p) for p in failed.problems], status=400)
    db.session.commit()
    flash(ngettext("%(num)s gesprek heeft nu een gespreksleider.", "%(num)s gesprekken hebben nu een gespreksleider.",
                   count), "success")
    return redirect(url_for("planning.show_leaders", round_id=round_id, voorkeur=preference))
