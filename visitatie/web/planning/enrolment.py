"""Which municipalities take part in a round: by hand, or by importing their self-scans."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ...extensions import db
from ...guides.registry import theme_titles
from ...scheduling import enrolment as domain
from ...scheduling.pairing import scheduled_municipality_ids
from . import bp
from .forms import ConfirmForm, EnrolForm, SelfScanForm
from .lookup import all_municipalities, get_round, municipality_by_code, municipality_by_name


def _render(round_, enrol_form=None, scan_form=None, scan_problems=None, status=200):
    return render_template(
        "planning/enrolment.html", round=round_, enrolments=domain.enrolments(db.session, round_),
        busy=scheduled_municipality_ids(db.session, round_), municipalities=all_municipalities(),
        enrol_form=enrol_form or EnrolForm(formdata=None), scan_form=scan_form or SelfScanForm(formdata=None),
        scan_problems=scan_problems, confirm_form=ConfirmForm(), titles=theme_titles(round_),
    ), status


@bp.get("/rondes/<int:round_id>/gemeenten")
def list_enrolments(round_id: int):
    return _render(get_round(round_id))


@bp.post("/rondes/<int:round_id>/gemeenten")
def enrol_municipality(round_id: int):
    round_ = get_round(round_id)
    form = EnrolForm()
    municipality = municipality_by_name(form.municipality.data)
    if form.validate_on_submit() and municipality is None:
        form.municipality.errors.append(_("Onbekende gemeente; kies een naam uit de lijst."))
    if form.errors or municipality is None:
        return _render(round_, enrol_form=form, status=400)
    enrolment = domain.enrol(db.session, round_, municipality)
    domain.set_scores(enrolment, {t.number: int(form[f"score_{t.number}"].data or 0) or None for t in round_.themes})
    db.session.commit()
    flash(_("%(name)s doet mee aan deze ronde; de zelfscan is opgeslagen.", name=municipality.name), "success")
    return redirect(url_for("planning.list_enrolments", round_id=round_id))


@bp.post("/rondes/<int:round_id>/gemeenten/<code>/verwijderen")
def remove_enrolment(round_id: int, code: str):
    round_ = get_round(round_id)
    municipality = municipality_by_code(code)
    if ConfirmForm().validate_on_submit() and municipality and domain.unenrol(db.session, round_, municipality):
        db.session.commit()
        flash(_("%(name)s is uit de deelnemerslijst van de ronde gehaald.", name=municipality.name), "success")
    return redirect(url_for("planning.list_enrolments", round_id=round_id))


@bp.post("/rondes/<int:round_id>/zelfscan")
def import_self_scan(round_id: int):
    round_ = get_round(round_id)
    form = SelfScanForm()
    if not form.validate_on_submit():
        return _render(round_, scan_form=form, status=400)
    upload = form.file.data
    try:
        result = domain.import_self_scan(db.session, round_, upload.read(), upload.filename or "zelfscan.csv")
    except domain.SelfScanImportError as error:
        db.session.rollback()
        return _render(round_, scan_form=form, scan_problems=error, status=400)
    db.session.commit()
    flash(ngettext("Zelfscan ingelezen: %(num)s gemeente aangemeld, %(updated)s bijgewerkt.",
                   "Zelfscan ingelezen: %(num)s gemeenten aangemeld, %(updated)s bijgewerkt.",
                   result.enrolled, updated=result.updated), "success")
    return redirect(url_for("planning.list_enrolments", round_id=round_id))
