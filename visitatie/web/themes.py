"""The five priority themes and their interview guides (public: the questions are not secret)."""
from flask import Blueprint, abort, render_template

from ..guide_registry import current_guides

bp = Blueprint("themes", __name__, url_prefix="/themas")


@bp.get("/")
def list_themes():
    return render_template("themes/index.html", guides=current_guides())


@bp.get("/<slug>")
def show_theme(slug: str):
    guide = current_guides().by_slug(slug) or abort(404)
    return render_template("themes/show.html", guide=guide, guides=current_guides())
