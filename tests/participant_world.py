"""A small, hand-made world for the participant tests: two conversations with their people.

Conversation A: Haarlem and Maastricht, led by a mayor from Breda, with a note-taker, a mayor of
Haarlem and a CISO of Maastricht. Conversation B: Delft and Oss, with a mayor of Delft.
Works on any SQLAlchemy session: the reference data is used when present, created when not.
"""
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import select

from visitatie.models import Conversation, Municipality, Participation, Person, Round, Theme

CODES = {"Haarlem": "GM0392", "Maastricht": "GM0935", "Breda": "GM0758", "Delft": "GM0503", "Oss": "GM0828"}


@dataclass
class World:
    round: Round
    a: Conversation
    b: Conversation
    haarlem: Municipality
    maastricht: Municipality
    delft: Municipality
    oss: Municipality
    leader: Participation      # gespreksleider of A
    note_taker: Participation  # notulist of A
    mayor: Participation       # burgemeester of Haarlem in A
    ciso: Participation        # CISO of Maastricht in A
    other_mayor: Participation  # burgemeester of Delft in B


def municipality(session, name: str) -> Municipality:
    found = session.scalar(select(Municipality).where(Municipality.name == name))
    if found is None:
        found = Municipality(code=CODES[name], name=name, province="Testprovincie", safety_region_code="VR99",
                             safety_region="Testregio", population=100_000)
        session.add(found)
    return found


def themes(session, guides) -> list[Theme]:
    rows = []
    for guide in guides:
        theme = session.scalar(select(Theme).where(Theme.number == guide.number))
        if theme is None:
            theme = Theme(number=guide.number, slug=guide.slug, title=guide.title,
                          recommendation=guide.recommendation, guide_version=guide.version)
            session.add(theme)
        rows.append(theme)
    return rows


def person(name: str, function: str, town: Municipality | None) -> Person:
    return Person(name=name, function=function, municipality=town,
                  email=name.lower().replace(" ", ".") + "@example.org")


def build_world(session, guides) -> World:
    haarlem, maastricht, breda, delft, oss = (municipality(session, n) for n in
                                              ("Haarlem", "Maastricht", "Breda", "Delft", "Oss"))
    round_ = Round(kind="gespreksronde", title="Testronde", period_start=date(2024, 1, 1),
                   period_end=date(2024, 12, 31), status="lopend", guide_version=guides.version,
                   themes=themes(session, guides))
    a = Conversation(round=round_, municipalities=[haarlem, maastricht], place="Stadhuis Haarlem",
                     starts_at=datetime(2024, 1, 18, 13, 0, tzinfo=timezone.utc), status="gehouden")
    b = Conversation(round=round_, municipalities=[delft, oss], place="Stadhuis Delft",
                     starts_at=datetime(2024, 2, 20, 12, 30, tzinfo=timezone.utc), status="gehouden")
    leader = Participation(person=person("Pieter Dekker", "burgemeester van Breda", breda), role="gespreksleider",
                           municipality=breda)
    note_taker = Participation(person=person("Peter van Elst", "projectleider VNG", None), role="notulist")
    mayor = Participation(person=person("Jos Wiersma", "burgemeester van Haarlem", haarlem), role="burgemeester",
                          municipality=haarlem)
    ciso = Participation(person=person("Mara Smit", "CISO Maastricht", maastricht), role="ciso",
                         municipality=maastricht)
    a.participations.extend([leader, note_taker, mayor, ciso])
    other_mayor = Participation(person=person("Mirjam van Beek", "burgemeester van Delft", delft),
                                role="burgemeester", municipality=delft)
    b.participations.append(other_mayor)
    session.add_all([round_, a, b])
    session.commit()
    return World(round_, a, b, haarlem, maastricht, delft, oss, leader, note_taker, mayor, ciso, other_mayor)
