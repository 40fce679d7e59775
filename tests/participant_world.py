"""A small, hand-made world for the participant tests: two conversations with their people.

Conversation A: Haarlem and Maastricht, led by a mayor from Breda, with a note-taker, a mayor of
Haarlem and a CISO of Maastricht. Conversation B: Delft and Oss, with a mayor of Delft.
Built from tests/factories.py; works on any SQLAlchemy session: the reference data is used when
present, created when not.
"""
from dataclasses import dataclass
from datetime import date, datetime, timezone

from tests.factories import conversation, municipality, participant, round_, themes
from visitatie.models import Conversation, Municipality, Participation, Round


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


def build_world(session, guides) -> World:
    haarlem, maastricht, breda, delft, oss = (municipality(session, n) for n in
                                              ("Haarlem", "Maastricht", "Breda", "Delft", "Oss"))
    testronde = round_(session, title="Testronde", period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
                       guide_version=guides.version, themes=themes(session, guides))
    a = conversation(session, testronde, [haarlem, maastricht], place="Stadhuis Haarlem",
                     starts_at=datetime(2024, 1, 18, 13, 0, tzinfo=timezone.utc), status="gehouden")
    b = conversation(session, testronde, [delft, oss], place="Stadhuis Delft",
                     starts_at=datetime(2024, 2, 20, 12, 30, tzinfo=timezone.utc), status="gehouden")
    leader = participant(session, a, "gespreksleider", breda, name="Pieter Dekker", function="burgemeester van Breda")
    note_taker = participant(session, a, "notulist", name="Peter van Elst", function="projectleider VNG")
    mayor = participant(session, a, "burgemeester", haarlem, name="Jos Wiersma", function="burgemeester van Haarlem")
    ciso = participant(session, a, "ciso", maastricht, name="Mara Smit", function="CISO Maastricht")
    other_mayor = participant(session, b, "burgemeester", delft, name="Mirjam van Beek",
                              function="burgemeester van Delft")
    session.commit()
    return World(testronde, a, b, haarlem, maastricht, delft, oss, leader, note_taker, mayor, ciso, other_mayor)
