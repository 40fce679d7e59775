"""What makes a conversation a visit: the host, the committee, the date, the Visit row and the
link to the host's previous visit. No Flask: views, commands and tests call these directly."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TypeGuard, TypeVar

from sqlalchemy import select, update

from ..conversations.answers import is_locked
from ..models import MUNICIPAL_ROLES, Conversation, Municipality, Participation, Round
from ..models.types import DbSession, rows_matched, utcnow
from ..models.visits import RECOMMENDATION_STATUSES, MaturityScore, Recommendation, Visit
from ..scheduling.inputs import in_amsterdam
from ..scheduling.loading import CONVERSATION_LOADING
from ..scheduling.validation import COMMITTEE_SIZE as COMMITTEE_SIZE  # noqa: F401  (re-exported: one rule, one place)
from ..vocabulary import ConversationStatus, RoundKind
from .errors import NotAVisit, StaleEdit, VisitLocked

VISIT_KIND = RoundKind.VISITATIERONDE
COMMITTEE_ROLES = ("commissielid", "secretaris")


def is_visit(conversation: Conversation | None) -> TypeGuard[Conversation]:
    return (conversation is not None and conversation.round.kind == VISIT_KIND
            and len(conversation.municipalities) == 1)


def require_visit(conversation: Conversation | None) -> Conversation:
    if not is_visit(conversation):
        raise NotAVisit(getattr(conversation, "id", None))
    return conversation


def require_open(conversation: Conversation) -> None:
    """Scores, findings, recommendations and the response change only until the report is final."""
    require_visit(conversation)
    if is_locked(conversation):
        raise VisitLocked(conversation.status)


def host_of(conversation: Conversation) -> Municipality:
    host: Municipality = require_visit(conversation).municipalities[0]
    return host


def committee(conversation: Conversation) -> list[Participation]:
    """The visitatiecommissie: its members first, then the secretary."""
    members = [p for p in conversation.participations if p.role in COMMITTEE_ROLES]
    return sorted(members, key=lambda p: (COMMITTEE_ROLES.index(p.role), p.person.name))


def host_participants(conversation: Conversation) -> list[Participation]:
    host = host_of(conversation)
    return [p for p in conversation.participations
            if p.role in MUNICIPAL_ROLES and p.municipality_id == host.id]


def committee_complete(conversation: Conversation) -> bool:
    members = sum(1 for p in conversation.participations if p.role == "commissielid")
    return COMMITTEE_SIZE[0] <= members <= COMMITTEE_SIZE[1]


def visit_date(conversation: Conversation) -> date | None:
    return in_amsterdam(conversation.starts_at).date() if conversation.starts_at else None


def visit_year(conversation: Conversation) -> int:
    """The year a visit counts for: its date, or the start of its round while it has none."""
    day = visit_date(conversation)
    return day.year if day else conversation.round.period_start.year


def _sort_moment(conversation: Conversation) -> date:
    return visit_date(conversation) or conversation.round.period_start


def visits_of_host(session: DbSession, municipality: Municipality) -> list[Conversation]:
    """Every visit to a municipality (not cancelled), oldest first."""
    rows = session.scalars(
        select(Conversation).join(Round).where(Round.kind == VISIT_KIND,
                                               Conversation.status != ConversationStatus.GEANNULEERD)
        .where(Conversation.municipalities.any(Municipality.id == municipality.id))
        .order_by(Conversation.id))
    visits = [c for c in rows if is_visit(c)]
    return sorted(visits, key=lambda c: (_sort_moment(c), c.id))


def find_previous(session: DbSession, conversation: Conversation) -> Conversation | None:
    """The host's latest visit before this one, in an earlier round: the one to follow up."""
    earlier = [c for c in visits_of_host(session, host_of(conversation))
               if c.id != conversation.id and c.round_id != conversation.round_id
               and _sort_moment(c) < _sort_moment(conversation)]
    return earlier[-1] if earlier else None


def visit_of(session: DbSession, conversation: Conversation) -> Visit | None:
    return session.scalar(select(Visit).where(Visit.conversation_id == conversation.id))


def _same_host(one: Conversation | None, other: Conversation) -> bool:
    return is_visit(one) and host_of(one).id == host_of(other).id


def visit_as_it_stands(session: DbSession, conversation: Conversation) -> Visit:
    """The visit for reading, writing nothing (a GET never writes): the stored row when its link to
    the host's previous visit still holds, else an unsaved row linked as ensure_visit would link it.
    The first save of anything on the visit stores it (ensure_visit)."""
    require_visit(conversation)
    visit = visit_of(session, conversation)
    if visit is not None and (visit.previous is None or _same_host(visit.previous, conversation)):
        return visit
    previous = find_previous(session, conversation)
    return Visit(conversation_id=conversation.id, previous=previous,
                 previous_conversation_id=previous.id if previous else None,
                 consent_named=visit.consent_named if visit is not None else False)


def ensure_visit(session: DbSession, conversation: Conversation) -> Visit:
    """The visit's own row, created on first use with the link to the host's previous visit.

    The link is checked again on every use: when a project leader has since changed the host (of
    this visit or of the linked one), it would show another municipality's scores and let this
    host change that municipality's recommendations, so it is made again for the host as it is now.
    """
    require_visit(conversation)
    visit = visit_of(session, conversation)
    if visit is None:
        visit = Visit(conversation_id=conversation.id)
        previous = find_previous(session, conversation)
        visit.previous_conversation_id = previous.id if previous else None
        session.add(visit)
        session.flush()
    elif visit.previous is not None and not _same_host(visit.previous, conversation):
        visit.previous = find_previous(session, conversation)
        session.flush()
    return visit


def set_consent(session: DbSession, conversation: Conversation, named: bool, actor: str,
                now: datetime | None = None) -> Visit:
    """The host's consent to be named with its committee scores in the public national picture.

    Can be given and withdrawn at any time (also after the report is final), except for a
    cancelled visit; each change records who and when.
    """
    require_visit(conversation)
    if conversation.status == ConversationStatus.GEANNULEERD:
        raise VisitLocked(conversation.status)
    visit = ensure_visit(session, conversation)
    if visit.consent_named != named:
        visit.consent_named = named
        visit.consent_changed_by, visit.consent_changed_at = actor, now or utcnow()
    session.commit()
    return visit


@dataclass(frozen=True)
class VisitRow:
    """One line of the project leaders' list of visits."""

    conversation: Conversation
    host: str
    day: date | None
    committee: int
    self_scores: int
    committee_scores: int
    recommendations: int
    open_recommendations: int

    @property
    def committee_complete(self) -> bool:
        return COMMITTEE_SIZE[0] <= self.committee <= COMMITTEE_SIZE[1]


def visit_rounds(session: DbSession) -> list[Round]:
    return list(session.scalars(select(Round).where(Round.kind == VISIT_KIND).order_by(Round.period_start.desc())))


def list_visits(session: DbSession, round_id: int | None = None) -> list[VisitRow]:
    query = select(Conversation).join(Round).where(Round.kind == VISIT_KIND).options(*CONVERSATION_LOADING)
    if round_id is not None:
        query = query.where(Conversation.round_id == round_id)
    visits = [c for c in session.scalars(query) if is_visit(c)]
    ids = [c.id for c in visits]
    # Counted per (visit, source) and (visit, status) once, not by scanning every row per visit.
    scores = Counter((cid, source) for cid, source in session.execute(
        select(MaturityScore.conversation_id, MaturityScore.source).where(MaturityScore.conversation_id.in_(ids))))
    recommendations = Counter((cid, status) for cid, status in session.execute(
        select(Recommendation.conversation_id, Recommendation.status)
        .where(Recommendation.conversation_id.in_(ids))))
    rows = []
    for c in visits:
        by_status = {status: recommendations[(c.id, status)] for status in RECOMMENDATION_STATUSES}
        rows.append(VisitRow(
            conversation=c, host=c.municipalities[0].name, day=visit_date(c),
            committee=sum(1 for p in c.participations if p.role == "commissielid"),
            self_scores=scores[(c.id, "self")], committee_scores=scores[(c.id, "committee")],
            recommendations=sum(by_status.values()),
            open_recommendations=by_status["open"] + by_status["in_uitvoering"]))
    return sorted(rows, key=lambda r: (r.day or date.max, r.host))


class Versioned(Protocol):
    """A row with optimistic locking: what versioned_update reads of it."""

    @property
    def id(self) -> int: ...

    @property
    def version(self) -> int: ...


_Row = TypeVar("_Row", bound=Versioned)


def versioned_update(session: DbSession, model: type[_Row], row: _Row, base_version: int | None,
                     values: dict[str, Any]) -> _Row:
    """UPDATE row SET values, version+1 WHERE version = base: StaleEdit when someone was first.

    The check happens in the database, so two servers cannot both win; commits on success.
    """
    if base_version is None or base_version != row.version:  # a row's version is never None
        session.rollback()  # nothing staged with this save may be written either
        raise StaleEdit(row)
    columns: Any = model  # the mapped class, whose attributes are its SQL columns
    result = session.execute(
        update(model).where(columns.id == row.id, columns.version == base_version)
        .values(**values, version=base_version + 1).execution_options(synchronize_session=False))
    if rows_matched(result) != 1:
        session.rollback()
        session.refresh(row)
        raise StaleEdit(row)
    session.commit()
    session.refresh(row)
    return row
