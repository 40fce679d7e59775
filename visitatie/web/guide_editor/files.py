"""A guide version as a workbook or as YAML files, and an uploaded one as a new concept."""
import io

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _

from ...extensions import db
from ...guides import versions as domain
from ...guides.documents import read_yaml_zip, yaml_zip
from ...guides.files import GuideError
from ...guides.workbook import WorkbookError, read_workbook, workbook_bytes
from ...models.guide_versions import GuideSetRecord, GuideVersion
from ..planning.lookup import actor
from . import bp
from .forms import ActionForm, ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 5 * 1024 * 1024  # a guide set is some 100 kB; anything far larger is not one


def _file_name(version: GuideVersion, extension: str) -> str:
    return f"leidraad-{version.guide_set.slug}-{version.number}.{extension}"


@bp.get("/versies/<int:version_id>/leidraad.xlsx")
def export_workbook(version_id: int):
    version = db.session.get(GuideVersion, version_id) or abort(404)
    return send_file(io.BytesIO(workbook_bytes(version.content)), mimetype=XLSX, as_attachment=True,
                     download_name=_file_name(version, "xlsx"))


@bp.get("/versies/<int:version_id>/leidraad.zip")
def export_yaml(version_id: int):
    version = db.session.get(GuideVersion, version_id) or abort(404)
    return send_file(io.BytesIO(yaml_zip(version.content)), mimetype="application/zip", as_attachment=True,
                     download_name=_file_name(version, "zip"))


@bp.post("/<int:set_id>/importeren")
def import_version(set_id: int):
    record = db.session.get(GuideSetRecord, set_id) or abort(404)
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(MAX_UPLOAD + 1)
        name = (upload.filename or "").lower()
        try:
            if len(data) > MAX_UPLOAD:
                problems = [_("Het bestand is groter dan 5 MB; dat is geen gespreksleidraad.")]
            elif name.endswith(".zip"):
                version = domain.import_content(db.session, record, read_yaml_zip(data), actor())
            else:
                content = read_workbook(data, domain.next_number(record))
                version = domain.import_content(db.session, record, content, actor())
        except WorkbookError as failed:
            problems = [str(p) for p in failed.problems]
        except GuideError as error:
            problems = [str(error)]
        except domain.GuideVersionError as failed:
            problems = [str(failed.error)]
        if not problems:
            db.session.commit()
            flash(_("Het bestand is ingelezen als conceptversie %(number)s.", number=version.number), "success")
            return redirect(url_for("guide_editor.show_version", version_id=version.id))
        db.session.rollback()
    return render_template("guide_editor/import_failed.html", record=record, form=form, problems=problems,
                           action=ActionForm()), 400
