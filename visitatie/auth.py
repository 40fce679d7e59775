"""Accounts, passwords and permission checks.

Project leaders log in with e-mail and password. Passwords are hashed with scrypt (Werkzeug's
default KDF). Who may see what is decided here, never in templates, so that every route and
every export asks the same question the same way.
"""
from functools import wraps

from flask import Flask, abort, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db, login_manager
from .models import USER_ROLES, User
from .models.types import utcnow
from .permissions import load_participant

MIN_PASSWORD_LENGTH = 12
# In the session of a participant: ParticipantPrincipal.binding of the link that opened it.
PARTICIPANT_BINDING = "participant_binding"


class AccountError(ValueError):
    """A user account that cannot be created as asked."""


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def create_user(session, email: str, password: str, role: str, name: str = "") -> User:
    email = email.strip().lower()
    if role not in USER_ROLES:
        raise AccountError(f"onbekende rol {role!r}; kies uit {', '.join(USER_ROLES)}")
    if "@" not in email:
        raise AccountError(f"{email!r} is geen e-mailadres")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens hebben")
    if session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError(f"er bestaat al een account voor {email}")
    user = User(email=email, password_hash=hash_password(password), role=role, name=name)
    session.add(user)
    session.commit()
    return user


def authenticate(session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Timing does not reveal unknown e-mails."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.active or not check_password_hash(user.password_hash, password):
        return None
    user.last_login_at = utcnow()
    session.commit()
    return user


_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


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


def _load_user(user_id: str):
    kind, _, number = user_id.partition(":")
    if kind == "user" and number.isdigit():
        return db.session.get(User, int(number))
    if kind == "participation" and number.isdigit():
        # Signed in through a personal link: valid only while one of their links is, and only for
        # the person and conversation it was opened for (an id can be handed out again).
        principal = load_participant(db.session, int(number))
        if principal is not None and session.get(PARTICIPANT_BINDING) == principal.binding:
            return principal
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "account.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
