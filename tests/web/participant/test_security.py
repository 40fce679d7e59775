"""CSRF on forms and on the JSON autosave, session cookie flags, no inline script."""
import re

import pytest

from tests.conftest import make_app, redeem
from visitatie.extensions import db

from .conftest import OPEN


@pytest.fixture
def secure_client(csrf_app):
    return csrf_app.test_client()


def csrf_token(page: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def test_autosave_needs_the_csrf_header(secure_client, world, link):
    assert redeem(secure_client, link(world.mayor)).status_code == 302
    page = secure_client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    body = {"municipality": world.haarlem, "question": OPEN, "value": "Met token", "version": 0}
    refused = secure_client.post(f"/gesprekken/{world.a}/antwoord", json=body)
    assert refused.status_code == 400
    accepted = secure_client.post(f"/gesprekken/{world.a}/antwoord", json=body,
                                  headers={"X-CSRFToken": csrf_token(page)})
    assert accepted.status_code == 200 and accepted.get_json()["version"] == 1


def test_every_form_post_needs_the_csrf_token(secure_client, world, link):
    redeem(secure_client, link(world.leader))
    page = secure_client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    form = {f"answer-{world.haarlem}-{OPEN}": "Tekst", f"version-{world.haarlem}-{OPEN}": "0"}
    assert secure_client.post(f"/gesprekken/{world.a}/thema/1", data=form).status_code == 400
    assert secure_client.post(f"/gesprekken/{world.a}/vaststellen").status_code == 400
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert secure_client.post(f"/gesprekken/{world.a}/thema/1", data=dict(form, csrf_token=token)).status_code == 302


def test_the_session_cookie_is_http_only_and_same_site(client, world, link):
    response = client.post("/uitnodiging", data={"token": link(world.mayor)})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_behind_https_the_session_cookie_is_secure(tmp_path, database, world, link):
    app = make_app(tmp_path / "secure", database, SESSION_COOKIE_SECURE=True)
    try:
        response = app.test_client().post("/uitnodiging", data={"token": link(world.mayor)})
        assert "Secure" in response.headers["Set-Cookie"]
    finally:
        with app.app_context():
            db.engine.dispose()


def test_pages_have_no_inline_script(client, world, sign_in):
    sign_in(world.leader)
    for url in (f"/gesprekken/{world.a}", f"/gesprekken/{world.a}/thema/1"):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        scripts = re.findall(r"<script[^>]*>", response.get_data(as_text=True))
        assert all(" src=" in tag for tag in scripts)
