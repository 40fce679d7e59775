"""Recording answers: reading them per conversation, saving with version checks, finalising."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Answer, Conversation


def answers_by_question(session: Session, conversation: Conversation) -> dict[tuple[int, str], Answer]:
    """The conversation's answers keyed by (municipality id, question id)."""
    rows = session.scalars(select(Answer).where(Answer.conversation_id == conversation.id))
    return {(a.municipality_id, a.question_id): a for a in rows}
