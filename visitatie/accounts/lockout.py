"""Failed sign-ins: an exponential delay, then a temporary lock (OWASP ASVS 2.2.1).

Counted per e-mail address as typed (hashed), whether or not an account has it: an unknown
address is delayed and locked exactly like a known one, so the answers reveal nothing. The state
is in the database, so every worker process sees the same count.
"""
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..models.accounts import LoginThrottle
from ..models.types import DbSession


@dataclass(frozen=True)
class Policy:
    delay_after: int = 3          # failures before the first delay
    delay_seconds: float = 1      # the first delay; it doubles with each further failure
    max_delay_seconds: float = 60
    lock_after: int = 10          # failures that lock the address
    lock_minutes: int = 15

    @classmethod
    def from_config(cls, config) -> "Policy":
        return cls(config["LOGIN_DELAY_AFTER"], config["LOGIN_DELAY_SECONDS"], config["LOGIN_MAX_DELAY_SECONDS"],
                   config["LOGIN_LOCK_AFTER"], config["LOGIN_LOCK_MINUTES"])


@dataclass(frozen=True)
class Refusal:
    locked: bool          # True: the lock after `lock_after` failures; False: the delay before the next try
    retry_after: int      # seconds


def _key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def _not_before(state: LoginThrottle, policy: Policy) -> datetime | None:
    if state.locked_until is not None:
        return state.locked_until
    if state.failures < policy.delay_after or state.last_failure_at is None or policy.delay_seconds <= 0:
        return None
    delay = min(policy.delay_seconds * 2 ** (state.failures - policy.delay_after), policy.max_delay_seconds)
    return state.last_failure_at + timedelta(seconds=delay)


def refusal(session: DbSession, email: str, policy: Policy, now: datetime) -> Refusal | None:
    """Why a sign-in for this address may not be tried now, or None when it may."""
    state = session.get(LoginThrottle, _key(email))
    if state is None:
        return None
    not_before = _not_before(state, policy)
    if not_before is None or not_before <= now:
        return None
    return Refusal(state.locked_until is not None, max(1, int((not_before - now).total_seconds() + 0.999)))


def register_failure(session: DbSession, email: str, policy: Policy, now: datetime) -> bool:
    """Count a failed sign-in; True when this failure locks the address."""
    state = session.get(LoginThrottle, _key(email))
    if state is None:
        state = LoginThrottle(key_hash=_key(email), failures=0)
        session.add(state)
    if state.locked_until is not None and state.locked_until <= now:
        state.failures, state.locked_until = 0, None  # the lock has run out: a fresh start
    state.failures += 1
    state.last_failure_at = now
    if state.failures >= policy.lock_after:
        state.locked_until = now + timedelta(minutes=policy.lock_minutes)
        return True
    return False


def register_success(session: DbSession, email: str) -> None:
    state = session.get(LoginThrottle, _key(email))
    if state is not None:
        session.delete(state)


def unlock(session: DbSession, email: str) -> None:
    """A project leader re-enables or resets an account: its lock goes too."""
    register_success(session, email)
