"""The opbrengst on PostgreSQL: the aggregation reads answers through the DB-API cursor, so prove
it on the second database too (the pg_app fixture skips unless VISITATIE_TEST_POSTGRES_URL is set)."""
import io

import pandas as pd

from visitatie.bootstrap import load_reference_data
from visitatie.demo.gespreksronde import load_demo
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.opbrengst import build_snapshot, curation, export, publication


def test_aggregate_export_publish_and_page_on_postgresql(pg_app):
    with pg_app.app_context():
        assert db.engine.dialect.name == "postgresql"
        db.create_all()
        guides = current_guides()
        load_reference_data(db.session, guides, pg_app.config["DATA_DIR"])
        round_, _ = load_demo(db.session, guides, publish_opbrengst=False)
        snapshot = build_snapshot(db.session, guides, [round_.id], {"province": "Limburg"})
        assert snapshot["municipalities"] == ["Maastricht"]
        full = build_snapshot(db.session, guides, [round_.id])
        assert full["methodology"]["conversations"] == 4 and full["methodology"]["answers"] > 200
        sheets = pd.read_excel(io.BytesIO(export.to_excel(export.tables(db.session, guides, [round_.id]))),
                               sheet_name=None)
        assert len(sheets["Antwoorden"]) == 8  # the confidential file: one row per municipality per conversation
        curation.save_round_curation(db.session, round_, curation.RoundCurationInput("", "Chefsache.", ""), "pl", 0)
        publication.publish(db.session, guides, round_, "pl")
        round_id = round_.id
    page = pg_app.test_client().get(f"/opbrengst/{round_id}").get_data(as_text=True)
    assert "Chefsache." in page
