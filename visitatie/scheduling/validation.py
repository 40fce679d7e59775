"""The planning rules, each returning Problems with a code the web layer words in Dutch.

General enough for both kinds of round: a gespreksronde conversation has two or more
municipalities and a gespreksleider from elsewhere; a visitatieronde visit has one host and a
committee (commissielid, secretaris) in which nobody comes from the host.
"""
from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import func, select

from ..models import (
    MUNICIPAL_ROLES,
    PARTICIPANT_ROLES,
    ROUND_KINDS,
    ROUND_STATUSES,
    Answer,
    Conversation,
    Municipality,
    Participation,
    Person,
    Round,
)
from ..models.types import DbSession
from ..models.visits import ChecklistEntry, Finding, MaturityScore, Recommendation, Visit, VisitResponse
from ..vocabulary import ConversationStatus, RoundKind
from .errors import Problem
from .inputs import ConversationInput, RoundInput, in_amsterdam

# Roles that must not come from a municipality that takes part (or is visited).
OUTSIDER_ROLES = ("gespreksleider", "commissielid")
# A visitatiecommissie has two to four members (the secretary is not counted). No members yet is
# a visit still being planned; one, or more than four, is refused.
COMMITTEE_SIZE = (2, 4)
MAX_DURATION_MINUTES = 12 * 60
# A cancelled conversation books nobody.
ACTIVE = (ConversationStatus.GEPLAND, ConversationStatus.GEHOUDEN, ConversationStatus.VASTGESTELD)


def validate_round(data: RoundInput, round_: Round | None = None) -> list[Problem]:
    problems = []
    if data.kind not in ROUND_KINDS:
        problems.append(Problem("kind_unknown", "kind", {"kind": data.kind}))
    if data.status not in ROUND_STATUSES:
        problems.append(Problem("status_unknown", "status", {"status": data.status}))
    if data.period_end < data.period_start:
        problems.append(Problem("period_order", "period_end"))
    if not data.theme_numbers:
        problems.append(Problem("no_themes", "themes"))
    if round_ is not None:
        active = [c for c in round_.conversations if c.status in ACTIVE]
        if data.kind != round_.kind and active:
            problems.append(Problem("kind_locked", "kind", {"count": len(active)}))
        outside = [c for c in active if c.starts_at
                   and not data.period_start <= in_amsterdam(c.starts_at).date() <= data.period_end]
        if outside and data.period_end >= data.period_start:
            problems.append(Problem("conversations_outside_period", "period_start",
                                    {"titles": ", ".join(c.title for c in outside)}))
    return problems


def validate_conversation(session: DbSession, round_: Round, data: ConversationInput,
                          conversation: Conversation | None = None) -> list[Problem]:
    """Every rule at once, so the project leader sees all problems in one go."""
    return [
        *_municipality_problems(session, round_, data, conversation),
        *_time_problems(round_, data),
        *_participant_problems(data),
        *_double_bookings(session, data, conversation),
    ]


def _municipality_problems(session: DbSession, round_: Round, data: ConversationInput,
                           conversation: Conversation | None) -> Iterator[Problem]:
    names = [m.name for m in data.municipalities]
    if round_.kind == RoundKind.VISITATIERONDE:
        if len(names) != 1:
            yield Problem("one_host", "municipalities", {"count": len(names)})
    elif len(set(names)) < 2:
        yield Problem("too_few_municipalities", "municipalities")
    for name in sorted({n for n in names if names.count(n) > 1}):
        yield Problem("municipality_twice", "municipalities", {"municipality": name})
    yield from _recorded_work_leaving(session, round_, data, conversation)
    if data.allow_repeat:
        return
    for municipality, other in _already_in_round(session, round_, data, conversation):
        yield Problem("municipality_in_round", "municipalities", {
            "municipality": municipality.name, "conversation": other.title, "starts_at": other.starts_at})


def _recorded_work_leaving(session: DbSession, round_: Round, data: ConversationInput,
                           conversation: Conversation | None) -> Iterator[Problem]:
    """A municipality may not leave a conversation that already holds its recorded work.

    Its answers would silently drop out of the verslag and the opbrengst; a visit's scores,
    findings, recommendations, response and consent belong to its host and would pass to the
    municipality that replaces it. Cancel the conversation and plan a new one instead.
    """
    if conversation is None or conversation.id is None:
        return
    staying = {m.id for m in data.municipalities}
    leaving = [m for m in conversation.municipalities if m.id not in staying]
    if not leaving:
        return
    if round_.kind == RoundKind.VISITATIERONDE:
        if _visit_has_work(session, conversation.id):
            yield Problem("host_has_work", "municipalities", {"municipality": leaving[0].name})
        return
    for municipality in leaving:
        if session.scalar(select(func.count()).select_from(Answer).where(
                Answer.conversation_id == conversation.id, Answer.municipality_id == municipality.id,
                Answer.value != "")):
            yield Problem("municipality_has_answers", "municipalities", {"municipality": municipality.name})


def _visit_has_work(session: DbSession, conversation_id: int) -> bool:
    for model in (Answer, MaturityScore, ChecklistEntry, Finding, Recommendation, VisitResponse):
        if session.scalar(select(func.count()).select_from(model).where(model.conversation_id == conversation_id)):
            return True
    return bool(session.scalar(select(func.count()).select_from(Visit).where(
        Visit.conversation_id == conversation_id, Visit.consent_named.is_(True))))


def _already_in_round(session: DbSession, round_: Round, data: ConversationInput,
                      conversation: Conversation | None) -> Iterator[tuple[Municipality, Conversation]]:
    ids = {m.id for m in data.municipalities}
    if not ids or round_.id is None:
        return
    query = (select(Conversation).where(Conversation.round_id == round_.id,
                                        Conversation.status.in_(ACTIVE)).order_by(Conversation.id))
    if conversation is not None and conversation.id is not None:
        query = query.where(Conversation.id != conversation.id)
    seen: set[int] = set()
    for other in session.scalars(query):
        for municipality in other.municipalities:
            if municipality.id in ids and municipality.id not in seen:
                seen.add(municipality.id)
                yield municipality, other


def _time_problems(round_: Round, data: ConversationInput) -> Iterator[Problem]:
    if not 0 < data.duration_minutes <= MAX_DURATION_MINUTES:
        yield Problem("duration_range", "duration_minutes", {"maximum": MAX_DURATION_MINUTES})
    if data.starts_at is not None:
        day = in_amsterdam(data.starts_at).date()
        if not round_.period_start <= day <= round_.period_end:
            yield Problem("outside_period", "starts_at", {
                "day": day, "period_start": round_.period_start, "period_end": round_.period_end})
    if data.online_url and not data.online_url.startswith(("https://", "http://")):
        yield Problem("online_url_scheme", "online_url")


def _participant_problems(data: ConversationInput) -> Iterator[Problem]:
    municipalities = {m.id for m in data.municipalities}
    host_names = ", ".join(m.name for m in data.municipalities)
    seen: dict[str, int] = {}
    for index, p in enumerate(data.participants):
        where = f"participants-{index}"
        if p.role not in PARTICIPANT_ROLES:
            yield Problem("role_unknown", where, {"role": p.role})
        if "@" not in p.key or " " in p.key:
            yield Problem("email_invalid", where, {"name": p.name, "email": p.email})
        if p.key in seen:
            yield Problem("participant_twice", where, {"name": p.name, "email": p.email})
        seen.setdefault(p.key, index)
        if p.role in OUTSIDER_ROLES and p.municipality is not None and p.municipality.id in municipalities:
            yield Problem("outsider_from_participant", where, {
                "name": p.name, "role": p.role, "municipality": p.municipality.name})
        if p.role in MUNICIPAL_ROLES:
            if p.municipality is None or p.municipality.id not in municipalities:
                yield Problem("municipal_role_elsewhere", where, {
                    "name": p.name, "role": p.role, "municipalities": host_names,
                    "municipality": p.municipality.name if p.municipality else None})
    leaders = [p for p in data.participants if p.role == "gespreksleider"]
    if len(leaders) > 1:
        yield Problem("two_leaders", "participants", {"names": ", ".join(p.name for p in leaders)})
    members = sum(1 for p in data.participants if p.role == "commissielid")
    if members and not COMMITTEE_SIZE[0] <= members <= COMMITTEE_SIZE[1]:
        yield Problem("committee_size", "participants",
                      {"count": members, "minimum": COMMITTEE_SIZE[0], "maximum": COMMITTEE_SIZE[1]})


def _double_bookings(session: DbSession, data: ConversationInput,
                     conversation: Conversation | None) -> Iterator[Problem]:
    """A person in another active conversation (in any round) at an overlapping time."""
    if data.starts_at is None:
        return
    emails = sorted({p.key for p in data.participants})
    if not emails:
        return
    start, end = data.starts_at, data.ends_at
    if start is None or end is None:  # both or neither: ends_at is starts_at plus the duration
        return
    query = (
        select(Participation, Person, Conversation)
        .join(Person, Participation.person_id == Person.id)
        .join(Conversation, Participation.conversation_id == Conversation.id)
        .where(func.lower(Person.email).in_(emails), Conversation.status.in_(ACTIVE),
               Conversation.starts_at.is_not(None),
               # Coarse filter in SQL (no conversation lasts longer than the maximum); exact below.
               Conversation.starts_at < end,
               Conversation.starts_at > start - timedelta(minutes=MAX_DURATION_MINUTES))
        .order_by(Conversation.starts_at, Conversation.id)
    )
    if conversation is not None and conversation.id is not None:
        query = query.where(Conversation.id != conversation.id)
    reported: set[int] = set()
    for _participation, person, other in session.execute(query):
        if other.starts_at is None:  # excluded by the query
            continue
        other_end = other.starts_at + timedelta(minutes=other.duration_minutes)
        if other.starts_at < end and start < other_end and person.id not in reported:
            reported.add(person.id)
            yield Problem("double_booked", "participants", {
                "name": person.name, "conversation": other.title, "round": other.round.title,
                "starts_at": other.starts_at, "ends_at": other_end})
