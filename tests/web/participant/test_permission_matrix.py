"""The permission matrix over every participant route and every kind of visitor.

Each role gets a fresh world and goes through all routes in a fixed order (the ones that change
state last); the statuses it gets must equal its column in MATRIX. "Not there" and "not yours"
must look the same: 404 for anyone signed in, 401 for anyone who is not.
"""
import re

import pytest

from visitatie.conversations.marks import add_mark
from visitatie.extensions import db
from visitatie.models import Answer, Participation

from .conftest import OPEN

ROLES = ("anonymous", "projectleider", "gespreksleider", "notulist", "burgemeester_haarlem",
         "ciso_maastricht", "burgemeester_of_b", "expired_link", "revoked_link",
         # A project leader signed in who opened the mayor's link in the same browser (issue 14): on
         # the participant pages of A only the mayor's rights, everywhere else the account's.
         "projectleider_and_burgemeester")

# route: expected status per role, in the order of ROLES
MATRIX = {
    "show A":                  (401, 200, 200, 200, 200, 200, 404, 401, 401, 200),
    "theme A":                 (401, 200, 200, 200, 200, 200, 404, 401, 401, 200),
    "post theme A, Haarlem":   (401, 302, 302, 302, 302, 403, 404, 401, 401, 302),
    "autosave A, Haarlem":     (401, 200, 200, 200, 200, 403, 404, 401, 401, 200),
    "autosave A, Maastricht":  (401, 200, 200, 200, 403, 200, 404, 401, 401, 403),
    "verslag A":               (401, 200, 200, 200, 200, 200, 404, 401, 401, 200),
    "history A":               (401, 200, 403, 403, 403, 403, 404, 401, 401, 403),
    "mark A":                  (401, 302, 302, 302, 403, 403, 404, 401, 401, 403),
    # Only the speaker (the mayor of Haarlem) gives consent; for everyone else the page is not there.
    "quotes of me A":           (401, 404, 200, 200, 200, 200, 404, 401, 401, 200),
    "consent A":               (401, 404, 404, 404, 302, 404, 404, 401, 401, 302),
    "unmark A":                (401, 302, 302, 302, 403, 403, 404, 401, 401, 403),
    "finalise A":              (401, 302, 302, 403, 403, 403, 404, 401, 401, 403),
    "reopen A":                (401, 302, 302, 403, 403, 403, 404, 401, 401, 403),
    # Mijn gesprekken: only a participant, only their own places; an account never acts there.
    "my conversations":        (401, 401, 200, 200, 200, 200, 200, 401, 401, 200),
    "enter the mayor's place": (401, 401, 404, 404, 302, 404, 404, 401, 401, 302),
    "old url A":               (302, 302, 403, 403, 403, 403, 403, 302, 302, 302),
    "show B":                  (401, 200, 404, 404, 404, 404, 200, 401, 401, 200),
    "autosave B, Delft":       (401, 200, 404, 404, 404, 404, 200, 401, 401, 200),
    "verslag B":               (401, 200, 404, 404, 404, 404, 200, 401, 401, 200),
    "show missing":            (401, 404, 404, 404, 404, 404, 404, 401, 401, 404),
    "autosave missing":        (401, 404, 404, 404, 404, 404, 404, 401, 401, 404),
}


def requests(w, answer_id, mark_id):
    """(name, method, url, keyword arguments) for every route, in the order they are tried."""
    def autosave(conversation, municipality, value):
        return {"json": {"municipality": municipality, "question": OPEN, "value": value, "version": 0}}

    haarlem_field = {f"answer-{w.haarlem}-{OPEN}": "Via het formulier.", f"version-{w.haarlem}-{OPEN}": "1"}
    return [
        ("show A", "get", f"/gesprekken/{w.a}", {}),
        ("theme A", "get", f"/gesprekken/{w.a}/thema/1", {}),
        ("post theme A, Haarlem", "post", f"/gesprekken/{w.a}/thema/1", {"data": haarlem_field}),
        ("autosave A, Haarlem", "post", f"/gesprekken/{w.a}/antwoord",
         {"json": {"municipality": w.haarlem, "question": "leiderschap.uitvoering", "value": "3", "version": 0}}),
        ("autosave A, Maastricht", "post", f"/gesprekken/{w.a}/antwoord", autosave(w.a, w.maastricht, "Maastricht")),
        ("verslag A", "get", f"/gesprekken/{w.a}/verslag.docx", {}),
        ("history A", "get", f"/gesprekken/{w.a}/antwoorden/{answer_id}/geschiedenis", {}),
        ("mark A", "post", f"/gesprekken/{w.a}/antwoorden/{answer_id}/markeringen", {"data": {"kind": "les"}}),
        ("quotes of me A", "get", f"/gesprekken/{w.a}/citaten", {}),
        ("consent A", "post", f"/gesprekken/{w.a}/citaten/{mark_id}", {"data": {"consent": "anoniem"}}),
        ("unmark A", "post", f"/gesprekken/{w.a}/markeringen/{mark_id}/verwijderen", {}),
        ("finalise A", "post", f"/gesprekken/{w.a}/vaststellen", {"data": {"bevestigd": "ja"}}),
        ("reopen A", "post", f"/gesprekken/{w.a}/heropenen", {"data": {"reason": "Aanvulling van Maastricht."}}),
        ("my conversations", "get", "/mijn-gesprekken", {}),
        ("enter the mayor's place", "post", f"/mijn-gesprekken/{w.mayor}", {}),
        ("old url A", "get", f"/rondes/gesprekken/{w.a}", {}),
        ("show B", "get", f"/gesprekken/{w.b}", {}),
        ("autosave B, Delft", "post", f"/gesprekken/{w.b}/antwoord", autosave(w.b, w.delft, "Delft")),
        ("verslag B", "get", f"/gesprekken/{w.b}/verslag.docx", {}),
        ("show missing", "get", "/gesprekken/99999", {}),
        ("autosave missing", "post", "/gesprekken/99999/antwoord", autosave(99999, w.haarlem, "x")),
    ]


@pytest.fixture
def as_role(client, auth, sign_in, link, revoke, world):
    def become(role):
        participations = {"gespreksleider": world.leader, "notulist": world.note_taker,
                          "burgemeester_haarlem": world.mayor, "ciso_maastricht": world.ciso,
                          "burgemeester_of_b": world.other_mayor}
        if role == "projectleider":
            auth.as_projectleider()
        elif role in participations:
            sign_in(participations[role])
        elif role == "projectleider_and_burgemeester":
            auth.as_projectleider()
            sign_in(world.mayor)
        elif role == "expired_link":
            response = client.post("/uitnodiging", data={"token": link(world.mayor, expired=True)})
            assert response.status_code == 404
        elif role == "revoked_link":
            sign_in(world.mayor)
            assert client.get(f"/gesprekken/{world.a}").status_code == 200
            revoke(world.mayor)

    return become


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_the_matrix_says(role, client, as_role, world, answer, app):
    answer_id = answer(world.a, world.haarlem, value="Het eigenaarschap ligt bij de burgemeester.")
    with app.app_context():
        speaker = db.session.get(Participation, world.mayor)
        mark_id = add_mark(db.session, db.session.get(Answer, answer_id), "citaat", "Test", speaker=speaker).id
    as_role(role)
    column = ROLES.index(role)
    actual, expected = {}, {}
    for name, method, url, kwargs in requests(world, answer_id, mark_id):
        actual[name] = getattr(client, method)(url, **kwargs).status_code
        expected[name] = MATRIX[name][column]
    assert actual == expected


@pytest.mark.parametrize("url", ["/gesprekken/{b}", "/gesprekken/99999", "/gesprekken/{b}/thema/1",
                                 "/gesprekken/99999/thema/1", "/gesprekken/{b}/verslag.docx",
                                 "/gesprekken/99999/verslag.docx"])
def test_not_there_and_not_yours_look_exactly_the_same(url, client, sign_in, world):
    sign_in(world.mayor)
    response = client.get(url.format(b=world.b))
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Pagina niet gevonden" in page
    assert "Delft" not in page and "Oss" not in page
    missing = client.get("/gesprekken/99999").get_data(as_text=True)
    # The CSRF token of the header's sign-out form carries a timestamp: the two requests may fall
    # in different seconds. Everything else must be the same.
    token = re.compile(r'name="csrf_token" value="[^"]*"')
    ours = token.sub("", page.replace(url.format(b=world.b), ""))
    assert ours == token.sub("", missing.replace("/gesprekken/99999", ""))


def test_anonymous_visitors_get_the_same_sign_in_page_for_any_conversation(client, world):
    real, missing = client.get(f"/gesprekken/{world.a}"), client.get("/gesprekken/99999")
    assert real.status_code == missing.status_code == 401
    assert "persoonlijke link" in real.get_data(as_text=True)
    def without_url(response, number):
        return response.get_data(as_text=True).replace(f"/gesprekken/{number}", "")

    assert without_url(real, world.a) == without_url(missing, 99999)
    json = client.post(f"/gesprekken/{world.a}/antwoord", json={})
    assert json.status_code == 401 and json.get_json()["error"] == "signed_out"
