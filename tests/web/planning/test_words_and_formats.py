"""Words and formats a project leader reads (issue 14, point 9): the history in Dutch words and
dates, a visitatieronde that speaks of visits, no developer command on the pairing page, the
introduction's paragraphs whatever line ends the browser sent, plurals that agree."""
import re

from tests.factories import round_
from visitatie.conversations.finalising import finalise
from visitatie.extensions import db
from visitatie.models import Conversation
from visitatie.text_input import paragraphs

from .conftest import conversation_form


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def history(page: str) -> str:
    return page.split('id="history-heading"', 1)[1].split("</table>", 1)[0]


def test_the_history_says_what_happened_in_words_and_dates_people_write(app, client, auth, round_id):
    auth.as_projectleider()
    created = client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form())
    conversation_id = int(created.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        conversation = db.session.get(Conversation, conversation_id)
        conversation.status = "gehouden"
        finalise(db.session, conversation, "Test Projectleider")
    rows = re.sub(r"<[^>]+>", " ", history(text(client.get(f"/planning/gesprekken/{conversation_id}"))))
    rows = re.sub(r"\s+", " ", rows)
    assert "15 april 2025, 14.00 uur (120 minuten)" in rows
    assert "verslag vastgesteld" in rows
    assert "finalise" not in rows and "2025-04-15T" not in rows and "(120 min)" not in rows


def test_a_visitatieronde_speaks_of_visits(app, client, auth):
    auth.as_projectleider()
    with app.app_context():
        round_id = round_(db.session, kind="visitatieronde", status="concept").id
        db.session.commit()
    assert "Nieuwe visitatie" in text(client.get(f"/rondes/{round_id}"))
    form = text(client.get(f"/planning/rondes/{round_id}/gesprekken/nieuw"))
    assert "<h1 class=\"utrecht-heading-1\">Nieuwe visitatie</h1>" in form and "Nieuw gesprek" not in form


def test_the_pairing_page_shows_no_developer_command(client, auth, round_id):
    auth.as_projectleider()
    page = text(client.get(f"/planning/rondes/{round_id}/voorstel"))
    assert "Koppelvoorstel" in page and "flask --app" not in page and "suggest-pairs" not in page


def test_paragraphs_split_whatever_the_line_ends():
    typed = "Eerste alinea,\r\nnog steeds de eerste.\r\n\r\nTweede alinea.\r\r\rDerde.\n \nVierde."
    assert paragraphs(typed) == ["Eerste alinea,\nnog steeds de eerste.", "Tweede alinea.", "Derde.", "Vierde."]
    assert paragraphs(None) == [] and paragraphs("\r\n\r\n") == []
