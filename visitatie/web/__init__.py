"""Blueprints: thin views that parse input, check permission, call the domain, render."""
from flask import Flask, current_app
from flask_login import current_user

from ..extensions import csrf
from . import (
    account,
    accounts,
    confirmation,
    errors,
    guide_editor,
    id_converter,
    json_input,
    main,
    opbrengst,
    participant,
    planning,
    request_log,
    rounds,
    themes,
    visits,
)

BLUEPRINTS = (main.bp, themes.bp, rounds.bp, account.bp, accounts.bp, planning.bp, participant.bp, opbrengst.bp,
              visits.bp,
              guide_editor.bp)


PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                      "microphone=(), payment=(), usb=()")


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
    # No window opened from here can reach back into ours; no camera, microphone, location etc.
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    # Only once the site runs on HTTPS (SESSION_COOKIE_SECURE): browsers then never try plain http.
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    # What a signed-in project leader or participant sees (answers, figures per municipality,
    # e-mail addresses) stays out of browser and proxy caches; public pages may be cached.
    if current_user.is_authenticated:
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    request_log.init_app(app)
    csrf.init_app(app)
    id_converter.init_app(app)
    json_input.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    errors.init_app(app)
    confirmation.init_app(app)
    app.after_request(_security_headers)
