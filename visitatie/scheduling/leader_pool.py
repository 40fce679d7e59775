"""The pool of gespreksleiders of a round: mayors who volunteer to lead conversations, how many
they take, and the days they cannot. Added one by one in the app or imported (CSV or Excel, all
or nothing) with the columns `naam`, `email`, `gemeente` (name or CBS code), `maximum` (optional,
default 3) and `niet_beschikbaar` (optional: days separated by spaces, commas or semicolons).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from ..importing.csv_files import CsvImportError
from ..importing.table_files import read_table
from ..models import Municipality, Round
from ..models.contacts import LeaderUnavailableDay, LeaderVolunteer
from ..models.types import DbSession
from .contacts import EMAIL, municipality_finder, parse_day

DEFAULT_MAXIMUM = 3


class PoolImportError(CsvImportError):
    """A pool file refused as a whole."""


@dataclass(frozen=True)
class VolunteerInput:
    name: str
    email: str
    municipality: Municipality
    max_conversations: int = DEFAULT_MAXIMUM
    unavailable: tuple[date, ...] = field(default=())


def parse_days(text: str) -> tuple[list[date], list[str]]:
    """The days in a text like "2025-04-01, 15-04-2025", and the parts that are no day."""
    days, bad = [], []
    for part in re.split(r"[\s,;]+", text.strip()):
        if part:
            day = parse_day(part)
            (days.append(day) if day else bad.append(part))
    return sorted(set(days)), bad


def pool(session: DbSession, round_: Round) -> list[LeaderVolunteer]:
    return list(session.scalars(select(LeaderVolunteer).where(LeaderVolunteer.round_id == round_.id)
                                .order_by(LeaderVolunteer.name, LeaderVolunteer.id)))


def save_volunteer(session: DbSession, round_: Round, item: VolunteerInput) -> LeaderVolunteer:
    """Add the volunteer to the round's pool, or update the one with the same e-mail address."""
    volunteer = session.scalar(select(LeaderVolunteer).where(
        LeaderVolunteer.round_id == round_.id, func.lower(LeaderVolunteer.email) == item.email.strip().lower()))
    if volunteer is None:
        volunteer = LeaderVolunteer(round_id=round_.id, email=item.email.strip())
        session.add(volunteer)
    volunteer.name, volunteer.municipality = item.name.strip(), item.municipality
    volunteer.max_conversations = item.max_conversations
    volunteer.unavailable = [LeaderUnavailableDay(day=d) for d in sorted(set(item.unavailable))]
    session.flush()
    return volunteer


def remove_volunteer(session: DbSession, round_: Round, volunteer_id: int) -> LeaderVolunteer | None:
    volunteer = session.get(LeaderVolunteer, volunteer_id)
    if volunteer is None or volunteer.round_id != round_.id:
        return None
    session.delete(volunteer)
    session.flush()
    return volunteer


def parse_pool(data: bytes | str, municipalities: list[Municipality], file: str = "<bestand>") -> list[VolunteerInput]:
    table = read_table(data, file, ["naam", "email", "gemeente"], PoolImportError)
    find = municipality_finder(municipalities)
    items, problems, seen = [], [], dict[str, int]()
    for row in table.rows:
        reasons = list(row.problems)
        town = row.get("gemeente")
        municipality = find(town)
        if municipality is None:
            reasons.append(f"onbekende gemeente {town!r}" if town else "gemeente ontbreekt")
        name, email = row.get("naam"), row.get("email")
        if not name:
            reasons.append("naam ontbreekt")
        if not EMAIL.match(email):
            reasons.append(f"{email!r} is geen e-mailadres" if email else "e-mailadres ontbreekt")
        elif email.lower() in seen:
            reasons.append(f"{email} staat ook op regel {seen[email.lower()]}")
        seen.setdefault(email.lower(), row.line)
        maximum = row.get("maximum") or str(DEFAULT_MAXIMUM)
        if not maximum.isdigit() or int(maximum) < 1:
            reasons.append(f"maximum {maximum!r} is geen aantal van 1 of meer")
        days, bad = parse_days(row.get("niet_beschikbaar"))
        if bad:
            reasons.append(f"niet_beschikbaar: {', '.join(bad)} is geen datum (bijvoorbeeld 2025-04-15)")
        if reasons:
            problems.append(f"regel {row.line}: " + "; ".join(reasons))
        elif municipality is not None:  # always, when there are no reasons
            items.append(VolunteerInput(name, email, municipality, int(maximum), tuple(days)))
    if problems:
        raise PoolImportError(file, problems)
    if not items:
        raise PoolImportError(file, ["het bestand bevat geen gespreksleiders"])
    return items


def import_pool(session: DbSession, round_: Round, data: bytes | str, file: str = "<bestand>") -> int:
    items = parse_pool(data, list(session.scalars(select(Municipality))), file)
    for item in items:
        save_volunteer(session, round_, item)
    return len(items)
