"""Two-factor sign-in, recovery codes, the password policy, one-time account links (issue 11)."""
import re

import pyotp
import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD, Auth, make_app
from visitatie.accounts.auth import AccountError, create_user
from visitatie.extensions import db
from visitatie.models.security import SecurityEvent


@pytest.fixture
def strict_app(tmp_path, database):
    """No grace period: two-factor sign-in is required from the first sign-in."""
    app = make_app(tmp_path, database, TWO_FACTOR_GRACE_DAYS=0)
    yield app
    with app.app_context():
        db.engine.dispose()


def _count(app, kind):
    with app.app_context():
        return len(db.session.scalars(select(SecurityEvent).where(SecurityEvent.kind == kind)).all())


def test_two_factor_is_required_and_a_recovery_code_works_once(strict_app):
    client = strict_app.test_client()
    auth = Auth(client, strict_app)
    auth.create()
    response = auth.login()
    assert response.headers["Location"] == "/account/tweestapsverificatie"
    assert client.get("/rondes/").status_code == 302  # the password alone opens nothing
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    qr = client.get("/account/tweestapsverificatie/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    assert client.post("/account/tweestapsverificatie", data={"code": "000000"}).status_code == 400
    enrolled = client.post("/account/tweestapsverificatie", data={"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<code>([a-z0-9-]{14})</code>", enrolled.get_data(as_text=True))
    assert len(codes) == 10
    assert client.get("/rondes/").status_code == 200
    auth.logout()

    assert auth.login().headers["Location"] == "/inloggen/code"
    assert client.get("/rondes/").status_code == 302
    assert client.post("/inloggen/code", data={"code": codes[0]}).status_code == 302
    assert client.get("/rondes/").status_code == 200
    auth.logout()
    auth.login()
    reused = client.post("/inloggen/code", data={"code": codes[0]})
    assert reused.status_code == 401 and "klopt niet" in reused.get_data(as_text=True)
    assert client.post("/inloggen/code", data={"code": codes[1].upper()}).status_code == 302
    assert _count(strict_app, "recovery_code_used") == 2
    assert _count(strict_app, "two_factor_enabled") == 1


def test_the_grace_period_lets_a_fresh_account_in_with_its_password(app, auth):
    auth.as_projectleider()
    assert auth.client.get("/rondes/").status_code == 200


@pytest.mark.parametrize("password, reason", [
    ("kort-wachtw", "minstens 12 tekens"),
    ("aaaaaaaaaaaa", "te makkelijk te raden"),
    ("wachtwoord12", "te makkelijk te raden"),
    ("password1234", "veelgebruikte wachtwoorden"),
    ("anna@example.org", "e-mailadres of naam"),
    ("Anna-Jansen-2026", "e-mailadres of naam"),
])
def test_weak_passwords_are_refused_with_the_reason(app, runner, password, reason):
    with app.app_context(), pytest.raises(AccountError, match=reason):
        create_user(db.session, "anna@example.org", password, "projectleider", "Anna Jansen")
    result = runner.invoke(args=["create-user", "anna@example.org", "--name", "Anna Jansen"],
                           input=f"{password}\n{password}\n")
    assert result.exit_code == 1 and reason in result.output


def test_a_weak_password_is_refused_on_change_and_nothing_is_lost(app, auth):
    auth.as_projectleider()
    response = auth.client.post("/account", data={"current": PASSWORD, "password": "wachtwoord12",
                                                  "repeat": "wachtwoord12"})
    assert response.status_code == 400 and "te makkelijk te raden" in response.get_data(as_text=True)


def test_invite_link_sets_a_password_once_and_never_sits_in_an_address(app, auth, runner):
    auth.as_projectleider()
    response = auth.client.post("/accounts/uitnodigen", data={"email": "nieuw@example.org", "name": "Nina Nieuw"})
    url = re.search(r"<code>(http://[^<]+)</code>", response.get_data(as_text=True)).group(1)
    token = url.rsplit("/", 1)[1]
    newcomer = app.test_client()
    assert newcomer.get(f"/account/link/{token}").status_code == 200
    redeemed = newcomer.post("/account/link", data={"token": token})
    assert redeemed.headers["Location"] == "/account/wachtwoord-instellen"
    assert newcomer.post("/account/wachtwoord-instellen", data={"password": "ijsvogel-dakgoot-regenton",
                                                               "repeat": "ijsvogel-dakgoot-regenton"}
                         ).status_code == 302
    assert Auth(newcomer, app).client.post("/inloggen", data={"email": "nieuw@example.org",
                                                              "password": "ijsvogel-dakgoot-regenton"}
                                           ).status_code == 302
    assert app.test_client().post("/account/link", data={"token": token}).status_code == 404  # once only
    assert _count(app, "account_invited") == 1 and _count(app, "password_set_by_link") == 1
