"""Two-factor sign-in with TOTP (RFC 6238, pyotp) and single-use recovery codes (OWASP ASVS 2.7, 2.8).

Enrolment: a new secret is kept aside until the person proves their authenticator app has it by
typing a code; only then is it switched on and ten recovery codes are made. The codes are shown
once and stored as SHA-256 hashes (they are random, 60 bits each: a slow hash adds nothing).
A code's time step is remembered, so the same code cannot be used twice.
"""
import io
import secrets
from datetime import datetime, timedelta

import pyotp
import qrcode
import qrcode.image.svg
from sqlalchemy import delete, select

from ..conversations.invitations import hash_token
from ..models import User
from ..models.accounts import RecoveryCode
from ..models.types import DbSession

ISSUER = "Visitatie digitale veiligheid"
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> bytes:
    """The QR code as an SVG image, made here: no request to any outside service."""
    buffer = io.BytesIO()
    qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10).save(buffer)
    return buffer.getvalue()


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code this is (this one or a neighbour, for clocks a little off)."""
    code = _normalise(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=30 * offset)
        if secrets.compare_digest(totp.at(moment), code):
            return totp.timecode(moment)
    return None


def code_is_right(secret: str, code: str, now: datetime) -> bool:
    """For enrolment: the code of the secret not yet switched on."""
    return _matching_step(secret, code, now) is not None


def enable(session: DbSession, user: User, secret: str, code: str, now: datetime) -> list[str] | None:
    """Switch two-factor sign-in on when the code matches; returns the new recovery codes."""
    step = _matching_step(secret, code, now)
    if step is None:
        return None
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, now, step
    return new_recovery_codes(session, user)


def disable(session: DbSession, user: User) -> None:
    """Reset: the account must enrol again at its next sign-in."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def new_recovery_codes(session: DbSession, user: User) -> list[str]:
    """Ten fresh codes; earlier ones stop working."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))
             for _ in range(RECOVERY_CODES)]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=hash_token(_normalise(c))) for c in codes)
    return codes


def verify(session: DbSession, user: User, code: str, now: datetime) -> str | None:
    """Check a sign-in code: "totp", "recovery" (a recovery code, now used up) or None."""
    if not user.has_two_factor or user.totp_secret is None:
        return None
    step = _matching_step(user.totp_secret, code, now)
    if step is not None:
        if user.totp_last_step is not None and step <= user.totp_last_step:
            return None  # this code (or an older one) was used already
        user.totp_last_step = step
        return "totp"
    recovery = session.scalar(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == hash_token(_normalise(code)),
        RecoveryCode.used_at.is_(None)))
    if recovery is None:
        return None
    recovery.used_at = now
    return "recovery"


def recovery_codes_left(session: DbSession, user: User) -> int:
    return len(session.scalars(select(RecoveryCode.id).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all())


def required(user: User, grace_days: int, now: datetime) -> bool:
    """Project leaders must use two-factor sign-in once the grace period after their account's
    creation has passed (a fresh install gets time to enrol)."""
    return user.is_projectleider and not user.has_two_factor and now >= user.created_at + timedelta(days=grace_days)
