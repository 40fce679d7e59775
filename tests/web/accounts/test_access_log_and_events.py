"""No token in the access log of a redemption; every security event written exactly once; the log
viewer and its CSV (issue 11, points 6–8)."""
import logging
import threading
import urllib.parse
import urllib.request
from collections import Counter

from sqlalchemy import select
from werkzeug.serving import make_server

from tests.participant_world import build_world
from visitatie.conversations import invitations
from visitatie.conversations.answers import Change, save_answer
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models.security import SecurityEvent
from visitatie.security import events as security_events

OPEN = "leiderschap.eigenaarschap"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_no_token_in_the_access_log_line_of_a_redemption(app, caplog):
    with app.app_context():
        world = build_world(db.session, current_guides())
        _invitation, token = invitations.issue(db.session, world.mayor, 30)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            request = urllib.request.Request(f"http://127.0.0.1:{server.server_port}/uitnodiging",
                                             data=urllib.parse.urlencode({"token": token}).encode(), method="POST")
            try:
                urllib.request.build_opener(_NoRedirect).open(request)
            except urllib.error.HTTPError as error:
                assert error.code == 302 and token not in error.headers["Location"]
    finally:
        server.shutdown()
        thread.join(timeout=5)
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("POST /uitnodiging HTTP/1.1" in line and " 302 " in line for line in lines)
    assert not any(token in line for line in lines)


def test_every_security_event_is_written_exactly_once(app, client, auth):
    with app.app_context():
        world = build_world(db.session, current_guides())
        answer = save_answer(db.session, world.a, world.haarlem.id,
                             Change(current_guides().question(OPEN), "Geheim antwoord.", 0), "Test", current_guides())
        conversation_id, answer_id = world.a.id, answer.id
    auth.as_projectleider()                                                    # account_created, login
    client.get(f"/gesprekken/{conversation_id}/antwoorden/{answer_id}/geschiedenis")  # history_view
    client.get("/beveiligingslog.csv")                                         # export
    auth.logout()                                                              # logout
    client.post("/inloggen", data={"email": "pl@example.org", "password": "niet-het-goede-1"})  # login_failed
    with app.app_context():
        kinds = Counter(db.session.scalars(select(SecurityEvent.kind)).all())
        details = " ".join(db.session.scalars(select(SecurityEvent.detail)).all())
    assert kinds == {"account_created": 1, "login": 1, "history_view": 1, "export": 1, "logout": 1,
                     "login_failed": 1}
    assert "Geheim antwoord" not in details and "niet-het-goede" not in details


def test_the_viewer_filters_pages_labels_any_kind_and_the_csv_has_no_formulas(app, client, auth):
    auth.as_projectleider()
    with app.app_context():
        for i in range(60):
            security_events.record(db.session, "purge", actor="=cmd|' /C calc'!A0", detail=f"ronde {i}")
        security_events.record(db.session, "iets_nieuws", actor="pl@example.org", detail="-2+3")
        db.session.commit()
    page = client.get("/beveiligingslog?soort=purge").get_data(as_text=True)
    assert "60 gebeurtenissen" in page and "Gegevens opgeschoond" in page and "Pagina 1 van 2" in page
    assert "iets_nieuws" in client.get("/beveiligingslog?soort=iets_nieuws").get_data(as_text=True)
    assert "1 gebeurtenis." in client.get("/beveiligingslog?wie=pl%40example&soort=login").get_data(as_text=True)
    assert "0 gebeurtenissen" in client.get("/beveiligingslog?van=2001-01-01&tot=2001-01-02").get_data(as_text=True)
    csv = client.get("/beveiligingslog.csv?soort=purge").get_data(as_text=True) + \
        client.get("/beveiligingslog.csv?soort=iets_nieuws").get_data(as_text=True)
    cells = [cell for line in csv.splitlines()[1:] for cell in line.split(";")]
    assert "'=cmd|' /C calc'!A0" in csv and "'-2+3" in csv
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert anonymous_refused(app)


def anonymous_refused(app) -> bool:
    return app.test_client().get("/beveiligingslog").status_code == 302
