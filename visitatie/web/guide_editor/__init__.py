"""Guide authoring for project leaders: guide sets and versions, the browser editor, the preview,
the workbook and YAML round-trip and the diff between versions.

One blueprint; every view is for project leaders only (checked once, in before_request).
"""
from flask import Blueprint

from ...accounts.auth import projectleider_required

bp = Blueprint("guide_editor", __name__, url_prefix="/leidraden")


@bp.before_request
@projectleider_required
def _only_project_leaders():
    return None


from . import files, versions  # noqa: E402,F401  isort:skip
