"""Sessions that can be revoked, lockout after failed sign-ins, request limits (issue 11, point 8)."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, Auth, make_app
from visitatie.extensions import db
from visitatie.models import User
from visitatie.models.accounts import LoginSession
from visitatie.models.security import SecurityEvent
from visitatie.models.types import utcnow


def _copy_cookie(source, target):
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value)


def _events(app, kind):
    with app.app_context():
        return db.session.scalars(select(SecurityEvent).where(SecurityEvent.kind == kind)).all()


def test_a_copied_cookie_is_refused_after_logout(app, client, auth):
    auth.as_projectleider()
    thief = app.test_client()
    _copy_cookie(client, thief)
    assert thief.get("/rondes/").status_code == 200  # the copy works while the session lives
    auth.logout()
    assert thief.get("/rondes/").status_code == 302 and "/inloggen" in thief.get("/rondes/").headers["Location"]


def test_a_copied_cookie_is_refused_after_a_password_change(app, client, auth):
    auth.as_projectleider()
    thief = app.test_client()
    _copy_cookie(client, thief)
    response = client.post("/account", data={"current": PASSWORD, "password": "nieuwe-zeilboot-lantaarn-hout",
                                             "repeat": "nieuwe-zeilboot-lantaarn-hout"})
    assert response.status_code == 302
    assert thief.get("/rondes/").status_code == 302
    assert client.get("/rondes/").status_code == 200  # the browser that changed it goes on


def test_sign_out_everywhere_ends_every_session(app, auth):
    auth.as_projectleider()
    other = app.test_client()
    Auth(other, app).login()
    assert other.get("/rondes/").status_code == 200
    auth.client.post("/account/overal-afmelden")
    assert other.get("/rondes/").status_code == 302
    assert auth.client.get("/rondes/").status_code == 302
    assert len(_events(app, "logout_everywhere")) == 1


@pytest.mark.parametrize("field, age", [("last_seen_at", timedelta(minutes=31)), ("created_at", timedelta(hours=13))])
def test_idle_and_absolute_timeouts(app, client, auth, field, age):
    auth.as_projectleider()
    with app.app_context():
        row = db.session.scalar(select(LoginSession))
        setattr(row, field, utcnow() - age)
        if field == "created_at":
            row.last_seen_at = utcnow()
        db.session.commit()
    assert client.get("/rondes/").status_code == 302


@pytest.fixture
def lock_app(tmp_path, database):
    """Limits on; the doubling delay off, so that ten failures can be typed in a row."""
    app = make_app(tmp_path, database, LOGIN_DELAY_SECONDS=0)
    yield app
    with app.app_context():
        db.engine.dispose()


def _fail(client, email, ip):
    return client.post("/inloggen", data={"email": email, "password": "verkeerd-wachtwoord-123"},
                       environ_base={"REMOTE_ADDR": ip})


def test_the_eleventh_failure_is_locked_with_the_same_answer_for_unknown_accounts(lock_app):
    Auth(lock_app.test_client(), lock_app).create("pl@example.org")
    answers = {}
    for email, ip in (("pl@example.org", "10.0.0.1"), ("niemand@example.org", "10.0.0.2")):
        client = lock_app.test_client()
        statuses = [_fail(client, email, ip).status_code for _ in range(10)]
        assert statuses == [401] * 10
        eleventh = _fail(client, email, ip)
        body = eleventh.get_data(as_text=True)
        answers[email] = (eleventh.status_code, body[body.index("<main"):body.index("</main>")],
                          eleventh.headers.get("Retry-After"))
        # Even the right password does not open a locked account.
        right = client.post("/inloggen", data={"email": email, "password": PASSWORD}, environ_base={"REMOTE_ADDR": ip})
        assert right.status_code == 429
    known, unknown = answers.values()
    assert known == unknown
    assert known[0] == 429 and int(known[2]) > 14 * 60
    assert "inloggen tijdelijk geblokkeerd" in known[1]
    assert len(_events(lock_app, "login_failed")) == 20
    assert len(_events(lock_app, "login_locked")) == 2


def test_failures_bring_a_doubling_delay_with_retry_after(app, client, auth):
    auth.create()
    for _ in range(3):
        assert _fail(client, "pl@example.org", "10.0.0.3").status_code == 401
    delayed = _fail(client, "pl@example.org", "10.0.0.3")
    assert delayed.status_code == 429 and int(delayed.headers["Retry-After"]) >= 1
    assert "Te veel verzoeken" in delayed.get_data(as_text=True)
    assert len(_events(app, "login_failed")) == 3  # a refused try is not checked, so not counted


def test_login_is_limited_per_ip_address(app):
    client = app.test_client()
    statuses = [client.post("/inloggen", data={"email": f"x{i}@example.org", "password": "wat-dan-ook-123"},
                            environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code for i in range(21)]
    assert statuses[:20] == [401] * 20 and statuses[20] == 429
    assert "Retry-After" in client.post("/inloggen", data={"email": "y@example.org", "password": "x"},
                                        environ_base={"REMOTE_ADDR": "10.0.0.9"}).headers


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(app, client, auth):
    auth.as_projectleider()
    other = app.test_client()
    Auth(other, app).create("tweede@example.org")
    Auth(other, app).login("tweede@example.org")
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == "tweede@example.org"))
    assert client.post(f"/accounts/{user_id}/uitschakelen").status_code == 302
    assert other.get("/rondes/").status_code == 302
    assert Auth(other, app).login("tweede@example.org").status_code == 401
    assert len(_events(app, "account_disabled")) == 1
