"""Column types shared by the models, and the type of the session that domain functions work in."""
from datetime import datetime, timezone
from typing import Any, TypeAlias, cast

from sqlalchemy import CursorResult, DateTime, Result
from sqlalchemy.orm import Session, scoped_session
from sqlalchemy.types import TypeDecorator

# A domain function works in whatever session its caller owns: a plain Session (CLI, tests, bench)
# or Flask-SQLAlchemy's db.session, the scoped_session proxy that forwards each call to the Session
# of the current app context. Both have the same methods; only the static type differs.
DbSession: TypeAlias = Session | scoped_session[Any]


def rows_matched(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE matched (its rowcount).

    Session.execute() of such a statement gives a CursorResult, but is typed to give a Result.
    """
    return cast(CursorResult[Any], result).rowcount


class UTCDateTime(TypeDecorator):
    """Stores an aware datetime as naive UTC and gives it back aware.

    SQLite keeps no time zone, PostgreSQL would; storing UTC everywhere and converting to
    Europe/Amsterdam only for display keeps both databases and daylight saving time honest.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for a CHECK that a column holds one of a fixed set of values."""
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
    return f"{column} IN ({quoted})"
