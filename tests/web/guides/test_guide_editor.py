"""The guide editor: versions, editing with the YAML loader's messages, frozen versions that refuse
every change (also a crafted POST), continuity of question ids, the diff and the preview."""
import re

import lxml.html
import pytest
import yaml
from sqlalchemy import func, select

from tests.participant_world import build_world
from tests.web.guides.ondermijning import make_ondermijning, stored_version, version_id_of
from visitatie.extensions import db
from visitatie.guides.files import GuideError
from visitatie.guides.model import load_guide
from visitatie.guides.registry import current_guides
from visitatie.models.guide_versions import FrozenGuideVersion, GuideVersion

SHIPPED = 1  # the shipped YAML, stored by `init` as the first vastgesteld version


def _copy(client) -> int:
    response = client.post(f"/leidraden/versies/{SHIPPED}/kopie")
    assert response.status_code == 302
    return version_id_of(response)


def _question(version, index, position) -> dict:
    return version.content["guides"][index]["questions"][position]


def _form_of(client, url) -> dict:
    """What the edit form shows, as a browser would post it back unchanged."""
    page = lxml.html.fromstring(client.get(url).get_data(as_text=True))
    form = next(f for f in page.forms if f.method.upper() == "POST" and f.action in (None, "", url))
    # A browser drops the newline that starts a textarea's content; lxml keeps it.
    return {name: value.removeprefix("\r\n").removeprefix("\n") for name, value in form.form_values()} | {
        "roles": [i.get("value") for i in form.inputs if i.get("name") == "roles" and i.checked]}


def test_the_shipped_guides_are_the_first_vastgesteld_version(app, client, auth):
    auth.as_projectleider()
    version = stored_version(app, SHIPPED)
    with app.app_context():
        shipped = current_guides().version
    assert (version.number, version.status) == (shipped, "vastgesteld")
    page = client.get("/leidraden/").get_data(as_text=True)
    assert "Digitale veiligheid" in page and shipped in page


def test_a_copy_is_an_editable_concept_with_the_same_content(app, client, auth):
    auth.as_projectleider()
    copy = stored_version(app, _copy(client))
    shipped = stored_version(app, SHIPPED)
    assert copy.status == "concept" and copy.based_on_id == SHIPPED and copy.number != shipped.number
    assert [g["questions"] for g in copy.content["guides"]] == [g["questions"] for g in shipped.content["guides"]]
    assert {g["version"] for g in copy.content["guides"]} == {copy.number}


def test_every_question_type_is_edited_and_moved_and_removed(app, client, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    version = stored_version(app, version_id)
    kanalen = _question(version, 0, 1)
    assert kanalen["multiple"] is True and [o["value"] for o in kanalen["options"]] == ["loket", "handhaving",
                                                                                        "recherche"]
    assert kanalen["condition"] == {"question": "signalen.meldpunt", "in": ["ja", "deels"]}
    assert _question(version, 0, 2)["scale"] == {1: "Niet", 2: "Een beetje", 3: "Redelijk", 4: "Goed", 5: "Volledig"} \
        or _question(version, 0, 2)["scale"] == {"1": "Niet", "2": "Een beetje", "3": "Redelijk", "4": "Goed",
                                                  "5": "Volledig"}
    # Edit: the form as shown, with a new help text, saved unchanged otherwise.
    url = f"/leidraden/versies/{version_id}/themas/0/vragen/2"
    data = _form_of(client, url) | {"help": "Vraag door op trainingen."}
    assert client.post(url, data=data).status_code == 302
    edited = _question(stored_version(app, version_id), 0, 2)
    assert edited["help"] == "Vraag door op trainingen." and edited["doorvragen"] == [
        "Wie heeft er een training gevolgd?", "Hoe vaak komt het aan de orde?"]
    # Move the scale question up, then remove it.
    client.post(f"/leidraden/versies/{version_id}/themas/0/vragen/2/verplaatsen", data={"richting": "omhoog"})
    assert [q["id"] for q in stored_version(app, version_id).content["guides"][0]["questions"]] == [
        "signalen.meldpunt", "signalen.bewustzijn", "signalen.kanalen"]
    client.post(f"/leidraden/versies/{version_id}/themas/0/vragen/1/verwijderen")
    assert [q["id"] for q in stored_version(app, version_id).content["guides"][0]["questions"]] == [
        "signalen.meldpunt", "signalen.kanalen"]
    # A condition must point at an earlier question: moving it above its target is refused.
    response = client.post(f"/leidraden/versies/{version_id}/themas/0/vragen/1/verplaatsen",
                           data={"richting": "omhoog"})
    assert response.status_code == 400 and "is geen eerdere vraag in deze leidraad" in response.get_data(as_text=True)
    # And a question others depend on cannot be removed.
    response = client.post(f"/leidraden/versies/{version_id}/themas/0/vragen/0/verwijderen")
    assert response.status_code == 400 and "hangt af van" in response.get_data(as_text=True)


@pytest.mark.parametrize("change, form_field, yaml_change", [
    ({"scale_5": ""}, "scale_1", lambda q: q["scale"].pop(5)),
    ({"type": "multiple_choice", "options": ""}, "type", lambda q: q.update(type="multiple_choice", scale=None)
     or q.pop("scale")),
    ({"headline": "scoort hoog"}, "headline", lambda q: q.update(headline="scoort hoog")),
    ({"id": "ander.thema"}, "id", lambda q: q.update(id="ander.thema")),
    ({"roles": []}, "roles", lambda q: q.pop("roles")),
])
def test_the_editor_says_what_the_yaml_loader_says_on_the_field(app, client, auth, tmp_path, change, form_field,
                                                                  yaml_change):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    url = f"/leidraden/versies/{version_id}/themas/0/vragen/2"
    typed = _form_of(client, url) | {"text": "Hoe bewust is de organisatie? (mijn nieuwe tekst)"} | change
    response = client.post(url, data=typed)
    assert response.status_code == 400
    # The same document as a YAML file gives the same reason from the loader.
    doc = stored_version(app, version_id).content["guides"][0]
    question = doc["questions"][2]
    question["scale"] = {int(k): v for k, v in question["scale"].items()}
    yaml_change(question)
    path = tmp_path / "thema.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(GuideError) as loader:
        load_guide(path)
    page = lxml.html.fromstring(response.get_data(as_text=True))
    message = page.get_element_by_id(f"{form_field}-error" if form_field != "roles" else "roles").text_content()
    assert loader.value.reason in message
    # Nothing typed is lost, and nothing was stored.
    assert "mijn nieuwe tekst" in response.get_data(as_text=True)
    assert "mijn nieuwe tekst" not in str(stored_version(app, version_id).content)


def test_a_theme_error_points_at_its_field_and_keeps_the_input(app, client, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app, freeze=False)
    url = f"/leidraden/versies/{version_id}/themas/1"
    data = _form_of(client, url) | {"example_url": "www.example.org", "title": "Nieuwe titel"}
    response = client.post(url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "example_url-error" in page and "voldoet niet aan het patroon ^https?://" in page
    assert "Nieuwe titel" in page and "www.example.org" in page


def test_a_frozen_version_refuses_every_change_also_a_crafted_post(app, client, auth):
    auth.as_projectleider()
    version_id = make_ondermijning(client, app)
    before = stored_version(app, version_id)
    base = f"/leidraden/versies/{version_id}"
    question = {"id": "signalen.nieuw", "type": "open", "text": "Een ingeslopen vraag?", "roles": ["burgemeester"]}
    for url, data in [(f"{base}/themas/0", {"number": "1", "slug": "signalen", "title": "Gekaapt"}),
                      (f"{base}/themas/nieuw", {"number": "3", "slug": "extra", "title": "Extra"}),
                      (f"{base}/themas/0/vragen/nieuw", question), (f"{base}/themas/0/vragen/0", question),
                      (f"{base}/themas/0/vragen/1/verplaatsen", {"richting": "omhoog"}),
                      (f"{base}/themas/0/vragen/2/verwijderen", {}), (f"{base}/themas/1/verwijderen", {}),
                      (f"{base}/vaststellen", {})]:
        response = client.post(url, data=data)
        assert response.status_code == 409, url
        assert "is vastgesteld en kan niet meer veranderen" in response.get_data(as_text=True)
    after = stored_version(app, version_id)
    assert (after.content, after.lock, after.status) == (before.content, before.lock, "vastgesteld")
    # Also below the domain: a flush that changes a frozen version is refused by the model.
    with app.app_context():
        version = db.session.get(GuideVersion, version_id)
        version.content = {"guides": [], "maturity": []}
        with pytest.raises(FrozenGuideVersion):
            db.session.flush()
        db.session.rollback()
        version = db.session.get(GuideVersion, version_id)
        version.status = "concept"
        with pytest.raises(FrozenGuideVersion):
            db.session.flush()
        db.session.rollback()


def test_a_round_cannot_choose_a_concept_version(app, client, auth):
    auth.as_projectleider()
    version = stored_version(app, make_ondermijning(client, app, freeze=False))
    assert f"Ondermijning {version.number}" not in client.get("/rondes/nieuw").get_data(as_text=True)
    response = client.post("/rondes/nieuw", data={
        "kind": "gespreksronde", "title": "Ronde met een concept", "period_start": "2025-03-01",
        "period_end": "2025-06-30", "themes": ["1", "2"], "guide_version": f"ondermijning/{version.number}",
        "status": "concept"})
    assert response.status_code == 400
    with app.app_context():
        from visitatie.models import Round
        assert db.session.scalar(select(func.count()).select_from(Round)) == 0


def test_a_round_of_another_topic_cannot_take_a_theme_that_topic_lacks(app, client, auth):
    auth.as_projectleider()
    version = stored_version(app, make_ondermijning(client, app))
    response = client.post("/rondes/nieuw", data={
        "kind": "gespreksronde", "title": "Ronde", "period_start": "2025-03-01", "period_end": "2025-06-30",
        "themes": ["1", "5"], "guide_version": f"ondermijning/{version.number}", "status": "concept"})
    assert response.status_code == 400
    assert "Thema 5 hoort niet bij de gekozen gespreksleidraad." in response.get_data(as_text=True)


def test_changing_the_meaning_of_a_question_needs_a_new_id(app, client, auth):
    auth.as_projectleider()
    copy = _copy(client)
    url = f"/leidraden/versies/{copy}/themas/0/vragen/2"  # leiderschap.ivp, ja/nee/deels
    shown = _form_of(client, url)
    assert shown["id"] == "leiderschap.ivp"
    # A typo fix keeps the id.
    fixed = shown["text"].replace("?", " ?") if "?" in shown["text"] else shown["text"] + "."
    assert client.post(url, data=shown | {"text": fixed}).status_code == 302
    shown = _form_of(client, url)
    # Another type, or a text with another meaning, under the same id is refused with the reason.
    for change, what in (({"type": "open", "headline": ""}, "soort vraag"),
                         ({"text": "Hoeveel medewerkers werken er aan informatiebeveiliging?"}, "tekst")):
        response = client.post(url, data=shown | change)
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and "geef de vraag daarom een nieuw id" in page and what in page
    # Under a new id it is a new question.
    response = client.post(url, data=shown | {"type": "open", "headline": "", "id": "leiderschap.ivp_toelichting"})
    assert response.status_code == 302
    diff = client.get(f"/leidraden/versies/{copy}/verschil").get_data(as_text=True)
    assert "leiderschap.ivp_toelichting" in diff and "toegevoegd" in diff and "verwijderd" in diff
    assert re.search(r"leiderschap\.ivp</td>\s*<td[^>]*>verwijderd", diff)


def test_the_diff_marks_a_change_of_meaning(app, client, auth):
    auth.as_projectleider()
    copy = _copy(client)
    url = f"/leidraden/versies/{copy}/themas/0/vragen/0"
    shown = _form_of(client, url)
    client.post(url, data=shown | {"text": shown["text"].rstrip("?") + " precies?"})
    page = client.get(f"/leidraden/versies/{copy}/verschil?met={SHIPPED}").get_data(as_text=True)
    assert "gewijzigd" in page and "<del>" in page and shown["text"] in page


def _having(css_class: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')"


def _cards(html: str, municipality_name: str) -> list[tuple]:
    """Per question card: text, help, follow-up prompts, and the fields of one municipality."""
    page = lxml.html.fromstring(html)
    cards = []
    for card in page.xpath(f"//section[{_having('question-card')}]"):
        help_ = card.xpath(f".//p[{_having('question-help')}]")
        fields = [f for f in card.xpath(f".//div[{_having('answer-field')} and @data-editable]")
                  if municipality_name in f.text_content()]
        field = fields[0]
        inputs = [(i.get("type"), i.get("value"),
                   page.xpath(f"//label[@for='{i.get('id')}']")[0].text_content().strip())
                  for i in field.xpath(".//input[@data-input]")]
        cards.append((card.xpath(".//h2")[0].text_content().strip(), help_[0].text_content() if help_ else None,
                      [li.text_content() for li in card.xpath(f".//ul[{_having('doorvragen__list')}]/li")],
                      field.get("data-type"), field.get("data-multiple") is not None,
                      len(field.xpath(".//textarea[@data-input]")), inputs))
    return cards


def test_the_preview_renders_the_participants_page(app, client, auth):
    from tests.conftest import Auth
    from visitatie.conversations import invitations
    from visitatie.models import Participation

    with app.app_context():
        world = build_world(db.session, current_guides())
        mayor = next(p for p in world.a.participations if p.role == "burgemeester")
        _invitation, token = invitations.issue(db.session, db.session.get(Participation, mayor.id), 30)
        conversation_id = world.a.id
        db.session.commit()
    participant = app.test_client()
    assert participant.post("/uitnodiging", data={"token": token}).status_code == 302
    Auth(client, app).as_projectleider()
    for number in (1, 3):
        theirs = _cards(participant.get(f"/gesprekken/{conversation_id}/thema/{number}").get_data(as_text=True),
                        "Haarlem")
        preview = _cards(client.get(f"/leidraden/versies/{SHIPPED}/themas/{number - 1}/voorbeeld")
                         .get_data(as_text=True),
                         "Voorbeeldgemeente")
        with app.app_context():
            count = len(current_guides().by_number(number).questions)
        assert preview == theirs and len(preview) == count
