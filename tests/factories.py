"""Test data, one small function per model: each takes the session and keyword overrides, adds its row
and flushes (so ids exist); the caller commits. Defaults are fictional and dull on purpose: a test
names what it relies on. People get example.org addresses, never real names.

Municipalities and themes come from the reference data every test database has (tests/conftest.py,
tests/unit/conftest.py `reference_session`); in the empty database of the domain tests the few
municipalities the worlds use are created with fictional figures, and themes from the guides.
"""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from visitatie.conversations.marks import text_hash
from visitatie.models import Answer, Conversation, Mark, Municipality, Participation, Person, Round, Theme
from visitatie.models.visits import MaturityScore, Visit

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = timezone.utc
# The CBS codes of the municipalities the worlds use, for a database without the reference data.
CODES = {"Haarlem": "GM0392", "Maastricht": "GM0935", "Breda": "GM0758", "Delft": "GM0503", "Oss": "GM0828"}


def municipality(session, name: str) -> Municipality:
    """The municipality called `name`; created (fictional figures) only where no reference data is loaded."""
    found = session.scalar(select(Municipality).where(Municipality.name == name))
    if found is None:
        found = Municipality(code=CODES[name], name=name, province="Testprovincie", safety_region_code="VR99",
                             safety_region="Testregio", population=100_000)
        session.add(found)
    return found


def themes(session, guides=None, numbers=None) -> list[Theme]:
    """The themes (all, or those `numbers`) by number; with `guides`, missing ones are created from them."""
    if guides is not None:
        for guide in guides:
            if session.scalar(select(Theme).where(Theme.number == guide.number)) is None:
                session.add(Theme(number=guide.number, slug=guide.slug, title=guide.title,
                                  recommendation=guide.recommendation, guide_version=guide.version))
        session.flush()
    query = select(Theme).order_by(Theme.number)
    if numbers is not None:
        query = query.where(Theme.number.in_(numbers))
    return list(session.scalars(query))


_all_themes = themes  # round_'s `themes` argument hides the function


def round_(session, *, kind="gespreksronde", title=None, period_start=date(2025, 3, 1),
           period_end=date(2025, 6, 30), status="lopend", guide_version="2024.1", themes=None, **fields) -> Round:
    """A round with all themes unless `themes` is given; the title says its kind and year."""
    if title is None:
        title = f"{'Visitatieronde' if kind == 'visitatieronde' else 'Gespreksronde'} {period_start.year}"
    row = Round(kind=kind, title=title, period_start=period_start, period_end=period_end, status=status,
                guide_version=guide_version, themes=_all_themes(session) if themes is None else list(themes), **fields)
    session.add(row)
    session.flush()
    return row


def _town(session, town) -> Municipality:
    return municipality(session, town) if isinstance(town, str) else town


def conversation(session, round_, towns, *, starts_at=datetime(2025, 4, 15, 12, 0, tzinfo=UTC), status="gepland",
                 **fields) -> Conversation:
    """A conversation of `round_` between `towns` (names or Municipality rows)."""
    row = Conversation(round=round_, municipalities=[_town(session, t) for t in towns], starts_at=starts_at,
                       status=status, **fields)
    session.add(row)
    session.flush()
    return row


def email_of(name: str) -> str:
    return name.lower().replace(" ", ".") + "@example.org"


def person(session, name="Anna de Vries", *, function=None, town=None, email="", **fields) -> Person:
    """A person; the address follows from the name (pass email=None for a person without one)."""
    row = Person(name=name, function=function, municipality=_town(session, town) if town else None,
                 email=email_of(name) if email == "" else email, **fields)
    session.add(row)
    session.flush()
    return row


_new_person = person  # participant's `person` argument hides the function


def participant(session, conversation, role, town=None, *, person=None, **person_fields) -> Participation:
    """`person` (or a new one from `person_fields`, of `town`) taking part in `conversation` as `role`
    for `town`."""
    town = _town(session, town) if town else None
    if person is None:
        person = _new_person(session, town=town, **person_fields)
    row = Participation(conversation=conversation, person=person, role=role, municipality=town)
    session.add(row)
    session.flush()
    return row


def answer(session, conversation, town, question_id, value, *, guide_version="2024.1", updated_by="test",
           **fields) -> Answer:
    """The answer of `town` (name or row) to `question_id` in `conversation`."""
    row = Answer(conversation_id=conversation.id, municipality_id=_town(session, town).id, question_id=question_id,
                 value=value, guide_version=guide_version, updated_by=updated_by, **fields)
    session.add(row)
    session.flush()
    return row


def mark(session, answer, kind="les", *, consent="niet_publiceren", speaker=None, passage=None, created_by="test",
         **fields) -> Mark:
    """A lesson or quote on `answer`. A quote with consent stores the words and their hash, as the
    speaker's own consent does (opbrengst/consent.py); `speaker` is a Participation."""
    row = Mark(answer=answer, kind=kind, consent=consent, passage=passage, created_by=created_by,
               speaker_participation_id=speaker.id if speaker else None,
               speaker_name=speaker.person.name if speaker else None,
               speaker_function=speaker.person.function if speaker else None, **fields)
    if kind == "citaat" and consent in ("anoniem", "met_naam") and "consented_text" not in fields:
        row.consented_text = passage or answer.value
        row.consented_hash = text_hash(row.consented_text)
    session.add(row)
    session.flush()
    return row


def visit(session, round_, town, *, scores=None, consent_named=False, status="gehouden", starts_at=None,
          justification="x") -> Conversation:
    """A visit to `town` in visitatieronde `round_` (1 October of its year, 10:00 in Amsterdam) with
    the committee's maturity `scores` {theme number: level}."""
    if starts_at is None:
        starts_at = datetime(round_.period_start.year, 10, 1, 10, tzinfo=AMSTERDAM)
    row = conversation(session, round_, [town], starts_at=starts_at, status=status)
    session.add(Visit(conversation_id=row.id, consent_named=consent_named))
    for theme, level in (scores or {}).items():
        session.add(MaturityScore(conversation_id=row.id, theme_number=theme, source="committee", level=level,
                                  justification=justification, updated_by="test"))
    session.flush()
    return row
