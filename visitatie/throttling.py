"""Request limits per IP address (and per participant for autosave) with Flask-Limiter, and the
page that says "too many requests" in Dutch with a Retry-After header.

These limits slow down anyone hammering the server. The per-account lock after failed sign-ins
is a different thing, kept in the database (accounts/lockout.py).
"""
from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user

limiter = Limiter(key_func=get_remote_address)


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def link_limit() -> str:
    return current_app.config["LINK_RATE_LIMIT"]


def autosave_limit() -> str:
    return current_app.config["AUTOSAVE_RATE_LIMIT"]


def per_participant() -> str:
    """Autosave counts per signed-in participant: several people behind one town hall's address
    do not share one budget."""
    return current_user.get_id() if current_user.is_authenticated else get_remote_address()


def _message(locked: bool) -> str:
    if locked:
        return _("Er is te vaak een verkeerd wachtwoord of een verkeerde code ingevuld. Om het account te "
                 "beschermen kan het even niet opnieuw worden geprobeerd.")
    return _("Er kwamen te veel verzoeken kort na elkaar. Wacht even en probeer het dan opnieuw; wat u hebt "
             "ingevuld, blijft in uw browser staan.")


def too_many_requests(retry_after: int | None = None, locked: bool = False):
    """The 429 answer: a Dutch page, or JSON for autosave; Retry-After in seconds."""
    if request.is_json or request.accept_mimetypes.best == "application/json":
        response = jsonify(error="too_many_requests", message=_message(locked))
    else:
        response = current_app.make_response(render_template("errors/429.html", locked=locked,
                                                              message=_message(locked), retry_after=retry_after))
    response.status_code = 429
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    # Retry-After from the limit's window; Flask-Limiter's own headers stay off, because they would
    # also overwrite the Retry-After of other answers (a 503 during a storage fault).
    app.register_error_handler(429, lambda error: too_many_requests(_window(error)))


def _window(error) -> int:
    limit: Any = getattr(error, "limit", None)
    try:
        return int(limit.limit.get_expiry())
    except (AttributeError, TypeError, ValueError):
        return 60
