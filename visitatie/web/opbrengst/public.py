"""The published opbrengst, for everyone, without login. Only published snapshots are read here:
no answer, no curation in progress, nothing unconsented can reach these pages."""
from flask import Response, abort, render_template

from ...extensions import db
from ...guides.registry import current_guides
from ...opbrengst import publication
from ...opbrengst.report import report_file_name, snapshot_pdf
from . import bp


@bp.get("/opbrengst")
def list_publications():
    return render_template("opbrengst/index.html", publications=publication.published_rounds(db.session))


def _render(round_id: int, chosen):
    if chosen is None:
        abort(404)
    versions = publication.versions(db.session, round_id)
    return render_template("opbrengst/publication.html", snapshot=chosen.snapshot, publication=chosen,
                           versions=versions, latest=versions[0], concept=False)


@bp.get("/opbrengst/<int:round_id>")
def show_publication(round_id: int):
    return _render(round_id, publication.latest(db.session, round_id))


@bp.get("/opbrengst/<int:round_id>/v<int:version>")
def show_publication_version(round_id: int, version: int):
    return _render(round_id, publication.version_of(db.session, round_id, version))


@bp.get("/opbrengst/<int:round_id>/pdf")
def download_publication_pdf(round_id: int):
    """The latest published version as an accessible PDF, for publication on a website."""
    chosen = publication.latest(db.session, round_id) or abort(404)
    return Response(snapshot_pdf(chosen.snapshot, current_guides()), mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{report_file_name(round_id, chosen.snapshot, "pdf")}"'})
