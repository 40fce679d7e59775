"""A participant's own guide as a PDF: from their conversation page, with the answers of the
municipality they answer for only, under the same permission check as every page of the
conversation; confidential, so the download is logged. The public booklets need no sign-in."""
import shutil
import subprocess

import pytest
from sqlalchemy import select

from tests.pdf_checks import assert_accessible
from visitatie.conversations.answers import Change, save_answer
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation
from visitatie.models.security import SecurityEvent

from .conftest import OPEN

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils ontbreekt (make pdf-tools)")


def _text(pdf: bytes, tmp_path) -> str:
    (tmp_path / "g.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", str(tmp_path / "g.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def answered(app, world):
    with app.app_context():
        guides = current_guides()
        conversation = db.session.get(Conversation, world.a)
        question = guides.question(OPEN)
        save_answer(db.session, conversation, world.haarlem, Change(question, "Haarlem: de burgemeester.", 0), "T",
                    guides)
        save_answer(db.session, conversation, world.maastricht, Change(question, "Maastricht: niemand.", 0), "T",
                    guides)
        db.session.commit()


def test_the_mayor_gets_the_guide_with_the_answers_of_haarlem_only(client, sign_in, world, answered, tmp_path):
    sign_in(world.mayor)
    assert "leidraad.pdf" in client.get(f"/gesprekken/{world.a}").text
    response = client.get(f"/gesprekken/{world.a}/leidraad.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert_accessible(response.data, "Gespreksleidraad Haarlem – Maastricht")
    text = _text(response.data, tmp_path)
    assert "Vertrouwelijk" in text and "Haarlem: de burgemeester." in text
    assert "Maastricht: niemand." not in text  # the other municipality's answers are not theirs
    assert "nog niet beantwoord" in text


def test_the_gespreksleider_gets_both_municipalities_and_the_download_is_logged(app, client, sign_in, world,
                                                                                 answered, tmp_path):
    sign_in(world.leader)
    text = _text(client.get(f"/gesprekken/{world.a}/leidraad.pdf").data, tmp_path)
    assert "Haarlem: de burgemeester." in text and "Maastricht: niemand." in text
    with app.app_context():
        event = db.session.scalars(select(SecurityEvent).where(SecurityEvent.kind == "export")).all()[-1]
        assert event.detail == f"gespreksleidraad-gesprek-{world.a}.pdf" and event.actor == f"deelnemer {world.leader}"


def test_another_conversation_and_a_reader_without_answers_get_nothing(client, sign_in, world):
    sign_in(world.other_mayor)
    assert client.get(f"/gesprekken/{world.a}/leidraad.pdf").status_code == 404
    assert client.get(f"/gesprekken/{world.b}/leidraad.pdf").status_code == 200


def test_the_public_booklets(client, tmp_path):
    whole = client.get("/themas/pdf")
    assert whole.status_code == 200 and whole.mimetype == "application/pdf"
    assert_accessible(whole.data, "Gespreksleidraad digitale veiligheid")
    one = client.get("/themas/eigen-huis/pdf")
    assert one.headers["Content-Disposition"] == 'attachment; filename="gespreksleidraad-eigen-huis.pdf"'
    text = _text(one.data, tmp_path)
    assert "Eigen huis op orde" in text and "Vertrouwelijk" not in text
    assert "Leiderschap en professionalisering" not in text
    assert client.get("/themas/bestaat-niet/pdf").status_code == 404
