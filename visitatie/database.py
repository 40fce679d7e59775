"""Database binding: SQLAlchemy, migrations, and SQLite pragmas (WAL, foreign keys)."""
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .config import REPO_ROOT
from .extensions import db, migrate
from .storage_faults import recover_from_faults

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


# pool_pre_ping finds a connection the server closed before it is used; hide_parameters keeps
# the values of a statement (answers, e-mail addresses, token hashes) out of every error and log.
ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}


def init_app(app: Flask) -> None:
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**ENGINE_OPTIONS, **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})}
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    with app.app_context():
        engine: Engine = db.engine
        recover_from_faults(engine)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
