"""Accounts, passwords and permission checks.

Project leaders log in with e-mail, password and (after a grace period, see two_factor) a TOTP
code. Passwords are hashed with scrypt (Werkzeug's default KDF) and must pass passwords.problems().
Who may see what is decided here, never in templates, so that every route and every export asks
the same question the same way. Every change to an account leaves a security event.
"""
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from flask import Flask, abort, current_app, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db, login_manager
from ..models import USER_ROLES, User
from ..models.types import utcnow
from ..security import events as security_events
from . import lockout, login_sessions, passwords, two_factor
from .browser_sessions import principal_for_request

MIN_PASSWORD_LENGTH = passwords.MIN_LENGTH
# In the session of a project leader: the key of their LoginSession row.
LOGIN_KEY = "login_key"


class AccountError(ValueError):
    """A user account that cannot be created or changed as asked."""


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_new_password(password: str, email: str, name: str) -> None:
    reasons = passwords.problems(password, email, name)
    if reasons:
        raise AccountError(" ".join(reasons))


def find_user(session, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(session, email: str, password: str | None, role: str, name: str = "",
                actor: str | None = None, ip: str | None = None) -> User:
    """A new account; without a password it cannot sign in until its invitation link is used."""
    email = email.strip().lower()
    if role not in USER_ROLES:
        raise AccountError(f"onbekende rol {role!r}; kies uit {', '.join(USER_ROLES)}")
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is geen e-mailadres")
    if password is not None:
        check_new_password(password, email, name)
    if find_user(session, email):
        raise AccountError(f"er bestaat al een account voor {email}")
    user = User(email=email, password_hash=hash_password(password) if password else "", role=role, name=name,
                password_changed_at=utcnow() if password else None)
    session.add(user)
    session.flush()
    security_events.record(session, "account_created", actor=actor or email, ip=ip, detail=f"account {email}")
    session.commit()
    return user


@dataclass(frozen=True)
class SignIn:
    """The outcome of a password check: a user, or a refusal (`refusal` set when throttled)."""
    user: User | None = None
    refusal: lockout.Refusal | None = None


def authenticate(session, email: str, password: str, policy: lockout.Policy, ip: str | None = None,
                 now: datetime | None = None) -> SignIn:
    """Check e-mail and password, throttled per address. Unknown and known addresses, disabled
    accounts and wrong passwords all get the same answer and take the same time."""
    now = now or utcnow()
    refusal = lockout.refusal(session, email, policy, now)
    if refusal is not None:
        return SignIn(refusal=refusal)
    user = find_user(session, email)
    hashed = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    right = check_password_hash(hashed, password) and user is not None and bool(user.password_hash)
    if not right or user is None or not user.active:
        reason = "unknown_account" if user is None else "account_disabled" if right else "wrong_password"
        fail(session, email, user, policy, ip, now, reason)
        return SignIn()
    lockout.register_success(session, email)
    session.commit()
    return SignIn(user=user)


def fail(session, email: str, user: User | None, policy: lockout.Policy, ip: str | None, now: datetime,
         reason: str) -> None:
    """A failed step of signing in (password or second factor): counted, logged, maybe locked."""
    actor = user.email if user is not None else None  # never the address typed: it may be a password
    security_events.record(session, "login_failed", actor=actor, ip=ip, detail=reason)
    if lockout.register_failure(session, email, policy, now):
        security_events.record(session, "login_locked", actor=actor, ip=ip,
                               detail=f"{policy.lock_after} mislukte pogingen; {policy.lock_minutes} minuten")
    session.commit()


_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def complete_login(session, user: User, ip: str | None, method: str, now: datetime | None = None) -> str:
    """Record the sign-in and start its server-side session; returns the key for the cookie."""
    now = now or utcnow()
    user.last_login_at = now
    key = login_sessions.start(session, user.id, ip, now)
    security_events.record(session, "login", actor=user.email, ip=ip, detail=method)
    session.commit()
    return key


def change_password(session, user: User, new_password: str, ip: str | None, actor: str | None = None,
                    kind: str = "password_changed") -> None:
    """Set a new password and end every session of the account (a stolen cookie dies with it)."""
    check_new_password(new_password, user.email, user.name)
    now = utcnow()
    user.password_hash = hash_password(new_password)
    user.password_changed_at = now
    login_sessions.end_all(session, user.id, now)
    lockout.unlock(session, user.email)
    security_events.record(session, kind, actor=actor or user.email, ip=ip, detail=f"account {user.email}")
    session.commit()


def password_is_right(user: User, password: str) -> bool:
    return bool(user.password_hash) and check_password_hash(user.password_hash, password)


def reset_two_factor(session, user: User, actor: str, ip: str | None) -> None:
    """Wipe the account's authenticator and recovery codes (a lost phone); it enrols again at its
    next sign-in. Its sessions end: whoever has the phone must not stay signed in."""
    two_factor.disable(session, user)
    login_sessions.end_all(session, user.id, utcnow())
    security_events.record(session, "two_factor_reset", actor=actor, ip=ip, detail=f"account {user.email}")
    session.commit()


def set_active(session, user: User, active: bool, actor: str, ip: str | None) -> None:
    if not active and actor == user.email:
        raise AccountError("u kunt uw eigen account niet uitschakelen")
    user.active = active
    if not active:
        login_sessions.end_all(session, user.id, utcnow())
    else:
        lockout.unlock(session, user.email)
    security_events.record(session, "account_enabled" if active else "account_disabled", actor=actor, ip=ip,
                           detail=f"account {user.email}")
    session.commit()


def security_actor(principal) -> str | None:
    """Who did it, for the security log: an account's e-mail, or a participation number (never a name)."""
    if getattr(principal, "is_projectleider", False):
        return principal.email
    participation = getattr(principal, "participation", None)
    participation_id = getattr(participation, "id", None)
    return f"deelnemer {participation_id}" if participation_id is not None else None


def is_projectleider() -> bool:
    return current_user.is_authenticated and getattr(current_user, "is_projectleider", False)


def projectleider_required(view):
    """Only project leaders; others are sent to the login page, or refused when logged in."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("account.login", next=request.full_path))
        if not is_projectleider():
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def _load_account(user_id: str) -> User | None:
    kind, _, number = user_id.partition(":")
    if kind != "user" or not number.isdigit():
        return None
    # Only with a live server-side session: logout, "Overal afmelden", a password change and
    # the idle and absolute limits end it for every copy of the cookie.
    user = db.session.get(User, int(number))
    config = current_app.config
    if user is None or not login_sessions.check(db.session, user.id, session.get(LOGIN_KEY), utcnow(),
                                                config["LOGIN_IDLE_TIMEOUT"], config["LOGIN_ABSOLUTE_TIMEOUT"]):
        return None
    return user


def _load_user(user_id: str):
    """The account of the session, or the participant of it on their own pages (browser_sessions)."""
    return principal_for_request(_load_account(user_id))


def _load_without_account(_request):
    """No account signed in: the participant of this browser's link, if any."""
    return principal_for_request(None)


def account_beside_participant() -> bool:
    """Whether a project leader's account is signed in in this browser beside the participant the
    page acts as: the participant's pages say so, so nobody wonders whose rights apply."""
    user_id = session.get("_user_id")
    return bool(user_id) and _load_account(str(user_id)) is not None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "account.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
    login_manager.request_loader(_load_without_account)
    app.add_template_global(account_beside_participant)
