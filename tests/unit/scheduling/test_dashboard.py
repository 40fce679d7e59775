"""The round at a glance and the schedule export: counts, what is missing, sorting and filtering,
stable CSV and Excel columns."""
import io

import pandas as pd

from visitatie.scheduling import ConversationInput, ParticipantInput, change_status, save_conversation
from visitatie.scheduling.dashboard import overview, schedule
from visitatie.scheduling.enrolment import enrol
from visitatie.scheduling.export import COLUMNS, HEADERS, schedule_csv, schedule_xlsx

from .conftest import local


def build(session, make_round, town):
    round_ = make_round()
    for name in ("Haarlem", "Maastricht", "Delft", "Oss", "Breda", "Wierden", "Dalfsen"):
        enrol(session, round_, town(name))
    leader = ParticipantInput("Pieter Dekker", "p.dekker@breda.example", "gespreksleider", town("Breda"))
    a = save_conversation(session, round_, ConversationInput(
        [town("Haarlem"), town("Maastricht")], local(2025, 5, 20, 14), place="Stadhuis Haarlem",
        participants=[leader, ParticipantInput("Jos", "jos@haarlem.example", "burgemeester", town("Haarlem"))]), "P")
    b = save_conversation(session, round_, ConversationInput(
        [town("Delft"), town("Oss")], local(2025, 4, 1, 10), online_url="https://meet.example/x",
        participants=[ParticipantInput("Iris", "iris@wbd.example", "gespreksleider", town("Wijk bij Duurstede"))]), "P")
    c = save_conversation(session, round_, ConversationInput([town("Breda"), town("Wierden")]), "P")
    change_status(session, b, "gehouden", "P")
    session.commit()
    return round_, a, b, c


def test_overview_counts_and_what_is_missing(session, make_round, town):
    round_, a, b, c = build(session, make_round, town)
    result = overview(session, round_)
    assert result.counts == {"gepland": 2, "gehouden": 1, "vastgesteld": 0, "geannuleerd": 0}
    assert result.total == 3 and result.enrolled == 7
    assert [m.name for m in result.unscheduled] == ["Dalfsen"]
    assert result.without_leader == [c]
    assert result.without_participants == [c]
    assert result.without_date == [c]
    change_status(session, a, "geannuleerd", "P")
    result = overview(session, round_)
    assert [m.name for m in result.unscheduled] == ["Dalfsen", "Haarlem", "Maastricht"]


def test_schedule_sorts_and_filters(session, make_round, town):
    round_, a, b, c = build(session, make_round, town)
    assert [r.id for r in schedule(round_)] == [b.id, a.id, c.id]  # by date, undated last
    assert [r.id for r in schedule(round_, "datum", "af")] == [c.id, a.id, b.id]
    assert [r.title for r in schedule(round_, "gemeenten")] == ["Breda – Wierden", "Delft – Oss",
                                                                "Haarlem – Maastricht"]
    assert [r.leader for r in schedule(round_, "gespreksleider")] == ["", "Iris", "Pieter Dekker"]
    assert [r.id for r in schedule(round_, status="gehouden")] == [b.id]
    assert [r.id for r in schedule(round_, query="haarlem")] == [a.id]
    assert [r.id for r in schedule(round_, query="dekker")] == [a.id]
    assert [r.id for r in schedule(round_, query="Stadhuis")] == [a.id]
    assert [r.id for r in schedule(round_, "onzin", "zijwaarts", "onbekend")] == [b.id, a.id, c.id]


def test_csv_and_excel_have_the_same_stable_columns(session, make_round, town):
    round_, a, b, c = build(session, make_round, town)
    rows = schedule(round_)
    from_csv = pd.read_csv(io.BytesIO(schedule_csv(rows)), sep=";", encoding="utf-8-sig", dtype=str,
                           keep_default_na=False)
    from_xlsx = pd.read_excel(io.BytesIO(schedule_xlsx(rows)), dtype=str, keep_default_na=False)
    headers = tuple(HEADERS[c] for c in COLUMNS)
    for frame in (from_csv, from_xlsx):
        assert tuple(frame.columns) == headers
        first = frame.iloc[0]
        assert (first["Gemeenten"], first["Datum"], first["Begintijd"], first["Eindtijd"]) == (
            "Delft – Oss", "2025-04-01", "10:00", "12:00")
        assert first["Online link"] == "https://meet.example/x"
        assert frame.iloc[2]["Datum"] == "" and frame.iloc[2]["Gespreksleider"] == ""
    international = pd.read_csv(io.BytesIO(schedule_csv(rows, "international")), encoding="utf-8-sig", dtype=str)
    assert tuple(international.columns) == headers
    assert tuple(pd.read_csv(io.BytesIO(schedule_csv([])), sep=";", encoding="utf-8-sig").columns) == headers
