"""Proposing a gespreksleider from the round's pool for every conversation that has none.

An assignment problem solved as a minimum-cost flow (networkx, like the pairing's matching):

    source → conversation (1) → (volunteer, day) (1) → volunteer → k-th conversation (1) → sink

- never a volunteer from one of the conversation's municipalities, nor one who already takes part;
- never on a day the volunteer cannot, nor on a day the volunteer already has a conversation (in
  any round): one conversation per leader per day, which also rules out two at the same time;
- within each volunteer's maximum, counting the conversations already led in this round;
- spread: the k-th conversation of a volunteer costs more than the (k-1)-th, so the flow gives
  work to the least busy first;
- when the round asks it, a volunteer from the same safety region (or province) as one of the
  municipalities costs less; this outweighs a difference of one or two in load.

The flow first assigns as many conversations as possible, then at the least total cost. Every
proposal carries its reasons; conversations that nobody can lead are listed with why.
Deterministic: nodes and edges are added in id order.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
from sqlalchemy import func, select

from ..models import Conversation, Participation, Person, Round
from ..models.contacts import LeaderVolunteer
from ..models.types import DbSession
from ..vocabulary import ConversationStatus, RoundKind
from .conversations import conversation_input, save_conversation
from .errors import Problem, ValidationFailed
from .inputs import ParticipantInput, in_amsterdam
from .leader_pool import pool
from .validation import ACTIVE

PREFERENCES = ("geen", "zelfde_veiligheidsregio", "zelfde_provincie")
PREFERENCE_PENALTY = 10  # a volunteer from elsewhere, when the round prefers the same region
LOAD_STEP = 4  # the k-th conversation of a volunteer costs LOAD_STEP * (k - 1) more than the first


@dataclass(frozen=True)
class LeaderReason:
    code: str  # outside, region, province, day, undated, load
    params: dict[str, Any]


@dataclass(frozen=True)
class LeaderProposal:
    conversation_id: int
    title: str
    volunteer_id: int
    leader: str
    leader_municipality: str
    reasons: tuple[LeaderReason, ...]


@dataclass(frozen=True)
class Unassigned:
    conversation_id: int
    title: str
    reason: str  # nobody_outside, nobody_free, pool_full


@dataclass(frozen=True)
class LeaderPlan:
    proposals: tuple[LeaderProposal, ...]
    unassigned: tuple[Unassigned, ...]
    preference: str = "geen"


def _day(conversation: Conversation) -> date | None:
    return in_amsterdam(conversation.starts_at).date() if conversation.starts_at else None


def open_conversations(session: DbSession, round_: Round) -> list[Conversation]:
    """Active conversations of the round without a gespreksleider (a gespreksronde only)."""
    if round_.kind != RoundKind.GESPREKSRONDE:
        return []
    conversations = session.scalars(select(Conversation).where(
        Conversation.round_id == round_.id, Conversation.status == ConversationStatus.GEPLAND,
    ).order_by(Conversation.id))
    return [c for c in conversations if c.gespreksleider is None]


def _bookings(session: DbSession, emails: list[str]) -> tuple[dict[str, set[date]], dict[str, set[int]]]:
    """Per e-mail: the days with an active conversation (any round) and the conversations."""
    days: dict[str, set[date]] = {e: set() for e in emails}
    conversations: dict[str, set[int]] = {e: set() for e in emails}
    rows = session.execute(
        select(func.lower(Person.email), Conversation).join(Participation, Participation.person_id == Person.id)
        .join(Conversation, Conversation.id == Participation.conversation_id)
        .where(func.lower(Person.email).in_(emails), Conversation.status.in_(ACTIVE)))
    for email, conversation in rows:
        conversations[email].add(conversation.id)
        day = _day(conversation)
        if day is not None:
            days[email].add(day)
    return days, conversations


def _led_in_round(session: DbSession, round_: Round, emails: list[str]) -> dict[str, int]:
    rows = session.execute(
        select(func.lower(Person.email), func.count()).join(Participation, Participation.person_id == Person.id)
        .join(Conversation, Conversation.id == Participation.conversation_id)
        .where(Conversation.round_id == round_.id, Conversation.status.in_(ACTIVE),
               Participation.role == "gespreksleider", func.lower(Person.email).in_(emails))
        .group_by(func.lower(Person.email)))
    return dict(rows.all())


def _close(volunteer: LeaderVolunteer, conversation: Conversation, preference: str) -> bool:
    if preference == "zelfde_veiligheidsregio":
        return any(m.safety_region_code == volunteer.municipality.safety_region_code
                   for m in conversation.municipalities)
    if preference == "zelfde_provincie":
        return any(m.province == volunteer.municipality.province for m in conversation.municipalities)
    return False


def propose_leaders(session: DbSession, round_: Round, preference: str = "geen") -> LeaderPlan:
    if preference not in PREFERENCES:
        raise ValueError(f"unknown preference {preference!r}")
    conversations = open_conversations(session, round_)
    volunteers = pool(session, round_)
    if not conversations:
        return LeaderPlan((), (), preference)
    emails = [v.email.lower() for v in volunteers]
    busy_days, taking_part = _bookings(session, emails)
    led = _led_in_round(session, round_, emails)
    graph = nx.DiGraph()
    graph.add_node("bron")
    allowed: dict[int, list[LeaderVolunteer]] = {}
    outside_any = set()
    for conversation in conversations:
        node = ("gesprek", conversation.id)
        graph.add_edge("bron", node, capacity=1, weight=0)
        towns = {m.id for m in conversation.municipalities}
        day = _day(conversation)
        for volunteer in volunteers:
            email = volunteer.email.lower()
            if volunteer.municipality_id in towns or conversation.id in taking_part[email]:
                continue
            outside_any.add(conversation.id)
            if day is not None and (day in volunteer.unavailable_days or day in busy_days[email]):
                continue
            cost = 0 if preference == "geen" or _close(volunteer, conversation, preference) else PREFERENCE_PENALTY
            via = ("dag", volunteer.id, day) if day is not None else ("leider", volunteer.id)
            graph.add_edge(node, via, capacity=1, weight=cost)
            if day is not None:
                graph.add_edge(via, ("leider", volunteer.id), capacity=1, weight=0)
            allowed.setdefault(conversation.id, []).append(volunteer)
    for volunteer in volunteers:
        already = led.get(volunteer.email.lower(), 0)
        for k in range(already + 1, volunteer.max_conversations + 1):
            graph.add_edge(("leider", volunteer.id), ("taak", volunteer.id, k), capacity=1, weight=LOAD_STEP * (k - 1))
            graph.add_edge(("taak", volunteer.id, k), "put", capacity=1, weight=0)
    if "put" not in graph:
        graph.add_node("put")
    flow = nx.max_flow_min_cost(graph, "bron", "put")
    by_id = {v.id: v for v in volunteers}
    load = {v.id: led.get(v.email.lower(), 0) for v in volunteers}
    chosen: dict[int, LeaderVolunteer] = {}
    for conversation in conversations:
        for target, amount in flow[("gesprek", conversation.id)].items():
            if amount:
                chosen[conversation.id] = by_id[target[1]]
    proposals: list[LeaderProposal] = []
    unassigned: list[Unassigned] = []
    for conversation in conversations:
        leader = chosen.get(conversation.id)
        if leader is None:
            reason = ("nobody_outside" if conversation.id not in outside_any
                      else "nobody_free" if conversation.id not in allowed else "pool_full")
            unassigned.append(Unassigned(conversation.id, conversation.title, reason))
            continue
        load[leader.id] += 1
        proposals.append(LeaderProposal(conversation.id, conversation.title, leader.id, leader.name,
                                        leader.municipality.name,
                                        _reasons(leader, conversation, preference, load[leader.id])))
    return LeaderPlan(tuple(proposals), tuple(unassigned), preference)


def _reasons(volunteer: LeaderVolunteer, conversation: Conversation, preference: str,
             number: int) -> tuple[LeaderReason, ...]:
    reasons = [LeaderReason("outside", {"leader": volunteer.name, "municipality": volunteer.municipality.name,
                                        "municipalities": " en ".join(m.name for m in conversation.municipalities)})]
    if preference == "zelfde_veiligheidsregio" and _close(volunteer, conversation, preference):
        reasons.append(LeaderReason("region", {"region": volunteer.municipality.safety_region}))
    elif preference == "zelfde_provincie" and _close(volunteer, conversation, preference):
        reasons.append(LeaderReason("province", {"province": volunteer.municipality.province}))
    elif preference != "geen":
        reasons.append(LeaderReason("elsewhere", {"preference": preference}))
    day = _day(conversation)
    reasons.append(LeaderReason("day", {"day": day}) if day else LeaderReason("undated", {}))
    reasons.append(LeaderReason("load", {"number": number, "maximum": volunteer.max_conversations}))
    return tuple(reasons)


def assign_leaders(session: DbSession, round_: Round, plan: LeaderPlan, actor: str,
                   only: set[int] | None = None) -> int:
    """Make the proposals (or those of the conversations in `only`) the conversations' leaders.

    Each conversation is saved through save_conversation, so the planning rules hold; one that
    fails raises ValidationFailed with its problems (the caller rolls back: nothing half-done).
    """
    saved = 0
    for proposal in plan.proposals:
        if only is not None and proposal.conversation_id not in only:
            continue
        conversation = session.get_one(Conversation, proposal.conversation_id)
        volunteer = session.get_one(LeaderVolunteer, proposal.volunteer_id)
        leader = ParticipantInput(volunteer.name, volunteer.email, "gespreksleider", volunteer.municipality)
        data = conversation_input(conversation)
        data.participants = [leader] + [p for p in data.participants if p.role != "gespreksleider"]
        data.allow_repeat = True  # the municipalities do not change here
        try:
            save_conversation(session, round_, data, actor, conversation)
        except ValidationFailed as failed:
            raise ValidationFailed([Problem(p.code, p.field, {**p.params, "title": conversation.title})
                                    for p in failed.problems]) from None
        saved += 1
    return saved

