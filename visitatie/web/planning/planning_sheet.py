"""The planning spreadsheet of a round: download it, edit it in Excel, upload it, see what would
change, then save. The upload travels from the preview to the save inside the confirmation form
and is checked again in full when saved, so the save can never skip a rule."""
import base64
import binascii

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...extensions import db
from ...scheduling import planning_sheet as domain
from ...security import events as security_events
from ...wording.planning import row_problem_message
from . import bp
from .forms import PlanningConfirmForm, UploadForm
from .lookup import actor, get_round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _render(round_, form=None, file_problems=None, row_problems=None, preview=None, confirm=None, status=200):
    return render_template(
        "planning/planning_sheet.html", round=round_, form=form or UploadForm(formdata=None),
        file_problems=file_problems, row_problems=[row_problem_message(p) for p in row_problems or []],
        preview=preview, confirm=confirm), status


@bp.get("/rondes/<int:round_id>/planningsbestand")
def show_planning_sheet(round_id: int):
    return _render(get_round(round_id))


@bp.get("/rondes/<int:round_id>/planningsbestand.xlsx")
def download_planning_sheet(round_id: int):
    round_ = get_round(round_id)
    content = domain.planning_xlsx(db.session, round_)
    filename = f"planning-ronde-{round_id}-bewerken.xlsx"
    security_events.record(db.session, "export", actor=current_user.email, ip=request.remote_addr,
                           round_id=round_id, detail=filename)
    db.session.commit()
    return Response(content, mimetype=XLSX, headers={"Content-Disposition": f'attachment; filename="{filename}"',
                                                     "Cache-Control": "no-store"})


def _check(round_, content: bytes, filename: str, save: bool, form=None):
    """(result, None) or (None, the page with the problems)."""
    try:
        return domain.import_planning(db.session, round_, content, actor(), filename, save=save), None
    except domain.PlanningFileError as error:
        db.session.rollback()
        return None, _render(round_, form, file_problems=error, status=400)
    except domain.PlanningImportError as error:
        db.session.rollback()
        return None, _render(round_, form, row_problems=error.problems, status=400)


@bp.post("/rondes/<int:round_id>/planningsbestand")
def preview_planning_sheet(round_id: int):
    round_ = get_round(round_id)
    form = UploadForm()
    if not form.validate_on_submit():
        return _render(round_, form, status=400)
    content, filename = form.file.data.read(), form.file.data.filename or "planning.xlsx"
    result, page = _check(round_, content, filename, save=False, form=form)
    if page:
        return page
    db.session.rollback()
    confirm = PlanningConfirmForm(formdata=None, content=base64.b64encode(content).decode("ascii"), filename=filename)
    return _render(round_, form, preview=result, confirm=confirm)


@bp.post("/rondes/<int:round_id>/planningsbestand/opslaan")
def save_planning_sheet(round_id: int):
    round_ = get_round(round_id)
    confirm = PlanningConfirmForm()
    try:
        content = base64.b64decode(confirm.content.data or "", validate=True) if confirm.validate_on_submit() else None
    except (binascii.Error, ValueError):
        content = None
    if not content:
        flash(_("Het bestand is niet meegekomen; lees het opnieuw in."), "error")
        return redirect(url_for("planning.show_planning_sheet", round_id=round_id))
    result, page = _check(round_, content, confirm.filename.data or "planning.xlsx", save=True)
    if page:
        return page
    db.session.commit()
    flash(ngettext("Planning ingelezen: %(num)s gesprek bijgewerkt.",
                   "Planning ingelezen: %(num)s gesprekken bijgewerkt.",
                   len(result.changed)), "success")
    return redirect(url_for("rounds.show_round", round_id=round_id))
