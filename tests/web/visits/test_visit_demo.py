"""The demo visitatieronde, the public national picture it yields, and that picture in the
opbrengst (snapshot, preview page)."""
from visitatie.demo.visits import load_demo_visits
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.visits import list_visits
from visitatie.visits.national_release import latest_release


def test_the_demo_has_a_round_with_a_follow_up_visit_and_loads_once(app, demo):
    with app.app_context():
        rows = list_visits(db.session)
        assert [(r.host, r.conversation.status) for r in rows] == [
            ("Haarlem", "vastgesteld"), ("Leeuwarden", "vastgesteld"), ("Oss", "vastgesteld"),
            ("Heerenveen", "vastgesteld"), ("Dalfsen", "vastgesteld"), ("Zwolle", "vastgesteld"),
            ("Wijk bij Duurstede", "vastgesteld"), ("Amersfoort", "vastgesteld"), ("Haarlem", "gehouden"),
            ("Delft", "gepland")]
        assert load_demo_visits(db.session, current_guides()) is False
        assert len(list_visits(db.session)) == 10


def test_the_public_picture_of_the_demo_names_only_the_consenting_host(client, demo):
    page = client.get("/visitaties/landelijk-beeld").text
    assert "Dalfsen" in page  # consented
    for host in ("Leeuwarden", "Oss", "Heerenveen", "Zwolle", "Wijk bij Duurstede", "Amersfoort", "Haarlem", "Delft"):
        assert host not in page
    assert "Release 1" in page  # the demo published the first release; the page shows nothing live


def test_the_opbrengst_includes_the_national_picture(app, auth, client, demo):
    with app.app_context():
        maturity = latest_release(db.session).maturity
        from visitatie.opbrengst.snapshot import build_snapshot

        assert build_snapshot(db.session, current_guides(), [demo])["maturity"] == maturity
    # Seven finalised visits in 2025 (the 2024 pilot alone is too small a cell and is left out). Theme 1 at
    # levels 3, 2, 3, 3, 2, 2, 3: both cells 3 or more, shown. Theme 3 at 3, 2, 3, 4, 4, 3, 2: the two
    # cells of 2 are suppressed; the total stays.
    assert maturity["themes"][0]["years"] == {"2025": {"1": 0, "2": 3, "3": 4, "4": 0, "5": 0}}
    assert maturity["themes"][0]["totals"] == {"2025": 7} and not maturity["themes"][0].get("suppressed")
    assert maturity["themes"][2]["years"] == {"2025": {"1": 0, "2": None, "3": 3, "4": None, "5": 0}}
    assert maturity["themes"][2]["suppressed"] == ["2025"]
    auth.as_projectleider()
    page = client.get(f"/rondes/{demo}/opbrengst/voorbeeld").text
    assert "Volwassenheid: het landelijk beeld van de visitaties" in page
    assert "Aantal gemeenten per niveau van volwassenheid, per prioriteit en jaar" in page
