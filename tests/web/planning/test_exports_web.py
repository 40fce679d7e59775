"""Downloads: .ics per conversation and per round, the schedule as CSV and Excel, and
`flask calendar ROUND_ID --out FILE.ics`."""
import io

import pandas as pd
from icalendar import Calendar

from visitatie.scheduling.export import COLUMNS, HEADERS

from .conftest import conversation_form


def plan(client, auth, round_id):
    auth.as_projectleider()
    response = client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form())
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_conversation_calendar(client, auth, round_id):
    conversation_id = plan(client, auth, round_id)
    response = client.get(f"/planning/gesprekken/{conversation_id}.ics")
    assert response.mimetype == "text/calendar"
    (event,) = Calendar.from_ical(response.data).walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("dtstart").hour == 14
    assert f"http://127.0.0.1:5000/gesprekken/{conversation_id}" in str(event["description"])
    assert "Stadhuis Haarlem" in str(event["description"])


def test_round_calendar_from_web_and_cli_agree(client, auth, runner, round_id, tmp_path):
    plan(client, auth, round_id)
    web = Calendar.from_ical(client.get(f"/planning/rondes/{round_id}.ics").data)
    out = tmp_path / "ronde.ics"
    result = runner.invoke(args=["calendar", str(round_id), "--out", str(out)])
    assert result.exit_code == 0 and "1 gesprek geschreven" in result.output
    cli = Calendar.from_ical(out.read_bytes())
    assert [str(e["uid"]) for e in web.walk("VEVENT")] == [str(e["uid"]) for e in cli.walk("VEVENT")]
    assert [str(e["description"]) for e in web.walk("VEVENT")] == [str(e["description"]) for e in cli.walk("VEVENT")]


def test_schedule_exports_follow_the_dashboard_filter(client, auth, round_id):
    plan(client, auth, round_id)
    csv = client.get(f"/planning/rondes/{round_id}/planning.csv")
    assert csv.headers["Content-Disposition"] == f'attachment; filename="planning-ronde-{round_id}.csv"'
    headers = tuple(HEADERS[c] for c in COLUMNS)
    frame = pd.read_csv(io.BytesIO(csv.data), sep=";", encoding="utf-8-sig")
    assert tuple(frame.columns) == headers and frame.iloc[0]["Gemeenten"] == "Haarlem – Maastricht"
    csv = client.get(f"/planning/rondes/{round_id}/planning.csv?scheiding=internationaal")
    assert tuple(pd.read_csv(io.BytesIO(csv.data), sep=",", encoding="utf-8-sig").columns) == headers
    xlsx = client.get(f"/planning/rondes/{round_id}/planning.xlsx?status=gehouden")
    frame = pd.read_excel(io.BytesIO(xlsx.data))
    assert tuple(frame.columns) == headers and len(frame) == 0


def test_dashboard_sorts_and_filters_with_query_parameters(client, auth, round_id):
    plan(client, auth, round_id)
    page = client.get(f"/rondes/{round_id}?sort=gespreksleider&richting=af").get_data(as_text=True)
    assert 'aria-sort="descending"' in page and "Haarlem – Maastricht" in page
    page = client.get(f"/rondes/{round_id}?status=geannuleerd").get_data(as_text=True)
    assert "Geen gesprekken die aan het filter voldoen." in page
    page = client.get(f"/rondes/{round_id}?q=maastricht").get_data(as_text=True)
    assert "1 gesprek (gefilterd)" in " ".join(page.split())
