"""Create and edit rounds: kind, title, period, themes, guide version, status."""
from datetime import datetime

from sqlalchemy import select

from ..models import Round, Theme
from ..models.types import DbSession, utcnow
from .errors import StaleEdit, ValidationFailed
from .inputs import RoundInput
from .validation import validate_round


def save_round(session: DbSession, data: RoundInput, round_: Round | None = None,
               expected_updated_at: datetime | None = None) -> Round:
    """Create a round, or update one that the form showed as last changed at `expected_updated_at`."""
    if round_ is not None and expected_updated_at is not None and round_.updated_at != expected_updated_at:
        raise StaleEdit(round_, version=0)
    problems = validate_round(data, round_)
    if problems:
        raise ValidationFailed(problems)
    if round_ is None:
        round_ = Round()
        session.add(round_)
    round_.kind = data.kind
    round_.title = data.title.strip()
    round_.period_start, round_.period_end = data.period_start, data.period_end
    round_.guide_set, round_.guide_version = data.guide_set, data.guide_version
    round_.status = data.status
    round_.themes = list(session.scalars(
        select(Theme).where(Theme.number.in_(data.theme_numbers)).order_by(Theme.number)))
    round_.updated_at = utcnow()  # also when only the themes changed: the stale check relies on it
    session.flush()
    return round_


def round_input(round_: Round) -> RoundInput:
    """The current values of a round, as the edit form starts from them."""
    return RoundInput(kind=round_.kind, title=round_.title, period_start=round_.period_start,
                      period_end=round_.period_end, theme_numbers=[t.number for t in round_.themes],
                      guide_version=round_.guide_version, status=round_.status, guide_set=round_.guide_set)
