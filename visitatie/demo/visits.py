"""The demo visitatieronde: a pilot visit in 2024 and a round in 2025, with a follow-up visit.

Planned through visitatie.scheduling (so the demo obeys the planning rules) and filled through
this package's own functions. Idempotent: it does nothing when the 2025 round exists. The
committee members, the hosts' people and every score, finding and response are fictional: no
real person is named.
"""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from ..conversations.finalising import finalise
from ..guides.model import GuideSet
from ..models import Municipality, Round, Theme
from ..models.types import DbSession
from ..scheduling import ConversationInput, ParticipantInput, change_status, local_datetime, save_conversation
from ..visits.assessment import ChecklistInput, ScoreInput, save_assessment
from ..visits.core import ensure_visit, set_consent
from ..visits.national_release import publish_release
from ..visits.recommendations import RecommendationInput, add_finding, add_recommendation, save_response
from ..visits.recommendations import change_status as follow

PILOT_TITLE = "Pilotvisitatie digitale veiligheid 2024 (demo)"
ROUND_TITLE = "Visitatieronde digitale veiligheid 2025 (demo)"
SECRETARY = ("Fenna Hofstra", None, "projectleider VNG")
# Committee members: (name, municipality, function), all fictional people.
CHAIR_BREDA, CHAIR_WIERDEN, CHAIR_DE_BILT = (("Anna Verhoef", "Breda", "burgemeester van Breda"),
                              ("Gerrit Oosterhof", "Wierden", "burgemeester van Wierden"),
                              ("Marleen Dijkstra", "De Bilt", "burgemeester van De Bilt"))
CISO_UTRECHT = ("Ilse Hoekstra", "Utrecht", "CISO gemeente Utrecht")
CISO_BREDA = ("Koen Verhoeven", "Breda", "CISO gemeente Breda")

# (host, date, status, committee, self levels, committee levels, consent)
VISITS_2025 = (
    ("Leeuwarden", date(2025, 9, 16), "vastgesteld", (CHAIR_BREDA, CHAIR_DE_BILT, CISO_UTRECHT),
     (3, 3, 3, 4, 4), (3, 2, 3, 4, 3), False),
    ("Oss", date(2025, 9, 30), "vastgesteld", (CHAIR_WIERDEN, CHAIR_DE_BILT, CISO_UTRECHT),
     (3, 3, 3, 3, 2), (2, 3, 2, 3, 2), False),
    ("Heerenveen", date(2025, 10, 7), "vastgesteld", (CHAIR_WIERDEN, CHAIR_DE_BILT, CISO_BREDA),
     (3, 3, 4, 3, 3), (3, 3, 3, 2, 2), False),
    ("Dalfsen", date(2025, 10, 14), "vastgesteld", (CHAIR_BREDA, CHAIR_DE_BILT, CISO_UTRECHT),
     (3, 2, 4, 3, 3), (3, 2, 4, 2, 3), True),
    ("Zwolle", date(2025, 10, 21), "vastgesteld", (CHAIR_WIERDEN, CHAIR_DE_BILT, CISO_UTRECHT),
     (3, 3, 4, 3, 3), (2, 3, 4, 3, 3), False),
    ("Wijk bij Duurstede", date(2025, 10, 28), "vastgesteld", (CHAIR_BREDA, CHAIR_WIERDEN, CISO_BREDA),
     (2, 3, 3, 2, 3), (2, 2, 3, 2, 2), False),
    ("Amersfoort", date(2025, 11, 4), "vastgesteld", (CHAIR_BREDA, CHAIR_WIERDEN, CISO_BREDA),
     (3, 3, 3, 3, 3), (3, 2, 2, 3, 3), False),
    ("Haarlem", date(2025, 11, 11), "gehouden", (CHAIR_BREDA, CHAIR_WIERDEN, CISO_UTRECHT),
     (3, 3, 4, 3, 3), (3, 3, 3, None, None), False),
    ("Delft", date(2025, 12, 9), "gepland", (CHAIR_WIERDEN, CHAIR_DE_BILT, CISO_BREDA),
     (3, 4, None, None, None), (None,) * 5, False),
)
PILOT = ("Haarlem", date(2024, 11, 12), "vastgesteld", (CHAIR_BREDA, CHAIR_DE_BILT, CISO_UTRECHT),
         (3, 2, 3, 3, 3), (2, 2, 3, 2, 3), False)
# Fictional people of each host: mayor, CISO, adviser OOV.
HOSTS = {
    "Haarlem": ("M. Verbeek", "S. Kramer", "L. Postma"), "Leeuwarden": ("H. Koster", "N. Willems", "R. Jonker"),
    "Oss": ("T. Schouten", "E. van Dijk", "A. Lammers"), "Dalfsen": ("B. Wolters", "G. Huisman", "F. Kuipers"),
    "Wijk bij Duurstede": ("D. Bosman", "J. Evers", "K. Timmer"), "Delft": ("W. Claassen", "P. Franken", "Y. Sanders"),
    "Heerenveen": ("C. Visser", "O. Brouwer", "V. Hendriks"), "Zwolle": ("J. Mulder", "I. Smits", "E. Peeters"),
    "Amersfoort": ("R. Meijer", "A. de Graaf", "M. Bakker"),
}
# Follow-up of the 2025 round a few weeks after each report: the conversation with the council under way
# in four municipalities (the round report shows this per recommendation, "stand per" its date).
UNDER_WAY_2025 = {"Leeuwarden", "Oss", "Dalfsen", "Heerenveen"}
UNDER_WAY_NOTE = "Raadsinformatieavond over digitale veiligheid is gepland; de kadernota volgt."
JUSTIFICATIONS = {  # per theme: (below "Ingericht", from "Ingericht" on)
    1: ("Digitale veiligheid staat in het IVP, maar er is nog geen uitvoeringsplan en de raad is er niet over "
        "gesproken.",
        "Digitale veiligheid is in de veiligheidsportefeuille belegd; de CISO en de adviseur OOV stemmen af en er is "
        "een uitvoeringsplan."),
    2: ("De gevolgen van de Cyberbeveiligingswet zijn nog niet in kaart; er is geen impactanalyse.",
        "Er is een impactanalyse van NIS2 gemaakt en de ENSIA-verantwoording is op orde; de registratie is "
        "voorbereid."),
    3: ("Het BCP beschrijft vooral fysieke uitval; de digitale component is nooit geoefend.",
        "Het BCP heeft een digitale component die jaarlijks wordt geoefend, met de leveranciers erbij."),
    4: ("Er zijn losse bewustwordingsacties, zonder doelgroepen of partners.",
        "Met politie, banken en welzijnsorganisaties is er een aanpak voor kwetsbare inwoners en ondernemers."),
    5: ("Er zijn geen afspraken met de veiligheidsregio over digitale ontwrichting.",
        "Er zijn regionale afspraken over digitale ontwrichting en de gemeente oefent een cybercrisis integraal."),
}
FINDINGS = {
    1: "De burgemeester voelt zich eigenaar, maar in het college ligt digitale veiligheid nog vooral bij "
       "bedrijfsvoering.",
    2: "De gemeenschappelijke regeling voor ICT rapporteert niet over digitale veiligheid aan de raad.",
    3: "Over het betalen van losgeld heeft het college vooraf geen standpunt ingenomen.",
    4: "Eén op de zeven inwoners is slachtoffer van cybercriminaliteit; de gemeente bereikt vooral de digitaal "
       "vaardigen.",
    5: "De laatste integrale crisisoefening had geen digitaal scenario.",
}
RECOMMENDATIONS = (
    (1, "hoog", "burgemeester", 120, "Voer het gesprek met de raad over de publieke waarden die digitale veiligheid "
                                     "raakt, en geef digitale veiligheid een plek in de kadernota."),
    (2, "middel", "gemeentesecretaris", 180, "Laat een impactanalyse van de Cyberbeveiligingswet maken en "
                                            "registreer de gemeente zodra de registratieplicht geldt."),
    (3, "hoog", "college", 150, "Borg de bedrijfscontinuïteit: werk de digitale component van het BCP uit en oefen die "
                                "jaarlijks, met de leveranciers erbij."),
    (5, "middel", "burgemeester", 240, "Neem de regie in de veiligheidsregio: maak afspraken over digitale "
                                       "ontwrichting en oefen een cybercrisis integraal."),
)
RESPONSE = ("Wij danken de visitatiecommissie voor het open gesprek en de scherpe vragen. Wij herkennen het beeld: de "
            "basis is gelegd, maar digitale veiligheid is nog te weinig een zaak van het hele college en de raad.\n\n"
            "Wij nemen de aanbevelingen over en maken er een uitvoeringsplan van, met een eigenaar en een planning per "
            "aanbeveling. Over een jaar laten wij de commissie graag zien wat er is bereikt.")


def load_demo_visits(session: DbSession, guides: GuideSet) -> bool:
    """Load the demo visits once; True when they were created now."""
    if session.scalar(select(Round).where(Round.title == ROUND_TITLE)) is not None:
        return False
    towns = {m.name: m for m in session.scalars(select(Municipality))}
    pilot = _round(session, guides, PILOT_TITLE, date(2024, 10, 1), date(2024, 12, 20), "afgerond")
    _visit(session, guides, pilot, towns, *PILOT, follow_up=True)
    round_ = _round(session, guides, ROUND_TITLE, date(2025, 9, 1), date(2025, 12, 19), "lopend")
    for visit in VISITS_2025:
        _visit(session, guides, round_, towns, *visit)
    session.flush()
    # The public national picture shows releases only: the demo publishes the first one, through the
    # same rules (the seven finalised visits of 2025 show most distributions; the 2024 pilot alone is left out).
    publish_release(session, "Demo projectleider")
    session.commit()
    return True


def _round(session: DbSession, guides: GuideSet, title: str, start: date, end: date, status: str) -> Round:
    round_ = Round(kind="visitatieronde", title=title, period_start=start, period_end=end, status=status,
                   guide_version=guides.version, themes=list(session.scalars(select(Theme).order_by(Theme.number))))
    session.add(round_)
    session.flush()
    return round_


def _email(name: str) -> str:
    return name.lower().replace(".", "").replace(" ", ".") + "@example.org"


def _visit(session: DbSession, guides: GuideSet, round_: Round, towns: dict[str, Municipality], host: str,
           day: date, status: str, committee: tuple[tuple[str, str, str], ...], self_levels: tuple[int, ...],
           committee_levels: tuple[int, ...], consent: bool, follow_up: bool = False) -> None:
    town = towns[host]
    people = [ParticipantInput(name, _email(name), "commissielid", towns[place], function)
              for name, place, function in committee]
    people.append(ParticipantInput(SECRETARY[0], _email(SECRETARY[0]), "secretaris", None, SECRETARY[2]))
    for name, role, function in zip(HOSTS[host], ("burgemeester", "ciso", "adviseur_oov"),
                                    ("burgemeester", "CISO", "adviseur openbare orde en veiligheid"), strict=True):
        people.append(ParticipantInput(name, _email(name), role, town, f"{function} van {host}"))
    start = local_datetime(day, time(10, 0))
    conversation = save_conversation(session, round_, ConversationInput(
        [town], start, 240, f"Gemeentehuis {host}", participants=people), SECRETARY[0], now=start - timedelta(days=60))
    session.flush()
    ensure_visit(session, conversation)
    chair = committee[0][0]
    mayor = HOSTS[host][0]
    for number, level in enumerate(self_levels, start=1):
        if level:
            save_assessment(session, guides, conversation, number, "self",
                            ScoreInput(level, JUSTIFICATIONS[number][level >= 3]), mayor,
                            _checklist(guides, number, level, day), now=start - timedelta(days=14))
    if status == "gepland":
        return
    change_status(session, conversation, "gehouden", SECRETARY[0], now=start + timedelta(hours=4))
    for number, level in enumerate(committee_levels, start=1):
        if level:
            save_assessment(session, guides, conversation, number, "committee",
                            ScoreInput(level, JUSTIFICATIONS[number][level >= 3]), chair, now=start + timedelta(days=7))
    if status != "vastgesteld":
        return
    for number, level in enumerate(committee_levels, start=1):
        if level and level < 3:
            add_finding(session, guides, conversation, number, FINDINGS[number], chair, now=start + timedelta(days=7))
    recommendations = [add_recommendation(session, guides, conversation, RecommendationInput(
        number, priority, owner, day + timedelta(days=days), text), chair, now=start + timedelta(days=8))
        for number, priority, owner, days, text in RECOMMENDATIONS if committee_levels[number - 1] < 4]
    save_response(session, conversation, RESPONSE, mayor, 0, now=start + timedelta(days=30))
    finalise(session, conversation, chair, now=start + timedelta(days=35))
    if consent:
        set_consent(session, conversation, True, mayor, now=start + timedelta(days=35))
    if host in UNDER_WAY_2025 and recommendations and recommendations[0].theme_number == 1:
        follow(session, conversation, recommendations[0], "in_uitvoering", UNDER_WAY_NOTE, mayor,
               recommendations[0].version, now=start + timedelta(days=50))
    if follow_up:  # a year of follow-up on the pilot: one done, one under way, one not adopted
        moment = start + timedelta(days=200)
        for recommendation, (status_, note) in zip(recommendations, (
                ("afgerond", "Raadsinformatieavond gehouden; digitale veiligheid staat in de kadernota 2025."),
                ("in_uitvoering", "Impactanalyse loopt; oplevering voorzien in het voorjaar."),
                ("niet_overgenomen", "De veiligheidsregio pakt de oefening regionaal op; wij sluiten daarbij aan.")),
                strict=False):
            follow(session, conversation, recommendation, status_, note, mayor, recommendation.version, now=moment)


def _checklist(guides: GuideSet, number: int, level: int, day: date) -> list[ChecklistInput]:
    scale = guides.maturity_for(guides.theme(number).slug)
    entries = []
    for index, item in enumerate(scale.checklist if scale else ()):
        present = index < max(level - 1, 1)
        entries.append(ChecklistInput(item.id, present, day - timedelta(days=90 + 60 * index) if present else None,
                                      "" if present else "Nog niet opgesteld."))
    return entries
