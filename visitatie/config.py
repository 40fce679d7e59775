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
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        # Verified TLS by default: STARTTLS (port 587) or, with MAIL_USE_SSL, implicit TLS (port 465).
        # Plain SMTP only when MAIL_USE_TLS is switched off explicitly (a relay on this machine).
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", True),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_CA_FILE": os.environ.get("MAIL_CA_FILE", ""),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "visitatie@localhost"),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "INVITATION_DAYS_VALID": int(os.environ.get("INVITATION_DAYS_VALID", "60")),
        # Project leaders' sessions (OWASP ASVS 3.3): ended after 30 idle minutes and after 12 hours
        # whatever happens; participants' link sessions follow PERMANENT_SESSION_LIFETIME.
        "LOGIN_IDLE_TIMEOUT": timedelta(minutes=int(os.environ.get("LOGIN_IDLE_MINUTES", "30"))),
        "LOGIN_ABSOLUTE_TIMEOUT": timedelta(hours=int(os.environ.get("LOGIN_ABSOLUTE_HOURS", "12"))),
        # Failed sign-ins per e-mail address: a doubling delay from the 3rd, a lock at the 10th.
        "LOGIN_DELAY_AFTER": int(os.environ.get("LOGIN_DELAY_AFTER", "3")),
        "LOGIN_DELAY_SECONDS": float(os.environ.get("LOGIN_DELAY_SECONDS", "1")),
        "LOGIN_MAX_DELAY_SECONDS": float(os.environ.get("LOGIN_MAX_DELAY_SECONDS", "60")),
        "LOGIN_LOCK_AFTER": int(os.environ.get("LOGIN_LOCK_AFTER", "10")),
        "LOGIN_LOCK_MINUTES": int(os.environ.get("LOGIN_LOCK_MINUTES", "15")),
        # Two-factor sign-in is required for project leaders once their account is this many days old.
        "TWO_FACTOR_GRACE_DAYS": int(os.environ.get("TWO_FACTOR_GRACE_DAYS", "7")),
        "ACCOUNT_LINK_HOURS_VALID": int(os.environ.get("ACCOUNT_LINK_HOURS_VALID", "72")),
        # Per-IP (and per participant for autosave) request limits, Flask-Limiter notation. The
        # counters live in RATELIMIT_STORAGE_URI: memory:// counts per worker process; give several
        # workers a shared store (redis://...) to count them together. Account lockout does not
        # depend on this: it is kept in the database.
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "20 per minute; 200 per hour"),
        "LINK_RATE_LIMIT": os.environ.get("LINK_RATE_LIMIT", "30 per minute"),
        "AUTOSAVE_RATE_LIMIT": os.environ.get("AUTOSAVE_RATE_LIMIT", "120 per minute"),
        # How many proxies in front of the app append to X-Forwarded-For (nginx of deploy/: 1). The
        # per-IP limits then count the address the nearest proxy saw, not the proxy's own. 0 (the
        # default) ignores the header: without a proxy any client could write any address in it.
        "PROXY_FIX_X_FOR": int(os.environ.get("PROXY_FIX_X_FOR", "0")),
    }
