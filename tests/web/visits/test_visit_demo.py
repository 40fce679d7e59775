"""The demo visitatieronde, the public national picture it yields, and that picture in the
opbrengst (snapshot, preview page)."""
from visitatie.extensions import db
from visitatie.guide_registry import current_guides
from visitatie.visits import list_visits
from visitatie.visits.demo import load_demo_visits
from visitatie.visits.national_release import latest_release


def test_the_demo_has_a_round_with_a_follow_up_visit_and_loads_once(app, demo):
    with app.app_context():
        rows = list_visits(db.session)
        assert [(r.host, r.conversation.status) for r in rows] == [
            ("Haarlem", "vastgesteld"), ("Leeuwarden", "vastgesteld"), ("Oss", "vastgesteld"),
            ("Dalfsen", "vastgesteld"), ("Wijk bij Duurstede", "vastgesteld"), ("Haarlem", "gehouden"),
            ("Delft", "gepland")]
        assert load_demo_visits(db.session, current_guides()) is False
        assert len(list_visits(db.session)) == 7


def test_the_public_picture_of_the_demo_names_only_the_consenting_host(client, demo):
    page = client.get("/visitaties/landelijk-beeld").text
    assert "Dalfsen" in page  # consented
    for host in ("Leeuwarden", "Oss", "Wijk bij Duurstede", "Haarlem", "Delft"):
        assert host not in page
    assert "Release 1" in page  # the demo published the first release; the page shows nothing live


def test_the_opbrengst_includes_the_national_picture(app, auth, client, demo):
    with app.app_context():
        maturity = latest_release(db.session).maturity
        from visitatie.opbrengst.snapshot import build_snapshot

        assert build_snapshot(db.session, current_guides(), [demo])["maturity"] == maturity
    # Four finalised visits in 2025 at levels 2, 2, 3, 3: all but fewer than 3 at one level, so the
    # distribution is suppressed (group disclosure); the total stays.
    assert maturity["themes"][0]["years"] == {"2025": {"1": None, "2": None, "3": None, "4": None, "5": None}}
    assert maturity["themes"][0]["totals"] == {"2025": 4} and maturity["themes"][0]["suppressed"] == ["2025"]
    auth.as_projectleider()
    page = client.get(f"/rondes/{demo}/opbrengst/voorbeeld").text
    assert "Volwassenheid: het landelijk beeld van de visitaties" in page
    assert "Aantal gemeenten per niveau van volwassenheid, per prioriteit en jaar" in page
