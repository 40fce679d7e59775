"""Downloads for project leaders: the export (Excel, or CSV in a zip) of a selection, and the
round's Word report (the latest published version, or a concept while nothing is published)."""
from flask import Response, abort, request

from ...auth import projectleider_required
from ...extensions import db
from ...guide_registry import current_guides
from ...models import Round
from ...opbrengst import export
from ...opbrengst.report import report_file_name, round_report
from . import bp
from .selection import selection

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(content: bytes, mimetype: str, filename: str) -> Response:
    # Confidential sheets are in these files: no copy in shared caches.
    return Response(content, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


def _tables(round_id: int):
    round_ = db.session.get(Round, round_id) or abort(404)
    chosen = selection(round_, request.args)
    return export.tables(db.session, current_guides(), chosen.round_ids, chosen.filters)


@bp.get("/rondes/<int:round_id>/opbrengst/export.xlsx")
@projectleider_required
def export_excel(round_id: int):
    return _file(export.to_excel(_tables(round_id)), XLSX, f"opbrengst-ronde-{round_id}.xlsx")


@bp.get("/rondes/<int:round_id>/opbrengst/export.zip")
@projectleider_required
def export_csv(round_id: int):
    return _file(export.to_csv_zip(_tables(round_id)), "application/zip", f"opbrengst-ronde-{round_id}-csv.zip")


@bp.get("/rondes/<int:round_id>/opbrengst/rapport.docx")
@projectleider_required
def download_report(round_id: int):
    db.session.get(Round, round_id) or abort(404)
    content, snapshot = round_report(db.session, current_guides(), round_id)
    return _file(content, DOCX, report_file_name(round_id, snapshot))
