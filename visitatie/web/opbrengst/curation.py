"""Curation and publication for project leaders: the round's main lesson and introduction, each
theme's yield and lessons, a preview, publishing, and the figures with filters."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...accounts.auth import projectleider_required
from ...extensions import db
from ...guides.diff import changed_questions
from ...guides.registry import round_guides, theme_titles
from ...models import Round
from ...models.opbrengst import CuratedLesson
from ...opbrengst import CurationConflict, CurationInvalid, PublicationIncomplete, analyse, publication, withdrawal
from ...opbrengst import curation as domain
from ...opbrengst.frame import filter_options
from ...opbrengst.snapshot import round_default_title
from ...opbrengst.workspace import round_overview, theme_workspace
from ...security.events import record
from ...wording import problem_message
from ...wording.opbrengst import CONSENT_NAMES, POPULATION_CLASS_NAMES, QUOTE_PROBLEMS, apply_problems
from ..confirmation import confirmation_page, is_confirmed, publish_confirmation
from ..planning.lookup import actor, all_municipalities
from . import bp
from .forms import ActionForm, LessonForm, RoundCurationForm, ThemeCurationForm, WithdrawForm
from .selection import selection


def _conflict() -> None:
    flash(_("Iemand anders heeft dit intussen gewijzigd. Uw invoer staat hieronder nog; wat nu is opgeslagen, "
            "ziet u ernaast. Sla opnieuw op om uw versie te bewaren."), "error")


def _rebase(form, current) -> None:
    """After a conflict the form is based on the version now saved: saving again is a choice."""
    version = current.version if current is not None else 0
    form.version.data, form.version.raw_data = version, [str(version)]


def _round(round_id: int) -> Round:
    return db.session.get(Round, round_id) or abort(404)


def _theme_number(round_: Round, number: int) -> int:
    if number not in [t.number for t in round_.themes]:
        abort(404)
    return number


@bp.route("/rondes/<int:round_id>/opbrengst", methods=["GET", "POST"])
@projectleider_required
def edit_curation(round_id: int):
    round_ = _round(round_id)
    overview = round_overview(db.session, round_, theme_titles(round_))
    saved = overview.curation
    form = RoundCurationForm(obj=saved if request.method == "GET" and saved else None)
    status, current = 200, None
    if form.validate_on_submit():
        data = domain.RoundCurationInput(form.title.data or "", form.main_lesson.data or "",
                                         form.introduction.data or "")
        try:
            domain.save_round_curation(db.session, round_, data, actor(), form.version.data or 0)
            flash(_("De belangrijkste les en de inleiding zijn opgeslagen."), "success")
            return redirect(url_for("opbrengst.edit_curation", round_id=round_id))
        except CurationInvalid as invalid:
            flash(" ".join(apply_problems(form, invalid.problems, "main_lesson")) or _("Controleer het formulier."),
                  "error")
            status = 400
        except CurationConflict as conflict:
            status, current = 409, conflict.current
            _rebase(form, current)
            _conflict()
    elif form.errors:
        status = 400
    return render_template("opbrengst/curation.html", round=round_, overview=overview, form=form, current=current,
                           versions=publication.versions(db.session, round_id), publish_form=ActionForm(),
                           withdraw_form=WithdrawForm(formdata=None),
                           default_title=round_default_title(round_.title)), status


def _theme_page(round_: Round, number: int, form: ThemeCurationForm | None = None,
                lesson_form: LessonForm | None = None, status: int = 200, current=None):
    work = theme_workspace(db.session, round_guides(round_), round_, number)
    if form is None:
        form = ThemeCurationForm(data=_theme_data(work))
    form.quote.choices = [("", _("Geen citaat"))] + [(str(mark.id), mark.text) for mark, _reason in work.quotes]
    lesson_form = lesson_form or LessonForm(formdata=None)
    lesson_form.sources.choices = [(mark.id, mark.text) for mark in work.passages]
    return render_template("opbrengst/theme.html", round=round_, work=work, form=form, lesson_form=lesson_form,
                           current=current, guides=round_guides(round_), municipalities=all_municipalities(),
                           consent_names=CONSENT_NAMES, quote_problems=QUOTE_PROBLEMS), status


def _theme_data(work) -> dict:
    saved = work.curation
    if saved is None:
        return {"recommendation": work.guide.recommendation, "findings": "", "quote": "", "version": 0}
    return {"recommendation": saved.recommendation or work.guide.recommendation,
            "findings": "\n".join(saved.findings or []), "quote": str(saved.quote_mark_id or ""),
            "practice_municipality": saved.practice_municipality, "practice_title": saved.practice_title,
            "practice_url": saved.practice_url, "practice_consent": saved.practice_consent, "version": saved.version}


@bp.route("/rondes/<int:round_id>/opbrengst/thema/<int:number>", methods=["GET", "POST"])
@projectleider_required
def edit_theme(round_id: int, number: int):
    round_ = _round(round_id)
    number = _theme_number(round_, number)
    if request.method == "GET":
        return _theme_page(round_, number)
    form = ThemeCurationForm()
    if not form.validate_on_submit():
        return _theme_page(round_, number, form, status=400)
    data = domain.ThemeCurationInput(
        form.recommendation.data or "", domain.findings_from_text(form.findings.data),
        int(form.quote.data) if (form.quote.data or "").isdigit() else None, form.practice_municipality.data or "",
        form.practice_title.data or "", form.practice_url.data or "", form.practice_consent.data)
    try:
        domain.save_theme_curation(db.session, round_guides(round_), round_, number, data, actor(),
                                   form.version.data or 0)
    except CurationInvalid as invalid:
        general = apply_problems(form, invalid.problems, "recommendation")
        if general:
            flash(" ".join(general), "error")
        return _theme_page(round_, number, form, status=400)
    except CurationConflict as conflict:
        _rebase(form, conflict.current)
        _conflict()
        return _theme_page(round_, number, form, status=409, current=conflict.current)
    flash(_("Prioriteit %(number)s is opgeslagen.", number=number), "success")
    return redirect(url_for("opbrengst.edit_theme", round_id=round_id, number=number))


@bp.post("/rondes/<int:round_id>/opbrengst/thema/<int:number>/lessen")
@projectleider_required
def create_lesson(round_id: int, number: int):
    round_ = _round(round_id)
    number = _theme_number(round_, number)
    form = LessonForm()
    if form.validate_on_submit():
        try:
            domain.add_lesson(db.session, round_guides(round_), round_, number, form.text.data, form.sources.data or [],
                              actor())
            flash(_("De les is toegevoegd."), "success")
            return redirect(url_for("opbrengst.edit_theme", round_id=round_id, number=number) + "#lessen")
        except CurationInvalid as invalid:
            apply_problems(form, invalid.problems, "text")
    return _theme_page(round_, number, lesson_form=form, status=400)


def _lesson(round_id: int, lesson_id: int) -> CuratedLesson:
    lesson = db.session.get(CuratedLesson, lesson_id)
    if lesson is None or lesson.round_id != round_id:
        abort(404)
    return lesson


@bp.route("/rondes/<int:round_id>/opbrengst/lessen/<int:lesson_id>", methods=["GET", "POST"])
@projectleider_required
def edit_lesson(round_id: int, lesson_id: int):
    round_, lesson = _round(round_id), _lesson(round_id, lesson_id)
    form = LessonForm(data={"text": lesson.text, "sources": [m.id for m in lesson.sources], "version": lesson.version}
                      if request.method == "GET" else None)
    work = theme_workspace(db.session, round_guides(round_), round_, lesson.theme_number)
    form.sources.choices = [(mark.id, mark.text) for mark in work.passages]
    status, current = (400 if request.method == "POST" else 200), None
    if form.validate_on_submit():
        try:
            domain.update_lesson(db.session, round_guides(round_), lesson, form.text.data, form.sources.data or [],
                                 actor(), form.version.data or 0)
            flash(_("De les is opgeslagen."), "success")
            return redirect(url_for("opbrengst.edit_theme", round_id=round_id, number=lesson.theme_number) + "#lessen")
        except CurationInvalid as invalid:
            apply_problems(form, invalid.problems, "text")
        except CurationConflict as conflict:
            status, current = 409, conflict.current
            _rebase(form, current)
            _conflict()
    return render_template("opbrengst/lesson.html", round=round_, lesson=lesson, work=work, form=form,
                           current=current, guides=round_guides(round_)), status


@bp.post("/rondes/<int:round_id>/opbrengst/lessen/<int:lesson_id>/verwijderen")
@projectleider_required
def delete_lesson(round_id: int, lesson_id: int):
    lesson = _lesson(round_id, lesson_id)
    number, form = lesson.theme_number, ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        domain.delete_lesson(db.session, lesson, form.version.data or 0)
        flash(_("De les is verwijderd."), "success")
    except CurationConflict:
        flash(_("Iemand anders heeft deze les intussen gewijzigd; bekijk haar opnieuw voordat u haar verwijdert."),
              "error")
    return redirect(url_for("opbrengst.edit_theme", round_id=round_id, number=number) + "#lessen")


@bp.get("/rondes/<int:round_id>/opbrengst/voorbeeld")
@projectleider_required
def show_preview(round_id: int):
    round_ = _round(round_id)
    snapshot = publication.preview(db.session, round_guides(round_), round_.id)
    return render_template("opbrengst/publication.html", snapshot=snapshot, publication=None, versions=[],
                           latest=None, concept=True, round=round_)


@bp.post("/rondes/<int:round_id>/opbrengst/publiceren")
@projectleider_required
def publish_round(round_id: int):
    round_ = _round(round_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not is_confirmed():
        overview, versions = round_overview(db.session, round_), publication.versions(db.session, round_id)
        return confirmation_page(
            publish_confirmation((versions[0].version + 1) if versions else 1, overview.empty_titles,
                                 len(overview.themes)),
            url_for("opbrengst.edit_curation", round_id=round_id))
    try:
        published = publication.publish(db.session, round_guides(round_), round_, actor())
    except PublicationIncomplete as incomplete:
        flash(" ".join(problem_message(p) for p in incomplete.problems), "error")
        return redirect(url_for("opbrengst.edit_curation", round_id=round_id))
    record(db.session, "publication", actor=actor(), ip=request.remote_addr, round_id=round_id,
           detail=f"opbrengst versie {published.version}")
    db.session.commit()
    flash(_("Versie %(version)s is gepubliceerd.", version=published.version), "success")
    return redirect(url_for("opbrengst.show_publication", round_id=round_id))


@bp.post("/rondes/<int:round_id>/opbrengst/versies/<int:version>/intrekken")
@projectleider_required
def withdraw_version(round_id: int, version: int):
    chosen = publication.version_of(db.session, round_id, version) or abort(404)
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash(_("Geef een reden op om versie %(version)s in te trekken.", version=version), "error")
        return redirect(url_for("opbrengst.edit_curation", round_id=round_id) + "#versies")
    if chosen.withdrawn_at is None:
        withdrawal.withdraw_version(db.session, chosen, actor(), form.reason.data.strip())
        record(db.session, "withdrawal", actor=actor(), ip=request.remote_addr, round_id=round_id,
               detail=f"opbrengst versie {version} ingetrokken")
        db.session.commit()
    flash(_("Versie %(version)s is ingetrokken: de openbare pagina, het rapport en de export tonen alleen nog "
            "dat zij is ingetrokken.", version=version), "success")
    return redirect(url_for("opbrengst.edit_curation", round_id=round_id) + "#versies")


@bp.post("/rondes/<int:round_id>/opbrengst/lessen/<int:lesson_id>/intrekken")
@projectleider_required
def withdraw_lesson(round_id: int, lesson_id: int):
    lesson = _lesson(round_id, lesson_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if lesson.withdrawn_at is None:
        withdrawal.withdraw_lesson(db.session, lesson)
        record(db.session, "withdrawal", actor=actor(), ip=request.remote_addr, round_id=round_id,
               detail=f"les {lesson.id} ingetrokken")
        db.session.commit()
    flash(_("De les is ingetrokken uit elke gepubliceerde versie."), "success")
    return redirect(url_for("opbrengst.edit_theme", round_id=round_id, number=lesson.theme_number) + "#lessen")


@bp.get("/rondes/<int:round_id>/opbrengst/cijfers")
@projectleider_required
def show_figures(round_id: int):
    round_ = _round(round_id)
    chosen = selection(round_, request.args)
    result = analyse(db.session, round_guides(round_), chosen.round_ids, chosen.filters)
    # Questions are matched across versions by id; where the wording differs the page says so.
    changed = changed_questions([row["question_id"] for row in result["comparison"]],
                                [round_guides(r) for r in chosen.available if r.id in chosen.round_ids])
    for row in result["comparison"]:
        row["changed"] = row["question_id"] in changed
    return render_template("opbrengst/figures.html", round=round_, result=result, chosen=chosen,
                           options=filter_options(db.session), rounds=chosen.available,
                           population_names=POPULATION_CLASS_NAMES)
