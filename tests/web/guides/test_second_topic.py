"""A second topic end to end: "Ondermijning" (fictional, two themes) is made in the guide editor,
chosen by a round, and used for invitations, answers, the published opbrengst and the Word report,
with six municipalities in three conversations. Nothing in the code may assume the five
digital-security themes."""
import io
import zipfile

import docx
from sqlalchemy import select

from tests.conftest import redeem
from tests.web.guides.ondermijning import make_ondermijning, stored_version
from tests.web.planning.conftest import conversation_form
from visitatie.extensions import db
from visitatie.guides.registry import round_guides
from visitatie.models import Answer, Conversation, Round
from visitatie.opbrengst.publication import latest

PAIRS = [  # (municipality, mayor), two per conversation, on three days
    (("GM0392", "Haarlem", "Hanna Haarlem"), ("GM0935", "Maastricht", "Mark Maastricht"), "2025-04-15"),
    (("GM0503", "Delft", "Dirk Delft"), ("GM0828", "Oss", "Olga Oss"), "2025-04-22"),
    (("GM0080", "Leeuwarden", "Lotte Leeuwarden"), ("GM0148", "Dalfsen", "Daan Dalfsen"), "2025-05-06"),
]
MELDPUNT = {"Haarlem": "ja", "Maastricht": "ja", "Delft": "deels", "Oss": "nee", "Leeuwarden": "ja", "Dalfsen": "nee"}


def _email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@example.org"


def _document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def _plan_round(client, app, number: str) -> int:
    response = client.post("/rondes/nieuw", data={
        "kind": "gespreksronde", "title": "Gespreksronde ondermijning 2025", "period_start": "2025-03-01",
        "period_end": "2025-06-30", "themes": ["1", "2"], "guide_version": f"ondermijning/{number}",
        "status": "lopend"})
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    round_id = int(response.headers["Location"].rsplit("/", 1)[1])
    for (code_a, town_a, mayor_a), (code_b, town_b, mayor_b), day in PAIRS:
        response = client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form(
            municipality_1=code_a, municipality_2=code_b, day=day, place=f"Stadhuis {town_a}",
            **{"participants-0-name": mayor_a, "participants-0-email": _email(mayor_a),
               "participants-0-role": "burgemeester", "participants-0-municipality": town_a,
               "participants-1-name": mayor_b, "participants-1-email": _email(mayor_b),
               "participants-1-role": "burgemeester", "participants-1-municipality": town_b}))
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    return round_id


def _letters(client, round_id: int) -> dict[str, str]:
    response = client.post(f"/planning/rondes/{round_id}/uitnodigingen", data={"scope": "ontbrekend"})
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".txt")}


def _answer(app, token: str, conversation_id: int, municipality_id: int, town: str) -> None:
    participant = app.test_client()
    assert redeem(participant, token).status_code == 302
    page = participant.get(f"/gesprekken/{conversation_id}/thema/1").get_data(as_text=True)
    assert "Hebben medewerkers een plek om signalen te melden?" in page
    assert "Leiderschap" not in page  # the shipped digital-security guide is nowhere
    key = lambda qid: f"answer-{municipality_id}-{qid}"  # noqa: E731
    version = lambda qid: f"version-{municipality_id}-{qid}"  # noqa: E731
    first = {key("signalen.meldpunt"): MELDPUNT[town], version("signalen.meldpunt"): "0",
             key("signalen.bewustzijn"): "4" if MELDPUNT[town] == "ja" else "2", version("signalen.bewustzijn"): "0",
             "next_theme": "2"}
    if MELDPUNT[town] != "nee":
        first |= {key("signalen.kanalen"): ["loket", "recherche"], version("signalen.kanalen"): "0"}
    response = participant.post(f"/gesprekken/{conversation_id}/thema/1", data=first)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    assert response.headers["Location"].endswith("/thema/2")
    response = participant.post(f"/gesprekken/{conversation_id}/thema/2", data={
        key("samenwerking.driehoek"): f"In {town} staat ondermijning elke maand op de agenda.",
        version("samenwerking.driehoek"): "0", key("samenwerking.riec"): "ja", version("samenwerking.riec"): "0"})
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]


def test_ondermijning_from_editor_to_word_report(client, app, auth):
    auth.as_projectleider()
    version = stored_version(app, make_ondermijning(client, app))
    # The round form offers the frozen version; the round takes its two themes.
    assert f"Ondermijning {version.number}" in client.get("/rondes/nieuw").get_data(as_text=True)
    round_id = _plan_round(client, app, version.number)
    with app.app_context():
        round_ = db.session.get(Round, round_id)
        assert (round_.guide_set, round_.guide_version) == ("ondermijning", version.number)
        assert [g.title for g in round_guides(round_)] == ["Signalen van ondermijning herkennen",
                                                          "Samenwerken in de driehoek"]
        held = db.session.scalars(select(Conversation).where(Conversation.round_id == round_id)).all()
        towns = {m.name: (c.id, m.id) for c in held for m in c.municipalities}
        conversation_ids = [c.id for c in held]
    assert len(conversation_ids) == 3 and len(towns) == 6

    # Invitations: the letter names the topic, not digital security.
    letters = _letters(client, round_id)
    assert len(letters) == 9  # two mayors and the gespreksleider in each of three conversations
    tokens = {}
    for body in letters.values():
        assert "over Ondermijning" in body and "digitale veiligheid" not in body
        name = next(line for line in body.splitlines() if line.startswith("Beste ")).removeprefix("Beste ").rstrip(",")
        tokens[name] = next(line for line in body.splitlines() if "/uitnodiging/" in line).rsplit("/", 1)[1]

    # Answers: each mayor answers for their own municipality on the Ondermijning pages.
    for first, second, _day in PAIRS:
        for _code, town, mayor in (first, second):
            _answer(app, tokens[mayor], *towns[town], town)
    with app.app_context():
        stored = db.session.scalars(select(Answer).join(Conversation).where(Conversation.round_id == round_id)).all()
        assert {a.guide_version for a in stored} == {version.number}
        assert len(stored) == 6 * 4 + 4  # four answers each, and the channels where there is a meldpunt
        for conversation_id in conversation_ids:
            client.post(f"/planning/gesprekken/{conversation_id}/status", data={
                "status": "gehouden", "version": str(db.session.get(Conversation, conversation_id).version)})
        assert {c.status for c in db.session.scalars(select(Conversation).where(Conversation.round_id == round_id))} \
            == {"gehouden"}

    # The opbrengst: figures per Ondermijning theme, published as a snapshot.
    figures = client.get(f"/rondes/{round_id}/opbrengst/cijfers").get_data(as_text=True)
    assert "Signalen van ondermijning herkennen" in figures and "Leiderschap" not in figures
    response = client.post(f"/rondes/{round_id}/opbrengst", data={
        "main_lesson": "Signalen van ondermijning verdienen een vaste plek.", "version": "0"})
    assert response.status_code == 302
    response = client.post(f"/rondes/{round_id}/opbrengst/publiceren", data={"bevestigd": "ja"})
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    with app.app_context():
        snapshot = latest(db.session, round_id).snapshot
    assert [t["title"] for t in snapshot["themes"]] == ["Signalen van ondermijning herkennen",
                                                        "Samenwerken in de driehoek"]
    assert snapshot["methodology"]["conversations"] == 3 and snapshot["methodology"]["municipalities"] == 6
    assert "Signalen van ondermijning herkennen" in client.get(f"/opbrengst/{round_id}").get_data(as_text=True)

    # The Word report reads like the yield pages, for this topic.
    report = client.get(f"/rondes/{round_id}/opbrengst/rapport.docx")
    assert report.status_code == 200
    text = _document_text(report.data)
    assert "Signalen van ondermijning herkennen" in text and "Samenwerken in de driehoek" in text
    assert "Signalen van ondermijning verdienen een vaste plek." in text
    assert "Leiderschap en professionalisering" not in text
