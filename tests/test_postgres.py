"""The same code on PostgreSQL: migrations, reference data, the demo and the pages.

Runs when VISITATIE_TEST_POSTGRES_URL points at a server where the user may create databases
(`.ci/run` starts one with .ci/postgres.sh). Each run gets its own database, dropped afterwards.
"""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests.conftest import POSTGRES_URL
from visitatie.extensions import db
from visitatie.models import Answer, Conversation, Municipality

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="VISITATIE_TEST_POSTGRES_URL is not set")


def test_init_demo_and_pages_on_postgresql(pg_app):
    runner = pg_app.test_cli_runner()
    for command in (["init"], ["init"], ["demo"]):
        result = runner.invoke(args=command)
        assert result.exit_code == 0, result.output
    with pg_app.app_context():
        assert db.engine.dialect.name == "postgresql"
        with db.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []
        assert db.session.scalar(select(func.count()).select_from(Municipality)) == 342
        assert db.session.scalar(select(func.count()).select_from(Answer)) > 200
        conversation = db.session.scalar(select(Conversation).order_by(Conversation.id))
        assert conversation.starts_at.utcoffset().total_seconds() == 0  # stored and read back as UTC
        conversation_id = conversation.id
    client = pg_app.test_client()
    client.post("/inloggen", data={"email": "projectleider@example.org", "password": "oefenronde-gemeentehuis-2024"})
    page = client.get(f"/gesprekken/{conversation_id}").get_data(as_text=True)
    assert "Haarlem" in page and "Integraal Veiligheidsplan" in page


def test_database_constraints_hold_on_postgresql(pg_app):
    assert pg_app.test_cli_runner().invoke(args=["init"]).exit_code == 0
    with pg_app.app_context():
        db.session.add(Municipality(code="XX0001", name="Nergens", province="Utrecht",
                                    safety_region_code="VR09", safety_region="Utrecht"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
