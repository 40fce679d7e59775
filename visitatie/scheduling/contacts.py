"""The contacts register: per municipality its burgemeester, CISO and adviseur OOV, kept across
rounds, imported from VNG's lists (CSV or Excel, all or nothing, every bad row named by its line)
and edited in the app. Conversations take their participants from it.

Columns of the import: `gemeente` (name or CBS code; `code` also works), `rol` (burgemeester,
CISO, adviseur OOV), `naam`, `functie` (optional), `email`, `bevestigd` (optional, the day the
entry was last confirmed; the import day when empty). A municipality and role already in the
register is replaced by the row in the file.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select

from ..importing.csv_files import CsvImportError
from ..importing.table_files import read_table
from ..models import Municipality
from ..models.contacts import CONTACT_ROLES, Contact, LeaderVolunteer
from ..models.types import DbSession, rows_matched
from .inputs import ParticipantInput

ROLE_WORDS = {"burgemeester": "burgemeester", "ciso": "ciso", "adviseur_oov": "adviseur_oov",
              "adviseur oov": "adviseur_oov", "oov": "adviseur_oov", "adviseur openbare orde en veiligheid":
              "adviseur_oov"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactImportError(CsvImportError):
    """A contacts file refused as a whole."""


@dataclass(frozen=True)
class ContactInput:
    municipality: Municipality
    role: str
    name: str
    email: str
    function: str | None = None
    confirmed_on: date | None = None


@dataclass(frozen=True)
class ContactImportResult:
    added: int
    replaced: int


def role_key(text: str) -> str | None:
    return ROLE_WORDS.get(" ".join(text.lower().replace("_", " ").split()))


def parse_day(text: str) -> date | None:
    """2025-04-15 or 15-04-2025 (also with / or .); None when it is not a day."""
    text = text.strip().split(" ")[0]
    match = (re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
             or re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text))
    if not match:
        return None
    parts = [int(p) for p in match.groups()]
    year, month, day = parts if parts[0] > 31 else (parts[2], parts[1], parts[0])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def municipality_finder(municipalities: list[Municipality]) -> Callable[[str], Municipality | None]:
    """A lookup by CBS code or by name (any case), as the import files name municipalities."""
    by_code = {m.code: m for m in municipalities}
    by_name = {m.name.lower(): m for m in municipalities}
    return lambda text: by_code.get(text.strip().upper()) or by_name.get(text.strip().lower())


def parse_contacts(data: bytes | str, municipalities: list[Municipality],
                   file: str = "<bestand>") -> list[ContactInput]:
    table = read_table(data, file, ["rol", "naam", "email"], ContactImportError)
    find = municipality_finder(municipalities)
    rows, problems, seen = [], [], dict[tuple[int, str], int]()
    for row in table.rows:
        reasons = list(row.problems)
        town_text = row.get("gemeente") or row.get("code")
        municipality = find(town_text)
        if municipality is None:
            reasons.append(f"onbekende gemeente {town_text!r}" if town_text else "gemeente ontbreekt")
        role = role_key(row.get("rol"))
        if role is None:
            reasons.append(f"rol {row.get('rol')!r} is geen burgemeester, CISO of adviseur OOV")
        name, email = row.get("naam"), (row.get("email") or row.get("e-mail")).strip()
        if not name:
            reasons.append("naam ontbreekt")
        if not EMAIL.match(email):
            reasons.append(f"{email!r} is geen e-mailadres" if email else "e-mailadres ontbreekt")
        confirmed = None
        if row.get("bevestigd"):
            confirmed = parse_day(row.get("bevestigd"))
            if confirmed is None:
                reasons.append(f"bevestigd {row.get('bevestigd')!r} is geen datum (bijvoorbeeld 2025-03-01)")
        if municipality and role:
            key = (municipality.id, role)
            if key in seen:
                reasons.append(f"{municipality.name} heeft ook op regel {seen[key]} een {role.replace('_', ' ')}")
            seen.setdefault(key, row.line)
        if reasons:
            problems.append(f"regel {row.line}: " + "; ".join(reasons))
        elif municipality is not None and role is not None:  # always, when there are no reasons
            rows.append(ContactInput(municipality, role, name, email, row.get("functie") or None, confirmed))
    if problems:
        raise ContactImportError(file, problems)
    if not rows:
        raise ContactImportError(file, ["het bestand bevat geen contactpersonen"])
    return rows


def save_contact(session: DbSession, item: ContactInput, today: date) -> tuple[Contact, bool]:
    """Add or replace the municipality's contact for the role; (contact, whether it is new)."""
    contact = session.scalar(select(Contact).where(Contact.municipality_id == item.municipality.id,
                                                   Contact.role == item.role))
    new = contact is None
    if contact is None:
        contact = Contact(municipality=item.municipality, role=item.role)
        session.add(contact)
    contact.name, contact.email = item.name.strip(), item.email.strip()
    contact.function = (item.function or "").strip() or None
    contact.confirmed_on = item.confirmed_on or today
    return contact, new


def import_contacts(session: DbSession, data: bytes | str, today: date, file: str = "<bestand>") -> ContactImportResult:
    items = parse_contacts(data, list(session.scalars(select(Municipality))), file)
    added = replaced = 0
    for item in items:
        _contact, new = save_contact(session, item, today)
        added, replaced = added + new, replaced + (not new)
    session.flush()
    return ContactImportResult(added, replaced)


def remove_contact(session: DbSession, municipality: Municipality, role: str) -> bool:
    result = session.execute(delete(Contact).where(Contact.municipality_id == municipality.id, Contact.role == role))
    session.flush()
    return bool(rows_matched(result))


def contacts_of(session: DbSession, municipality_ids: Iterable[int]) -> dict[int, list[Contact]]:
    """The register's entries per municipality id, in role order."""
    found: dict[int, list[Contact]] = {}
    rows = session.scalars(select(Contact).where(Contact.municipality_id.in_(list(municipality_ids))))
    for contact in sorted(rows, key=lambda c: (c.municipality_id, CONTACT_ROLES.index(c.role))):
        found.setdefault(contact.municipality_id, []).append(contact)
    return found


def register_participants(municipalities: Iterable[Municipality],
                          contacts: dict[int, list[Contact]]) -> list[ParticipantInput]:
    """The participants a conversation of these municipalities gets from the register."""
    return [ParticipantInput(c.name, c.email, c.role, m, c.function)
            for m in municipalities for c in contacts.get(m.id, [])]


def erase_entries(session: DbSession, email: str) -> int:
    """Remove every register and pool entry with this e-mail address (erase-person)."""
    key = email.strip().lower()
    if not key:
        return 0
    removed = 0
    for model in (Contact, LeaderVolunteer):
        for row in session.scalars(select(model).where(func.lower(model.email) == key)):
            session.delete(row)
            removed += 1
    session.flush()
    return removed
