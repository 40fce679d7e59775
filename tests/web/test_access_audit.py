"""Access audit: every route against every kind of visitor, and the ids of one conversation, visit
or round used in the address of another (IDOR).

The permission matrices themselves are tested per area (participant/test_permission_matrix.py,
visits/test_visit_access.py, opbrengst/test_access.py, planning/test_access.py). This file adds:

- a sweep of *every* route of the app (a new route fails `test_every_route_is_classified` until it
  is given a class here) for an anonymous visitor, a participant of another conversation, the host
  of another visit, a note-taker and a project leader;
- object ids of B in the address of A: answers, marks, speakers, municipalities and questions in
  the autosave, findings, recommendations and follow-up, lessons, quote and lesson sources;
- links that stop working: expired while signed in, the participant removed from the conversation,
  and a removed participation whose id SQLite hands out again;
- a visit whose host a project leader changed after the follow-up link to the previous visit was made.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from flask import url_for
from sqlalchemy import func, select

from tests.conftest import Auth
from tests.factories import AMSTERDAM, conversation, municipality, participant, person, round_
from tests.participant_world import build_world
from tests.visit_world import _committee, build_visits
from visitatie.conversations import invitations
from visitatie.conversations.answers import Change, save_answer
from visitatie.conversations.marks import add_mark
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Answer, Conversation, Mark, Participation, Round
from visitatie.models.invitations import Invitation
from visitatie.models.opbrengst import CuratedLesson, ThemeCuration
from visitatie.models.types import utcnow
from visitatie.models.visits import Finding, MaturityScore, Recommendation, VisitResponse
from visitatie.opbrengst import curation
from visitatie.scheduling import ConversationInput, ParticipantInput, ValidationFailed, save_conversation
from visitatie.visits import RecommendationInput, add_finding, add_recommendation, ensure_visit

OPEN = "leiderschap.eigenaarschap"  # an open question of theme 1
THEME_2 = "europa.gemeenschappelijke_regelingen"  # a question of theme 2


# --- the world: two conversations (A, B) of a gespreksronde and three visits ------------------


@dataclass
class Ids:
    round: int          # the gespreksronde of A and B
    a: int              # Haarlem and Maastricht
    b: int              # Delft and Oss
    haarlem: int
    maastricht: int
    delft: int
    leader: int         # gespreksleider of A
    note_taker: int     # notulist of A
    mayor: int          # burgemeester of Haarlem, in A
    ciso: int           # CISO of Maastricht, in A
    other_mayor: int    # burgemeester of Delft, in B
    answer_a: int       # Haarlem's answer in A
    answer_b: int       # Delft's answer in B
    mark_a: int         # a quote on answer_a
    mark_b: int         # a quote on answer_b
    first: int          # visit to Haarlem, 2024
    second: int         # visit to Haarlem, 2025 (follows the first up)
    oss: int            # visit to Oss, 2025
    member: int         # commissielid in the first visit
    secretary: int      # secretaris in the first visit
    host_mayor: int     # burgemeester of Haarlem in the first visit
    host_ciso: int      # CISO of Haarlem in the first visit
    visit_note_taker: int  # notulist in the first visit
    second_member: int  # commissielid in the second visit
    second_mayor: int   # burgemeester of Haarlem in the second visit
    oss_mayor: int      # burgemeester of Oss in the Oss visit
    finding_first: int
    finding_oss: int
    recommendation_first: int
    recommendation_second: int
    recommendation_oss: int


def _quote(answer: Answer) -> int:
    speaker = next(p for p in answer.conversation.participations if p.municipality_id == answer.municipality_id)
    return add_mark(db.session, answer, "citaat", "Test", speaker=speaker).id


@pytest.fixture
def world(app) -> Ids:
    with app.app_context():
        guides = current_guides()
        w = build_world(db.session, guides)
        answer_a = save_answer(db.session, w.a, w.haarlem.id, Change(guides.question(OPEN), "Haarlem: geheim.", 0),
                               "Test", guides)
        answer_b = save_answer(db.session, w.b, w.delft.id, Change(guides.question(OPEN), "Delft: geheim.", 0),
                               "Test", guides)
        v = build_visits(db.session, guides)
        note_taker = participant(db.session, v.first, "notulist", name="Nora Notulist", function="notulist")
        db.session.commit()

        def recommendation(conversation, text):
            return add_recommendation(db.session, guides, conversation, RecommendationInput(
                1, "hoog", "burgemeester", date(2026, 6, 1), text), "Test").id

        return Ids(
            w.round.id, w.a.id, w.b.id, w.haarlem.id, w.maastricht.id, w.delft.id, w.leader.id, w.note_taker.id,
            w.mayor.id, w.ciso.id, w.other_mayor.id, answer_a.id, answer_b.id, _quote(answer_a), _quote(answer_b),
            v.first.id, v.second.id, v.oss.id, v.participation(v.first, "commissielid", "Pieter Dekker").id,
            v.participation(v.first, "secretaris").id, v.participation(v.first, "burgemeester").id,
            v.participation(v.first, "ciso").id, note_taker.id,
            v.participation(v.second, "commissielid", "Pieter Dekker").id, v.participation(v.second, "burgemeester").id,
            v.participation(v.oss, "burgemeester").id,
            add_finding(db.session, guides, v.first, 1, "Bevinding Haarlem.", "Test").id,
            add_finding(db.session, guides, v.oss, 1, "Bevinding Oss.", "Test").id,
            recommendation(v.first, "Aanbeveling Haarlem 2024."), recommendation(v.second, "Aanbeveling Haarlem 2025."),
            recommendation(v.oss, "Aanbeveling Oss."))


def _token(app, participation_id: int, days: int = 30) -> str:
    with app.app_context():
        _invitation, token = invitations.issue(db.session, db.session.get(Participation, participation_id), days)
        db.session.commit()
        return token


@pytest.fixture
def browser(app):
    """A fresh test client as somebody: "anonymous", "projectleider" or a participation id."""

    def open_as(who):
        client = app.test_client()
        if who == "projectleider":
            Auth(client, app).as_projectleider()
        elif who != "anonymous":
            response = client.post("/uitnodiging", data={"token": _token(app, who)})
            assert response.status_code == 302, response.status_code
        return client

    return open_as


def _count(app, model, **where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


# --- every route, every kind of visitor --------------------------------------------------------

# Who a route is for. A route missing here fails test_every_route_is_classified.
PUBLIC = {"main.show_home", "main.switch_language", "themes.list_themes", "themes.show_theme", "static",
          "account.login", "opbrengst.list_publications", "opbrengst.show_publication",
          "opbrengst.show_publication_version", "opbrengst.download_publication_pdf", "visits.show_national_picture",
          "themes.download_guide_pdf", "themes.download_theme_pdf"}
# Tested on their own (tests/web/accounts/): signing in and out, the own account, one-time links.
SESSION = {"account.logout", "participant.accept_invitation", "participant.open_invitation", "account.second_factor",
           "account.show_account", "account.logout_everywhere", "account.enrol_two_factor", "account.two_factor_qr",
           "account.open_account_link", "account.redeem_account_link", "account.set_password",
           "participant.my_quotes", "participant.answer_quote",  # consent: tests/web/participant/test_quote_consent.py
           "participant.logout_participant"}  # tests/web/participant/test_my_conversations.py
# A participant's own pages (Mijn gesprekken): never for an account, only the participant's own places.
PERSON = {"participant.list_my_conversations", "participant.enter_my_conversation"}
CONVERSATION = {"participant.show_conversation", "participant.edit_theme", "participant.save_answer",
                "participant.show_answer_history", "participant.download_verslag", "participant.create_mark",
                "participant.delete_mark", "participant.finalise_conversation",
                "participant.reopen_conversation", "participant.download_guide_pdf",
                "participant.download_calendar"}
VISIT = {"visits.show_visit", "visits.show_visit_theme", "visits.save_self_assessment",
         "visits.save_committee_score", "visits.create_finding", "visits.delete_finding",
         "visits.create_recommendation", "visits.edit_recommendation", "visits.delete_recommendation",
         "visits.show_follow_up", "visits.update_recommendation_status", "visits.save_response",
         "visits.update_consent", "visits.finalise_visit", "visits.download_report", "visits.download_report_pdf"}


def _is_for_project_leaders(endpoint: str) -> bool:
    blueprint = endpoint.split(".")[0]
    return (blueprint in ("planning", "rounds", "accounts", "guide_editor")
            or endpoint in ("visits.list_visits", "visits.show_internal_picture", "visits.publish_national_release")
            or (blueprint == "opbrengst" and endpoint not in PUBLIC))


def _routes(app, w: Ids, lesson_id: int):
    """(endpoint, method, url) for every route, with ids that belong to A, the first visit and A's round."""
    values = {"conversation_id": w.a, "answer_id": w.answer_a, "mark_id": w.mark_a, "number": 1,
              "visit_id": w.first, "finding_id": w.finding_first, "recommendation_id": w.recommendation_first,
              "round_id": w.round, "lesson_id": lesson_id, "version": 1, "participation_id": w.mayor,
              "code": "GM0392", "slug": "leiderschap", "filename": "favicon.svg", "token": "x",
              "user_id": 999999,
              # the guide editor: the shipped version (stored by init), its first theme and question
              # no such account: a project leader must not disable or reset their own here
              "version_id": 1, "index": 0, "position": 0, "set_id": 1}
    routes = []
    for rule in app.url_map.iter_rules():
        with app.test_request_context():
            url = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, method, url))
    # Reading first, then changing, then what ends something (finalising, deleting).
    last = ("delete", "finalise", "reopen", "verwijderen", "vaststellen", "heropenen")
    return sorted(routes, key=lambda r: (r[1] != "GET", any(word in r[0] for word in last), r[0], r[1]))


@pytest.fixture
def lesson(app, world) -> int:
    """A lesson in the round of A, grouped from a lesson mark on Haarlem's answer."""
    with app.app_context():
        answer = db.session.get(Answer, world.answer_a)
        mark = add_mark(db.session, answer, "les", "Test")
        return curation.add_lesson(db.session, current_guides(), db.session.get(Round, world.round), 1,
                                   "Een les.", [mark.id], "Test").id


def test_every_route_is_classified(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    classified = ({e for e in endpoints if _is_for_project_leaders(e)} | PUBLIC | SESSION | CONVERSATION | VISIT
                  | PERSON)
    assert endpoints == classified
    assert len(endpoints) >= 70


def test_the_reminder_routes_are_swept_as_project_leader_only(app):
    """The reminders page, its letter and its send button (web/planning/reminders.py): in the sweep
    below as project-leader-only routes, so a participant gets 403 and an anonymous visitor the login."""
    reminders = {"planning.show_reminders", "planning.save_reminder_letter", "planning.send_reminders"}
    assert reminders <= {rule.endpoint for rule in app.url_map.iter_rules()}
    assert all(_is_for_project_leaders(endpoint) for endpoint in reminders)


# What each visitor gets on the routes of each class (A, the first visit, A's round, the mayor of
# Haarlem's place in A). None: let in. A project leader gets no 401 or 403 (and no 404 on a page),
# except on a participant's own pages, where an account never acts; a participant who may read gets
# no 401 or 404 (a right they lack is a 403, checked per role in the matrices). Never a 5xx.
# Mijn gesprekken: a participant reads their own list ("own") and is refused the mayor's place (404).
SWEEP = {
    #                   projectleider-only      conversation A   visit "first"  Mijn gesprekken
    "anonymous":        ("login",               401,             401,           401),
    "other_mayor":      (403,                   404,             404,           "own"),  # a participant of B
    "oss_mayor":        (403,                   404,             404,           "own"),  # host of another visit
    "visit_note_taker": (403,                   404,             None,          "own"),  # note-taker of the visit
    "note_taker":       (403,                   None,            404,           "own"),  # note-taker of A
    "projectleider":    (None,                  None,            None,          401),
}


@pytest.mark.parametrize("who", list(SWEEP))
def test_every_route_answers_each_visitor_as_its_class_says(who, app, world, lesson, browser):
    client = browser(who if who in ("anonymous", "projectleider") else getattr(world, who))
    expected_pl, expected_conversation, expected_visit, expected_person = SWEEP[who]
    wrong = []
    for endpoint, method, url in _routes(app, world, lesson):
        if endpoint in SESSION:
            continue
        response = client.open(url, method=method)
        status = response.status_code
        assert status < 500, (endpoint, method, status)
        if endpoint in PUBLIC:
            continue  # compared across visitors below
        expected = (expected_conversation if endpoint in CONVERSATION else expected_visit if endpoint in VISIT
                    else expected_person if endpoint in PERSON else expected_pl)
        if expected == "own":
            ok = status == (200 if method == "GET" else 404)
        elif expected == "login":
            ok = status == 302 and response.headers["Location"].startswith("/inloggen")
        elif expected is None:
            ok = status not in (401, 403) and not (method == "GET" and status == 404)
            if who != "projectleider" and endpoint in CONVERSATION | VISIT:
                ok = status not in (401, 404)  # may read; a missing right is a 403 (tested per matrix)
        else:
            ok = status == expected
        if not ok:
            wrong.append((endpoint, method, status))
    assert wrong == []


def test_public_pages_answer_everybody_alike(app, world, lesson, browser):
    seen = {}
    for who in ("anonymous", world.other_mayor, world.mayor, "projectleider"):
        client = browser(who)
        seen[who] = {(e, m): client.open(u, method=m).status_code
                     for e, m, u in _routes(app, world, lesson) if e in PUBLIC and m == "GET"}
    assert len({tuple(sorted(s.items())) for s in seen.values()}) == 1


# --- conversations: ids of B in the address of A ----------------------------------------------

# (name, method, url, keyword arguments); {a}, {b}, ... are filled in from the world.
CONVERSATION_IDOR = [
    ("history of B's answer under A", "get", "/gesprekken/{a}/antwoorden/{answer_b}/geschiedenis", {}),
    ("mark B's answer under A", "post", "/gesprekken/{a}/antwoorden/{answer_b}/markeringen", {"data": {"kind": "les"}}),
    ("consent on B's mark under A", "post", "/gesprekken/{a}/citaten/{mark_b}",
     {"data": {"consent": "niet_publiceren"}}),
    ("delete B's mark under A", "post", "/gesprekken/{a}/markeringen/{mark_b}/verwijderen", {}),
    ("autosave Delft (of B) in A", "post", "/gesprekken/{a}/antwoord",
     {"json": {"municipality": "{delft}", "question": OPEN, "value": "Ingeschoven.", "version": 0}}),
    ("form post with Delft's fields in A", "post", "/gesprekken/{a}/thema/1",
     {"data": {f"answer-{{delft}}-{OPEN}": "Ingeschoven.", f"version-{{delft}}-{OPEN}": "0"}}),
    ("finalise B", "post", "/gesprekken/{b}/vaststellen", {"data": {"bevestigd": "ja"}}),
    ("reopen B", "post", "/gesprekken/{b}/heropenen", {"data": {"reason": "x"}}),
    ("theme of B", "get", "/gesprekken/{b}/thema/1", {}),
    ("history of A's answer under B", "get", "/gesprekken/{b}/antwoorden/{answer_a}/geschiedenis", {}),
    ("mark A's answer under B", "post", "/gesprekken/{b}/antwoorden/{answer_a}/markeringen", {"data": {"kind": "les"}}),
    ("delete A's mark under B", "post", "/gesprekken/{b}/markeringen/{mark_a}/verwijderen", {}),
]
ROLES = ("anonymous", "projectleider", "leader", "note_taker", "mayor", "ciso", "other_mayor")
CONVERSATION_IDOR_EXPECTED = {
    #                                       anon  pl   leader notul mayor ciso  B
    "history of B's answer under A":        (401, 404, 403,   403,  403,  403,  404),
    "mark B's answer under A":              (401, 404, 404,   404,  403,  403,  404),
    "consent on B's mark under A":          (401, 404, 404,   404,  404,  404,  404),  # only its speaker
    "delete B's mark under A":              (401, 404, 404,   404,  403,  403,  404),
    "autosave Delft (of B) in A":           (401, 403, 403,   403,  403,  403,  404),
    # A form only carries the fields of the conversation's own municipalities: the rest is ignored.
    "form post with Delft's fields in A":   (401, 302, 302,   302,  302,  302,  404),
    "finalise B":                           (401, 302, 404,   404,  404,  404,  403),
    "reopen B":                             (401, 302, 404,   404,  404,  404,  403),  # PL: B was just finalised
    "theme of B":                           (401, 200, 404,   404,  404,  404,  200),
    "history of A's answer under B":        (401, 404, 404,   404,  404,  404,  403),
    "mark A's answer under B":              (401, 404, 404,   404,  404,  404,  403),
    "delete A's mark under B":              (401, 404, 404,   404,  404,  404,  403),
}


def _fill(value, w: Ids):
    if isinstance(value, str):
        names = {k: getattr(w, k) for k in w.__dataclass_fields__}
        if value.startswith("{") and value.endswith("}") and value[1:-1] in names:
            return names[value[1:-1]]  # a bare id stays a number (JSON)
        return value.format(**names)
    if isinstance(value, dict):
        return {_fill(k, w): _fill(v, w) for k, v in value.items()}
    return value


def _statuses(browser, world, role, requests, expectations, column) -> tuple[dict, dict]:
    """What `role` gets for each (name, method, url, kwargs) request, and what the table expects."""
    client = browser(role if role in ("anonymous", "projectleider") else getattr(world, role))
    actual = {name: getattr(client, method)(_fill(url, world), **_fill(kwargs, world)).status_code
              for name, method, url, kwargs in requests}
    return actual, {name: expectations[name][column] for name, *_ in requests}


@pytest.mark.parametrize("role", ROLES)
def test_ids_of_another_conversation_are_not_found_in_this_one(role, app, world, browser):
    actual, expected = _statuses(browser, world, role, CONVERSATION_IDOR, CONVERSATION_IDOR_EXPECTED, ROLES.index(role))
    assert actual == expected
    with app.app_context():
        # Nothing of B changed, nothing of B's municipalities landed in A.
        # as proposed: nobody but its speaker changes it
        assert db.session.get(Mark, world.mark_b).consent == "gevraagd"
        assert db.session.scalar(select(func.count()).select_from(Mark).join(Answer).where(
            Answer.conversation_id == world.b)) == 1
        assert db.session.scalar(select(func.count()).select_from(Answer).where(
            Answer.conversation_id == world.a, Answer.municipality_id == world.delft)) == 0
        assert db.session.get(Conversation, world.b).status == "gehouden"
        assert db.session.get(Answer, world.answer_b).value == "Delft: geheim."


@pytest.mark.parametrize("body, status", [
    ({"municipality": "{delft}", "question": OPEN, "value": "x", "version": 0}, 403),   # not in A
    ({"municipality": 999999, "question": OPEN, "value": "x", "version": 0}, 403),      # does not exist
    ({"municipality": "{haarlem}", "question": "leiderschap.bestaat_niet", "value": "x", "version": 0}, 400),
    ({"municipality": "{haarlem}", "question": THEME_2, "value": "x", "version": 0}, 400),  # theme not in the round
    ({"municipality": "{haarlem}", "question": OPEN, "value": "x", "version": 7}, 409),  # a version that never was
])
def test_autosave_refuses_municipalities_and_questions_outside_the_conversation(body, status, app, world, browser):
    with app.app_context():  # the round of A without theme 2
        round_ = db.session.get(Round, world.round)
        round_.themes = [t for t in round_.themes if t.number != 2]
        db.session.commit()
    client = browser("projectleider")
    before = _count(app, Answer)
    assert client.post(f"/gesprekken/{world.a}/antwoord", json=_fill(body, world)).status_code == status
    assert _count(app, Answer) == before
    assert client.get(f"/gesprekken/{world.a}/thema/2").status_code == 404


def test_the_other_municipality_cannot_slip_a_field_of_haarlem_into_its_own_form(app, world, browser):
    client = browser(world.ciso)  # Maastricht, in A
    response = client.post(f"/gesprekken/{world.a}/thema/1", data={
        f"answer-{world.maastricht}-{OPEN}": "Van Maastricht.", f"version-{world.maastricht}-{OPEN}": "0",
        f"answer-{world.haarlem}-{OPEN}": "Overschreven.", f"version-{world.haarlem}-{OPEN}": "1"})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Answer, world.answer_a).value == "Haarlem: geheim."
        assert _count(app, Answer, conversation_id=world.a, municipality_id=world.maastricht) == 0


def test_a_speaker_from_another_conversation_is_refused(app, world, browser):
    client = browser(world.leader)
    response = client.post(f"/gesprekken/{world.a}/antwoorden/{world.answer_a}/markeringen", data={
        "kind": "citaat", "consent": "met_naam", "speaker": str(world.other_mayor)})
    assert response.status_code == 400
    assert "Kies een deelnemer van dit gesprek als spreker." in response.text
    assert _count(app, Mark, answer_id=world.answer_a) == 1


# --- links that stop working ------------------------------------------------------------------


def test_a_link_that_expires_while_signed_in_ends_the_session(app, world, browser):
    client = browser(world.mayor)
    assert client.get(f"/gesprekken/{world.a}").status_code == 200
    with app.app_context():
        for invitation in db.session.scalars(select(Invitation).where(Invitation.participation_id == world.mayor)):
            invitation.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert client.get(f"/gesprekken/{world.a}").status_code == 401
    assert client.post(f"/gesprekken/{world.a}/antwoord", json={
        "municipality": world.haarlem, "question": OPEN, "value": "x", "version": 1}).status_code == 401


def test_a_reissued_link_keeps_the_session_and_the_old_link_stops(app, world, browser):
    client = browser(world.mayor)
    with app.app_context():
        old = db.session.scalar(select(Invitation).where(Invitation.participation_id == world.mayor))
        old_hash = old.token_hash
    _token(app, world.mayor)  # re-issued
    assert client.get(f"/gesprekken/{world.a}").status_code == 200
    with app.app_context():
        assert not db.session.scalar(select(Invitation).where(Invitation.token_hash == old_hash)).is_valid(utcnow())


def _remove_from_a(app, participation_id: int, world: Ids) -> None:
    """The project leader takes a participant out of A, through the planning form's domain."""
    with app.app_context():
        conversation = db.session.get(Conversation, world.a)
        kept = [ParticipantInput(p.person.name, p.person.email, p.role, p.municipality, p.person.function or "")
                for p in conversation.participations if p.id != participation_id]
        save_conversation(db.session, conversation.round, ConversationInput(
            list(conversation.municipalities), conversation.starts_at, conversation.duration_minutes,
            conversation.place, participants=kept), "Test", conversation)
        db.session.commit()
        assert db.session.get(Participation, participation_id) is None


def test_a_participant_removed_from_the_conversation_loses_link_and_session(app, world, browser):
    token = _token(app, world.ciso)
    client = app.test_client()
    assert client.post("/uitnodiging", data={"token": token}).status_code == 302
    _remove_from_a(app, world.ciso, world)
    assert client.get(f"/gesprekken/{world.a}").status_code == 401
    assert client.post(f"/gesprekken/{world.a}/antwoord", json={
        "municipality": world.maastricht, "question": OPEN, "value": "x", "version": 0}).status_code == 401
    assert app.test_client().post("/uitnodiging", data={"token": token}).status_code == 404


def test_a_removed_participation_whose_id_comes_back_does_not_bring_its_session_along(app, world):
    """SQLite hands the highest id out again after a delete. The session of the removed participant
    must not turn into the new participant's session, in another conversation."""
    with app.app_context():
        last = db.session.scalar(select(func.max(Participation.id)))
    client = app.test_client()
    assert client.post("/uitnodiging", data={"token": _token(app, last)}).status_code == 302
    with app.app_context():
        removed = db.session.get(Participation, last)
        removed_from = removed.conversation_id
        removed.conversation.participations.remove(removed)
        db.session.delete(removed)
        db.session.commit()
        a = db.session.get(Conversation, world.a)
        newcomer = participant(db.session, a, "notulist", name="Nieuwe Notulist", function="notulist")
        db.session.commit()
        reused = newcomer.id
    assert removed_from != world.a
    assert reused == last  # the id did come back (SQLite without AUTOINCREMENT)
    newcomers_link = _token(app, reused)
    assert client.get(f"/gesprekken/{world.a}").status_code == 401
    assert client.get(f"/gesprekken/{removed_from}").status_code == 401
    # The newcomer's own link does work.
    newcomer_client = app.test_client()
    assert newcomer_client.post("/uitnodiging", data={"token": newcomers_link}).status_code == 302
    assert newcomer_client.get(f"/gesprekken/{world.a}").status_code == 200


# --- visits: ids of another visit, who changes what --------------------------------------------

VISIT_IDOR = [
    ("delete Oss's finding under the first", "post", "/visitaties/{first}/bevindingen/{finding_oss}/verwijderen", {}),
    ("edit Oss's recommendation under the first", "get",
     "/visitaties/{first}/aanbevelingen/{recommendation_oss}/bewerken", {}),
    ("save Oss's recommendation under the first", "post",
     "/visitaties/{first}/aanbevelingen/{recommendation_oss}/bewerken",
     {"data": {"recommendation-theme_number": "1", "recommendation-priority": "laag",
               "recommendation-owner_role": "college", "recommendation-deadline": "2026-06-01",
               "recommendation-text": "Overschreven.", "recommendation-version": "1"}}),
    ("delete Oss's recommendation under the first", "post",
     "/visitaties/{first}/aanbevelingen/{recommendation_oss}/verwijderen", {}),
    ("follow up Oss's recommendation under the first", "post",
     "/visitaties/{first}/aanbevelingen/{recommendation_oss}/status",
     {"data": {"r{recommendation_oss}-status": "afgerond", "r{recommendation_oss}-reason": "",
               "r{recommendation_oss}-version": "1"}}),
    ("follow up the later visit's recommendation under the first", "post",
     "/visitaties/{first}/aanbevelingen/{recommendation_second}/status",
     {"data": {"r{recommendation_second}-status": "afgerond", "r{recommendation_second}-reason": "",
               "r{recommendation_second}-version": "1"}}),
    ("edit the later visit's recommendation under the first", "get",
     "/visitaties/{first}/aanbevelingen/{recommendation_second}/bewerken", {}),
    ("a theme that is not in the round", "get", "/visitaties/{first}/thema/99", {}),
]
VISIT_ROLES = ("anonymous", "projectleider", "member", "secretary", "host_mayor", "host_ciso", "visit_note_taker",
               "oss_mayor")
VISIT_IDOR_EXPECTED = {
    #                                                              anon  pl   memb secr mayor ciso notul oss
    "delete Oss's finding under the first":                       (401, 404, 404, 404, 403, 403, 403, 404),
    "edit Oss's recommendation under the first":                  (401, 404, 404, 404, 403, 403, 403, 404),
    "save Oss's recommendation under the first":                  (401, 404, 404, 404, 403, 403, 403, 404),
    "delete Oss's recommendation under the first":                (401, 404, 404, 404, 403, 403, 403, 404),
    "follow up Oss's recommendation under the first":             (401, 404, 403, 403, 404, 404, 403, 404),
    "follow up the later visit's recommendation under the first": (401, 404, 403, 403, 404, 404, 403, 404),
    "edit the later visit's recommendation under the first":      (401, 404, 404, 404, 403, 403, 403, 404),
    "a theme that is not in the round":                           (401, 404, 404, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("role", VISIT_ROLES)
def test_ids_of_another_visit_are_not_found_in_this_one(role, app, world, browser):
    actual, expected = _statuses(browser, world, role, VISIT_IDOR, VISIT_IDOR_EXPECTED, VISIT_ROLES.index(role))
    assert actual == expected
    with app.app_context():
        oss = db.session.get(Recommendation, world.recommendation_oss)
        assert (oss.status, oss.text, oss.priority) == ("open", "Aanbeveling Oss.", "hoog")
        assert db.session.get(Recommendation, world.recommendation_second).status == "open"
        assert db.session.get(Finding, world.finding_oss) is not None


# Each side changes only its own part (README, the visit matrix), on every changing visit route.
VISIT_WRITES = [
    ("self-assessment", "/visitaties/{first}/thema/1/zelfevaluatie",
     {"self-level": "3", "self-justification": "Zelf.", "self-version": "0"}),
    ("committee score", "/visitaties/{first}/thema/1/commissie",
     {"committee-level": "2", "committee-justification": "Commissie.", "committee-version": "0"}),
    ("finding", "/visitaties/{first}/thema/1/bevindingen", {"finding-text": "Nog een bevinding."}),
    ("recommendation", "/visitaties/{first}/thema/1/aanbevelingen",
     {"recommendation-theme_number": "1", "recommendation-priority": "laag", "recommendation-owner_role": "college",
      "recommendation-deadline": "2026-06-01", "recommendation-text": "Nog een aanbeveling."}),
    ("edit recommendation", "/visitaties/{first}/aanbevelingen/{recommendation_first}/bewerken",
     {"recommendation-theme_number": "1", "recommendation-priority": "laag", "recommendation-owner_role": "college",
      "recommendation-deadline": "2026-06-01", "recommendation-text": "Herschreven.", "recommendation-version": "1"}),
    ("follow-up", "/visitaties/{first}/aanbevelingen/{recommendation_first}/status",
     {"r{recommendation_first}-status": "in_uitvoering", "r{recommendation_first}-reason": "",
      "r{recommendation_first}-version": "1"}),
    ("response", "/visitaties/{first}/reactie", {"response-text": "Onze reactie.", "response-version": "0"}),
    ("consent", "/visitaties/{first}/toestemming", {"consent": "y"}),
    ("delete finding", "/visitaties/{first}/bevindingen/{finding_first}/verwijderen", {}),
    ("delete recommendation", "/visitaties/{first}/aanbevelingen/{recommendation_first}/verwijderen", {}),
    ("finalise", "/visitaties/{first}/vaststellen", {}),
]
VISIT_WRITE_ROLES = ("member", "secretary", "host_mayor", "host_ciso", "visit_note_taker", "second_mayor",
                     "second_member")
HOST_PART = {"self-assessment", "follow-up", "response", "consent"}


@pytest.mark.parametrize("role", VISIT_WRITE_ROLES)
def test_each_side_of_a_visit_changes_only_its_own_part(role, app, world, browser):
    client = browser(getattr(world, role))
    may = {"member": "committee", "secretary": "committee", "host_mayor": "host", "host_ciso": "host"}.get(role)
    actual, expected = {}, {}
    for name, url, data in VISIT_WRITES:
        actual[name] = client.post(_fill(url, world), data=_fill(data, world)).status_code
        if role.startswith("second"):  # a participant of the later visit, in the first one's address
            expected[name] = 404
        elif may is None:
            expected[name] = 403
        else:
            expected[name] = 302 if (name in HOST_PART) == (may == "host") else 403
    assert actual == expected
    with app.app_context():
        scores = {s.source for s in db.session.scalars(select(MaturityScore).where(
            MaturityScore.conversation_id == world.first))}
        response = db.session.scalar(select(VisitResponse).where(VisitResponse.conversation_id == world.first))
        status = db.session.get(Conversation, world.first).status
    if may == "committee":
        assert scores == {"committee"} and response is None and status == "vastgesteld"
    elif may == "host":
        assert scores == {"self"} and response is not None and status == "gepland"
        assert _count(app, Finding, conversation_id=world.first) == 1
    else:
        assert scores == set() and response is None and status == "gepland"
        assert _count(app, Finding, conversation_id=world.first) == 1
        assert _count(app, Recommendation, conversation_id=world.first) == 1


@pytest.mark.parametrize("role, finalise, mark", [
    ("host_mayor", 403, 403), ("host_ciso", 403, 403), ("visit_note_taker", 403, 302), ("oss_mayor", 404, 404),
])
def test_the_conversation_routes_of_a_visit_follow_the_visit_matrix(role, finalise, mark, app, world, browser):
    """A visit is a conversation too (its guide answers): its host cannot finalise it that way either."""
    client = browser(getattr(world, role))
    with app.app_context():
        guides = current_guides()
        conversation = db.session.get(Conversation, world.first)
        answer_id = save_answer(db.session, conversation, conversation.municipalities[0].id,
                                Change(guides.question(OPEN), "Antwoord van de gastgemeente.", 0), "Test", guides).id
    assert client.post(f"/gesprekken/{world.first}/vaststellen", data={"bevestigd": "ja"}).status_code == finalise
    assert client.post(f"/gesprekken/{world.first}/antwoorden/{answer_id}/markeringen",
                       data={"kind": "les"}).status_code == mark
    # A visit has no verslag: the link leads to its visitatierapport, under the visit's own permission check.
    verslag = client.get(f"/gesprekken/{world.first}/verslag.docx")
    assert verslag.status_code == (404 if role == "oss_mayor" else 302)
    if role != "oss_mayor":
        assert verslag.headers["Location"].endswith(f"/visitaties/{world.first}/visitatierapport.docx")
    with app.app_context():
        assert db.session.get(Conversation, world.first).status == "gepland"


def test_a_changed_host_does_not_inherit_the_previous_visit_of_the_old_host(app, world, browser):
    """The 2025 visit was opened (linking it to Haarlem's 2024 visit), then its host was corrected to
    Maastricht: Maastricht's mayor must not see, nor follow up, Haarlem's recommendations of 2024.
    While the visit holds work of its host (here a recommendation), the host cannot change at all."""
    with app.app_context():
        second = db.session.get(Conversation, world.second)
        assert ensure_visit(db.session, second).previous_conversation_id == world.first
        db.session.commit()
        maastricht, breda, delft = (municipality(db.session, n) for n in ("Maastricht", "Breda", "Delft"))
        corrected = ConversationInput(
            [maastricht], datetime(2025, 10, 7, 10, 0, tzinfo=AMSTERDAM), 240, "Stadhuis Maastricht",
            participants=_committee(breda, delft) + [
                ParticipantInput("Anne Peters", "anne.peters@example.org", "burgemeester", maastricht)])
        with pytest.raises(ValidationFailed) as refused:
            save_conversation(db.session, second.round, corrected, "Test", second)
        assert [p.code for p in refused.value.problems] == ["host_has_work"]
        db.session.rollback()
        db.session.delete(db.session.get(Recommendation, world.recommendation_second))
        db.session.commit()
        second = db.session.get(Conversation, world.second)
        save_conversation(db.session, second.round, corrected, "Test", second)
        db.session.commit()
        new_mayor = next(p.id for p in second.participations if p.role == "burgemeester")
    client = browser(new_mayor)
    rid = world.recommendation_first
    for page in (f"/visitaties/{world.second}", f"/visitaties/{world.second}/opvolging",
                 f"/visitaties/{world.second}/thema/1"):
        response = client.get(page)
        assert response.status_code == 200
        assert "Aanbeveling Haarlem 2024." not in response.text and "Vorige keer" not in response.text
    assert client.post(f"/visitaties/{world.second}/aanbevelingen/{rid}/status", data={
        f"r{rid}-status": "afgerond", f"r{rid}-reason": "", f"r{rid}-version": "1"}).status_code == 404
    with app.app_context():
        assert db.session.get(Recommendation, rid).status == "open"
    # Haarlem's own follow-up of its 2024 visit is untouched.
    host = browser(world.host_mayor)
    assert "Aanbeveling Haarlem 2024." in host.get(f"/visitaties/{world.first}/opvolging").text


# --- opbrengst: lessons, quotes and sources of another round ----------------------------------


@pytest.fixture
def two_rounds(app, world, lesson):
    """A second gespreksronde (r2) with a held conversation of Delft and Oss, a lesson mark, a
    consented quote and a lesson of its own."""
    with app.app_context():
        guides = current_guides()
        delft, oss = municipality(db.session, "Delft"), municipality(db.session, "Oss")
        r2 = round_(db.session, title="Tweede ronde", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31),
                    guide_version=guides.version)
        c = conversation(db.session, r2, [delft, oss], starts_at=None, status="gehouden")
        db.session.commit()
        answer = save_answer(db.session, c, delft.id, Change(guides.question(OPEN), "Les uit ronde twee.", 0),
                             "Test", guides)
        les = add_mark(db.session, answer, "les", "Test")
        speaker = participant(db.session, c, "burgemeester", delft,
                              person=person(db.session, "Test Spreker", email=None))
        quote = add_mark(db.session, answer, "citaat", "Test", speaker=speaker)
        lesson2 = curation.add_lesson(db.session, guides, r2, 1, "Les van ronde twee.", [les.id], "Test")
        return {"r1": world.round, "r2": r2.id, "lesson1": lesson, "lesson2": lesson2.id, "les2": les.id,
                "quote2": quote.id}


def test_a_lesson_of_another_round_is_not_found_under_this_round(app, two_rounds, browser):
    ids, client = two_rounds, browser("projectleider")
    r1, lesson2 = ids["r1"], ids["lesson2"]
    assert client.get(f"/rondes/{r1}/opbrengst/lessen/{lesson2}").status_code == 404
    assert client.post(f"/rondes/{r1}/opbrengst/lessen/{lesson2}", data={
        "text": "Overschreven.", "sources": [str(ids["les2"])], "version": "1"}).status_code == 404
    assert client.post(f"/rondes/{r1}/opbrengst/lessen/{lesson2}/verwijderen", data={"version": "1"}).status_code == 404
    assert client.get(f"/rondes/{ids['r2']}/opbrengst/lessen/{ids['lesson1']}").status_code == 404
    with app.app_context():
        assert db.session.get(CuratedLesson, lesson2).text == "Les van ronde twee."
    assert client.get(f"/rondes/{ids['r2']}/opbrengst/lessen/{lesson2}").status_code == 200


def test_quotes_and_lesson_sources_of_another_round_are_refused(app, two_rounds, browser):
    ids, client = two_rounds, browser("projectleider")
    r1 = ids["r1"]
    response = client.post(f"/rondes/{r1}/opbrengst/thema/1", data={
        "recommendation": "Een aanbeveling.", "findings": "", "quote": str(ids["quote2"]), "version": "0"})
    assert response.status_code == 400
    assert _count(app, ThemeCuration, round_id=r1) == 0
    before = _count(app, CuratedLesson, round_id=r1)
    assert client.post(f"/rondes/{r1}/opbrengst/thema/1/lessen", data={
        "text": "Een les uit een andere ronde.", "sources": [str(ids["les2"])]}).status_code == 400
    assert client.post(f"/rondes/{r1}/opbrengst/lessen/{ids['lesson1']}", data={
        "text": "Andere bron.", "sources": [str(ids["les2"])], "version": "1"}).status_code == 400
    assert _count(app, CuratedLesson, round_id=r1) == before
    with app.app_context():
        assert [m.id for m in db.session.get(CuratedLesson, ids["lesson1"]).sources] != [ids["les2"]]


# --- planning: participations and downloads ---------------------------------------------------


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("mayor", 403), ("other_mayor", 403),
                                         ("note_taker", 403), ("member", 403)])
def test_planning_ids_and_downloads_are_for_project_leaders_only(who, status, app, world, browser):
    client = browser(who if who == "anonymous" else getattr(world, who))
    urls = [("post", f"/planning/deelnames/{world.mayor}/uitnodiging"),
            ("post", f"/planning/deelnames/{world.other_mayor}/intrekken"),
            ("get", f"/planning/gesprekken/{world.a}.ics"), ("get", f"/planning/rondes/{world.round}.ics"),
            ("get", f"/planning/rondes/{world.round}/planning.csv"),
            ("get", f"/planning/rondes/{world.round}/planning.xlsx"),
            ("get", f"/rondes/{world.round}/opbrengst/export.xlsx"),
            ("get", f"/rondes/{world.round}/opbrengst/export.zip"),
            ("get", f"/rondes/{world.round}/opbrengst/rapport.docx")]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == status, (url, response.status_code)
        assert "Haarlem" not in response.get_data(as_text=True)
    with app.app_context():  # the revoke did not happen, no link was issued
        assert db.session.scalar(select(func.count()).select_from(Invitation)) == (
            0 if who == "anonymous" else 1)
