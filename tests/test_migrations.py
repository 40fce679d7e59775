"""The Alembic migrations build the same schema as the models, and `init` is idempotent."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from tests.conftest import make_app
from visitatie.extensions import db
from visitatie.models import Municipality, Theme


def test_migrations_match_the_models(tmp_path):
    app = make_app(tmp_path, tmp_path / "migrated.sqlite")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert differences == [], "run `flask db migrate`: the migrations lag behind the models"


def test_init_twice_is_idempotent_and_keeps_data(tmp_path):
    app = make_app(tmp_path, tmp_path / "fresh.sqlite")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["init"])
    assert first.exit_code == 0, first.output
    assert "Thema's: 5 nieuw" in first.output and "Gemeenten: 342 nieuw" in first.output
    with app.app_context():
        haarlem = db.session.scalar(select(Municipality).where(Municipality.name == "Haarlem"))
        assert (haarlem.population, haarlem.source_year) == (167_636, 2024)  # CBS, 1 January 2024
        db.engine.dispose()
    second = runner.invoke(args=["init"])
    assert second.exit_code == 0, second.output
    assert "Thema's: 0 nieuw, 0 gewijzigd" in second.output
    assert "Gemeenten: 0 nieuw, 0 gewijzigd, 342 ongewijzigd" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Municipality)) == 342
        assert db.session.scalar(select(func.count()).select_from(Theme)) == 5
        # A database loaded with last year's figures: init brings them up to date.
        haarlem = db.session.scalar(select(Municipality).where(Municipality.name == "Haarlem"))
        haarlem.population, haarlem.source_year = 162_000, 2023
        db.session.commit()
        db.engine.dispose()
    third = runner.invoke(args=["init"])
    assert third.exit_code == 0, third.output
    assert "Gemeenten: 0 nieuw, 1 gewijzigd, 341 ongewijzigd" in third.output
    with app.app_context():
        haarlem = db.session.scalar(select(Municipality).where(Municipality.name == "Haarlem"))
        assert (haarlem.population, haarlem.source_year) == (167_636, 2024)
        db.engine.dispose()
