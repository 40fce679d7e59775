"""Pairing suggestions: who should talk to whom, so that each can learn from the other.

A maximum-weight matching (networkx) over the municipalities of a round that are not yet in a
conversation. The weight of a pair grows with how complementary their self-scans are (one strong
where the other is weak, in both directions) and, as a lesser preference, with comparable size:
the same CBS size class (gemeentegrootteklasse) scores best, an adjacent class next; unknown
sizes count as neither a match nor a mismatch. One point of complementarity outweighs any size
preference, so size only decides between pairs that are equally complementary.
Deterministic: nodes and edges are added in code order, so the same input gives the same answer.
"""
from collections.abc import Collection, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from sqlalchemy import select

from ..models import Conversation, Municipality, Round, conversation_municipality
from ..models.scheduling import PairRejection
from ..models.types import DbSession
from ..municipality_size import SIZE_CLASS_KEYS, UNKNOWN, size_class
from .contacts import contacts_of, register_participants
from .conversations import save_conversation
from .enrolment import enrolments
from .errors import Problem, ValidationFailed
from .inputs import ConversationInput
from .validation import ACTIVE

CONSTRAINTS = ("geen", "andere_veiligheidsregio", "zelfde_veiligheidsregio", "andere_provincie", "zelfde_provincie")
STRONG, WEAK = 4, 2  # a self-scan score from which a theme is called strong, resp. weak
NOTABLE_GAP = 2  # a difference worth naming as a reason
COMPLEMENTARITY_FACTOR = 3  # one point of complementarity outweighs any size preference
SIZE_POINTS = {"zelfde": 2, "vergelijkbaar": 1, "onbekend": 1, "verschillend": 0}


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    scores: dict[int, int]  # theme number → 1..5
    population: int | None = None
    province: str = ""
    safety_region_code: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Reason:
    """`strong` scores `strong_score` on `theme` where `weak` scores `weak_score`."""

    theme: int
    strong: str
    weak: str
    strong_score: int
    weak_score: int

    @property
    def clear(self) -> bool:  # sterk versus zwak, rather than merely further along
        return self.strong_score >= STRONG and self.weak_score <= WEAK


@dataclass(frozen=True)
class ProposedPair:
    first: Candidate
    second: Candidate
    complementarity: int
    size: str  # zelfde, vergelijkbaar, verschillend, onbekend
    weight: int
    reasons: tuple[Reason, ...]

    @property
    def size_classes(self) -> tuple[str, str]:
        """The CBS size class keys of first and second, for the reason shown with the pair."""
        return size_class(self.first.population), size_class(self.second.population)


@dataclass(frozen=True)
class Proposal:
    pairs: tuple[ProposedPair, ...]
    left_out: tuple[Candidate, ...]
    constraint: str = "geen"


def size_match(a: Candidate, b: Candidate) -> str:
    first, second = size_class(a.population), size_class(b.population)
    if UNKNOWN in (first, second):
        return UNKNOWN  # a municipality without a figure: neither rewarded nor punished much
    gap = abs(SIZE_CLASS_KEYS.index(first) - SIZE_CLASS_KEYS.index(second))
    return {0: "zelfde", 1: "vergelijkbaar"}.get(gap, "verschillend")


def learning_value(gap: int) -> int:
    """What one theme offers: nothing for a gap of one point, then growing with the square, so
    that a clear strong-versus-weak theme (5 against 1: 9) outweighs several small gaps (2: 1)."""
    return (gap - 1) ** 2 if gap >= NOTABLE_GAP else 0


def complementarity(a: Candidate, b: Candidate, themes: Iterable[int]) -> int:
    """What a can teach b plus what b can teach a, plus the smaller of the two again: a pair in
    which both have something to offer beats one where only one side teaches."""
    shared = [t for t in themes if t in a.scores and t in b.scores]
    a_teaches = sum(learning_value(a.scores[t] - b.scores[t]) for t in shared)
    b_teaches = sum(learning_value(b.scores[t] - a.scores[t]) for t in shared)
    return a_teaches + b_teaches + min(a_teaches, b_teaches)


def reasons(a: Candidate, b: Candidate, themes: Iterable[int]) -> tuple[Reason, ...]:
    found = []
    for theme in sorted(t for t in themes if t in a.scores and t in b.scores):
        strong, weak = (a, b) if a.scores[theme] >= b.scores[theme] else (b, a)
        if strong.scores[theme] - weak.scores[theme] >= NOTABLE_GAP:
            found.append(Reason(theme, strong.name, weak.name, strong.scores[theme], weak.scores[theme]))
    # Largest gaps first; equal gaps in theme order.
    return tuple(sorted(found, key=lambda r: (r.weak_score - r.strong_score, r.theme)))


def allowed(a: Candidate, b: Candidate, constraint: str) -> bool:
    if constraint == "andere_veiligheidsregio":
        return a.safety_region_code != b.safety_region_code
    if constraint == "zelfde_veiligheidsregio":
        return a.safety_region_code == b.safety_region_code
    if constraint == "andere_provincie":
        return a.province != b.province
    if constraint == "zelfde_provincie":
        return a.province == b.province
    return True


def propose_pairs(candidates: list[Candidate], themes: Collection[int], constraint: str = "geen",
                  rejected: AbstractSet[frozenset[str]] = frozenset()) -> Proposal:
    """The pairing with the most pairs and, among those, the greatest total weight.

    `rejected` holds pairs of codes the project leader turned down. With an odd count (or
    constraints that leave someone without an allowed partner) the rest is listed as left out.
    """
    if constraint not in CONSTRAINTS:
        raise ValueError(f"unknown constraint {constraint!r}")
    themes = sorted(themes)
    ordered = sorted(candidates, key=lambda c: c.code)
    by_code = {c.code: c for c in ordered}
    graph = nx.Graph()
    graph.add_nodes_from(c.code for c in ordered)
    pairs = {}
    for a, b in combinations(ordered, 2):
        if frozenset((a.code, b.code)) in rejected or not allowed(a, b, constraint):
            continue
        size = size_match(a, b)
        score = complementarity(a, b, themes)
        # +1 so that even two identical self-scans can be paired (maxcardinality needs an edge).
        weight = COMPLEMENTARITY_FACTOR * score + SIZE_POINTS[size] + 1
        pairs[(a.code, b.code)] = ProposedPair(a, b, score, size, weight, reasons(a, b, themes))
        graph.add_edge(a.code, b.code, weight=weight)
    matching = nx.max_weight_matching(graph, maxcardinality=True, weight="weight")
    chosen = sorted(tuple(sorted(edge)) for edge in matching)
    matched = {code for edge in chosen for code in edge}
    return Proposal(
        pairs=tuple(pairs[edge] for edge in chosen),
        left_out=tuple(by_code[code] for code in by_code if code not in matched),
        constraint=constraint,
    )


def scheduled_municipality_ids(session: DbSession, round_: Round) -> set[int]:
    """Municipalities already in an active conversation of the round."""
    return set(session.scalars(
        select(conversation_municipality.c.municipality_id)
        .join(Conversation, Conversation.id == conversation_municipality.c.conversation_id)
        .where(Conversation.round_id == round_.id, Conversation.status.in_(ACTIVE))))


def rejected_pairs(session: DbSession, round_: Round) -> set[frozenset[str]]:
    codes = {m.id: m.code for m in session.scalars(select(Municipality))}
    rows = session.scalars(select(PairRejection).where(PairRejection.round_id == round_.id))
    return {frozenset((codes[r.first_id], codes[r.second_id])) for r in rows}


def candidates_for(session: DbSession, round_: Round) -> list[Candidate]:
    """Enrolled municipalities of the round that are not yet in a conversation."""
    busy = scheduled_municipality_ids(session, round_)
    return [
        Candidate(code=e.municipality.code, name=e.municipality.name, scores=e.score_by_theme(),
                  population=e.municipality.population, province=e.municipality.province,
                  safety_region_code=e.municipality.safety_region_code, id=e.municipality.id)
        for e in enrolments(session, round_) if e.municipality.id not in busy
    ]


def suggest_pairs(session: DbSession, round_: Round, constraint: str = "geen") -> Proposal:
    return propose_pairs(candidates_for(session, round_), [t.number for t in round_.themes],
                         constraint, rejected_pairs(session, round_))


def reject_pair(session: DbSession, round_: Round, first: Municipality, second: Municipality,
                actor: str) -> PairRejection:
    low, high = sorted((first.id, second.id))
    existing = session.scalar(select(PairRejection).where(
        PairRejection.round_id == round_.id, PairRejection.first_id == low, PairRejection.second_id == high))
    if existing is not None:
        return existing
    rejection = PairRejection(round_id=round_.id, first_id=low, second_id=high, rejected_by=actor)
    session.add(rejection)
    session.flush()
    return rejection


def clear_rejections(session: DbSession, round_: Round) -> int:
    rows = list(session.scalars(select(PairRejection).where(PairRejection.round_id == round_.id)))
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


def accept_pair(session: DbSession, round_: Round, first: Municipality, second: Municipality,
                actor: str) -> Conversation:
    """A proposed pair becomes a conversation without a date yet (validated like any other), with
    the burgemeester, CISO and adviseur OOV of both from the contacts register."""
    return accept_pairs(session, round_, [(first, second)], actor)[0]


def accept_pairs(session: DbSession, round_: Round, pairs: list[tuple[Municipality, Municipality]],
                 actor: str) -> list[Conversation]:
    """Accept several proposed pairs at once. One that fails raises ValidationFailed naming the
    pair (the caller rolls back, so nothing is half-accepted)."""
    contacts = contacts_of(session, {m.id for pair in pairs for m in pair})
    saved = []
    for first, second in pairs:
        data = ConversationInput(municipalities=[first, second],
                                 participants=register_participants([first, second], contacts))
        try:
            saved.append(save_conversation(session, round_, data, actor))
        except ValidationFailed as failed:
            title = f"{first.name} – {second.name}"
            raise ValidationFailed([Problem(p.code, p.field, {**p.params, "title": title})
                                    for p in failed.problems]) from None
    return saved
