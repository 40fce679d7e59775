"""Loading the lists that grow with a round in a fixed number of queries.

A page that lists a round's conversations shows, for each, its municipalities and its
participants (their names and municipalities). Loaded lazily that is one query per conversation
and one per person: 1,075 statements for the dashboard of a national round of 171 conversations.
These loader options fetch each relation for all rows at once, so the count stays the same
whatever the size of the round (tests/web/test_statement_counts.py pins it).
"""
from sqlalchemy import inspect, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..models import Conversation, Participation, Round
from ..models.types import DbSession

# A participation as lists show it: the person's name, the municipality they speak for.
PARTICIPANT_LOADING = (joinedload(Participation.person), joinedload(Participation.municipality))
# A conversation as lists show it: its round, municipalities and participants.
CONVERSATION_LOADING = (
    joinedload(Conversation.round),
    selectinload(Conversation.municipalities),
    selectinload(Conversation.participations).options(*PARTICIPANT_LOADING),
)

LOADED_RELATIONS = frozenset({"round", "municipalities", "participations"})


def round_conversations(session: DbSession, round_: Round) -> list[Conversation]:
    """The round's conversations (in the order of Round.conversations) with what lists show.

    Sets Round.conversations when it was not loaded yet; when it was, the query still fills in
    the relations of the conversations already in the session that are not loaded yet. Once all
    is loaded it asks nothing more, so the functions of one page can each call it.
    """
    if "conversations" not in inspect(round_).unloaded and not any(
            inspect(c).unloaded & LOADED_RELATIONS for c in round_.conversations):
        return list(round_.conversations)
    conversations = list(session.scalars(
        select(Conversation).where(Conversation.round_id == round_.id)
        .order_by(Conversation.starts_at, Conversation.id).options(*CONVERSATION_LOADING)))
    if "conversations" in inspect(round_).unloaded:
        set_committed_value(round_, "conversations", conversations)
    return list(round_.conversations)
