"""While the database cannot be written: 503 with Retry-After, JSON to the autosave, the guide form
shown again with everything typed; afterwards the next request saves, without a restart."""
from sqlalchemy import select

from tests.storage_fault import unwritable
from tests.web.test_access_audit import OPEN, browser, world  # noqa: F401 (fixtures)
from visitatie.extensions import db
from visitatie.models import Answer

TYPED = "Getypt terwijl de schijf alleen-lezen was; dit mag niet verloren gaan."


def _stored(app, world):
    with app.app_context():
        return db.session.scalar(select(Answer.value).where(Answer.id == world.answer_a))


def test_the_guide_form_comes_back_with_the_typed_text_and_saves_after_the_fault(app, world, browser, database):
    client = browser(world.mayor)
    form = {f"answer-{world.haarlem}-{OPEN}": TYPED, f"version-{world.haarlem}-{OPEN}": "1"}
    with unwritable(database):
        response = client.post(f"/gesprekken/{world.a}/thema/1", data=form)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "5"
        page = response.text
        assert "Opslaan lukte niet door een storing; uw tekst staat hieronder, probeer het zo opnieuw." in page
        assert TYPED in page
        assert f'name="version-{world.haarlem}-{OPEN}" value="1"' in page  # sent again as it was
        assert 'id="guide-form"' in page  # the guide form itself, rebuilt (reading still works)
    assert _stored(app, world) == "Haarlem: geheim."
    response = client.post(f"/gesprekken/{world.a}/thema/1", data=form)  # "Opnieuw versturen"
    assert response.status_code == 302
    assert _stored(app, world) == TYPED


def test_the_autosave_gets_json_503_and_the_next_save_works(app, world, browser, database):
    client = browser(world.mayor)
    body = {"municipality": world.haarlem, "question": OPEN, "value": TYPED, "version": 1}
    with unwritable(database):
        response = client.post(f"/gesprekken/{world.a}/antwoord", json=body)
        assert response.status_code == 503 and response.is_json
        assert response.json["error"] == "unavailable" and response.headers["Retry-After"] == "5"
        # Reading goes on while writing cannot.
        assert client.get(f"/gesprekken/{world.a}/thema/1").status_code == 200
    response = client.post(f"/gesprekken/{world.a}/antwoord", json=body)
    assert response.status_code == 200, response.text
    assert _stored(app, world) == TYPED


def test_a_form_without_a_page_of_its_own_comes_back_as_the_generic_kept_form(app, world, browser, database):
    client = browser(world.leader)
    with unwritable(database):
        response = client.post(f"/gesprekken/{world.a}/antwoorden/{world.answer_a}/markeringen",
                               data={"kind": "les", "passage": "Haarlem"})
    assert response.status_code == 503
    assert "uw tekst staat hieronder" in response.text
    assert 'name="passage" value="Haarlem"' in response.text and 'name="kind" value="les"' in response.text
    assert f'action="/gesprekken/{world.a}/antwoorden/{world.answer_a}/markeringen"' in response.text


def test_a_form_post_that_fails_with_500_keeps_the_typed_text(app, world, browser):
    """Any unexpected error, not only storage: a lesson text posted to a route that breaks."""

    @app.post("/test-kapot")
    def broken():
        raise RuntimeError("stuk")

    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error handler answers

    client = browser("projectleider")
    response = client.post("/test-kapot", data={"text": TYPED})
    assert response.status_code == 500
    assert TYPED in response.text and "Opslaan lukte niet door een storing" in response.text
    response = client.post("/test-kapot", json={"text": TYPED})
    assert response.status_code == 500 and response.json["error"] == "server_error"
    assert TYPED not in response.text


def test_413_is_json_for_the_autosave_and_a_page_that_says_where_the_text_is(app, world, browser):
    client = browser(world.mayor)
    app.config["MAX_CONTENT_LENGTH"] = 1000
    big = "x" * 2000
    response = client.post(f"/gesprekken/{world.a}/antwoord", json={"value": big})
    assert response.status_code == 413 and response.json["error"] == "too_large"
    response = client.post(f"/gesprekken/{world.a}/thema/1", data={"answer-1-x": big})
    assert response.status_code == 413
    assert "knop Vorige" in response.text


def test_a_database_server_that_cannot_be_reached_gives_503_not_500(tmp_path):
    """PostgreSQL down (nothing listens on the port): pages and the autosave say 503, try again."""
    from tests.conftest import make_app
    from tests.server.conftest import free_port

    app = make_app(tmp_path, tmp_path / "unused.sqlite",
                   SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://visitatie:x@127.0.0.1:{free_port()}/visitatie")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    response = client.get("/opbrengst")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "Tijdelijke storing" in response.text
    response = client.post("/gesprekken/1/antwoord", json={"value": "x"})
    assert response.status_code in (401, 503)  # the sign-in check needs no database here
    assert response.is_json
