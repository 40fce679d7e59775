"""The year-over-year comparison across guide versions: questions are matched by id, and where the
second round's version words a question differently, the figures page and the confidential Excel
export both say "vraag gewijzigd"."""
import io
from datetime import date, datetime, timezone

import lxml.html
import pandas as pd
from sqlalchemy import select

from tests.factories import answer, conversation, round_
from tests.web.guides.ondermijning import stored_version
from tests.web.guides.test_guide_editor import _copy, _form_of
from visitatie.extensions import db
from visitatie.models import Municipality

REWORDED = "leiderschap.ivp"


def _second_round(app, client, demo: int) -> int:
    """A 2025 round on a copy of the shipped guide in which one question got a typo fix."""
    copy = _copy(client)
    url = f"/leidraden/versies/{copy}/themas/0/vragen/2"
    shown = _form_of(client, url)
    assert shown["id"] == REWORDED
    assert client.post(url, data=shown | {"text": shown["text"].replace("?", " ?")}).status_code == 302
    assert client.post(f"/leidraden/versies/{copy}/vaststellen").status_code == 302
    number = stored_version(app, copy).number
    with app.app_context():
        later = round_(db.session, period_start=date(2025, 1, 6), period_end=date(2025, 6, 27), guide_version=number)
        towns = db.session.scalars(select(Municipality).where(Municipality.name.in_(["Haarlem", "Delft"]))).all()
        talk = conversation(db.session, later, towns, status="gehouden",
                            starts_at=datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc))
        for town in towns:
            for question_id, value in ((REWORDED, "ja"), ("leiderschap.uitvoering", "4")):
                answer(db.session, talk, town, question_id, value, guide_version=number)
        db.session.commit()
        return later.id


def test_figures_page_and_excel_export_say_vraag_gewijzigd(app, client, auth, demo):
    auth.as_projectleider()
    later = _second_round(app, client, demo)
    both = f"ronde={demo}&ronde={later}"
    page = lxml.html.fromstring(client.get(f"/rondes/{later}/opbrengst/cijfers?{both}").get_data(as_text=True))
    marked = {row.text_content().split("(vraag gewijzigd)")[0].strip()
              for row in page.xpath("//th[span[@class='question-changed']]")}
    assert len(marked) == 1
    response = client.get(f"/rondes/{later}/opbrengst/export.xlsx?{both}")
    assert response.status_code == 200
    sheet = pd.read_excel(io.BytesIO(response.data), sheet_name="Jaarvergelijking", keep_default_na=False)
    remarks = {question: set(rows["Opmerking"]) for question, rows in sheet.groupby("Vraagcode")}
    assert remarks[REWORDED] == {"vraag gewijzigd"}
    assert remarks["leiderschap.uitvoering"] == {""}
    assert {q for q, values in remarks.items() if values != {""}} == {REWORDED}
    # The page marks the same question (in either wording).
    assert {text.replace(" ?", "?") for text in marked} == {
        text.replace(" ?", "?") for text in sheet[sheet["Vraagcode"] == REWORDED]["Vraag"]}
