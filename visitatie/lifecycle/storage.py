"""Deleted text must not survive in the SQLite file: SQLite keeps freed pages (and the write-ahead
log keeps old page images) until they are reused. After a purge or an erasure is committed,
`scrub` checkpoints the WAL into the database, truncates it, and rewrites the file with VACUUM.
The app also runs every connection with PRAGMA secure_delete=ON (database.py), so freed content
is zeroed at once; VACUUM makes sure and shrinks the file. PostgreSQL: the autovacuum reclaims
dead rows; nothing to do here."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine


def secure_delete(connection: Connection) -> None:
    """Zero freed pages for the rest of this connection (SQLite only)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete=ON")


def scrub(engine: Engine) -> bool:
    """Checkpoint, truncate the WAL and VACUUM; False when another connection kept it from finishing."""
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        busy, _log, _checkpointed = connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).one()
        connection.execute(text("VACUUM"))
        again = connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).one()
    return not busy and not again[0]
