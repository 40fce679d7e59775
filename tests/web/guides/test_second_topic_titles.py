"""A round on another topic shows that topic's own theme titles, not the digital-security ones that
the Theme rows (numbered slots) carry: enrolment, the round page, the opbrengst overview, the
pairing command and the national maturity picture."""
from datetime import date, datetime, timezone

from sqlalchemy import select

from tests.factories import round_, visit
from tests.web.guides.ondermijning import make_ondermijning, stored_version
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Municipality, Round
from visitatie.visits import national_picture

SIGNALEN, SAMENWERKING = "Signalen van ondermijning herkennen", "Samenwerken in de driehoek"
SHIPPED_TITLES = ("Leiderschap en professionalisering", "Europa en digitale veiligheid")


def _ondermijning_round(client, app, kind="gespreksronde") -> tuple[int, str]:
    number = stored_version(app, make_ondermijning(client, app)).number
    response = client.post("/rondes/nieuw", data={
        "kind": kind, "title": "Ronde ondermijning 2025", "period_start": "2025-03-01",
        "period_end": "2025-06-30", "themes": ["1", "2"], "guide_version": f"ondermijning/{number}",
        "status": "lopend"})
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    return int(response.headers["Location"].rsplit("/", 1)[1]), number


def test_round_pages_and_the_pairing_command_show_the_topics_titles(app, client, auth, runner):
    auth.as_projectleider()
    round_id, _number = _ondermijning_round(client, app)
    for town, first, second in (("Haarlem", "5", "1"), ("Maastricht", "1", "5")):
        response = client.post(f"/planning/rondes/{round_id}/gemeenten",
                               data={"municipality": town, "score_1": first, "score_2": second})
        assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    for url in (f"/planning/rondes/{round_id}/gemeenten", f"/rondes/{round_id}", f"/rondes/{round_id}/opbrengst"):
        page = client.get(url).get_data(as_text=True)
        assert SIGNALEN in page and SAMENWERKING in page, url
        assert not any(title in page for title in SHIPPED_TITLES), url
    result = runner.invoke(args=["suggest-pairs", str(round_id)])
    assert result.exit_code == 0, result.output
    assert "Haarlem" in result.output and SIGNALEN in result.output and SAMENWERKING in result.output
    assert not any(title in result.output for title in SHIPPED_TITLES)


def _visit(visit_round: Round, town: Municipality, level: int) -> None:
    visit(db.session, visit_round, town, scores={1: level}, justification="Zie het rapport.",
          starts_at=datetime(visit_round.period_start.year, 10, 1, 9, tzinfo=timezone.utc))


def test_the_national_picture_keeps_each_topic_apart_with_its_own_titles(app, client, auth):
    auth.as_projectleider()
    round_id, _number = _ondermijning_round(client, app, kind="visitatieronde")
    with app.app_context():
        ondermijning = db.session.get(Round, round_id)
        shipped = round_(db.session, kind="visitatieronde", title="Visitatieronde digitale veiligheid 2025",
                         period_start=date(2025, 1, 6), period_end=date(2025, 12, 19),
                         guide_version=current_guides().version)
        towns = db.session.scalars(select(Municipality).order_by(Municipality.code).limit(3)).all()
        _visit(shipped, towns[0], 4)
        _visit(ondermijning, towns[1], 2)
        _visit(ondermijning, towns[2], 3)
        db.session.commit()
        picture = national_picture(db.session, public=False)
    # Theme 1 of Ondermijning is not theme 1 of digital security: two rows, each with its own title.
    assert [(t["number"], t["title"], t["n"], t["years"]) for t in picture.maturity["themes"]] == [
        (1, SHIPPED_TITLES[0], 1, {"2025": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}}),
        (1, SIGNALEN, 2, {"2025": {"1": 0, "2": 1, "3": 1, "4": 0, "5": 0}})]
    page = client.get("/visitaties/landelijk-beeld/intern").get_data(as_text=True)
    assert f"1. {SIGNALEN}" in page and f"1. {SHIPPED_TITLES[0]}" in page
