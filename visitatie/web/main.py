"""Home page and the language switch."""
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from ..guides.registry import current_guides
from .redirects import same_site_path

bp = Blueprint("main", __name__)


@bp.get("/")
def show_home():
    return render_template("main/home.html", guides=current_guides())


@bp.post("/taal")
def switch_language():
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(same_site_path(request.form.get("next")) or url_for("main.show_home"))
