"""Visitatieronde: visits, self-assessment, committee scores, recommendations and follow-up.

Every visit view asks visits.visit_rights() through `load_visit`: a visit that does not exist,
a conversation that is not a visit and a visit of another municipality all give the same 404.
The national picture is public, anonymised and suppressed; its full version is for project leaders.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import visits as domain
from ...accounts.auth import projectleider_required
from ...conversations.permissions import actor_name
from ...extensions import db
from ...guides.registry import round_guides
from ...models.visits import Finding
from ...opbrengst.errors import PublicationIncomplete
from ...security.events import record
from ...visits import national_release
from ...wording import problem_message
from ...wording.visits import locked_message
from ..opbrengst.forms import ActionForm
from ..participant.access import signed_in_required
from ..planning.lookup import actor
from . import pages as pages
from .access import bp, load_visit
from .forms import ConfirmForm, FindingForm, RecommendationForm


def _theme_number(conversation, number: int) -> int:
    return number if domain.theme_guide(round_guides(conversation.round), conversation, number) else abort(404)


def _back_to_theme(conversation, number: int, anchor: str | None = None):
    return redirect(url_for(".show_visit_theme", visit_id=conversation.id, number=number, _anchor=anchor))


@bp.get("/")
@projectleider_required
def list_visits():
    round_id = request.args.get("ronde", type=int)
    return render_template("visits/index.html", rows=domain.list_visits(db.session, round_id),
                           rounds=domain.visit_rounds(db.session), round_id=round_id)


@bp.get("/landelijk-beeld")
def show_national_picture():
    # Never live: the latest release, so that two visits to the page cannot be compared.
    return render_template("visits/national.html", picture=national_release.public_picture(db.session))


@bp.get("/landelijk-beeld/intern")
@projectleider_required
def show_internal_picture():
    return render_template("visits/national.html", picture=domain.national_picture(db.session, public=False),
                           releases=national_release.releases(db.session), release_form=ActionForm())


@bp.post("/landelijk-beeld/publiceren")
@projectleider_required
def publish_national_release():
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        release = national_release.publish_release(db.session, actor())
    except PublicationIncomplete as refused:
        flash(" ".join(problem_message(p) for p in refused.problems), "error")
        return redirect(url_for("visits.show_internal_picture"))
    record(db.session, "publication", actor=actor(), ip=request.remote_addr,
           detail=f"landelijk beeld release {release.version}")
    db.session.commit()
    flash(_("Release %(version)s van het landelijk beeld is gepubliceerd.", version=release.version), "success")
    return redirect(url_for("visits.show_national_picture"))


@bp.get("/<int:visit_id>")
@signed_in_required
def show_visit(visit_id: int):
    conversation, rights = load_visit(visit_id)
    return render_template("visits/show.html",
                           **pages.overview(db.session, round_guides(conversation.round), conversation, rights))


@bp.get("/<int:visit_id>/thema/<int:number>")
@signed_in_required
def show_visit_theme(visit_id: int, number: int):
    conversation, rights = load_visit(visit_id)
    context = pages.theme(db.session, round_guides(conversation.round), conversation, rights,
                          _theme_number(conversation, number))
    return render_template("visits/theme.html", **context)


def _save_score(visit_id: int, number: int, source: str, require: str):
    conversation, rights = load_visit(visit_id, require=require)
    context, status = pages.save_score(db.session, round_guides(conversation.round), conversation, rights,
                                       _theme_number(conversation, number), source, request.form,
                                       actor_name(current_user))
    if context is None:
        flash(_("De zelfevaluatie is opgeslagen.") if source == "self"
              else _("Het oordeel van de commissie is opgeslagen."),
              "success")
        return _back_to_theme(conversation, number, f"{source}-score")
    return render_template("visits/theme.html", **context), status


@bp.post("/<int:visit_id>/thema/<int:number>/zelfevaluatie")
@signed_in_required
def save_self_assessment(visit_id: int, number: int):
    return _save_score(visit_id, number, "self", "can_self_assess")


@bp.post("/<int:visit_id>/thema/<int:number>/commissie")
@signed_in_required
def save_committee_score(visit_id: int, number: int):
    return _save_score(visit_id, number, "committee", "can_score")


@bp.post("/<int:visit_id>/thema/<int:number>/bevindingen")
@signed_in_required
def create_finding(visit_id: int, number: int):
    conversation, rights = load_visit(visit_id, require="can_score")
    form = FindingForm(prefix="finding")
    try:
        domain.add_finding(db.session, round_guides(conversation.round), conversation,
                           _theme_number(conversation, number), form.text.data or "", actor_name(current_user))
    except domain.VisitError as error:
        return _theme_again(conversation, rights, number, error, finding=form)
    flash(_("De bevinding is toegevoegd."), "success")
    return _back_to_theme(conversation, number, "findings")


def _theme_again(conversation, rights, number, error, **forms):
    """The theme page again with what was typed and why it was not saved."""
    [form] = forms.values()
    notice, status = pages.refusal(form, error)
    unsaved = form.text.data if isinstance(error, domain.VisitLocked) else None
    context = pages.theme(db.session, round_guides(conversation.round), conversation, rights, number, forms=forms,
                          notice=notice, unsaved=unsaved)
    return render_template("visits/theme.html", **context), status


@bp.post("/<int:visit_id>/bevindingen/<int:finding_id>/verwijderen")
@signed_in_required
def delete_finding(visit_id: int, finding_id: int):
    conversation, _rights = load_visit(visit_id, require="can_score")
    finding = db.session.get(Finding, finding_id)
    if finding is None or finding.conversation_id != conversation.id or not ConfirmForm().validate_on_submit():
        abort(404)
    try:
        domain.delete_finding(db.session, conversation, finding)
        flash(_("De bevinding is verwijderd."), "success")
    except domain.VisitLocked as error:
        flash(locked_message(error), "error")
    return _back_to_theme(conversation, finding.theme_number, "findings")


@bp.post("/<int:visit_id>/thema/<int:number>/aanbevelingen")
@signed_in_required
def create_recommendation(visit_id: int, number: int):
    conversation, rights = load_visit(visit_id, require="can_score")
    form = RecommendationForm(prefix="recommendation")
    try:
        saved = domain.add_recommendation(db.session, round_guides(conversation.round), conversation, form.to_input(),
                                          actor_name(current_user))
    except domain.VisitError as error:
        return _theme_again(conversation, rights, number, error, recommendation=form)
    flash(_("De aanbeveling is toegevoegd."), "success")
    return _back_to_theme(conversation, saved.theme_number, "recommendations")
