"""PostgreSQL connections that the server dropped (a restart, a failover, an idle timeout) are
replaced by themselves: the next request works, no restart of the app. Runs when
VISITATIE_TEST_POSTGRES_URL is set (`.ci/run`)."""
import pytest
from sqlalchemy import create_engine, text

from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="VISITATIE_TEST_POSTGRES_URL is not set")


def _terminate_connections_of(app) -> int:
    """What a server restart does to our pool: every connection of the app's database killed."""
    name = app.config["SQLALCHEMY_DATABASE_URI"].rsplit("/", 1)[1]
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        killed = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :name"
        ), {"name": name}).scalar()
    admin.dispose()
    return killed


def test_the_next_request_after_lost_connections_succeeds(pg_app):
    assert pg_app.test_cli_runner().invoke(args=["init"]).exit_code == 0
    client = pg_app.test_client()
    assert client.get("/opbrengst").status_code == 200  # the pool now holds a connection
    assert _terminate_connections_of(pg_app) >= 1
    assert client.get("/opbrengst").status_code == 200  # pool_pre_ping noticed and reconnected
    assert client.get("/visitaties/landelijk-beeld").status_code == 200
