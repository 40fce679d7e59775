"""Workbook and YAML round-trips of a guide version: lossless, all-or-nothing, and every problem
with its sheet, row and column."""
import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.web.guides.ondermijning import make_ondermijning, stored_version, version_id_of
from visitatie.extensions import db
from visitatie.guides.diff import changed_questions
from visitatie.guides.documents import build_set, set_content
from visitatie.guides.model import load_guides
from visitatie.models.guide_versions import GuideVersion

REPO = Path(__file__).resolve().parents[3]
SHIPPED = 1


def _upload(client, content: bytes, name: str, set_id: int = 1):
    return client.post(f"/leidraden/{set_id}/importeren", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def _without_sources(guides):
    """A GuideSet's content without where it was read from and without its version number."""
    return ([dataclasses.replace(g, source="", version="") for g in guides],
            [dataclasses.replace(m, source="", version="", lines={}) for m in guides.maturity])


def _versions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(GuideVersion))


def test_yaml_to_database_to_workbook_to_database_to_yaml_is_lossless(app, client, auth, tmp_path):
    auth.as_projectleider()
    workbook = client.get(f"/leidraden/versies/{SHIPPED}/leidraad.xlsx")
    assert workbook.status_code == 200 and workbook.mimetype.endswith("spreadsheetml.sheet")
    assert load_workbook(io.BytesIO(workbook.data)).sheetnames == ["thema's", "vragen", "keuzes", "volwassenheid",
                                                                   "checklist"]
    response = _upload(client, workbook.data, "leidraad.xlsx")
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    imported = stored_version(app, version_id_of(response))
    assert imported.status == "concept"
    files = client.get(f"/leidraden/versies/{imported.id}/leidraad.zip")
    zipfile.ZipFile(io.BytesIO(files.data)).extractall(tmp_path / "interview_guides")
    again = load_guides(tmp_path / "interview_guides")  # the loader of interview_guides/ itself
    shipped = load_guides(REPO / "interview_guides")
    assert _without_sources(again) == _without_sources(shipped)
    assert {g.version for g in again} == {imported.number}
    # ... and the YAML files go back in as they came out.
    response = _upload(client, files.data, "leidraad.zip")
    assert response.status_code == 302
    assert stored_version(app, version_id_of(response)).content["guides"][0]["questions"] == \
        imported.content["guides"][0]["questions"]


def test_a_new_topic_round_trips_through_the_workbook(app, client, auth):
    auth.as_projectleider()
    version = stored_version(app, make_ondermijning(client, app))
    workbook = client.get(f"/leidraden/versies/{version.id}/leidraad.xlsx").data
    response = _upload(client, workbook, "ondermijning.xlsx", set_id=version.guide_set_id)
    assert response.status_code == 302
    copy = stored_version(app, version_id_of(response))
    assert _without_sources(build_set(copy.content)) == _without_sources(build_set(version.content))


def _edited(data: bytes, edit) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    edit(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.mark.parametrize("edit, problems", [
    (lambda wb: wb["vragen"].__setitem__("C3", "schaal"),
     ["blad 'vragen', rij 3, kolom C (type): waarde 'schaal' is niet toegestaan; kies uit open, scale, "
      "ja_nee_deels, multiple_choice"]),
    (lambda wb: wb["vragen"].__setitem__("D4", None),
     ["blad 'vragen', rij 4, kolom D (tekst): verplicht veld ontbreekt ('text')"]),
    (lambda wb: (wb["keuzes"].__setitem__("A2", "leiderschap.bestaat_niet"),
                 wb["thema's"].__setitem__("B3", "twee"), wb["vragen"].__setitem__("D2", "=HYPERLINK(\"x\")")),
     ["blad 'thema's', rij 3, kolom B (nummer): verwacht een geheel getal, gevonden 'twee'",
      "blad 'vragen', rij 2, kolom D (tekst): een formule is hier niet toegestaan; typ de tekst zelf",
      "blad 'keuzes', rij 2, kolom A (vraag): onbekende vraag 'leiderschap.bestaat_niet'; ze staat niet in blad "
      "'vragen'"]),
    (lambda wb: wb.remove(wb["checklist"]), ["blad 'checklist': dit blad ontbreekt"]),
    (lambda wb: wb["volwassenheid"].__setitem__("B3", 7),
     ["blad 'volwassenheid', rij 3, kolom B (niveau): maximum 5 niet gehaald: 7 is greater than the maximum of 5"]),
])
def test_a_malformed_workbook_is_refused_whole_with_sheet_row_and_column(app, client, auth, edit, problems):
    auth.as_projectleider()
    workbook = client.get(f"/leidraden/versies/{SHIPPED}/leidraad.xlsx").data
    before = _versions(app)
    response = _upload(client, _edited(workbook, edit), "leidraad.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Er is niets ingelezen." in page
    for problem in problems:
        assert problem.replace("'", "&#39;") in page
    assert _versions(app) == before


def test_a_file_that_is_no_workbook_or_a_broken_yaml_file_is_refused(app, client, auth):
    auth.as_projectleider()
    response = _upload(client, b"geen werkmap", "leidraad.xlsx")
    assert response.status_code == 400 and "geen Excel-werkmap (.xlsx)" in response.get_data(as_text=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("01-thema.yaml", "version: 2024.1\ntheme: [\n")
    response = _upload(client, out.getvalue(), "leidraad.zip")
    assert response.status_code == 400
    assert "01-thema.yaml:3: (bestand): geen geldige YAML" in response.get_data(as_text=True)


def test_changed_questions_are_found_by_id_across_versions():
    shipped = load_guides(REPO / "interview_guides")
    content = set_content(shipped, "2025.1")
    content["guides"][0]["questions"][0]["text"] = "Wie is bestuurlijk eigenaar van de digitale veiligheid?"
    changed = build_set(content)
    ids = [q.id for g in shipped for q in g.questions]
    assert changed_questions(ids, [shipped, changed]) == {"leiderschap.eigenaarschap"}
    assert changed_questions(ids, [shipped, shipped]) == set()
