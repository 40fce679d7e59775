"""Log in and out with e-mail and password."""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import Length

from ..auth import authenticate
from ..extensions import db
from .redirects import same_site_path
from .required import required

bp = Blueprint("account", __name__)


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[required(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[required(), Length(max=200)])


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            session.clear()  # a fresh session: no fixation of a session from before login
            session.permanent = True
            login_user(user)
            return redirect(same_site_path(request.args.get("next")) or url_for("rounds.list_rounds"))
        flash(_("E-mailadres of wachtwoord klopt niet."), "error")
        return render_template("account/login.html", form=form), 401
    return render_template("account/login.html", form=form), 400 if form.errors else 200


@bp.post("/uitloggen")
def logout():
    logout_user()
    session.clear()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("main.show_home"))
