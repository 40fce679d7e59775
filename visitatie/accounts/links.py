"""One-time links to set a password: the invitation of a new project leader and a reset.

Made and checked like the participants' invitation links (invitations.hash_token): 32 random
bytes, only the SHA-256 stored, an expiry; unlike those, a link works once. A new link of the
same account replaces the earlier ones.
"""
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from ..conversations.invitations import hash_token
from ..models import User
from ..models.accounts import AccountLink
from ..models.types import DbSession


def issue(session: DbSession, user: User, purpose: str, hours_valid: int, now: datetime) -> str:
    """A new link for the account; returns the plain token, which exists only in this return."""
    session.execute(update(AccountLink).where(AccountLink.user_id == user.id, AccountLink.used_at.is_(None))
                    .values(used_at=now))
    token = secrets.token_urlsafe(32)
    session.add(AccountLink(user_id=user.id, purpose=purpose, token_hash=hash_token(token), created_at=now,
                            expires_at=now + timedelta(hours=hours_valid)))
    session.flush()
    return token


def find(session: DbSession, token: str, now: datetime) -> AccountLink | None:
    """The valid link for a token, or None when unknown, used or expired."""
    if not token or len(token) > 100:
        return None
    link = session.scalar(select(AccountLink).where(AccountLink.token_hash == hash_token(token)))
    return link if link is not None and link.is_valid(now) and link.user.active else None


def use(link: AccountLink, now: datetime) -> None:
    link.used_at = now


def url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/account/link/{token}"


def mail_text(purpose: str, name: str, url: str, hours_valid: int) -> tuple[str, str]:
    """Subject and body of the mail with the link (Dutch content, like the invitation letters)."""
    if purpose == "uitnodiging":
        subject = "Uw account als projectleider voor de visitatie digitale veiligheid"
        opening = "er is een account als projectleider voor u aangemaakt. Stel via deze link uw wachtwoord in:"
    else:
        subject = "Nieuw wachtwoord instellen voor de visitatie digitale veiligheid"
        opening = "u kunt via deze link een nieuw wachtwoord instellen:"
    body = (f"Beste {name or 'projectleider'},\n\n{opening}\n\n{url}\n\n"
            f"De link werkt één keer en is {hours_valid} uur geldig. Na het wachtwoord stelt u "
            "tweestapsverificatie in met een app op uw telefoon.\n\n"
            "Hebt u hier niet om gevraagd? Meld het dan aan de projectleiding.\n")
    return subject, body
