"""The project leader's pages of a round ask the database a fixed number of questions: the
statement count of each page is the same for a round of 3 and of 9 conversations.

Loaded lazily, every conversation, participant and invitation cost a query of its own (the
dashboard of a national round took 1,075 statements, the invitations page 1,925). The data is
the national round `make bench` measures (visitatie/demo/page_bench.py), with a few conversations.
"""
import shutil

import pytest
from sqlalchemy import insert, select

from tests.conftest import make_app
from visitatie.demo.page_bench import counting_statements, national_round, pages
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Municipality, Theme
from visitatie.models.scheduling import RoundMunicipality, SelfScanScore

SMALL, LARGE = 3, 9


def _enrol_unpaired(session, round_id: int, skip: int, count: int) -> None:
    """Municipalities enrolled with a self-scan but not yet paired: the pairing proposal's input."""
    towns = session.scalars(select(Municipality.id).order_by(Municipality.code).offset(skip).limit(count)).all()
    session.execute(insert(RoundMunicipality.__table__), [
        {"round_id": round_id, "municipality_id": town, "source": "zelfscan"} for town in towns])
    enrolments = session.scalars(select(RoundMunicipality.id).where(
        RoundMunicipality.round_id == round_id, RoundMunicipality.municipality_id.in_(towns))).all()
    numbers = session.scalars(select(Theme.number)).all()
    session.execute(insert(SelfScanScore.__table__), [
        {"enrolment_id": e, "theme_number": n, "score": 1 + (e + n) % 5} for e in enrolments for n in numbers])
    session.commit()


def _statements_per_page(tmp_path, template_database, auth_factory, conversations: int) -> dict[str, int]:
    folder = tmp_path / f"round-of-{conversations}"
    folder.mkdir()
    database = folder / "visitatie.sqlite"
    shutil.copy(template_database, database)
    app = make_app(folder, database)
    try:
        with app.app_context():
            national = national_round(db.session, current_guides(), conversations)
            _enrol_unpaired(db.session, national.round_id, 2 * conversations, 2 * conversations)
            province = db.session.scalar(select(Municipality.province).order_by(Municipality.code).limit(1))
            engine = db.engine
            db.session.remove()
        client = app.test_client()
        auth_factory(client, app).as_projectleider()
        counts = {}
        for label, url in pages(national, province):
            with counting_statements(engine) as count:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            counts[label] = count[0]
        return counts
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def statements(tmp_path, template_database):
    from tests.conftest import Auth

    return lambda conversations: _statements_per_page(tmp_path, template_database, Auth, conversations)


def test_no_project_leader_page_asks_more_statements_for_a_bigger_round(statements):
    small, large = statements(SMALL), statements(LARGE)
    assert set(small) == {"round dashboard", "invitations", "pairing proposal", "curation overview",
                          "figures, filtered by province", "visit list"}
    assert large == small
