"""Server-side sessions of project leaders: what makes a session revocable (OWASP ASVS 3.3).

The signed cookie carries a random key; the database keeps its hash with the times it was made
and last used. Every request checks the row, so ending it (logout, "Overal afmelden", a password
change, disabling the account) refuses every copy of the cookie at once, and the idle and
absolute limits hold no matter what the browser sends.
"""
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from ..conversations.invitations import hash_token
from ..models.accounts import LoginSession
from ..models.types import DbSession, rows_matched

# last_seen_at is written at most this often: a page with many requests costs one write.
TOUCH_EVERY = timedelta(seconds=60)


def start(session: DbSession, user_id: int, ip: str | None, now: datetime) -> str:
    """A new session; returns the key for the cookie (it exists only there and in this return)."""
    key = secrets.token_urlsafe(32)
    session.add(LoginSession(user_id=user_id, key_hash=hash_token(key), created_at=now, last_seen_at=now, ip=ip))
    return key


def check(session: DbSession, user_id: int, key: str | None, now: datetime, idle: timedelta,
          absolute: timedelta) -> bool:
    """Whether this key is a live session of this account; touches it when it is."""
    if not key or len(key) > 100:
        return False
    row = session.scalar(select(LoginSession).where(LoginSession.key_hash == hash_token(key)))
    if row is None or row.user_id != user_id or row.ended_at is not None:
        return False
    if now - row.last_seen_at > idle or now - row.created_at > absolute:
        row.ended_at = now
        session.commit()
        return False
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
        session.commit()
    return True


def end(session: DbSession, key: str | None, now: datetime) -> None:
    if key:
        session.execute(update(LoginSession).where(LoginSession.key_hash == hash_token(key),
                                                   LoginSession.ended_at.is_(None)).values(ended_at=now))


def end_all(session: DbSession, user_id: int, now: datetime) -> int:
    """End every session of an account; returns how many were live."""
    result = session.execute(update(LoginSession).where(LoginSession.user_id == user_id,
                                                        LoginSession.ended_at.is_(None)).values(ended_at=now))
    return rows_matched(result) or 0


def live(session: DbSession, user_id: int) -> list[LoginSession]:
    return list(session.scalars(select(LoginSession).where(
        LoginSession.user_id == user_id, LoginSession.ended_at.is_(None)).order_by(LoginSession.created_at.desc())))
