"""Mijn gesprekken, and a project leader's account beside a participant's link in one browser (issue 14).

Jos Wiersma (burgemeester of Haarlem) is in A (Haarlem–Maastricht, gehouden) of the hand-made world;
here he is also invited to C (Haarlem–Oss, gepland), a visit to Haarlem, a finalised and a cancelled
conversation, and one whose link was revoked. Only A, C and the visit are his open places.
"""
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from tests.factories import conversation, municipality, participant, round_
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation, Participation

from .conftest import OPEN


@dataclass
class Places:
    c: int            # Jos in C, gepland
    c_conversation: int
    visit: int        # Jos in the visit to Haarlem
    visit_conversation: int
    finalised: int    # Jos in a vastgesteld conversation
    cancelled: int    # Jos in a geannuleerd conversation
    revoked: int      # Jos in an open conversation whose link was revoked


@pytest.fixture
def places(app, world, link) -> Places:
    with app.app_context():
        jos = db.session.get(Participation, world.mayor).person
        haarlem, oss = municipality(db.session, "Haarlem"), municipality(db.session, "Oss")
        gespreksronde = db.session.get(Conversation, world.a).round
        guides = current_guides()
        visitatieronde = round_(db.session, kind="visitatieronde", period_start=date(2025, 1, 1),
                                period_end=date(2025, 12, 31), guide_version=guides.version,
                                themes=gespreksronde.themes)

        def place(of_round, towns, status, day):
            held = conversation(db.session, of_round, towns, status=status, place="Stadhuis",
                                starts_at=datetime(of_round.period_start.year, 3, day, 9, 0, tzinfo=timezone.utc))
            return participant(db.session, held, "burgemeester", haarlem, person=jos)

        c = place(gespreksronde, [haarlem, oss], "gepland", 5)
        visit = place(visitatieronde, [haarlem], "gepland", 12)
        finalised = place(gespreksronde, [haarlem, oss], "vastgesteld", 1)
        cancelled = place(gespreksronde, [haarlem, oss], "geannuleerd", 2)
        revoked = place(gespreksronde, [haarlem, oss], "gehouden", 3)
        db.session.commit()
        ids = Places(c.id, c.conversation_id, visit.id, visit.conversation_id, finalised.id, cancelled.id, revoked.id)
    for participation_id in (ids.c, ids.visit, ids.finalised, ids.cancelled, ids.revoked):
        link(participation_id)
    with app.app_context():
        invitations.revoke_all(db.session, db.session.get(Participation, ids.revoked))
        db.session.commit()
    return ids


def _session(client) -> dict:
    with client.session_transaction() as session:
        return dict(session)


def test_the_list_holds_only_the_persons_own_open_places(client, world, places, sign_in, answer):
    answer(world.a, world.haarlem, value="Haarlem: de burgemeester.")
    answer(world.a, world.maastricht, value="Maastricht: geheim voor Haarlem.")
    sign_in(world.mayor)
    page = client.get("/mijn-gesprekken").get_data(as_text=True)
    entered = re.findall(r'action="/mijn-gesprekken/(\d+)"', page)
    assert sorted(map(int, entered)) == sorted([world.mayor, places.c, places.visit])
    assert "Gesprek tussen Haarlem en Maastricht" in page and "Gesprek tussen Haarlem en Oss" in page
    assert "Visitatie van Haarlem" in page
    assert "18 januari 2024, 14.00 uur" in page  # 13:00 UTC in winter: 14.00 in the Netherlands
    assert "burgemeester, Haarlem" in page and "Hier bent u nu aangemeld." in page
    # Nothing of Maastricht's answers: not the text, and the count is Haarlem's own, as on A's page.
    assert "geheim voor Haarlem" not in page
    own = re.search(r"(\d+) van (\d+) antwoorden ingevuld", page[page.index("Gesprek tussen Haarlem en Maastricht"):])
    overview = client.get(f"/gesprekken/{world.a}").get_data(as_text=True)
    total_on_a = re.search(r'id="progress-total".*?(\d+) van (\d+) antwoorden ingevuld', overview, re.S)
    assert own.groups() == total_on_a.groups() and own.group(1) == "1"


def test_another_persons_places_are_not_listed_nor_entered(client, world, places, sign_in):
    sign_in(world.other_mayor)
    page = client.get("/mijn-gesprekken").get_data(as_text=True)
    assert re.findall(r'action="/mijn-gesprekken/(\d+)"', page) == [str(world.other_mayor)]
    assert "Haarlem" not in page
    for someone_elses in (world.mayor, places.c, places.visit, world.ciso):
        assert client.post(f"/mijn-gesprekken/{someone_elses}").status_code == 404
    assert _session(client)["participant_id"] == world.other_mayor


@pytest.mark.parametrize("closed", ["finalised", "cancelled", "revoked"])
def test_a_closed_place_or_one_without_a_valid_link_is_not_entered(closed, client, world, places, sign_in):
    sign_in(world.mayor)
    assert client.post(f"/mijn-gesprekken/{getattr(places, closed)}").status_code == 404
    assert _session(client)["participant_id"] == world.mayor


def test_entering_another_place_binds_the_session_to_it_as_its_link_would(client, world, places, sign_in):
    sign_in(world.mayor)
    response = client.post(f"/mijn-gesprekken/{places.c}")
    assert response.status_code == 302 and response.headers["Location"] == f"/gesprekken/{places.c_conversation}"
    session = _session(client)
    with client.application.app_context():
        jos = db.session.get(Participation, places.c).person_id
    assert session["participant_id"] == places.c
    assert session["participant_binding"] == f"{jos}:{places.c_conversation}"
    assert client.get(f"/gesprekken/{places.c_conversation}").status_code == 200
    # Bound to C now, with the rights of Haarlem's mayor there; A needs the list (or A's link) again.
    with client.application.app_context():
        oss_id = municipality(db.session, "Oss").id
    assert client.post(f"/gesprekken/{places.c_conversation}/antwoord", json={
        "municipality": oss_id, "question": OPEN, "value": "Van Oss.", "version": 0}).status_code == 403
    assert client.get(f"/gesprekken/{world.a}").status_code == 404
    # A visit opens on its own page.
    back = client.post(f"/mijn-gesprekken/{places.visit}")
    assert back.headers["Location"] == f"/visitaties/{places.visit_conversation}"
    assert client.get(back.headers["Location"]).status_code == 200


@pytest.mark.parametrize("how", ["expired", "revoked"])
def test_the_page_needs_a_valid_link_of_the_place_the_session_is_in(how, client, app, world, places, sign_in, revoke):
    sign_in(world.mayor)
    assert client.get("/mijn-gesprekken").status_code == 200
    with app.app_context():
        from visitatie.models.invitations import Invitation
        from visitatie.models.types import utcnow
        if how == "revoked":
            revoke(world.mayor)
        else:
            for invitation in db.session.scalars(select(Invitation).where(Invitation.participation_id == world.mayor)):
                invitation.expires_at = utcnow()
            db.session.commit()
    assert client.get("/mijn-gesprekken").status_code == 401
    assert client.post(f"/mijn-gesprekken/{places.c}").status_code == 401


def test_without_a_participant_the_page_is_not_there_even_for_a_project_leader(client, auth):
    assert client.get("/mijn-gesprekken").status_code == 401
    auth.as_projectleider()
    assert client.get("/mijn-gesprekken").status_code == 401


# --- the account and the link side by side --------------------------------------------------------


def test_both_sessions_live_side_by_side_and_end_apart(client, auth, world, sign_in):
    auth.as_projectleider()
    sign_in(world.mayor)
    assert client.get("/rondes/").status_code == 200  # the account, on its own pages
    page = client.get(f"/gesprekken/{world.a}").get_data(as_text=True)
    assert "U werkt als deelnemer:</span>" in page
    assert "<strong>Jos Wiersma</strong> <span class=\"acting-as__role\">(burgemeester, Haarlem)</span>" in page
    assert "Uw account als projectleider blijft apart aangemeld" in page
    assert "Planning en deelnemers bewerken" not in page  # the account's tools are not the mayor's
    # Logging the account out leaves the participant.
    client.post("/uitloggen")
    assert client.get("/rondes/").status_code == 403  # only the participant is left: no project leader
    page = client.get(f"/gesprekken/{world.a}").get_data(as_text=True)
    assert "Jos Wiersma" in page and "Uw account als projectleider" not in page
    # Signing in again keeps the participant; signing out as participant keeps the account.
    auth.login()
    assert client.get("/mijn-gesprekken").status_code == 200
    client.post("/deelnemer/uitloggen")
    assert client.get("/mijn-gesprekken").status_code == 401
    assert client.get("/rondes/").status_code == 200
    assert "U werkt als deelnemer:" not in client.get(f"/gesprekken/{world.a}").get_data(as_text=True)


def test_a_participant_link_never_lends_rights_to_project_leader_pages(client, auth, world, sign_in):
    sign_in(world.leader)  # a gespreksleider may finalise A, but is no project leader
    assert client.get("/rondes/").status_code == 403
    assert client.get(f"/planning/gesprekken/{world.a}").status_code == 403


def test_the_page_in_english(client, world, places, sign_in):
    sign_in(world.mayor)
    client.post("/taal", data={"lang": "en"})
    page = client.get("/mijn-gesprekken").get_data(as_text=True)
    assert "My conversations" in page and "Conversation between Haarlem and Maastricht" in page
    assert "Visit to Haarlem" in page and "18 January 2024, 14:00" in page and "mayor, Haarlem" in page
