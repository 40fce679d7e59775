"""Application log lines: one JSON object per line, with nothing in them a user typed or a secret.

What a log line may carry is decided here, once: the request's method, its path with token
segments replaced, status, duration and id; for an error the exception type and traceback. Never
a query string, form field, answer text, password or SQL parameter (the engine runs with
hide_parameters=True, so SQLAlchemy's own messages say "[SQL parameters hidden ...]").
No Flask here: the CLI and gunicorn's worker use the same formatter.
"""
import json
import logging
import re
import sys
import traceback

# Path segments that are secrets: the invitation token after /uitnodiging/, and anything that
# looks like a random token (long, URL-safe base64) wherever it appears, in case a route is added.
_INVITATION = re.compile(r"(/uitnodiging/)[^/?#\s\"']+")
_TOKEN_LIKE = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])")
REDACTED = "[verborgen]"


def redact(text: str) -> str:
    """`text` with invitation tokens and token-like strings replaced."""
    text = _INVITATION.sub(r"\1" + REDACTED, text)
    return _TOKEN_LIKE.sub(lambda m: REDACTED if _looks_random(m.group(0)) else m.group(0), text)


def _looks_random(word: str) -> bool:
    # A token mixes digits with letters; a long slug of words ("gemeenschappelijke_regelingen") does not.
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record; message and traceback go through redact()."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for key in ("request_id", "method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = redact("".join(traceback.format_exception(*record.exc_info)))
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "INFO", stream=None) -> logging.Handler:
    """Send the app's loggers (and SQLAlchemy's warnings) to one stream as JSON lines. Idempotent."""
    root = logging.getLogger("visitatie")
    # Alembic's env.py runs logging.config.fileConfig(), which disables every logger that exists
    # already: after migrations in the same process (`flask init`, tests) ours would fall silent.
    for name, logger in logging.root.manager.loggerDict.items():
        if name.startswith("visitatie") and isinstance(logger, logging.Logger):
            logger.disabled = False
    for handler in root.handlers:
        if isinstance(handler.formatter, JsonLineFormatter):
            return handler
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    root.addHandler(handler)
    root.setLevel(level.upper())
    root.propagate = False
    sqlalchemy = logging.getLogger("sqlalchemy")
    if not sqlalchemy.handlers:
        sqlalchemy.addHandler(handler)
        sqlalchemy.setLevel(logging.WARNING)
    return handler


class RedactFilter(logging.Filter):
    """For loggers we do not format ourselves (Werkzeug's development server logs every path)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        return True


def redact_logger(name: str) -> None:
    logger = logging.getLogger(name)
    logger.disabled = False  # created here early, so Alembic's fileConfig() would have silenced it
    if not any(isinstance(f, RedactFilter) for f in logger.filters):
        logger.addFilter(RedactFilter())
