"""One log line per request (id, method, redacted path, status, duration) and the request id
in the X-Request-ID answer header, so a user's report can be found in the log."""
import logging
import re
import time
import uuid

from flask import Flask, g, request
from flask.logging import default_handler

from ..log_format import configure, redact, redact_logger

log = logging.getLogger("visitatie.request")

# An id the proxy gave (nginx's $request_id is 32 hex characters) is kept; anything else replaced.
_GIVEN_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _GIVEN_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    started = g.get("request_started")
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started else None
    request_id = g.get("request_id", "-")
    response.headers.setdefault("X-Request-ID", request_id)
    if request.endpoint != "static":
        path = redact(request.path)
        log.info("%s %s %s", request.method, path, response.status_code, extra={
            "request_id": request_id, "method": request.method, "path": path,
            "status": response.status_code, "duration_ms": duration_ms,
        })
    return response


class _RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record logged while it runs (errors included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            try:
                record.request_id = g.get("request_id")
            except RuntimeError:  # outside a request: a CLI command
                pass
        return True


def init_app(app: Flask) -> None:
    handler = configure(app.config.get("LOG_LEVEL", "INFO"))
    if not any(isinstance(f, _RequestIdFilter) for f in handler.filters):
        handler.addFilter(_RequestIdFilter())
    app.logger.removeHandler(default_handler)  # ours writes the same stream, as JSON
    redact_logger("werkzeug")  # the development server logs each path, tokens included
    app.before_request(_start)
    app.after_request(_finish)
