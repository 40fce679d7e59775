"""Every injection payload in every free-text field, then every spreadsheet and CSV the app
writes opened: no formula cell from user text in any xlsx, no unsafe first character in any CSV
cell, no XML-illegal character anywhere, and each payload is there as plain text."""
import csv
import io
import zipfile
from datetime import datetime, timezone

import openpyxl
import pytest
from sqlalchemy import select

from visitatie.conversations.marks import text_hash
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Answer, Conversation, Mark, Participation, Round
from visitatie.opbrengst import curation, publication
from visitatie.scheduling import issue_letters, letters_zip
from visitatie.spreadsheets import FORMULA_STARTS
from visitatie.text_input import XML_ILLEGAL

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+1", "-1", "@SUM(1)", "\t=1+1", "\r=1+1", "\x00\x0b\uffff"]


def fill_every_field(app, client, round_id: int, payload: str) -> dict:
    """The payload at the start of every free-text field that reaches a spreadsheet or CSV."""
    with app.app_context():
        guides = current_guides()
        conversation = db.session.scalars(select(Conversation).where(
            Conversation.round_id == round_id, Conversation.status.in_(("gepland", "gehouden")))).first()
        ids = {"conversation": conversation.id, "municipality": conversation.municipalities[0].id}
    open_questions = [q.id for q in guides.by_number(1).questions if q.type == "open" and q.condition is None]
    for question in open_questions:  # the autosave JSON, as the browser sends it
        version = 0
        with app.app_context():
            version = db.session.scalar(select(Answer.version).where(
                Answer.conversation_id == ids["conversation"], Answer.municipality_id == ids["municipality"],
                Answer.question_id == question)) or 0
        response = client.post(f"/gesprekken/{ids['conversation']}/antwoord", json={
            "municipality": ids["municipality"], "question": question, "value": f"{payload} antwoord",
            "version": version})
        assert response.status_code == 200, response.get_json()
    response = client.post(f"/rondes/{round_id}/opbrengst", data={
        "title": f"{payload} titel", "main_lesson": f"{payload} hoofdles", "introduction": f"{payload} inleiding",
        "version": "0"})
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    with app.app_context():
        session = db.session
        round_ = session.get(Round, round_id)
        round_.title = f"{payload} ronde"
        conversation = session.get(Conversation, ids["conversation"])
        conversation.place = f"{payload} plaats"
        for participation in session.scalars(select(Participation).where(
                Participation.conversation_id == conversation.id)):
            participation.person.name = f"{payload} persoon {participation.id}"
            participation.person.function = f"{payload} functie"
        answer = session.scalar(select(Answer).where(Answer.conversation_id == conversation.id,
                                                     Answer.question_id == open_questions[0],
                                                     Answer.municipality_id == ids["municipality"]))
        # The whole answer as quote, with the speaker's consent bound to its words (opbrengst/consent.py).
        quote = Mark(answer_id=answer.id, kind="citaat", consent="met_naam", consented_text=answer.value,
                     consented_hash=text_hash(answer.value),
                     speaker_name=f"{payload} spreker", speaker_function=f"{payload} functie", created_by="Anna")
        lesson = Mark(answer_id=answer.id, kind="les", passage=f"{payload} les", created_by="Anna")
        session.add_all([quote, lesson])
        session.commit()
        curation.save_theme_curation(session, guides, round_, 1, curation.ThemeCurationInput(
            recommendation=f"{payload} aanbeveling", findings=(f"{payload} bevinding",), quote_mark_id=quote.id,
            practice_municipality=f"{payload} gemeente", practice_title=f"{payload} voorbeeld",
            practice_consent=True), "Anna", 0)
        curation.add_lesson(session, guides, round_, 1, f"{payload} samengestelde les", [lesson.id], "Anna")
        publication.publish(session, guides, round_, "Anna")
        letters = issue_letters(session, conversation.participations, base_url="http://localhost",
                                days_valid=30, page_url=lambda c: "http://localhost/x", guide_url="http://localhost/g",
                                now=datetime.now(timezone.utc))
        session.commit()
        return {"samenvoegen.zip": letters_zip(letters)}


def spreadsheets(client, round_id: int, extra: dict) -> tuple[dict, dict]:
    """(xlsx name -> bytes, csv name -> (bytes, delimiter)) of every export."""
    xlsx, csvs = {}, {}
    for url in (f"/rondes/{round_id}/opbrengst/export.xlsx", f"/rondes/{round_id}/opbrengst/openbare-cijfers.xlsx",
                f"/planning/rondes/{round_id}/planning.xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        xlsx[url] = response.data
    for url in (f"/rondes/{round_id}/opbrengst/export.zip", f"/rondes/{round_id}/opbrengst/openbare-cijfers.zip"):
        for suffix, delimiter in (("", ";"), ("?scheiding=internationaal", ",")):
            archive = zipfile.ZipFile(io.BytesIO(client.get(url + suffix).data))
            csvs.update({f"{url}{suffix}:{name}": (archive.read(name), delimiter) for name in archive.namelist()})
    for suffix, delimiter in (("", ";"), ("?scheiding=internationaal", ",")):
        csvs[f"planning.csv{suffix}"] = (client.get(f"/planning/rondes/{round_id}/planning.csv{suffix}").data,
                                         delimiter)
    letters = zipfile.ZipFile(io.BytesIO(extra["samenvoegen.zip"]))
    csvs["samenvoegen.csv"] = (letters.read("samenvoegen.csv"), ";")
    return xlsx, csvs


@pytest.mark.parametrize("payload", PAYLOADS, ids=["hyperlink", "plus", "minus", "at", "tab", "cr", "controls"])
def test_every_payload_in_every_field_leaves_as_text(app, client, auth, demo, payload):
    auth.as_projectleider()
    extra = fill_every_field(app, client, demo, payload)
    with app.app_context():  # stored without the characters XML 1.0 forbids, the rest kept
        values = db.session.scalars(select(Answer.value).where(Answer.value.like("%antwoord"))).all()
        assert values and all(not XML_ILLEGAL.search(v) for v in values)
    visible = XML_ILLEGAL.sub("", payload).strip()
    xlsx, csvs = spreadsheets(client, demo, extra)
    texts = []
    for name, content in xlsx.items():
        book = openpyxl.load_workbook(io.BytesIO(content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (name, sheet.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not XML_ILLEGAL.search(cell.value), (name, cell.coordinate)
                        texts.append(cell.value.strip())
    if visible:
        assert any(t.startswith(f"{visible} antwoord") for t in texts)
        assert any(t.startswith(f"{visible} spreker") for t in texts)  # the public quote's speaker, as text
    cells = {}
    for name, (content, delimiter) in csvs.items():
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter))
        assert len(rows[0]) > 1, name  # opens as columns
        cells[name] = [cell for row in rows for cell in row]
        for cell in cells[name]:
            assert not cell.startswith(FORMULA_STARTS), (name, cell)
            assert not XML_ILLEGAL.search(cell), (name, cell)
    if visible:  # there, as text: with a leading ' where the first character could start a formula
        def shown(cell: str) -> bool:
            return cell.startswith("'") and cell[1:].strip().startswith(visible)
        for name in (f"/rondes/{demo}/opbrengst/export.zip:antwoorden.csv",
                     f"/rondes/{demo}/opbrengst/openbare-cijfers.zip?scheiding=internationaal:lessen.csv",
                     "planning.csv", "samenvoegen.csv"):
            assert any(shown(cell) for cell in cells[name]), name
