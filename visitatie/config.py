"""Settings from the environment, with defaults that are safe to run as they are.

The secret key is never a constant in the code: when SECRET_KEY is not set, one is generated
once and kept in the instance folder, so sessions survive a restart of `make run`.
"""
import os
import secrets
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance_path: str) -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = Path(instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def load_config(instance_path: str) -> dict:
    """The configuration as a plain dict; create_app() applies it, then any test config."""
    database_file = Path(instance_path) / "visitatie.sqlite"
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL", f"sqlite:///{database_file}"),
        "GUIDES_DIR": os.environ.get("VISITATIE_GUIDES_DIR", str(REPO_ROOT / "interview_guides")),
        "DATA_DIR": os.environ.get("VISITATIE_DATA_DIR", str(REPO_ROOT / "data")),
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Amsterdam",
        "LANGUAGES": ("nl", "en"),
        "DISPLAY_TIMEZONE": "Europe/Amsterdam",
        # Session cookies: not readable from JavaScript, not sent cross-site, HTTPS-only
        # unless explicitly relaxed for local development over plain http.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": timedelta(
            minutes=int(os.environ.get("SESSION_LIFETIME_MINUTES", "480"))
        ),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session: no lost forms
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # Text fields up to the same size are read (Werkzeug's default stops at 500 kB with a 413,
        # which cannot show the text again); the answer's own length check then says what is too long.
        "MAX_FORM_MEMORY_SIZE": 5 * 1024 * 1024,
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "visitatie@localhost"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "INVITATION_DAYS_VALID": int(os.environ.get("INVITATION_DAYS_VALID", "60")),
    }
