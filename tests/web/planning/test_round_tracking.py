"""The round dashboard follows each conversation: answers given of those expected (the numbers the
gespreksleider sees on the conversation's own page) and, per participant, whether their link was opened."""
import io
import re
import zipfile

from visitatie.conversations.answers import Change, save_answer
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation, Municipality

from .conftest import conversation_form


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def _links(response) -> dict[str, str]:
    """{letter file name: personal link} from the batch zip."""
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return {name: next(line for line in archive.read(name).decode().splitlines() if "/uitnodiging/" in line)
            for name in archive.namelist() if name.endswith(".txt")}


def test_the_dashboard_shows_answer_progress_and_opened_links(app, client, auth, round_id):
    auth.as_projectleider()
    created = client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form())
    conversation_id = int(created.headers["Location"].rsplit("/", 1)[1])
    before = _text(client.get(f"/rondes/{round_id}"))
    assert "Link geopend" in before and "Pieter Dekker: nog geen link" in before
    links = _links(client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "alle"}))
    assert "Pieter Dekker: nog niet geopend" in _text(client.get(f"/rondes/{round_id}"))
    with app.app_context():
        guides = current_guides()
        conversation = db.session.get(Conversation, conversation_id)
        haarlem = db.session.query(Municipality).filter_by(name="Haarlem").one()
        save_answer(db.session, conversation, haarlem.id,
                    Change(guides.question("leiderschap.eigenaarschap"), "De burgemeester.", 0), "Test", guides)
        db.session.commit()
    # The gespreksleider opens the link and sees the whole conversation's progress on its page.
    leader = app.test_client()
    token = next(link for name, link in links.items() if "pieter-dekker" in name).rsplit("/", 1)[1]
    assert leader.post("/uitnodiging", data={"token": token}).status_code == 302
    own = re.search(r"Hele gesprek:</strong> <span data-progress-text>(\d+) van (\d+) antwoorden",
                    _text(leader.get(f"/gesprekken/{conversation_id}")))
    answered, total = own.groups()
    assert answered == "1" and int(total) > 1
    page = _text(client.get(f"/rondes/{round_id}"))
    assert f"<td class=\"utrecht-table__cell\">{answered} van {total}</td>" in page
    assert "1 van 2<span class=\"visually-hidden\"> deelnemers hebben hun link geopend: Haarlem – Maastricht" in page
    assert "Pieter Dekker: geopend, laatst op" in page and "Jos Wiersma: nog niet geopend" in page
    # Opened stays opened after the link is replaced (the redemption is on the old link).
    with app.app_context():
        participation_id = db.session.get(Conversation, conversation_id).gespreksleider.id
    client.post(f"/planning/deelnames/{participation_id}/uitnodiging", data={"bevestigd": "ja"})
    assert "Pieter Dekker: geopend, laatst op" in _text(client.get(f"/rondes/{round_id}"))
