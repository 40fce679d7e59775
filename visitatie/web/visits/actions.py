"""Routes of the visits blueprint beyond the theme page: editing a recommendation, the follow-up
page with its status changes, the bestuurlijke reactie, consent, finalising and the report."""
import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import visits as domain
from ...accounts.auth import security_actor
from ...conversations.finalising import FinaliseError, finalise
from ...conversations.permissions import actor_name
from ...extensions import db
from ...guides.registry import round_guides
from ...pdf import PdfError
from ...pdf.visit_report import visit_report_pdf
from ...security.events import record
from ...visits.report_content import visit_report_content, visit_report_docx, visit_report_filename
from ...wording import problem_message
from ...wording.visits import locked_message
from ..participant.access import signed_in_required
from . import pages as pages
from .access import DOCX, bp, load_visit, recommendation_of
from .forms import ConfirmForm, ConsentForm, RecommendationForm, ResponseForm, StatusForm


@bp.route("/<int:visit_id>/aanbevelingen/<int:recommendation_id>/bewerken", methods=["GET", "POST"])
@signed_in_required
def edit_recommendation(visit_id: int, recommendation_id: int):
    conversation, rights = load_visit(visit_id, require="can_score")
    recommendation = recommendation_of(conversation, recommendation_id)
    form = RecommendationForm(prefix="recommendation", data={
        "theme_number": str(recommendation.theme_number), "priority": recommendation.priority,
        "owner_role": recommendation.owner_role, "deadline": recommendation.deadline, "text": recommendation.text,
        "version": str(recommendation.version)})
    form.prepare(domain.visit_guides(round_guides(conversation.round), conversation))
    notice, status = None, 200
    if request.method == "POST":
        try:
            domain.update_recommendation(db.session, round_guides(conversation.round), conversation, recommendation,
                                         form.to_input(), actor_name(current_user), int(form.version.data or 0))
            flash(_("De aanbeveling is opgeslagen."), "success")
            return redirect(url_for(".show_visit_theme", visit_id=visit_id, number=recommendation.theme_number,
                                    _anchor="recommendations"))
        except domain.VisitError as error:
            notice, status = pages.refusal(form, error)
    return render_template("visits/recommendation_form.html", conversation=conversation, rights=rights,
                           recommendation=recommendation, form=form, notice=notice), status


@bp.post("/<int:visit_id>/aanbevelingen/<int:recommendation_id>/verwijderen")
@signed_in_required
def delete_recommendation(visit_id: int, recommendation_id: int):
    conversation, _rights = load_visit(visit_id, require="can_score")
    recommendation = recommendation_of(conversation, recommendation_id)
    number = recommendation.theme_number
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        domain.delete_recommendation(db.session, conversation, recommendation)
        flash(_("De aanbeveling is verwijderd."), "success")
    except domain.VisitLocked as error:
        flash(locked_message(error), "error")
    return redirect(url_for(".show_visit_theme", visit_id=visit_id, number=number, _anchor="recommendations"))


def _follow_up_page(conversation, rights, failed=None, status=200):
    """The follow-up page; `failed` is (recommendation id, its posted form, the notice) after a refused save."""
    context = pages.follow_up_page(db.session, round_guides(conversation.round), conversation, rights, failed)
    return render_template("visits/follow_up.html", **context), status


@bp.get("/<int:visit_id>/opvolging")
@signed_in_required
def show_follow_up(visit_id: int):
    conversation, rights = load_visit(visit_id)
    return _follow_up_page(conversation, rights)


@bp.post("/<int:visit_id>/aanbevelingen/<int:recommendation_id>/status")
@signed_in_required
def update_recommendation_status(visit_id: int, recommendation_id: int):
    conversation, rights = load_visit(visit_id, require="can_follow_up")
    recommendation = recommendation_of(conversation, recommendation_id, include_previous=True)
    form = StatusForm(prefix=f"r{recommendation.id}")
    try:
        domain.change_status(db.session, db.session.get_one(type(conversation), recommendation.conversation_id),
                             recommendation, form.status.data or "", form.reason.data or "",
                             actor_name(current_user), int(form.version.data or 0))
    except domain.VisitError as error:
        notice, status = pages.refusal(form, error)
        return _follow_up_page(conversation, rights, (recommendation.id, form, notice), status)
    flash(_("De status van de aanbeveling is bijgewerkt."), "success")
    return redirect(url_for(".show_follow_up", visit_id=visit_id, _anchor=f"recommendation-{recommendation.id}"))


@bp.post("/<int:visit_id>/reactie")
@signed_in_required
def save_response(visit_id: int):
    conversation, rights = load_visit(visit_id, require="can_respond")
    form = ResponseForm(prefix="response")
    try:
        domain.save_response(db.session, conversation, form.text.data or "", actor_name(current_user),
                             int(form.version.data or 0))
    except domain.VisitError as error:
        notice, status = pages.refusal(form, error)
    else:
        flash(_("De bestuurlijke reactie is opgeslagen."), "success")
        return redirect(url_for(".show_visit", visit_id=visit_id, _anchor="response"))
    context = pages.overview(db.session, round_guides(conversation.round), conversation, rights, response_form=form,
                             notice=notice)
    return render_template("visits/show.html", **context), status


@bp.post("/<int:visit_id>/toestemming")
@signed_in_required
def update_consent(visit_id: int):
    conversation, _rights = load_visit(visit_id, require="can_consent")
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        domain.set_consent(db.session, conversation, form.consent.data, actor_name(current_user))
        flash(_("Uw keuze is opgeslagen: de gemeente wordt in het landelijk beeld met naam getoond.")
              if form.consent.data
              else _("Uw keuze is opgeslagen: de gemeente wordt in het landelijk beeld niet met naam getoond."),
              "success")
    except domain.VisitLocked as error:
        flash(locked_message(error), "error")
    return redirect(url_for(".show_visit", visit_id=visit_id, _anchor="consent"))


@bp.post("/<int:visit_id>/vaststellen")
@signed_in_required
def finalise_visit(visit_id: int):
    conversation, _rights = load_visit(visit_id, require="can_finalise")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        finalise(db.session, conversation, actor_name(current_user))
        flash(_("Het visitatierapport is vastgesteld."), "success")
    except FinaliseError as error:
        flash(problem_message(error.problems[0]), "error")
    return redirect(url_for(".show_visit", visit_id=visit_id))


@bp.get("/<int:visit_id>/visitatierapport.docx")
@signed_in_required
def download_report(visit_id: int):
    conversation, _rights = load_visit(visit_id)
    return send_file(visit_report_docx(db.session, round_guides(conversation.round), conversation), as_attachment=True,
                     download_name=visit_report_filename(conversation), mimetype=DOCX)


@bp.get("/<int:visit_id>/visitatierapport.pdf")
@signed_in_required
def download_report_pdf(visit_id: int):
    """The visitatierapport as an accessible PDF; confidential, so the download is logged."""
    conversation, _rights = load_visit(visit_id)
    try:
        content = visit_report_pdf(visit_report_content(db.session, round_guides(conversation.round), conversation))
    except PdfError:
        abort(503)
    filename = visit_report_filename(conversation).removesuffix(".docx") + ".pdf"
    record(db.session, "export", actor=security_actor(current_user), ip=request.remote_addr,
           round_id=conversation.round_id, detail=filename)
    db.session.commit()
    return send_file(io.BytesIO(content), as_attachment=True, download_name=filename, mimetype="application/pdf")
