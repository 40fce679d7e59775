"""Tracking a round from the dashboard: per conversation, how far the answers are (answered of
expected questions) and which participants opened their personal link.

Progress counts as the project leader sees it (every municipality, every question shown), or for a
visit the host's self-evaluation, the same numbers as the conversation's or visit's own page.
"Opened" means one of the participant's links was redeemed (Invitation.last_used_at), so it
survives a later re-issue or revocation."""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from ..conversations import answers as answer_domain
from ..guides.model import GuideSet
from ..models import Answer, Conversation, Participation, Round
from ..models.invitations import Invitation
from ..models.types import DbSession
from ..visits import host_of, is_visit, visit_guides
from .loading import round_conversations


@dataclass(frozen=True)
class LinkStatus:
    participation: Participation
    issued: bool  # a link was ever issued
    opened_at: datetime | None  # the last time one of their links was redeemed


@dataclass
class Tracking:
    progress: answer_domain.Progress
    links: list[LinkStatus] = field(default_factory=list)

    @property
    def opened(self) -> int:
        return sum(1 for link in self.links if link.opened_at is not None)


def _progress(guides: GuideSet, conversation: Conversation,
              values: dict[int, dict[str, str]]) -> answer_domain.Progress:
    if is_visit(conversation):
        return answer_domain.conversation_progress(visit_guides(guides, conversation), values,
                                                   [host_of(conversation).id])[1]
    municipality_ids, role = answer_domain.progress_scope(conversation, None)
    return answer_domain.conversation_progress(answer_domain.conversation_guides(guides, conversation), values,
                                               municipality_ids, role)[1]


def round_tracking(session: DbSession, guides: GuideSet, round_: Round) -> dict[int, Tracking]:
    """{conversation id: Tracking} for every conversation of the round (a fixed number of queries)."""
    conversations = round_conversations(session, round_)
    ids = [c.id for c in conversations]
    # {conversation id: {municipality id: {question id: value}}}: plain columns, no Answer objects
    # (a national round has some 14,000 answers; building ORM objects for them took 0.3 s).
    values: dict[int, dict[int, dict[str, str]]] = {i: {} for i in ids}
    for conversation_id, municipality_id, question_id, value in session.execute(
            select(Answer.conversation_id, Answer.municipality_id, Answer.question_id, Answer.value)
            .join(Conversation, Conversation.id == Answer.conversation_id).where(Conversation.round_id == round_.id)):
        values[conversation_id].setdefault(municipality_id, {})[question_id] = value
    opened = dict(session.execute(
        select(Invitation.participation_id, func.max(Invitation.last_used_at))
        .join(Participation, Participation.id == Invitation.participation_id)
        .where(Participation.conversation_id.in_(ids)).group_by(Invitation.participation_id)).all())
    return {c.id: Tracking(_progress(guides, c, values[c.id]), [
        LinkStatus(p, p.id in opened, opened.get(p.id))
        for p in sorted(c.participations, key=lambda p: p.person.name)]) for c in conversations}
