"""Error answers: JSON for a JSON client whatever the status, pages in the site's own style for
everyone else, and a form post that failed on our side shown again with everything typed.

- A storage fault that passes (read-only file, disk I/O, locked, connection lost) is a 503 with
  Retry-After; storage_faults has already dropped the broken connections, so the next request
  works without a restart.
- A number too large for the database or text with invalid Unicode is the request's fault: 400.
- 413 cannot show the text again (the body was never read); the page says where it still is.
"""
import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db
from ..guides.registry import current_guides
from ..storage_faults import RETRY_AFTER_SECONDS, is_transient
from . import kept_forms
from .negotiation import wants_json

log = logging.getLogger(__name__)

# Fields of a kept form that the user did not type: sent along again unchanged, not shown.
HIDDEN_FIELDS = ("csrf_token", "version", "next_theme", "take_theirs")


def _messages() -> dict:
    return {
        400: _("Uw invoer bevat een getal of teken dat niet kan worden verwerkt. Controleer wat u typte."),
        403: _("U hebt geen toestemming voor deze handeling."),
        404: _("Deze pagina bestaat niet, of u hebt er geen toegang toe."),
        405: _("Deze handeling is op dit adres niet mogelijk."),
        413: _("Wat u verstuurde, is te groot. Het maximum is 5 MB."),
        500: _("Er ging aan onze kant iets mis. Wat u al had opgeslagen, is bewaard."),
        503: _("Opslaan lukt even niet door een storing. Probeer het over een paar seconden opnieuw."),
    }


def _kept_message(status: int) -> str:
    if status == 400:
        return _("Opslaan lukte niet: uw invoer bevat een getal of teken dat niet kan worden verwerkt. "
                 "Uw tekst staat hieronder; pas het aan en verstuur het opnieuw.")
    return _("Opslaan lukte niet door een storing; uw tekst staat hieronder, probeer het zo opnieuw.")


def _is_hidden(name: str) -> bool:
    return any(name == hidden or name.startswith(hidden + "-") for hidden in HIDDEN_FIELDS)


def _label(name: str) -> str:
    """A readable label for a posted field: the question for a guide answer, else the field name."""
    if name.startswith("answer-"):
        question = current_guides().question(name.split("-", 2)[-1])
        if question is not None:
            return question.text
    return name.replace("_", " ")


def _kept_fields() -> list[dict]:
    fields = []
    for name, value in request.form.items(multi=True):
        if name == "csrf_token":
            continue  # the page brings a fresh one
        fields.append({"name": name, "value": value, "hidden": _is_hidden(name), "label": _label(name),
                       "long": "\n" in value or len(value) > 80})
    return fields


def _can_keep_form(status: int) -> bool:
    if request.method != "POST" or status not in (400, 500, 503):
        return False
    try:
        return bool(request.form)
    except HTTPException:  # the body itself was refused (too large, malformed)
        return False


def _render(template: str, status: int, **context) -> str:
    try:
        return render_template(template, status=status, **context)
    except Exception:  # the site's layout needs the database too: say it without the layout
        log.exception("error page %s could not be rendered; plain page sent", template)
        context.setdefault("message", _messages().get(status, ""))
        return render_template("errors/plain.html", status=status, **context)


def _kept_form(status: int) -> str:
    message = _kept_message(status)
    try:
        page = kept_forms.render_kept(message)
        if page is not None:
            return page
    except Exception:  # the form's own page needs the database, which may be away: the generic page
        _rollback()
        log.warning("form page could not be rebuilt after a failure; generic kept-form page sent", exc_info=True)
    return _render("errors/form_kept.html", status, message=message, fields=_kept_fields(), action=request.path)


def respond(status: int, error: str, template: str, headers: dict | None = None, message: str | None = None):
    """The one answer for a failed request: JSON, the form kept, or the error page."""
    message = message or _messages()[status]
    if wants_json():
        return jsonify(error=error, message=message, status=status), status, headers or {}
    if _can_keep_form(status):
        return _kept_form(status), status, headers or {}
    return _render(template, status, message=message), status, headers or {}


def _rollback() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection is gone: nothing left to roll back
        log.warning("rollback after a failed request did not succeed", exc_info=True)


def _unavailable():
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return respond(503, "unavailable", "errors/503.html", headers)


def _database_error(error: DBAPIError):
    _rollback()
    if is_transient(error):
        # Expected while the storage is away; one line, no traceback, no parameters (hide_parameters).
        log.warning("storage fault, answered 503: %s", type(error.orig).__name__ if error.orig else type(error)
                    .__name__)
        return _unavailable()
    if isinstance(error, DataError):  # PostgreSQL: a number out of range, an invalid byte sequence
        return respond(400, "invalid_input", "errors/400.html")
    raise error


def _invalid_value(error):
    # SQLite refuses an integer beyond 64 bits (OverflowError) and a lone surrogate
    # (UnicodeEncodeError) before anything is stored: the request's fault, not ours. Logged with
    # the traceback all the same, in case one is ours after all (the messages hold no user text).
    log.warning("input refused with 400: %s", type(error).__name__, exc_info=error)
    _rollback()
    return respond(400, "invalid_input", "errors/400.html")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        if wants_json():
            return jsonify(error="csrf", message=_("De beveiligingscode ontbrak of is verlopen; uw tekst is in deze "
                                                   "browser bewaard."), status=400), 400
        return _render("errors/csrf.html", 400, reason=error.description), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if status in (403, 404, 405, 413):
            valid_methods = getattr(error, "valid_methods", None)  # set on a 405 only
            headers = {"Allow": ", ".join(valid_methods)} if valid_methods else None
            return respond(status, {403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                                    413: "too_large"}[status], f"errors/{status}.html", headers)
        if status == 503:
            return _unavailable()
        if status >= 500:
            return respond(500, "server_error", "errors/500.html")
        if wants_json():
            return jsonify(error="bad_request", message=_("Het verzoek kon niet worden gelezen."),
                           status=status), status
        return error  # other 4xx: Werkzeug's own page, as before

    @app.errorhandler(InternalServerError)
    def server_error(_error):
        _rollback()
        return respond(500, "server_error", "errors/500.html")

    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(OverflowError, _invalid_value)
    app.register_error_handler(UnicodeEncodeError, _invalid_value)
