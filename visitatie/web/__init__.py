"""Blueprints: thin views that parse input, check permission, call the domain, render."""
from flask import Flask
from flask_login import current_user

from ..extensions import csrf
from . import account, accounts, errors, main, opbrengst, participant, planning, rounds, themes, visits

BLUEPRINTS = (main.bp, themes.bp, rounds.bp, account.bp, accounts.bp, planning.bp, participant.bp, opbrengst.bp, visits.bp)


def _security_headers(response):
    # Everything is served from this origin: no CDN, no inline script from elsewhere.
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # What a signed-in project leader or participant sees (answers, figures per municipality,
    # e-mail addresses) stays out of browser and proxy caches; public pages may be cached.
    if current_user.is_authenticated:
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    errors.init_app(app)
    app.after_request(_security_headers)
