"""Shared fixtures: every test gets its own SQLite database file, copied from a template that
was built once per session from the models and loaded with the reference data.

The template is built with create_all() so that a model change is testable at once;
tests/test_migrations.py checks that the Alembic migrations build exactly the same schema."""
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from visitatie import create_app
from visitatie.bootstrap import load_reference_data
from visitatie.extensions import db
from visitatie.guides.registry import current_guides

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "zeilboot-lantaarn-fluitketel"
# A PostgreSQL server where the user may create databases (`.ci/run` starts one).
POSTGRES_URL = os.environ.get("VISITATIE_TEST_POSTGRES_URL")


def make_app(tmp_path: Path, database: Path, **overrides):
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Path:
    """A database with themes and municipalities, built once and copied per test."""
    folder = tmp_path_factory.mktemp("template")
    database = folder / "template.sqlite"
    app = make_app(folder, database)
    with app.app_context():
        db.create_all()
        load_reference_data(db.session, current_guides(), app.config["DATA_DIR"])
        db.session.remove()
        db.engine.dispose()
    return database


@pytest.fixture
def database(tmp_path, template_database) -> Path:
    copy = tmp_path / "visitatie.sqlite"
    shutil.copy(template_database, copy)
    return copy


@pytest.fixture
def app(tmp_path, database):
    app = make_app(tmp_path, database)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def csrf_app(tmp_path, database):
    """The app with CSRF protection on, as in production."""
    app = make_app(tmp_path, database, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def pg_app(tmp_path):
    """The app on a fresh PostgreSQL database of its own, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("VISITATIE_TEST_POSTGRES_URL is not set")
    name = f"visitatie_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    app = make_app(tmp_path, tmp_path / "unused.sqlite",
                   SQLALCHEMY_DATABASE_URI=POSTGRES_URL.rsplit("/", 1)[0] + "/" + name)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def _demo_template(tmp_path_factory, template_database: Path, publish: bool) -> tuple[Path, int]:
    """The demo loaded once into a copy of the template: loading it takes seconds (13 s under load),
    copying the file a few milliseconds."""
    from visitatie.demo.gespreksronde import load_demo

    folder = tmp_path_factory.mktemp("demo-published" if publish else "demo")
    database = folder / "demo.sqlite"
    shutil.copy(template_database, database)
    app = make_app(folder, database)
    with app.app_context():
        round_, _ = load_demo(db.session, current_guides(), publish_opbrengst=publish)
        round_id = round_.id
        db.session.remove()
        db.engine.dispose()
    return database, round_id


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, template_database) -> tuple[Path, int]:
    return _demo_template(tmp_path_factory, template_database, publish=False)


@pytest.fixture(scope="session")
def published_demo_template(tmp_path_factory, template_database) -> tuple[Path, int]:
    return _demo_template(tmp_path_factory, template_database, publish=True)


def _use(app, database: Path, template: Path) -> None:
    """This test's database becomes a copy of `template` (the app has not kept a connection)."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, database)


@pytest.fixture
def demo(app, database, demo_template):
    """The demo round loaded, its opbrengst not yet curated; returns its id. Built once per session."""
    template, round_id = demo_template
    _use(app, database, template)
    return round_id


@pytest.fixture
def published_demo(app, database, published_demo_template):
    """The demo as `flask demo` leaves it, with its published opbrengst; returns the round's id."""
    template, round_id = published_demo_template
    _use(app, database, template)
    return round_id


@dataclass
class Auth:
    client: object
    app: object

    def create(self, email="pl@example.org", role="projectleider"):
        from visitatie.accounts.auth import create_user

        with self.app.app_context():
            create_user(db.session, email, PASSWORD, role, "Test Projectleider")
        return email

    def login(self, email="pl@example.org"):
        return self.client.post("/inloggen", data={"email": email, "password": PASSWORD})

    def logout(self):
        return self.client.post("/uitloggen")

    def as_projectleider(self, email="pl@example.org"):
        self.create(email)
        response = self.login(email)
        assert response.status_code == 302, response.data[:500]
        return email


@pytest.fixture
def auth(client, app):
    return Auth(client, app)


def redeem(client, token: str):
    """Open a personal link as a browser does: the page, then its button (with the CSRF token)."""
    import re

    page = client.get(f"/uitnodiging/{token}").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    return client.post("/uitnodiging", data={"token": token, **({"csrf_token": csrf.group(1)} if csrf else {})})
