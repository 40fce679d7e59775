"""Issue, verify, revoke and re-issue personal invitation links.

The token is 32 random bytes (URL-safe); the database keeps only its SHA-256. A link expires,
can be revoked, and re-issuing revokes the participant's earlier links.
"""
import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from ..models import Participation
from ..models.invitations import Invitation
from ..models.types import DbSession, utcnow


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(session: DbSession, participation: Participation, days_valid: int,
          now: datetime | None = None) -> tuple[Invitation, str]:
    """A new link for a participant; earlier links of the same participation stop working.

    Returns the stored invitation and the plain token, which exists only in this return value.
    """
    now = now or utcnow()
    revoke_all(session, participation, now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(participation=participation, token_hash=hash_token(token),
                            created_at=now, expires_at=now + timedelta(days=days_valid))
    session.add(invitation)
    session.flush()
    return invitation, token


def issue_alongside(session: DbSession, participation: Participation,
                    now: datetime | None = None) -> tuple[Invitation, str] | None:
    """One more link for a participant who holds a valid one, expiring with it; the held links keep working.

    For a reminder: the mail can carry a working link (the plain tokens of earlier links are not kept)
    without taking away the one the participant may have bookmarked. None without a valid link: a
    reminder is no way to hand out access that the project leader has not given. withdraw() undoes it.
    """
    now = now or utcnow()
    expires_at = session.scalar(select(func.max(Invitation.expires_at)).where(
        Invitation.participation_id == participation.id, Invitation.revoked_at.is_(None),
        Invitation.expires_at > now))
    if expires_at is None:
        return None
    token = secrets.token_urlsafe(32)
    invitation = Invitation(participation=participation, token_hash=hash_token(token), created_at=now,
                            expires_at=expires_at)
    session.add(invitation)
    session.flush()
    return invitation, token


def revoke_all(session: DbSession, participation: Participation, now: datetime | None = None) -> None:
    if participation.id is None:
        return
    session.execute(
        update(Invitation)
        .where(Invitation.participation_id == participation.id, Invitation.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
    )


def withdraw(session: DbSession, participation_id: int, issued_at: datetime) -> None:
    """Undo issue() for a link that never reached its participant.

    The unused link issued at `issued_at` goes, and the links it replaced work again: a mail that
    bounced must not leave a participant with neither the old link nor the new one.
    """
    session.execute(delete(Invitation).where(
        Invitation.participation_id == participation_id, Invitation.created_at == issued_at,
        Invitation.last_used_at.is_(None)))
    session.execute(update(Invitation).where(
        Invitation.participation_id == participation_id, Invitation.revoked_at == issued_at)
        .values(revoked_at=None))


def verify(session: DbSession, token: str, now: datetime | None = None) -> Invitation | None:
    """The valid invitation for a token, or None when unknown, expired or revoked."""
    if not token or len(token) > 100:
        return None
    now = now or utcnow()
    invitation = session.scalar(select(Invitation).where(Invitation.token_hash == hash_token(token)))
    if invitation is None or not invitation.is_valid(now):
        return None
    invitation.last_used_at = now
    return invitation


def current_invitation(session: DbSession, participation: Participation) -> Invitation | None:
    return session.scalar(
        select(Invitation)
        .where(Invitation.participation_id == participation.id, Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at.desc())
    )


def current_invitations(session: DbSession, participations: Iterable[Participation]) -> dict[int, Invitation | None]:
    """{participation id: its current invitation or None}, for a whole list in one query
    (the invitations page of a national round lists 855 participations)."""
    ids = [p.id for p in participations]
    current: dict[int, Invitation | None] = dict.fromkeys(ids)
    for invitation in session.scalars(
            select(Invitation).where(Invitation.participation_id.in_(ids), Invitation.revoked_at.is_(None))
            .order_by(Invitation.created_at.desc())):
        if current[invitation.participation_id] is None:  # the newest, as current_invitation picks it
            current[invitation.participation_id] = invitation
    return current
