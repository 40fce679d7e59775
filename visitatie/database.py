"""Database binding: SQLAlchemy, migrations, and SQLite pragmas (WAL, foreign keys)."""
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .config import REPO_ROOT
from .extensions import db, migrate

MIGRATIONS_DIR = REPO_ROOT / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers go on while one participant saves; foreign keys are off by default
    # in SQLite and our constraints belong in the database, not only in forms.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten with zeros, not left readable in free pages (lifecycle/storage.py).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def init_app(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
