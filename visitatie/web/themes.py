"""The five priority themes and their interview guides (public: the questions are not secret)."""
from flask import Blueprint, Response, abort, render_template

from ..guides.registry import current_guides
from ..pdf import PdfError
from ..pdf.guide import booklet_file_name, guide_pdf

bp = Blueprint("themes", __name__, url_prefix="/themas")


@bp.get("/")
def list_themes():
    return render_template("themes/index.html", guides=current_guides())


@bp.get("/<slug>")
def show_theme(slug: str):
    guide = current_guides().by_slug(slug) or abort(404)
    return render_template("themes/show.html", guide=guide, guides=current_guides())


def _booklet(guides, title: str) -> Response:
    try:
        content = guide_pdf(guides, current_guides(), title=title)
    except PdfError:
        abort(503)
    return Response(content, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{booklet_file_name(guides)}"'})


@bp.get("/pdf")
def download_guide_pdf():
    """The whole interview guide as a preparation booklet (accessible PDF)."""
    return _booklet(list(current_guides().guides), "Gespreksleidraad digitale veiligheid")


@bp.get("/<slug>/pdf")
def download_theme_pdf(slug: str):
    guide = current_guides().by_slug(slug) or abort(404)
    return _booklet([guide], f"Gespreksleidraad {guide.title}")
