"""A consistent online backup of the SQLite database, verified.

Copying the file with `cp` while the app runs is unsafe: in WAL mode the latest saves live in the
-wal file until a checkpoint, and a copy taken between writes can mix pages of different moments.
It may even pass integrity_check and still lack saves that were acknowledged. SQLite's online
backup API copies a consistent snapshot through SQLite itself, WAL included: here it runs inside
one read transaction, so the row counts read in that transaction are exactly what the copy holds.
PostgreSQL has its own tool: `pg_dump`.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine, make_url


class BackupFailed(Exception):
    pass


@dataclass(frozen=True)
class BackupReport:
    path: Path
    integrity: str
    counts: dict[str, int]  # table -> rows, equal in the source snapshot and in the copy


def _tables(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    # The table names come from the database's own sqlite_master (a name cannot be a bound parameter).
    return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in _tables(connection)}


def sqlite_path(engine: Engine) -> Path | None:
    url = engine.url
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
        else None


def backup_sqlite(source_path: Path, out: Path) -> BackupReport:
    """Copy the database at source_path to out (which must not exist) and verify the copy."""
    if out.exists():
        raise BackupFailed(f"{out} bestaat al; kies een nieuw bestand")
    source = sqlite3.connect(source_path, timeout=30, isolation_level=None)
    target = sqlite3.connect(out)
    try:
        source.execute("BEGIN")  # one read snapshot for the counts and the copy
        expected = _counts(source)
        source.backup(target)
        source.execute("COMMIT")
    finally:
        target.close()
        source.close()
    copy = sqlite3.connect(out)
    try:
        integrity = copy.execute("PRAGMA integrity_check").fetchone()[0]
        counts = _counts(copy)
    finally:
        copy.close()
    if integrity != "ok":
        raise BackupFailed(f"integriteitscontrole van de kopie: {integrity}")
    if counts != expected:
        differ = sorted(t for t in set(counts) | set(expected) if counts.get(t) != expected.get(t))
        raise BackupFailed(f"aantallen rijen wijken af in: {', '.join(differ)}")
    return BackupReport(out, integrity, counts)


def pg_dump_command(url: str, out: Path) -> str:
    """The pg_dump command for a PostgreSQL URL; the password is left to PGPASSWORD or ~/.pgpass."""
    parsed = make_url(url)
    parts = ["pg_dump", "--format=custom", f"--file={out}"]
    if parsed.host:
        parts.append(f"--host={parsed.host}")
    if parsed.port:
        parts.append(f"--port={parsed.port}")
    if parsed.username:
        parts.append(f"--username={parsed.username}")
    parts.append(parsed.database or "")
    return " ".join(parts)
