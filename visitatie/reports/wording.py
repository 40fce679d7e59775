"""Dutch wording for the reports: dates, periods, counts and percentages."""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from ..dutch_time import AMSTERDAM

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def dutch_date(value: str | date | None) -> str:
    """'18 januari 2024' from an ISO date or timestamp (timestamps in Dutch local time)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(AMSTERDAM).date() if value.tzinfo else value.date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dutch_period(start: str | date | None, end: str | date | None) -> str:
    if not start or not end:
        return dutch_date(start or end)
    first, last = dutch_date(start), dutch_date(end)
    if first == last:
        return first
    if first.split()[-1] == last.split()[-1]:  # same year: say it once
        first = first.rsplit(" ", 1)[0]
    return f"{first} tot en met {last}"


def count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def percent(part: int, whole: int) -> int:
    """Rounded half up (7 of 8 is 88%), unlike round(), which rounds 12.5 to 12."""
    return int(100 * part / whole + 0.5) if whole else 0


def half_up(value: float, decimals: int = 0) -> Decimal:
    """The one rounding rule of every report format: half up (25/8 = 3.125 gives 3.13).

    round() and "%.2f" round half to even on the binary value, so 3.125 became 3.12 in Word
    while the web page said 3,13. Going through str() keeps the decimal the reader sees.
    """
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def decimal_nl(value: float | None, decimals: int = 1) -> str:
    """A Dutch decimal rounded half up: 3,13; whole numbers without decimals; None is a dash."""
    if value is None:
        return "–"
    rounded = half_up(value, decimals)
    if rounded == rounded.to_integral_value():
        return str(int(rounded))
    return f"{rounded:f}".rstrip("0").replace(".", ",")


def as_clause(headline: str) -> str:
    """'Digitale veiligheid staat …' → 'digitale veiligheid staat …'; 'IVP …' stays."""
    if len(headline) > 1 and headline[0].isupper() and headline[1].islower():
        return headline[0].lower() + headline[1:]
    return headline
