"""What signing in needs besides the account: sessions, lockout state, recovery codes, account links.

Every secret is stored as a SHA-256 hash only (session keys, recovery codes, invite and reset
tokens): a copy of the database opens nothing.
"""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from .types import UTCDateTime, one_of, utcnow

ACCOUNT_LINK_PURPOSES = ("uitnodiging", "herstel")


class LoginSession(Model):
    """One signed-in browser of an account; the cookie holds the key, checked on every request."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str | None] = mapped_column(db.String(45))


class LoginThrottle(Model):
    """Failed sign-ins per e-mail address typed, known or not: the same lock for both, so the
    lock does not tell which addresses have an account. In the database, so that it holds across
    every worker process."""

    __tablename__ = "login_throttle"

    key_hash: Mapped[str] = mapped_column(db.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RecoveryCode(Model):
    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(db.String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccountLink(Model):
    """A one-time link to set a password: for a new project leader, or after a reset."""

    __tablename__ = "account_link"
    __table_args__ = (CheckConstraint(one_of("purpose", ACCOUNT_LINK_PURPOSES), name="purpose_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(db.String(20))
    token_hash: Mapped[str] = mapped_column(db.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")

    def is_valid(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at
