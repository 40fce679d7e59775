"""Who may see what: curation, publication, figures and downloads only for project leaders; the
public pages need no login and show only what was published."""
from flask import url_for
from sqlalchemy import select

from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.models import Participation

from .conftest import PUBLIC_ENDPOINTS, demo_mark

SAMPLE = {"round_id": 1, "number": 1, "lesson_id": 1, "version": 1}


def management_routes(app):
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("opbrengst.") and rule.endpoint not in PUBLIC_ENDPOINTS:
            with app.test_request_context():
                url = url_for(rule.endpoint, **{name: SAMPLE[name] for name in rule.arguments})
            routes += [(rule.endpoint, method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


def test_there_are_management_routes_to_check(app):
    endpoints = {endpoint for endpoint, _method, _url in management_routes(app)}
    assert {"opbrengst.edit_curation", "opbrengst.edit_theme", "opbrengst.create_lesson", "opbrengst.edit_lesson",
            "opbrengst.delete_lesson", "opbrengst.show_preview", "opbrengst.publish_round", "opbrengst.show_figures",
            "opbrengst.export_excel", "opbrengst.export_csv", "opbrengst.export_public_excel",
            "opbrengst.export_public_csv", "opbrengst.download_report", "opbrengst.withdraw_version",
            "opbrengst.withdraw_lesson"} == endpoints


def test_anonymous_visitors_are_sent_to_the_login_on_every_management_route(app, client, demo):
    for endpoint, method, url in management_routes(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method)
        assert response.headers["Location"].startswith("/inloggen"), (endpoint, method)


def test_a_signed_in_participant_is_refused_everywhere_but_the_public_pages(app, client, published):
    with app.app_context():
        participation = db.session.scalar(select(Participation).where(Participation.role == "gespreksleider"))
        _invitation, token = invitations.issue(db.session, participation, 30)
        db.session.commit()
    assert client.post("/uitnodiging", data={"token": token}).status_code == 302
    for endpoint, method, url in management_routes(app):
        assert client.open(url, method=method).status_code == 403, (endpoint, method)
    assert client.get(f"/opbrengst/{published}").status_code == 200


def test_the_public_pages_need_no_login_and_show_only_what_is_published(app, client, auth, demo):
    assert "Er is nog geen opbrengst gepubliceerd" in client.get("/opbrengst").get_data(as_text=True)
    assert client.get(f"/opbrengst/{demo}").status_code == 404
    auth.as_projectleider()
    client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Eerste les.", "version": "0"})
    assert client.post(f"/rondes/{demo}/opbrengst/publiceren", data={"bevestigd": "ja"}).status_code == 302
    client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Nog niet gepubliceerde les.", "version": "1"})
    auth.logout()

    page = client.get(f"/opbrengst/{demo}").get_data(as_text=True)
    assert "Eerste les." in page and "Nog niet gepubliceerde les." not in page
    assert 'href="/opbrengst"' in client.get("/").get_data(as_text=True)  # in the menu, for everyone
    listing = client.get("/opbrengst").get_data(as_text=True)
    assert "Opbrengst bestuurlijke gespreksronde digitale veiligheid 2024 (demo)" in listing
    assert client.get(f"/opbrengst/{demo}/v1").status_code == 200
    assert client.get(f"/opbrengst/{demo}/v2").status_code == 404
    assert client.get(f"/rondes/{demo}/opbrengst/voorbeeld").status_code == 302  # the preview is not public


def test_the_public_page_has_no_raw_answer_no_unconsented_quote_and_no_unconsented_name(app, client, published):
    page = client.get(f"/opbrengst/{published}").get_data(as_text=True)
    from visitatie.demo.answers import OPEN_ANSWERS

    for answers in OPEN_ANSWERS.values():
        for answer in answers:
            assert answer not in page
    secret = demo_mark(app, "europa.gemeenschappelijke_regelingen", "citaat")
    with app.app_context():
        from visitatie.models import Mark

        assert db.session.get(Mark, secret).text not in page
    # The demo's mayors appear only as participating municipalities, never beside an answer.
    assert "Pieter Dekker" not in page and "Rian van Dam" not in page


def test_the_public_page_is_a_publication_with_charts_and_their_tables(client, published):
    page = client.get(f"/opbrengst/{published}").get_data(as_text=True)
    assert "De belangrijkste les" in page and "Digitale veiligheid is chefsache." in page
    assert page.count('class="yield-theme"') == 5
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page  # accessible charts
    assert "De cijfers als tabel" in page and '<th class="utrecht-table__header-cell" scope="row">' in page
    assert "Versie 1, gepubliceerd op" in page
    assert "style=" not in page  # the CSP forbids inline styles
