"""Downloads for project leaders: the public figures of the latest published version, the
confidential export (Excel, or CSV in a zip) of a selection, and the round's Word report (the
latest published version, or a concept while nothing is published).

Every spreadsheet download is logged as a security event ("export"), with the file name only.
CSV comes in the Dutch Excel dialect (';', decimal comma) unless ?scheiding=internationaal."""
from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ...accounts.auth import projectleider_required
from ...extensions import db
from ...guides.registry import round_guides
from ...models import Round
from ...models.types import utcnow
from ...opbrengst import export, public_export
from ...opbrengst.publication import latest
from ...opbrengst.report import report_file_name, round_report
from ...scheduling.inputs import in_amsterdam
from ...security import events as security_events
from ...visits import VISIT_KIND, round_export
from ...visits import round_report as visit_round
from ...visits.errors import TooFewVisits
from ...wording import problem_message
from . import bp
from .selection import selection

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(content: bytes, mimetype: str, filename: str) -> Response:
    # No copy in shared caches, also of the public file: it is a project leader's download.
    return Response(content, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def _dialect() -> str:
    return "international" if request.args.get("scheiding") == "internationaal" else "nl"


def _logged(round_id: int, filename: str) -> None:
    security_events.record(db.session, "export", actor=current_user.email, ip=request.remote_addr,
                           round_id=round_id, detail=filename)
    db.session.commit()


def _confidential(round_id: int, extension: str) -> Response:
    round_ = db.session.get(Round, round_id) or abort(404)
    if round_.kind == VISIT_KIND:  # a visitatieronde's own file: scores, recommendations, follow-up
        return _visit_round_export(round_, extension)
    chosen = selection(round_, request.args)
    tables = export.tables(db.session, round_guides(round_), chosen.round_ids, chosen.filters,
                           exported_by=current_user.email, exported_at=utcnow(),
                           compared=[round_guides(r) for r in chosen.available if r.id in chosen.round_ids])
    filename = export.file_name(chosen.round_ids, extension)
    content = export.to_excel(tables) if extension == "xlsx" else export.to_csv_zip(tables, _dialect())
    _logged(round_id, filename)
    return _file(content, XLSX if extension == "xlsx" else "application/zip", filename)


def _visit_round_export(round_: Round, extension: str) -> Response:
    sheets = round_export.sheets(db.session, round_guides(round_), round_, exported_by=current_user.email)
    filename = round_export.file_name(round_, extension)
    content = round_export.to_excel(sheets) if extension == "xlsx" else round_export.to_csv_zip(sheets, _dialect())
    _logged(round_.id, filename)
    return _file(content, XLSX if extension == "xlsx" else "application/zip", filename)


def _public(round_id: int, extension: str) -> BaseResponse:  # a file, or a redirect
    round_ = db.session.get(Round, round_id) or abort(404)
    publication = latest(db.session, round_id)
    if publication is None:
        flash(_("Er is voor deze ronde nog niets gepubliceerd. De openbare cijfers komen alleen uit een "
                "gepubliceerde versie."), "error")
        return redirect(url_for("opbrengst.edit_curation", round_id=round_id))
    snapshot = publication.snapshot
    sheets = public_export.public_sheets(snapshot, round_guides(round_))
    filename = public_export.file_name(round_id, snapshot, "xlsx" if extension == "xlsx" else "csv.zip")
    content = (public_export.to_excel(sheets) if extension == "xlsx"
               else public_export.to_csv_zip(sheets, _dialect()))
    _logged(round_id, filename)
    return _file(content, XLSX if extension == "xlsx" else "application/zip", filename)


@bp.get("/rondes/<int:round_id>/opbrengst/export.xlsx")
@projectleider_required
def export_excel(round_id: int):
    return _confidential(round_id, "xlsx")


@bp.get("/rondes/<int:round_id>/opbrengst/export.zip")
@projectleider_required
def export_csv(round_id: int):
    return _confidential(round_id, "zip")


@bp.get("/rondes/<int:round_id>/opbrengst/openbare-cijfers.xlsx")
@projectleider_required
def export_public_excel(round_id: int):
    return _public(round_id, "xlsx")


@bp.get("/rondes/<int:round_id>/opbrengst/openbare-cijfers.zip")
@projectleider_required
def export_public_csv(round_id: int):
    return _public(round_id, "zip")


@bp.get("/rondes/<int:round_id>/opbrengst/rapport.docx")
@projectleider_required
def download_report(round_id: int):
    round_ = db.session.get(Round, round_id) or abort(404)
    if round_.kind == VISIT_KIND:
        return _visit_round_report(round_)
    content, snapshot = round_report(db.session, round_guides(round_), round_id)
    return _file(content, DOCX, report_file_name(round_id, snapshot))


def _visit_round_report(round_: Round) -> BaseResponse:  # a file, or a redirect
    """A visitatieronde has a report of its own: maturity, recurring findings and recommendations."""
    try:
        content = visit_round.round_report_content(db.session, round_guides(round_), round_,
                                                   in_amsterdam(utcnow()).date())
    except TooFewVisits as error:
        flash(" ".join(problem_message(p) for p in error.problems), "error")
        return redirect(url_for("opbrengst.edit_curation", round_id=round_.id))
    return _file(visit_round.round_report_docx(content), DOCX, visit_round.report_file_name(round_, "docx"))
