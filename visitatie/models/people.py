"""People who take part, and the accounts of those who log in with a password."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model, db
from ..vocabulary import UserRole, codes
from .types import UTCDateTime, one_of, utcnow

USER_ROLES = codes(UserRole)


class Person(Model):
    """A participant. Stores only what a round needs: name, function, e-mail, municipality."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(120))
    function: Mapped[str | None] = mapped_column(db.String(120))
    email: Mapped[str | None] = mapped_column(db.String(254), unique=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    municipality = relationship("Municipality")

    def __repr__(self) -> str:
        return f"<Person {self.name}>"


class User(UserMixin, Model):
    """An account that logs in with e-mail and password (project leaders)."""

    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint(one_of("role", USER_ROLES), name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(db.String(254), unique=True)
    name: Mapped[str] = mapped_column(db.String(120), default="")
    password_hash: Mapped[str] = mapped_column(db.String(255))
    role: Mapped[str] = mapped_column(db.String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two-factor sign-in (TOTP). The secret is needed in the clear to check codes; the last used
    # time step refuses a code seen once already (a code read over a shoulder cannot be replayed).
    totp_secret: Mapped[str | None] = mapped_column(db.String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        return f"user:{self.id}"

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def is_projectleider(self) -> bool:
        return self.role == "projectleider"

    def __repr__(self) -> str:
        return f"<User {self.email}>"
