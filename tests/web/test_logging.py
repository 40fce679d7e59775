"""The application log: one JSON line per request (id, method, path, status, duration), errors with
their traceback, and never what a user typed, a token or a password. SQLAlchemy's statement log is
switched on here as well, at INFO, where it would print every parameter without hide_parameters."""
import io
import json
import logging

import pytest

from tests.conftest import PASSWORD, Auth, redeem
from tests.web.test_access_audit import OPEN, _token, browser, world  # noqa: F401 (fixtures)
from visitatie.log_format import JsonLineFormatter

ANSWER = "Ons geheime antwoord over de back-ups van de gemeente, nummer 4711."


@pytest.fixture
def captured_log():
    """Everything the app, SQLAlchemy and Werkzeug log during the test, as the app formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter())
    loggers = [logging.getLogger(name) for name in ("visitatie", "sqlalchemy.engine", "werkzeug")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield stream
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def _sign_in(client, token):
    assert redeem(client, token).status_code == 302  # the page, then its button: the token is posted


def test_the_log_has_requests_and_errors_but_no_answers_tokens_or_passwords(app, world, captured_log):
    @app.post("/test-kapot")
    def broken():
        raise RuntimeError("kapot")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    token = _token(app, world.mayor)
    client = app.test_client()
    _sign_in(client, token)
    assert client.post(f"/gesprekken/{world.a}/antwoord", json={
        "municipality": world.haarlem, "question": OPEN, "value": ANSWER, "version": 1}).status_code == 200
    assert client.post(f"/gesprekken/{world.a}/thema/1", data={
        f"answer-{world.haarlem}-{OPEN}": ANSWER + " (formulier)", f"version-{world.haarlem}-{OPEN}": "2"},
        headers={"X-Request-ID": "melding-1234"}).status_code == 302
    assert client.post("/test-kapot", data={"text": ANSWER}).status_code == 500
    other = app.test_client()
    Auth(other, app).as_projectleider()
    assert other.post("/inloggen", data={"email": "pl@example.org", "password": "fout-" + PASSWORD}).status_code != 500

    text = captured_log.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    requests = [line for line in lines if line["logger"] == "visitatie.request"]
    assert {"request_id", "method", "path", "status", "duration_ms"} <= set(requests[0])
    assert any(line["request_id"] == "melding-1234" and line["status"] == 302 for line in requests)
    assert "/uitnodiging/[verborgen]" in {line["path"] for line in requests}
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert errors and "RuntimeError: kapot" in errors[0]["traceback"] and errors[0]["request_id"]
    assert any("INSERT INTO" in line["message"] or "UPDATE" in line["message"] for line in lines)  # SQL was logged

    assert token not in text
    assert "geheime antwoord" not in text and "4711" not in text
    assert PASSWORD not in text


def test_a_failed_statement_logs_no_parameters(app, world, captured_log):
    """hide_parameters: an error from the database names the statement, never the values."""
    from sqlalchemy.exc import IntegrityError

    from visitatie.extensions import db
    from visitatie.models import Answer

    with app.app_context():
        existing = db.session.get(Answer, world.answer_a)
        db.session.add(Answer(conversation_id=existing.conversation_id, municipality_id=existing.municipality_id,
                              question_id=existing.question_id, value=ANSWER, version=1, updated_by="Test"))
        with pytest.raises(IntegrityError) as raised:
            db.session.flush()
        db.session.rollback()
    assert "SQL parameters hidden" in str(raised.value)
    assert "4711" not in str(raised.value) and "4711" not in captured_log.getvalue()
