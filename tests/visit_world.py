"""A small, hand-made world for the visitatieronde tests, planned through visitatie.scheduling.

Two visitatierondes (2024 and 2025). Haarlem is visited in both (the second visit follows the
first up); Oss is visited in 2025. The committee: the mayor of Breda and the CISO of Delft
(commissieleden) with a VNG secretary. Haarlem's mayor and CISO take part for the host; Oss's
mayor for Oss. Works on any SQLAlchemy session (reference data is created when missing); rounds
and municipalities come from tests/factories.py, conversations from the scheduling domain.
"""
from dataclasses import dataclass
from datetime import date, datetime

from tests.factories import AMSTERDAM, municipality, round_, themes
from visitatie.models import Conversation, Participation, Round
from visitatie.scheduling import ConversationInput, ParticipantInput, change_status, save_conversation


@dataclass
class VisitWorld:
    round_2024: Round
    round_2025: Round
    first: Conversation    # Haarlem, 2024
    second: Conversation   # Haarlem, 2025 (follow-up)
    oss: Conversation      # Oss, 2025

    def participation(self, conversation: Conversation, role: str, name: str | None = None) -> Participation:
        return next(p for p in conversation.participations
                    if p.role == role and (name is None or p.person.name == name))


def _committee(breda, delft):
    return [
        ParticipantInput("Pieter Dekker", "pieter.dekker@example.org", "commissielid", breda, "burgemeester van Breda"),
        ParticipantInput("Mara Smit", "mara.smit@example.org", "commissielid", delft, "CISO Delft"),
        ParticipantInput("Peter van Elst", "peter.vanelst@example.org", "secretaris", None, "secretaris VNG"),
    ]


def _round(session, guides, year: int) -> Round:
    return round_(session, kind="visitatieronde", title=f"Visitatieronde {year}", period_start=date(year, 9, 1),
                  period_end=date(year, 12, 31), guide_version=guides.version, themes=themes(session, guides))


def build_visits(session, guides) -> VisitWorld:
    haarlem, breda, delft, oss = (municipality(session, n) for n in ("Haarlem", "Breda", "Delft", "Oss"))
    round_2024, round_2025 = _round(session, guides, 2024), _round(session, guides, 2025)
    host = [ParticipantInput("Jos Wiersma", "jos.wiersma@example.org", "burgemeester", haarlem),
            ParticipantInput("Eva Jansen", "eva.jansen@example.org", "ciso", haarlem)]
    first = save_conversation(session, round_2024, ConversationInput(
        [haarlem], datetime(2024, 10, 8, 10, 0, tzinfo=AMSTERDAM), 240, "Stadhuis Haarlem",
        participants=_committee(breda, delft) + host), "test")
    second = save_conversation(session, round_2025, ConversationInput(
        [haarlem], datetime(2025, 10, 7, 10, 0, tzinfo=AMSTERDAM), 240, "Stadhuis Haarlem",
        participants=_committee(breda, delft) + host), "test")
    other = save_conversation(session, round_2025, ConversationInput(
        [oss], datetime(2025, 11, 4, 10, 0, tzinfo=AMSTERDAM), 240, "Stadhuis Oss",
        participants=_committee(breda, delft) + [
            ParticipantInput("Wilma Bosch", "wilma.bosch@example.org", "burgemeester", oss)]), "test")
    session.commit()
    return VisitWorld(round_2024, round_2025, first, second, other)


def hold(session, conversation: Conversation) -> None:
    """gepland -> gehouden, through the scheduling domain."""
    change_status(session, conversation, "gehouden", "test")
    session.commit()
