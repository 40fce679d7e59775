"""The demo gespreksronde: real municipalities, fictional people, fictional answers.

Nothing is attributed to a real person: every participant, gespreksleider and note-taker has a
fictional name and an example.org address, and every demo quote is fictional and anonymous, its
consent given by its (fictional) speaker through the real consent step. The one pairing the
magazine reports (Haarlem and Maastricht, led from Breda) is kept; the others are demo pairings.
Deterministic (fixed seed) and idempotent: loading it twice leaves one demo round.
"""
import random
import re
from datetime import date, datetime

from sqlalchemy import select

from ..accounts.auth import hash_password
from ..dutch_time import AMSTERDAM
from ..guides.model import GuideSet, Question
from ..models import Answer, Conversation, Mark, Municipality, Participation, Person, Round, Theme, User
from ..models.types import DbSession
from ..opbrengst.consent import give_consent
from ..scheduling.enrolment import enrol, set_scores
from .answers import DEMO_MARKS, OPEN_ANSWERS
from .opbrengst import load_demo_opbrengst
from .visits import load_demo_visits

DEMO_TITLE = "Bestuurlijke gespreksronde digitale veiligheid 2024 (demo)"
DEMO_LOGIN = ("projectleider@example.org", "oefenronde-gemeentehuis-2024")

# Fictional gespreksleiders (mayors of a third municipality in the demo).
LEADERS = {"Breda": "Anna Verhoef", "Zeist": "Tom Brinkman", "Apeldoorn": "Carla Wessels"}

# (municipalities, gespreksleider's municipality, local start, place, status)
CONVERSATIONS = (
    (("Haarlem", "Maastricht"), "Breda", datetime(2024, 1, 18, 14, 0), "Stadhuis Haarlem", "vastgesteld"),
    (("Wierden", "Steenwijkerland"), "Zeist", datetime(2024, 2, 6, 10, 0), "Gemeentehuis Wierden", "gehouden"),
    (("Delft", "Hollands Kroon"), "Apeldoorn", datetime(2024, 2, 20, 13, 30), None, "gehouden"),
    (("Wijk bij Duurstede", "Dalfsen"), "Zeist", datetime(2024, 3, 12, 15, 0), "Gemeentehuis Dalfsen", "gehouden"),
    (("Leeuwarden", "Oss"), "Breda", datetime(2024, 5, 28, 10, 0), "Stadhuis Leeuwarden", "gepland"),
)
# Enrolled with a self-scan but not yet in a conversation: the pairing proposal has work to do.
WAITING = ("Zwolle", "Amersfoort", "Venlo")
NOTE_TAKERS = ("Fenna Hofstra", "Bram Veldkamp")  # fictional projectleiders
FICTIONAL_SURNAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
                      "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer")


def load_demo(session: DbSession, guides: GuideSet, publish_opbrengst: bool = True) -> tuple[Round, bool]:
    """The demo round with its visits; with a curated, published opbrengst unless told otherwise."""
    existing = session.scalar(select(Round).where(Round.title == DEMO_TITLE))
    if existing is not None:
        return existing, False
    rng = random.Random(2024)
    municipalities = {m.name: m for m in session.scalars(select(Municipality))}
    round_ = Round(
        kind="gespreksronde", title=DEMO_TITLE, period_start=date(2024, 1, 8),
        period_end=date(2024, 6, 28), status="lopend", guide_version=guides.version,
        themes=list(session.scalars(select(Theme).order_by(Theme.number))),
    )
    session.add(round_)
    people: dict[str, Person] = {}
    surnames = iter(FICTIONAL_SURNAMES * 4)

    def person(name: str, function: str, municipality: Municipality | None) -> Person:
        if name not in people:
            email = re.sub(r"[^a-z]+", ".", name.lower()).strip(".") + "@example.org"  # "A. de Groot" -> a.de.groot
            people[name] = Person(name=name, function=function, email=email, municipality=municipality)
        return people[name]

    for number, (pair, leader_town, start, place, status) in enumerate(CONVERSATIONS, start=1):
        conversation = Conversation(
            round=round_, starts_at=start.replace(tzinfo=AMSTERDAM), duration_minutes=120,
            place=place, online_url=None if place else "https://meet.example.org/visitatie-demo",
            status=status, calendar_uid=f"demo-{number}@visitatie",
            municipalities=[municipalities[name] for name in pair],
        )
        leader_municipality = municipalities[leader_town]
        leader = person(LEADERS[leader_town], f"burgemeester van {leader_town}", leader_municipality)
        conversation.participations.append(Participation(person=leader, role="gespreksleider",
                                                         municipality=leader_municipality))
        for name in pair:
            town = municipalities[name]
            mayor_name = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}. {next(surnames)}"
            conversation.participations.append(Participation(
                person=person(mayor_name, f"burgemeester van {name}", town), role="burgemeester", municipality=town))
            for role, function in (("ciso", "CISO"), ("adviseur_oov", "adviseur openbare orde en veiligheid")):
                someone = person(f"{rng.choice('ABCDEFGHJKLMNPRSTW')}. {next(surnames)}", f"{function} {name}", town)
                conversation.participations.append(Participation(person=someone, role=role, municipality=town))
        note_taker = person(NOTE_TAKERS[number % 2], "projectleider VNG", None)
        conversation.participations.append(Participation(person=note_taker, role="notulist"))
        session.add(conversation)
        if status in ("gehouden", "vastgesteld"):
            session.flush()
            _answer_all(session, rng, guides, conversation, note_taker.name)
    _enrol(session, rng, round_, [m for pair, *_ in CONVERSATIONS for m in pair] + list(WAITING), municipalities)
    load_demo_visits(session, guides)  # the demo visitatieronde (visitatie/demo/visits.py)
    _ensure_demo_login(session)
    session.commit()
    if publish_opbrengst:
        load_demo_opbrengst(session, guides, round_)  # curates and publishes through the real steps
    return round_, True


def _enrol(session: DbSession, rng: random.Random, round_: Round, names: list[str],
           municipalities: dict[str, Municipality]) -> None:
    """Enrol the municipalities as the self-scan import would, with plausible scores per theme."""
    for name in names:
        enrolment = enrol(session, round_, municipalities[name], source="zelfscan")
        set_scores(enrolment, {theme.number: rng.choices([1, 2, 3, 4, 5], weights=[1, 3, 4, 3, 1])[0]
                               for theme in round_.themes})


def _answer_all(session, rng, guides: GuideSet, conversation: Conversation, note_taker: str) -> None:
    for municipality in conversation.municipalities:
        given: dict[str, str] = {}
        for guide in guides:
            for question in guide.questions:
                if not question.is_shown(given):
                    continue
                value = question.encode(_demo_value(rng, question))
                if not value:
                    continue
                given[question.id] = value
                answer = Answer(
                    conversation_id=conversation.id, municipality_id=municipality.id,
                    question_id=question.id, value=value, guide_version=guide.version,
                    updated_by=note_taker, updated_at=conversation.starts_at,
                )
                session.add(answer)
                _mark(session, answer, question, conversation, municipality, note_taker)


def _demo_value(rng: random.Random, question: Question):
    if question.type == "open":
        return rng.choice(OPEN_ANSWERS.get(question.id, ("Besproken; nog geen vaste aanpak.",)))
    if question.type == "scale":
        return str(rng.choices([1, 2, 3, 4, 5], weights=[1, 3, 4, 3, 1])[0])
    if question.type == "ja_nee_deels":
        # The magazine: digital security is in 92% of the integral safety plans.
        weights = [92, 3, 5] if question.id == "leiderschap.ivp" else [55, 20, 25]
        return rng.choices(["ja", "nee", "deels"], weights=weights)[0]
    values = [c.value for c in question.choices]
    if question.multiple:
        return rng.sample(values, k=rng.randint(1, min(3, len(values))))
    return rng.choice(values)


def _mark(session: DbSession, answer: Answer, question: Question, conversation, municipality, note_taker: str) -> None:
    for question_id, kind, speaker_role, consent in DEMO_MARKS:
        if question_id != question.id or municipality != conversation.municipalities[0]:
            continue
        speaker = next((p for p in conversation.participations
                        if p.role == speaker_role and p.municipality == municipality), None)
        mark = Mark(kind=kind, consent="niet_publiceren" if kind == "les" else "gevraagd", created_by=note_taker,
                    speaker_participation_id=speaker.id if speaker else None,
                    speaker_name=speaker.person.name if speaker else None,
                    speaker_function=speaker.person.function if speaker else None)
        answer.marks.append(mark)
        if kind == "citaat" and speaker is not None:
            give_consent(session, mark, speaker, consent)  # the (fictional) speaker answers, as on their page


def _ensure_demo_login(session: DbSession) -> None:
    email, password = DEMO_LOGIN
    if session.scalar(select(User).where(User.email == email)) is None:
        session.add(User(email=email, name="Demo projectleider", role="projectleider",
                         password_hash=hash_password(password)))
