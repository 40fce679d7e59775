"""Editing a theme's maturity framework and checklist in the browser: the YAML loader's rules and
messages on the field, typed input kept, the concept's lock, and a frozen version that refuses a
crafted POST."""
import lxml.html
import pytest

from tests.web.guides.ondermijning import make_ondermijning, stored_version
from tests.web.guides.test_guide_editor import SHIPPED, _copy, _form_of
from visitatie.guides.documents import yaml_zip
from visitatie.guides.files import GuideError
from visitatie.guides.model import load_guides

LEVELS = ["Startend", "Bewust", "Ingericht", "Geborgd", "Voorlopend"]
SIGNALEN = {
    **{f"level_{n}_name": name for n, name in enumerate(LEVELS, start=1)},
    **{f"level_{n}_description": f"Op niveau {n} herkent de organisatie signalen {'beter ' * n}dan daarvoor."
       for n in range(1, 6)},
    "checklist": "meldpunt | Meldpunt voor medewerkers | Met de werkwijze en het aantal meldingen.\n"
                 "training_signalen | Training signalen herkennen",
}


def _url(version_id: int, index: int = 0) -> str:
    return f"/leidraden/versies/{version_id}/themas/{index}/volwassenheid"


def _loader_reason(tmp_path, content: dict) -> str:
    """What the YAML loader says about the same content, written as the files of interview_guides/."""
    import io
    import zipfile
    zipfile.ZipFile(io.BytesIO(yaml_zip(content))).extractall(tmp_path)
    with pytest.raises(GuideError) as failed:
        load_guides(tmp_path)
    return failed.value.reason


def test_a_concept_theme_gets_a_framework_that_the_set_then_carries(app, client, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    page = client.get(f"/leidraden/versies/{version_id}").get_data(as_text=True)
    assert "Nog geen volwassenheidsmodel" in page and _url(version_id) in page
    response = client.post(_url(version_id), data=SIGNALEN)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    stored = stored_version(app, version_id).content["maturity"]
    assert stored == [{"version": stored_version(app, version_id).number, "theme": "signalen",
                       "levels": [{"level": n, "name": LEVELS[n - 1],
                                   "description": SIGNALEN[f"level_{n}_description"]} for n in range(1, 6)],
                       "checklist": [{"id": "meldpunt", "label": "Meldpunt voor medewerkers",
                                      "help": "Met de werkwijze en het aantal meldingen."},
                                     {"id": "training_signalen", "label": "Training signalen herkennen"}]}]
    # The second theme's form starts with the level names the first theme uses.
    shown = _form_of(client, _url(version_id, 1))
    assert [shown[f"level_{n}_name"] for n in range(1, 6)] == LEVELS and shown["level_1_description"] == ""
    assert "Startend, Bewust, Ingericht, Geborgd, Voorlopend" in client.get(
        f"/leidraden/versies/{version_id}").get_data(as_text=True)
    # Vastgesteld, the set has the framework, as a round's visits use it.
    assert client.post(f"/leidraden/versies/{version_id}/vaststellen").status_code == 302
    with app.app_context():
        from visitatie.guides.registry import guides_for
        scale = guides_for("ondermijning", stored_version(app, version_id).number).maturity_for("signalen")
    assert [level.name for level in scale.levels] == LEVELS
    assert [item.id for item in scale.checklist] == ["meldpunt", "training_signalen"]


def test_the_shipped_framework_comes_back_unchanged_and_can_be_edited(app, client, auth):
    auth.as_projectleider()
    shipped = stored_version(app, SHIPPED).content["maturity"]
    copy = _copy(client)
    before = stored_version(app, copy).content["maturity"]
    shown = _form_of(client, _url(copy))
    assert client.post(_url(copy), data=shown).status_code == 302
    assert stored_version(app, copy).content["maturity"] == before  # the form loses nothing
    shown = _form_of(client, _url(copy))
    assert client.post(_url(copy), data=shown | {
        "checklist": shown["checklist"] + "\noefening_raad | Oefening met de raad"}).status_code == 302
    leiderschap = stored_version(app, copy).content["maturity"][0]
    assert leiderschap["checklist"][-1] == {"id": "oefening_raad", "label": "Oefening met de raad"}
    assert stored_version(app, SHIPPED).content["maturity"] == shipped  # the frozen original is untouched


@pytest.mark.parametrize("change, form_field", [
    ({"level_3_name": ""}, "level_3_name"),
    ({"level_5_description": "  "}, "level_5_description"),
    ({"checklist": "Meldpunt | Meldpunt voor medewerkers"}, "checklist"),
    ({"checklist": "meldpunt | Meldpunt\nmeldpunt | Nog een meldpunt"}, "checklist"),
    ({"checklist": "meldpunt"}, "checklist"),
    ({"checklist": ""}, "checklist"),
    ({"checklist": "meldpunt | Meldpunt\ninformatieplein | Informatieplein"}, "checklist"),  # id of theme 2
])
def test_the_editor_says_what_the_yaml_loader_says_on_the_field(app, client, auth, tmp_path, change, form_field):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    assert client.post(_url(version_id, 1), data=SIGNALEN | {
        "checklist": "informatieplein | Gezamenlijk informatieplein"}).status_code == 302
    before = stored_version(app, version_id).content
    typed = SIGNALEN | {"level_1_description": "Mijn eigen beschrijving van niveau één."} | change
    response = client.post(_url(version_id), data=typed)
    assert response.status_code == 400
    # The same framework as a YAML file in interview_guides/ is refused for the same reason.
    content = dict(before, maturity=before["maturity"] + [{
        "version": before["guides"][0]["version"], "theme": "signalen",
        "levels": [{k: v for k, v in {"level": n, "name": typed[f"level_{n}_name"].strip(),
                                      "description": typed[f"level_{n}_description"].strip()}.items() if v != ""}
                   for n in range(1, 6)],
        "checklist": [{k: v for k, v in zip(("id", "label"), (p.strip() for p in line.split("|")), strict=False) if v}
                      for line in typed["checklist"].splitlines() if line.strip()]}])
    # A file is named by its path, a framework in the database by its theme (as build_set names it).
    reason = _loader_reason(tmp_path, content).replace(str(tmp_path / "volwassenheid" / "samenwerking.yaml"),
                                                       "volwassenheid samenwerking")
    page = lxml.html.fromstring(response.get_data(as_text=True))
    assert reason in page.get_element_by_id(f"{form_field}-error").text_content()
    # Nothing typed is lost, nothing is stored.
    html = response.get_data(as_text=True)
    assert "Mijn eigen beschrijving van niveau één." in html
    assert stored_version(app, version_id).content == before


def test_a_stale_form_is_refused_and_keeps_what_was_typed(app, client, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    mine = _form_of(client, _url(version_id)) | SIGNALEN | {"level_2_name": "Mijn naam voor niveau twee"}
    # Meanwhile someone else saves another part of the concept.
    theirs = _form_of(client, f"/leidraden/versies/{version_id}/themas/1")
    assert client.post(f"/leidraden/versies/{version_id}/themas/1",
                       data=theirs | {"title": "Hun titel"}).status_code == 302
    response = client.post(_url(version_id), data=mine)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "Iemand anders heeft deze versie intussen gewijzigd" in html
    assert "Mijn naam voor niveau twee" in html
    assert stored_version(app, version_id).content["maturity"] == []
    # Saved again (the page now carries the new lock), it goes through.
    again = dict(mine, lock=lxml.html.fromstring(html).xpath("//input[@name='lock']/@value")[0])
    assert client.post(_url(version_id), data=again).status_code == 302
    assert stored_version(app, version_id).content["maturity"][0]["levels"][1]["name"] == "Mijn naam voor niveau twee"


def test_a_framework_can_be_removed_from_a_concept(app, client, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    client.post(_url(version_id), data=SIGNALEN)
    response = client.post(f"{_url(version_id)}/verwijderen")
    assert response.status_code == 302
    assert stored_version(app, version_id).content["maturity"] == []


def test_a_frozen_framework_refuses_a_crafted_post(app, client, auth):
    auth.as_projectleider()
    copy = _copy(client)
    assert client.post(f"/leidraden/versies/{copy}/vaststellen").status_code == 302
    before = stored_version(app, copy)
    assert "Volwassenheidsmodel en checklist bewerken" not in client.get(f"/leidraden/versies/{copy}").get_data(
        as_text=True)
    for url, data in [(_url(copy), SIGNALEN | {"lock": str(before.lock)}), (_url(copy, 2), SIGNALEN),
                      (f"{_url(copy)}/verwijderen", {"lock": str(before.lock)})]:
        response = client.post(url, data=data)
        assert response.status_code == 409, url
        assert "is vastgesteld en kan niet meer veranderen" in response.get_data(as_text=True)
    after = stored_version(app, copy)
    assert (after.content, after.lock, after.status) == (before.content, before.lock, "vastgesteld")
