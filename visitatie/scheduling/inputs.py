"""Plain input values for rounds and conversations, as the web forms, the CLI and the
visitatieronde pass them in. No Flask, no form library: validated in validation.py."""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dt_time

from ..dutch_time import AMSTERDAM as AMSTERDAM  # re-exported
from ..models import Municipality


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    email: str
    role: str
    municipality: Municipality | None = None
    function: str | None = None

    @property
    def key(self) -> str:
        return self.email.strip().lower()


@dataclass
class ConversationInput:
    municipalities: list[Municipality]
    starts_at: datetime | None = None  # aware; None while the date is not yet agreed
    duration_minutes: int = 120
    place: str | None = None
    online_url: str | None = None
    participants: list[ParticipantInput] = field(default_factory=list)
    allow_repeat: bool = False  # "toch toestaan": a municipality twice in one round

    @property
    def ends_at(self) -> datetime | None:
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None


@dataclass
class RoundInput:
    kind: str
    title: str
    period_start: date
    period_end: date
    theme_numbers: list[int]
    guide_version: str
    status: str = "concept"
    guide_set: str = "digitale-veiligheid"  # the slug of the set that guide_version belongs to


def local_datetime(day: date, time: dt_time) -> datetime:
    """A date and wall-clock time in Europe/Amsterdam as an aware datetime (DST-correct)."""
    return datetime.combine(day, time, tzinfo=AMSTERDAM)


def in_amsterdam(value: datetime) -> datetime:
    return value.astimezone(AMSTERDAM)
