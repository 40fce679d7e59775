"""Signing in and out, the second step, the own account page and the one-time password links.

A sign-in goes: password (throttled per address, accounts/lockout.py) → TOTP or recovery code when the
account has two-factor sign-in, or enrolment when it must and has not → a server-side session
(accounts/login_sessions.py) whose key the cookie carries.
"""
from datetime import datetime, timedelta

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import EqualTo, Length

from ..accounts import auth, lockout, login_sessions, two_factor
from ..accounts import links as account_links
from ..accounts.browser_sessions import clear_keeping_participant
from ..extensions import db
from ..models import User
from ..models.accounts import AccountLink
from ..models.types import utcnow
from ..security import events as security_events
from ..throttling import limiter, link_limit, login_limit, too_many_requests
from .redirects import same_site_path
from .required import required

bp = Blueprint("account", __name__)

PENDING_USER, PENDING_AT, PENDING_NEXT = "pending_user", "pending_at", "pending_next"
PENDING_FOR = timedelta(minutes=5)  # between the password and the second step
LINK_ID = "account_link_id"


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[required(), Length(max=254)])
    password = PasswordField(_l("Wachtwoord"), validators=[required(), Length(max=200)])


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), validators=[required(), Length(max=40)])


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("Nieuw wachtwoord"), validators=[required(), Length(max=200)])
    repeat = PasswordField(_l("Herhaal het nieuwe wachtwoord"),
                           validators=[required(),
                                       EqualTo("password", message=_l("De twee wachtwoorden zijn niet gelijk."))])


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Huidig wachtwoord"), validators=[required(), Length(max=200)])


class TokenForm(FlaskForm):
    token = HiddenField(validators=[required(), Length(max=100)])


def _ip() -> str | None:
    return request.remote_addr


def _policy() -> lockout.Policy:
    return lockout.Policy.from_config(current_app.config)


def _sign_in(user: User, method: str, next_path: str | None):
    # A fresh session: no fixation of a session from before login. A participant's link opened in
    # this browser stays signed in beside the account (browser_sessions.py).
    clear_keeping_participant()
    session.permanent = True
    key = auth.complete_login(db.session, user, _ip(), method)
    login_user(user)
    session[auth.LOGIN_KEY] = key
    return redirect(same_site_path(next_path) or url_for("rounds.list_rounds"))


def _pending_user() -> User | None:
    """The account whose password was right, waiting for its second step (for a few minutes)."""
    user_id, at = session.get(PENDING_USER), session.get(PENDING_AT)
    if user_id is None or at is None or utcnow() - datetime.fromisoformat(at) > PENDING_FOR:
        return None
    user = db.session.get(User, user_id)
    return user if user is not None and user.active else None


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        result = auth.authenticate(db.session, form.email.data, form.password.data, _policy(), _ip())
        if result.refusal is not None:
            return too_many_requests(result.refusal.retry_after, result.refusal.locked)
        user, next_path = result.user, request.args.get("next")
        if user is not None:
            grace = current_app.config["TWO_FACTOR_GRACE_DAYS"]
            if not user.has_two_factor and not two_factor.required(user, grace, utcnow()):
                return _sign_in(user, "wachtwoord", next_path)
            clear_keeping_participant()
            session[PENDING_USER], session[PENDING_AT] = user.id, utcnow().isoformat()
            session[PENDING_NEXT] = same_site_path(next_path)
            return redirect(url_for(".second_factor" if user.has_two_factor else ".enrol_two_factor"))
        flash(_("E-mailadres of wachtwoord klopt niet."), "error")
        return render_template("account/login.html", form=form), 401
    return render_template("account/login.html", form=form), 400 if form.errors else 200


@bp.route("/inloggen/code", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def second_factor():
    user = _pending_user()
    if user is None or not user.has_two_factor:
        return redirect(url_for(".login"))
    form = CodeForm()
    if form.validate_on_submit():
        now = utcnow()
        refusal = lockout.refusal(db.session, user.email, _policy(), now)
        if refusal is not None:
            return too_many_requests(refusal.retry_after, refusal.locked)
        method = two_factor.verify(db.session, user, form.code.data, now)
        if method is None:
            auth.fail(db.session, user.email, user, _policy(), _ip(), now, "wrong_code")
            flash(_("Deze code klopt niet, of is al gebruikt."), "error")
            return render_template("account/second_factor.html", form=form), 401
        if method == "recovery":
            security_events.record(db.session, "recovery_code_used", actor=user.email, ip=_ip(),
                                   detail=f"nog {two_factor.recovery_codes_left(db.session, user)} over")
        lockout.register_success(db.session, user.email)
        return _sign_in(user, "wachtwoord+" + ("totp" if method == "totp" else "herstelcode"),
                        session.get(PENDING_NEXT))
    return render_template("account/second_factor.html", form=form), 400 if form.errors else 200


@bp.post("/uitloggen")
def logout():
    """Ends the account's session; a participant's link in the same browser goes on. Without an
    account it ends the participant's session (the one button in the header of their pages)."""
    if auth.is_projectleider():
        login_sessions.end(db.session, session.get(auth.LOGIN_KEY), utcnow())
        security_events.record(db.session, "logout", actor=current_user.email, ip=_ip())
        db.session.commit()
        logout_user()
        clear_keeping_participant()
    else:
        logout_user()
        session.clear()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("main.show_home"))


# --- the own account ----------------------------------------------------------------------------


@bp.route("/account", methods=["GET", "POST"])
@auth.projectleider_required
def show_account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not auth.password_is_right(current_user, form.current.data):
            form.current.errors.append(_("Het huidige wachtwoord klopt niet."))
        else:
            try:
                auth.change_password(db.session, current_user, form.password.data, _ip())
            except auth.AccountError as error:
                form.password.errors.append(str(error))
            else:
                # Every other session has ended; this browser goes on in a fresh one.
                session[auth.LOGIN_KEY] = login_sessions.start(db.session, current_user.id, _ip(), utcnow())
                db.session.commit()
                flash(_("Uw wachtwoord is gewijzigd. Op andere apparaten bent u afgemeld."), "success")
                return redirect(url_for(".show_account"))
    return render_template("account/show.html", form=form,
                           recovery_left=two_factor.recovery_codes_left(db.session, current_user),
                           sessions=login_sessions.live(db.session, current_user.id)), 400 if form.errors else 200


@bp.post("/account/overal-afmelden")
@auth.projectleider_required
def logout_everywhere():
    count = login_sessions.end_all(db.session, current_user.id, utcnow())
    security_events.record(db.session, "logout_everywhere", actor=current_user.email, ip=_ip(),
                           detail=f"{count} sessies beëindigd")
    db.session.commit()
    logout_user()
    clear_keeping_participant()
    flash(_("U bent op alle apparaten afgemeld."), "info")
    return redirect(url_for(".login"))


def _enrolling_user() -> User | None:
    if auth.is_projectleider():
        return current_user
    return _pending_user()


@bp.route("/account/tweestapsverificatie", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def enrol_two_factor():
    """Set up the authenticator app: during the grace period from the account page, after it as
    the second step of signing in."""
    user = _enrolling_user()
    if user is None:
        return redirect(url_for(".login"))
    if user.has_two_factor:
        flash(_("Tweestapsverificatie is al ingesteld voor dit account."), "info")
        return redirect(url_for(".show_account"))
    if user.totp_secret is None:
        user.totp_secret = two_factor.new_secret()
        db.session.commit()
    form = CodeForm()
    if form.validate_on_submit():
        now = utcnow()
        codes = two_factor.enable(db.session, user, user.totp_secret, form.code.data, now)
        if codes is None:
            form.code.errors.append(_("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de "
                                      "nieuwste code."))
        else:
            security_events.record(db.session, "two_factor_enabled", actor=user.email, ip=_ip())
            db.session.commit()
            if not auth.is_projectleider():  # enrolment was the second step: now signed in
                next_path = session.get(PENDING_NEXT)
                _sign_in(user, "wachtwoord+totp", next_path)
            return render_template("account/recovery_codes.html", codes=codes)
    return render_template("account/enrol.html", form=form, secret=user.totp_secret,
                           required=not auth.is_projectleider()), 400 if form.errors else 200


@bp.get("/account/tweestapsverificatie/qr.svg")
def two_factor_qr():
    user = _enrolling_user()
    if user is None or user.has_two_factor or user.totp_secret is None:
        abort(404)
    svg = two_factor.qr_svg(two_factor.provisioning_uri(user.totp_secret, user.email))
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


# --- one-time links: invitation of a project leader, password reset ------------------------------


@bp.get("/account/link/<token>")
def open_account_link(token: str):
    """A page with one button: the token goes on in a POST, never again in an address."""
    return render_template("account/link.html", form=TokenForm(token=token))


@bp.post("/account/link")
@limiter.limit(link_limit)
def redeem_account_link():
    form = TokenForm()
    link = account_links.find(db.session, form.token.data or "", utcnow()) if form.validate_on_submit() else None
    if link is None:
        return render_template("account/link_invalid.html"), 404
    logout_user()
    clear_keeping_participant()
    session[LINK_ID] = link.id
    return redirect(url_for(".set_password"))


@bp.route("/account/wachtwoord-instellen", methods=["GET", "POST"])
def set_password():
    link = db.session.get(AccountLink, session.get(LINK_ID) or 0)
    if link is None or not link.is_valid(utcnow()) or not link.user.active:
        return render_template("account/link_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            auth.change_password(db.session, link.user, form.password.data, _ip(), kind="password_set_by_link")
        except auth.AccountError as error:
            form.password.errors.append(str(error))
        else:
            account_links.use(link, utcnow())
            db.session.commit()
            session.pop(LINK_ID, None)
            flash(_("Uw wachtwoord is ingesteld. U kunt nu inloggen."), "success")
            return redirect(url_for(".login"))
    return render_template("account/set_password.html", form=form, user=link.user,
                           invited=link.purpose == "uitnodiging"), 400 if form.errors else 200
