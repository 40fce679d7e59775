"""Who sees what: committee and host see their visit, other municipalities nothing (404, the same
as a visit that does not exist), the public only the anonymised national picture."""
import re

import pytest

from tests.conftest import Auth
from tests.visit_world import hold
from visitatie.conversations.finalising import finalise
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation
from visitatie.visits import ScoreInput, save_assessment, set_consent

PAGES = ["/visitaties/{id}", "/visitaties/{id}/thema/1", "/visitaties/{id}/opvolging",
         "/visitaties/{id}/visitatierapport.docx"]


def test_the_personal_link_of_a_visit_opens_the_visit_page(app, world, sign_in):
    browser = sign_in(world.mayor)
    response = browser.get(f"/visitaties/{world.first}")
    assert response.status_code == 200
    assert "Visitatie Haarlem" in response.text and "Welkom, Jos Wiersma." in response.text
    with app.app_context():
        from visitatie.conversations import invitations
        from visitatie.models import Participation
        _inv, token = invitations.issue(db.session, db.session.get(Participation, world.member), 30)
        db.session.commit()
    assert app.test_client().post("/uitnodiging",
                                  data={"token": token}).headers["Location"] == f"/visitaties/{world.first}"


@pytest.mark.parametrize("who", ["member", "secretary", "mayor", "ciso"])
def test_committee_and_host_read_every_page_of_their_visit(world, sign_in, who):
    browser = sign_in(getattr(world, who))
    for page in PAGES:
        response = browser.get(page.format(id=world.first))
        assert response.status_code == 200, page
        assert response.headers["Cache-Control"] == "no-store"


def without_tokens(page: str) -> str:
    """The page without its CSRF tokens: they carry a timestamp, so two requests a second apart differ."""
    return re.sub(r'(name="csrf_token" value="|name="csrf-token" content=")[^"]*', r"\1", page)


@pytest.mark.parametrize("who, visit", [("oss_mayor", "first"), ("mayor", "second"), ("mayor", "oss"),
                                        ("member", "second")])
def test_anyone_else_gets_the_same_404_as_for_a_visit_that_does_not_exist(world, sign_in, who, visit):
    browser = sign_in(getattr(world, who))
    for page in PAGES:
        url = page.format(id=getattr(world, visit))
        response = browser.get(url)
        missing = browser.get(page.format(id=999999))
        assert response.status_code == 404, page
        # No hint that it exists: the same page as for a visit that does not (but for its own address).
        assert (without_tokens(response.text).replace(url, "")
                == without_tokens(missing.text).replace(page.format(id=999999), ""))
        assert "Haarlem" not in response.text and "Oss" not in response.text


def test_signed_out_visitors_get_the_sign_in_page_for_every_visit_url(client, world):
    for page in PAGES:
        for visit in (world.first, 999999):
            response = client.get(page.format(id=visit))
            assert response.status_code == 401
            assert "Haarlem" not in response.text


def test_a_conversation_of_a_gespreksronde_is_no_visit(app, auth, client, demo):
    auth.as_projectleider()
    with app.app_context():
        conversation_id = db.session.query(Conversation.id).filter(Conversation.round_id == demo).first()[0]
    assert client.get(f"/visitaties/{conversation_id}").status_code == 404


@pytest.mark.parametrize("url, data, who, status", [
    ("/visitaties/{id}/thema/1/commissie", {"committee-level": "3", "committee-justification": "x"}, "mayor", 403),
    ("/visitaties/{id}/thema/1/zelfevaluatie", {"self-level": "3", "self-justification": "x"}, "member", 403),
    ("/visitaties/{id}/thema/1/bevindingen", {"finding-text": "x"}, "ciso", 403),
    ("/visitaties/{id}/thema/1/aanbevelingen", {"recommendation-text": "x"}, "mayor", 403),
    ("/visitaties/{id}/reactie", {"response-text": "x"}, "member", 403),
    ("/visitaties/{id}/toestemming", {"consent": "y"}, "secretary", 403),
    ("/visitaties/{id}/vaststellen", {}, "mayor", 403),
    ("/visitaties/{id}/thema/1/commissie", {"committee-level": "3", "committee-justification": "x"}, "oss_mayor", 404),
    ("/visitaties/{id}/reactie", {"response-text": "x"}, "oss_mayor", 404),
])
def test_each_side_changes_only_its_own_part(app, world, sign_in, url, data, who, status):
    browser = sign_in(getattr(world, who))
    assert browser.post(url.format(id=world.first), data=data).status_code == status


def test_only_the_host_updates_the_follow_up(app, world, sign_in):
    from datetime import date

    from visitatie.visits import RecommendationInput, add_recommendation

    with app.app_context():
        conversation = db.session.get(Conversation, world.first)
        rid = add_recommendation(db.session, current_guides(), conversation, RecommendationInput(
            1, "hoog", "burgemeester", date(2025, 6, 1), "Voer het gesprek met de raad."), "Pieter Dekker").id
    data = {f"r{rid}-status": "afgerond", f"r{rid}-reason": "", f"r{rid}-version": "1"}
    assert sign_in(world.member).post(f"/visitaties/{world.first}/aanbevelingen/{rid}/status",
                                      data=data).status_code == 403
    assert sign_in(world.oss_mayor).post(f"/visitaties/{world.oss}/aanbevelingen/{rid}/status",
                                         data=data).status_code == 404
    assert sign_in(world.mayor).post(f"/visitaties/{world.first}/aanbevelingen/{rid}/status",
                                     data=data).status_code == 302


def _finalised_scores(app, conversation_id, levels, consent=False):
    with app.app_context():
        conversation = db.session.get(Conversation, conversation_id)
        for number, level in levels.items():
            save_assessment(db.session, current_guides(), conversation, number, "committee", ScoreInput(level, "x"),
                            "t")
        hold(db.session, conversation)
        finalise(db.session, conversation, "t")
        if consent:
            set_consent(db.session, conversation, True, "t")


def test_the_public_sees_only_the_anonymised_national_picture(app, client, auth, world):
    _finalised_scores(app, world.first, {1: 2})
    _finalised_scores(app, world.second, {1: 3}, consent=True)
    _finalised_scores(app, world.oss, {1: 4})
    public = client.get("/visitaties/landelijk-beeld")
    assert public.status_code == 200
    # Nothing is public before a project leader publishes a release.
    assert "Er zijn nog te weinig vastgestelde visitaties om een landelijk beeld te tonen." in public.text
    assert "Haarlem" not in public.text
    leader = app.test_client()
    Auth(leader, app).as_projectleider("leider@example.org")
    assert leader.post("/visitaties/landelijk-beeld/publiceren").status_code == 302
    public = client.get("/visitaties/landelijk-beeld")
    # Three finalised visits in two years: every cell has fewer than three, so no distribution is
    # shown, and only the host that consented is named.
    assert "Release 1" in public.text and "minder dan 3 visitaties" in public.text
    assert "Haarlem" in public.text and "Oss" not in public.text
    assert client.get("/visitaties/landelijk-beeld/intern").status_code == 302  # to the login
    assert client.get("/visitaties/").status_code == 302
    auth.as_projectleider()
    internal = client.get("/visitaties/landelijk-beeld/intern")
    assert internal.status_code == 200 and "Oss" in internal.text and "Niet openbaar" in internal.text
    assert "Oss" in client.get("/visitaties/").text


def test_participants_never_reach_the_project_leaders_pages(world, sign_in):
    browser = sign_in(world.member)
    assert browser.get("/visitaties/landelijk-beeld/intern").status_code == 403
    assert browser.get("/visitaties/").status_code == 403
    assert browser.get("/visitaties/landelijk-beeld").status_code == 200


def test_the_visit_pages_work_in_english_too(world, sign_in):
    browser = sign_in(world.member)
    browser.post("/taal", data={"lang": "en", "next": "/"})
    for page in PAGES[:3]:
        assert browser.get(page.format(id=world.first)).status_code == 200
    assert browser.get("/visitaties/landelijk-beeld").status_code == 200


def test_reading_a_visit_writes_nothing(app, world, sign_in):
    """A GET of a visit's pages (overview, a theme, the follow-up, the report) stores no row: the
    visit's own row is made by the first save (issue 15: no GET writes)."""
    from sqlalchemy import event

    from visitatie.extensions import db

    writes = []
    with app.app_context():
        engine = db.engine

    def note(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) \
                and "login_session" not in statement and "security_event" not in statement:
            writes.append(statement.split("(")[0][:60])

    member = sign_in(world.member)
    event.listen(engine, "before_cursor_execute", note)
    try:
        for url in (f"/visitaties/{world.first}", f"/visitaties/{world.first}/thema/1",
                    f"/visitaties/{world.first}/opvolging"):
            response = member.get(url)
            assert response.status_code == 200, url
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert writes == []
