"""A real storage fault for tests: the SQLite database (the file and its -wal log) made unwritable,
then writable again.

Tests may run as root, and root writes through `chmod a-w`. So as root the immutable attribute is
set (`chattr +i`, ext4/xfs/btrfs; refused even to root), otherwise the write bits are taken away.
Both are what an administrator's mistake or a remount read-only looks like to SQLite: "attempt to
write a readonly database", "unable to open database file" or a disk I/O error.
"""
import os
import shutil
import stat
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def _paths(database: Path) -> list[Path]:
    # Not the -shm file: SQLite maps it into memory, and a mapping that cannot be written any more
    # kills the process (SIGBUS) instead of giving an error. The file and its log are enough.
    wal = database.with_name(database.name + "-wal")
    return [database, wal] if wal.exists() else [database]


def make_unwritable(database: Path) -> list[Path]:
    paths = _paths(database)
    if os.geteuid() == 0:
        if not shutil.which("chattr"):
            pytest.skip("running as root without chattr: cannot make the database unwritable")
        result = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"chattr +i refused here ({result.stderr.strip()})")
    else:
        for path in paths:
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return paths


def make_writable(paths: list[Path]) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
    else:
        for path in paths:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


@contextmanager
def unwritable(database: Path):
    paths = make_unwritable(database)
    try:
        yield
    finally:
        make_writable(paths)
