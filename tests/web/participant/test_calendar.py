"""A participant's calendar entry (.ics) from their own conversation page: the same permission check
as every page of the conversation; page link and place, never an invitation link; logged."""
from icalendar import Calendar
from sqlalchemy import select

from visitatie.extensions import db
from visitatie.models.security import SecurityEvent


def test_the_mayor_downloads_the_entry_of_their_own_conversation(app, client, sign_in, world):
    sign_in(world.mayor)
    page = client.get(f"/gesprekken/{world.a}").get_data(as_text=True)
    assert f'href="/gesprekken/{world.a}.ics"' in page and "In uw agenda zetten (.ics)" in page
    response = client.get(f"/gesprekken/{world.a}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    assert f'filename="gesprek-{world.a}.ics"' in response.headers["Content-Disposition"]
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    description = str(event["DESCRIPTION"])
    assert f"/gesprekken/{world.a}" in description and "Plaats: Stadhuis Haarlem" in description
    assert str(event["LOCATION"]) == "Stadhuis Haarlem"
    assert b"/uitnodiging" not in response.data
    with app.app_context():
        details = db.session.scalars(select(SecurityEvent.detail).where(SecurityEvent.kind == "export")).all()
        assert f"gesprek-{world.a}.ics" in details


def test_another_conversation_and_signed_out_visitors_get_nothing(client, sign_in, world):
    assert client.get(f"/gesprekken/{world.a}.ics").status_code == 401
    sign_in(world.mayor)
    assert client.get(f"/gesprekken/{world.b}.ics").status_code == 404
