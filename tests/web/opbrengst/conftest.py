"""Web tests of the opbrengst: the demo round (four held conversations with answers and marks)."""
import pytest
from sqlalchemy import select

from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Answer, Mark
from visitatie.opbrengst import curation, publication

PUBLIC_ENDPOINTS = ("opbrengst.list_publications", "opbrengst.show_publication", "opbrengst.show_publication_version",
                    "opbrengst.download_publication_pdf")


def demo_mark(app, question_id: str, kind: str) -> int:
    """The id of the first demo mark of a kind on a question."""
    with app.app_context():
        return db.session.scalar(select(Mark.id).join(Answer, Answer.id == Mark.answer_id).where(
            Answer.question_id == question_id, Mark.kind == kind).order_by(Mark.id))


@pytest.fixture
def published(app, demo):
    """The demo round with a main lesson, published once (version 1)."""
    with app.app_context():
        from visitatie.models import Round

        round_ = db.session.get(Round, demo)
        curation.save_round_curation(db.session, round_, curation.RoundCurationInput(
            "", "Digitale veiligheid is chefsache.", ""), "Anna", 0)
        publication.publish(db.session, current_guides(), round_, "Anna")
    return demo
