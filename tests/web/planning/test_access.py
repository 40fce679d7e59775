"""Only project leaders reach the planning pages: anonymous visitors get the login page, a
participant signed in through a personal link gets 403, and an expired session is refused."""
import hashlib
import time
from datetime import timedelta

import pytest
from flask import url_for
from flask.json.tag import TaggedJSONSerializer
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.models import Participation

SAMPLE_VALUES = {"round_id": 1, "conversation_id": 1, "participation_id": 1, "code": "GM0392"}


def planning_routes(app):
    """Every route of the planning and rounds blueprints, with the methods it answers."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("planning", "rounds"):
            values = {name: SAMPLE_VALUES[name] for name in rule.arguments}
            with app.test_request_context():
                url = url_for(rule.endpoint, **values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                routes.append((rule.endpoint, method, url))
    return routes


def test_there_are_planning_routes_to_check(app):
    endpoints = {endpoint for endpoint, _method, _url in planning_routes(app)}
    assert {"planning.new_conversation", "planning.issue_invitations", "planning.export_round_calendar",
            "rounds.new_round", "rounds.show_round", "rounds.list_rounds"} <= endpoints
    assert len(endpoints) >= 20


def test_anonymous_visitors_are_sent_to_the_login_on_every_route(app, client, demo):
    for endpoint, method, url in planning_routes(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method)
        assert response.headers["Location"].startswith("/inloggen"), (endpoint, method)


def test_a_signed_in_participant_is_refused_on_every_route(app, client, demo):
    with app.app_context():
        participation = db.session.get(Participation, 1)
        _invitation, token = invitations.issue(db.session, participation, 30)
        db.session.commit()
    assert client.post("/uitnodiging", data={"token": token}).status_code == 302  # signed in as a participant
    for endpoint, method, url in planning_routes(app):
        response = client.open(url, method=method)
        assert response.status_code == 403, (endpoint, method, response.status_code)


def test_a_project_leader_gets_in(client, auth, demo):
    auth.as_projectleider()
    assert client.get(f"/planning/rondes/{demo}/voorstel").status_code == 200
    assert client.get(f"/rondes/{demo}").status_code == 200


def _resign(app, cookie_value: str, age: timedelta) -> str:
    """The same session contents, signed as if issued `age` ago (Flask's own cookie format)."""
    now = [0]

    class Signer(TimestampSigner):
        def get_timestamp(self):
            return now[0]

    serializer = URLSafeTimedSerializer(
        app.secret_key, salt="cookie-session", serializer=TaggedJSONSerializer(), signer=Signer,
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1})
    contents = serializer.loads(cookie_value)
    now[0] = int(time.time() - age.total_seconds())
    return serializer.dumps(contents)


@pytest.mark.parametrize("age, allowed", [(timedelta(minutes=5), True), (timedelta(hours=9), False)])
def test_a_session_older_than_its_lifetime_is_refused(app, client, auth, demo, age, allowed):
    assert app.permanent_session_lifetime == timedelta(minutes=480)
    auth.as_projectleider()
    cookie = client.get_cookie("session")
    client.set_cookie("session", _resign(app, cookie.value, age))
    response = client.get(f"/rondes/{demo}")
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


def test_login_makes_a_permanent_session_with_the_configured_lifetime(client, auth):
    auth.create()
    response = auth.login()
    set_cookie = response.headers["Set-Cookie"]
    assert "Expires=" in set_cookie and "HttpOnly" in set_cookie


def test_logout_ends_access(client, auth, demo):
    auth.as_projectleider()
    auth.logout()
    assert client.get(f"/rondes/{demo}").status_code == 302


def test_passwords_are_hashed_with_scrypt(app, auth):
    from visitatie.models import User

    auth.create()
    with app.app_context():
        user = db.session.query(User).one()
        assert user.password_hash.startswith("scrypt:")
