"""Storage faults the app recovers from by itself: what they look like, and dropping the
connections they leave behind.

A SQLite connection opened while the file could not be written stays read-only for its whole
life, and a PostgreSQL connection whose server went away stays broken: keeping either in the
pool turns a fault of seconds into failures until a restart. So such an error is treated as a
"disconnect": SQLAlchemy then throws away that connection and every other one in the pool, and
the next request opens fresh ones. The web layer answers 503 with Retry-After meanwhile.
No Flask here: the CLI and the web share it.
"""
import os

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError

# Lower-case fragments of the driver messages, SQLite first, then PostgreSQL (psycopg).
TRANSIENT_MESSAGES = (
    "readonly database",          # attempt to write a readonly database
    "disk i/o error",
    "database is locked",
    "database table is locked",
    "unable to open database file",
    "database or disk is full",
    "server closed the connection",
    "connection refused",
    "terminating connection",
    "connection is closed",
    "the connection is lost",
    "could not receive data",
    "could not send data",
    "ssl connection has been closed",
    "the database system is starting up",
    "the database system is shutting down",
    "read-only transaction",      # cannot execute … in a read-only transaction (hot standby)
)

# Seconds a client is asked to wait before trying again (503 Retry-After).
RETRY_AFTER_SECONDS = 5


def is_transient(error: BaseException) -> bool:
    """Whether this database error is a fault of the storage that passes, not of the request."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError):
        return False
    message = str(error.orig).lower()
    return any(fragment in message for fragment in TRANSIENT_MESSAGES)


def _drop_connections_on_fault(context) -> None:
    # Marking the error as a disconnect makes SQLAlchemy invalidate this connection and the
    # whole pool; without it a read-only SQLite handle would be handed out again and again.
    error = context.sqlalchemy_exception
    if isinstance(error, OperationalError) and is_transient(error):
        context.is_disconnect = True


def _reopen_read_only_sqlite(engine: Engine) -> None:
    # Reading goes on during a read-only episode, and the connections opened for it are read-only
    # for good. Each remembers that it was opened so; once the file can be written again, the
    # pool is told it is gone (DisconnectionError on checkout) and opens a fresh one instead.
    path = engine.url.database
    if not path or path == ":memory:":
        return

    @event.listens_for(engine, "connect")
    def _note_read_only(_dbapi_connection, record):
        record.info["opened_read_only"] = not os.access(path, os.W_OK)

    @event.listens_for(engine, "checkout")
    def _replace_when_writable(_dbapi_connection, record, _proxy):
        if record.info.get("opened_read_only") and os.access(path, os.W_OK):
            raise DisconnectionError("opened while the database file was read-only")


def recover_from_faults(engine: Engine) -> None:
    event.listen(engine, "handle_error", _drop_connections_on_fault)
    if engine.dialect.name == "sqlite":
        _reopen_read_only_sqlite(engine)
