"""Odd input gets a 4xx, never a 500: ids beyond the database's integers, numbers too large for
it in form fields, JSON nested too deeply or not an object, lone surrogates. Driven at every
route of the app (the route table of the access audit), as a project leader and anonymously."""
import pytest
from sqlalchemy import func, select

from tests.web.test_access_audit import OPEN, _routes, browser, lesson, world  # noqa: F401 (fixtures)
from visitatie.extensions import db
from visitatie.models import Answer, Mark

HUGE = 10**30  # beyond a 64-bit integer
# Every form field the views read as a number (grep "type=int", "int(", coerce=int), all at once.
NUMBER_FIELDS = ("speaker", "version", "next_theme", "quote", "sources", "themes", "duration_minutes",
                 "score_1", "municipality_1", "municipality_2", "theme_number", "practice_municipality",
                 "participation", "round", "ronde")


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def _with_huge_ids(app, url: str) -> str | None:
    """The url with every number in it replaced by HUGE; None when it has none."""
    parts = url.split("/")
    replaced = [str(HUGE) if part.isdigit() else part for part in parts]
    return "/".join(replaced) if replaced != parts else None


@pytest.mark.parametrize("who", ["anonymous", "projectleider"])
def test_ids_beyond_the_database_range_are_not_found_on_every_route(who, app, world, lesson, browser):
    client = browser(who)
    tried = 0
    for endpoint, method, url in _routes(app, world, lesson):
        huge = _with_huge_ids(app, url)
        if huge is None or endpoint == "static":
            continue
        response = client.open(huge, method=method)
        assert response.status_code == 404, (endpoint, method, huge, response.status_code)
        tried += 1
    assert tried >= 50


def test_numbers_too_large_and_deep_json_are_refused_on_every_post_route(app, world, lesson, browser):
    client = browser("projectleider")
    form = {name: str(HUGE) for name in NUMBER_FIELDS}
    form[f"answer-{world.haarlem}-{OPEN}"] = "Tekst die bewaard moet blijven."
    form[f"version-{world.haarlem}-{OPEN}"] = str(HUGE)
    wrong = []
    for endpoint, method, url in _routes(app, world, lesson):
        if method != "POST" or endpoint in ("account.logout",):
            continue
        for kind, kwargs in (("form", {"data": form}), ("deep json", {"data": _deep(5000),
                                                                       "content_type": "application/json"})):
            status = client.open(url, method=method, **kwargs).status_code
            if status >= 500:
                wrong.append((endpoint, kind, status))
    assert wrong == []


@pytest.mark.parametrize("body", [
    _deep(3000),                                        # deeper than Python's parser recurses
    '{"a": ' * 50 + "1" + "}" * 50,                     # deep, within the parser's reach
    '["not", "an", "object"]',
    '"just a string"',
    '{"municipality": 1, "question": "leiderschap.eigenaarschap", "value": "x\\ud800", "version": 0}',
    '{"municipality": 1, "question": "leiderschap.eigenaarschap\\udfff", "value": "x", "version": 0}',
    "{not json",
])
def test_the_autosave_answers_400_as_json_to_malformed_bodies(body, app, world, browser):
    client = browser("projectleider")
    body = body.replace('"municipality": 1', f'"municipality": {world.haarlem}')
    response = client.post(f"/gesprekken/{world.a}/antwoord", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.is_json and response.json["message"]
    with app.app_context():
        assert db.session.get(Answer, world.answer_a).value == "Haarlem: geheim."


def test_a_speaker_id_too_large_for_the_database_is_a_400_with_the_form_kept(app, world, browser):
    client = browser(world.leader)
    response = client.post(f"/gesprekken/{world.a}/antwoorden/{world.answer_a}/markeringen", data={
        "kind": "citaat", "consent": "met_naam", "speaker": str(HUGE), "passage": "Haarlem"})
    assert response.status_code == 400
    assert "Uw tekst staat hieronder" in response.text and 'value="Haarlem"' in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Mark).where(Mark.answer_id == world.answer_a)) == 1


def test_a_version_too_large_in_the_guide_form_keeps_the_typed_text(app, world, browser):
    client = browser(world.mayor)
    response = client.post(f"/gesprekken/{world.a}/thema/1", data={
        f"answer-{world.haarlem}-{OPEN}": "Mijn zorgvuldig getypte antwoord.",
        f"version-{world.haarlem}-{OPEN}": str(HUGE)})
    assert response.status_code < 500
    assert "Mijn zorgvuldig getypte antwoord." in response.text


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/gesprekken/{a}/antwoord", 405),          # the autosave only takes POST
    ("POST", "/gesprekken/99999/antwoord", 404),        # no such conversation
    ("POST", "/gesprekken/{a}/bestaat-niet", 404),      # no such route
    ("DELETE", "/gesprekken/{a}/antwoord", 405),
])
def test_a_json_client_gets_json_for_every_status(method, path, status, app, world, browser):
    client = browser(world.mayor)
    response = client.open(path.format(a=world.a), method=method, json={"value": "x"},
                           headers={"Accept": "application/json"})
    assert response.status_code == status
    assert response.is_json and response.json["status"] == status and response.json["message"]
