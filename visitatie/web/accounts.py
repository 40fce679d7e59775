"""Account management for project leaders: the list, inviting, disabling, resets, the security log."""
from datetime import datetime, time, timedelta

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import EmailField, StringField
from wtforms.validators import Length

from ..accounts import auth
from ..accounts import links as account_links
from ..dutch_time import AMSTERDAM
from ..extensions import db
from ..i18n import local_time
from ..models import User
from ..models.types import utcnow
from ..scheduling.mail import MailError, MailSettings, send_message
from ..security import events as security_events
from ..security import log as security_log
from .required import required

bp = Blueprint("accounts", __name__)


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[required(), Length(max=254)])
    name = StringField(_l("Naam"), validators=[required(), Length(max=120)])


@bp.before_request
@auth.projectleider_required
def _only_project_leaders():
    return None


def _user(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


def _send_link(user: User, purpose: str, actor: str):
    """Issue the link and mail it; without a mail server, show it once on the page instead."""
    token = account_links.issue(db.session, user, purpose, current_app.config["ACCOUNT_LINK_HOURS_VALID"], utcnow())
    url = account_links.url(current_app.config["PUBLIC_BASE_URL"], token)
    kind = "account_invited" if purpose == "uitnodiging" else "password_reset_link"
    security_events.record(db.session, kind, actor=actor, ip=request.remote_addr, detail=f"account {user.email}")
    db.session.commit()
    settings = MailSettings.from_config(current_app.config)
    if settings is None:
        return render_template("accounts/link_created.html", user=user, url=url, purpose=purpose)
    hours = current_app.config["ACCOUNT_LINK_HOURS_VALID"]
    subject, body = account_links.mail_text(purpose, user.name, url, hours)
    try:
        send_message(settings, user.name, user.email, subject, body)
    except MailError:
        flash(_("De mail kon niet worden verstuurd. Geef deze link daarom zelf door."), "error")
        return render_template("accounts/link_created.html", user=user, url=url, purpose=purpose)
    flash(_("De link is gemaild naar %(email)s.", email=user.email), "success")
    return redirect(url_for(".list_accounts"))


@bp.route("/accounts", methods=["GET"])
def list_accounts():
    users = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("accounts/list.html", users=users, form=InviteForm())


@bp.post("/accounts/uitnodigen")
def invite_account():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user = auth.create_user(db.session, form.email.data, None, "projectleider", form.name.data.strip(),
                                    actor=current_user.email, ip=request.remote_addr)
        except auth.AccountError as error:
            form.email.errors.append(str(error))
        else:
            return _send_link(user, "uitnodiging", current_user.email)
    users = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("accounts/list.html", users=users, form=form), 400


@bp.post("/accounts/<int:user_id>/uitschakelen")
def disable_account(user_id: int):
    try:
        auth.set_active(db.session, _user(user_id), False, current_user.email, request.remote_addr)
    except auth.AccountError as error:
        flash(str(error), "error")
    return redirect(url_for(".list_accounts"))


@bp.post("/accounts/<int:user_id>/inschakelen")
def enable_account(user_id: int):
    auth.set_active(db.session, _user(user_id), True, current_user.email, request.remote_addr)
    return redirect(url_for(".list_accounts"))


@bp.post("/accounts/<int:user_id>/wachtwoord-herstellen")
def reset_password(user_id: int):
    return _send_link(_user(user_id), "herstel", current_user.email)


@bp.post("/accounts/<int:user_id>/tweestapsverificatie-herstellen")
def reset_two_factor(user_id: int):
    user = _user(user_id)
    auth.reset_two_factor(db.session, user, current_user.email, request.remote_addr)
    flash(_("De tweestapsverificatie van %(email)s is gewist: bij de volgende keer inloggen stelt deze "
            "projectleider die opnieuw in.", email=user.email), "success")
    return redirect(url_for(".list_accounts"))


# --- the security event log ----------------------------------------------------------------------


def _date(name: str):
    try:
        return datetime.strptime(request.args.get(name, ""), "%Y-%m-%d").date()
    except ValueError:
        return None


def _filters() -> security_log.Filters:
    since, until = _date("van"), _date("tot")
    return security_log.Filters(
        kind=request.args.get("soort", "")[:40], actor=request.args.get("wie", "")[:254].strip(),
        since=datetime.combine(since, time(), tzinfo=AMSTERDAM) if since else None,
        until=datetime.combine(until, time(), tzinfo=AMSTERDAM) + timedelta(days=1) if until else None)




@bp.get("/beveiligingslog")
def show_security_log():
    filters = _filters()
    page = security_log.page(db.session, filters, request.args.get("pagina", 1, type=int))
    return render_template("accounts/security_log.html", page=page, filters=filters, args=request.args,
                           kinds=security_log.kinds(db.session), label=security_log.label)


@bp.get("/beveiligingslog.csv")
def download_security_log():
    content = security_log.csv_file(db.session, _filters(), lambda at: local_time(at, "yyyy-MM-dd HH:mm:ss"))
    security_events.record(db.session, "export", actor=current_user.email, ip=request.remote_addr,
                           detail="beveiligingslog.csv")
    db.session.commit()
    return Response(content, mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="beveiligingslog.csv"', "Cache-Control": "no-store"})
