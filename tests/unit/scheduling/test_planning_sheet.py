"""The planning spreadsheet round trip: download, edit as Excel would, preview, save; the form's
rules apply, one wrong row saves nothing, and every problem names its row and column."""
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.unit.scheduling.conftest import local
from visitatie.scheduling import ConversationInput, ParticipantInput, save_conversation
from visitatie.scheduling.planning_sheet import HEADERS, PlanningImportError, import_planning, planning_xlsx


@pytest.fixture
def planned(session, make_round, town):
    round_ = make_round()
    first = save_conversation(session, round_, ConversationInput(
        [town("Haarlem"), town("Maastricht")], participants=[
            ParticipantInput("Anna Haarlem", "anna@haarlem.example.org", "burgemeester", town("Haarlem"))]), "Test")
    second = save_conversation(session, round_, ConversationInput([town("Utrecht"), town("Zwolle")]), "Test")
    session.flush()
    return round_, first, second


def edit(content: bytes, changes: dict[tuple[int, str], object]) -> bytes:
    """Change cells as someone in Excel would: (sheet row, header) → value."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Planning"]
    for (row, header), value in changes.items():
        sheet.cell(row=row, column=HEADERS.index(header) + 1, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_download_has_one_row_per_conversation_with_the_register_participants(session, planned):
    round_, first, _second = planned
    sheet = load_workbook(io.BytesIO(planning_xlsx(session, round_)))["Planning"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[1][:3] == (first.id, "Haarlem – Maastricht", None)
    assert rows[1][10] == "Anna Haarlem (burgemeester, Haarlem) <anna@haarlem.example.org>"
    assert len(rows) == 3 and sheet.oddHeader.center.text == "Vertrouwelijk"


def test_preview_changes_nothing_and_save_applies_every_row(session, planned):
    round_, first, second = planned
    content = edit(planning_xlsx(session, round_), {
        (2, "Datum"): datetime(2025, 4, 15), (2, "Begintijd"): "14:00", (2, "Plaats"): "Stadhuis Haarlem",
        (2, "Gespreksleider"): "Bas Breda", (2, "E-mail gespreksleider"): "bas@breda.example.org",
        (2, "Gemeente gespreksleider"): "Breda", (3, "Datum"): "16-4-2025", (3, "Begintijd"): "9:30"})
    preview = import_planning(session, round_, content, "Test", "planning.xlsx", save=False)
    assert [(c.line, [x.column for x in c.changes]) for c in preview.changed] == [
        (2, ["Datum en tijd", "Plaats", "Gespreksleider", "E-mail gespreksleider", "Gemeente gespreksleider"]),
        (3, ["Datum en tijd"])]
    assert first.starts_at is None and first.gespreksleider is None
    import_planning(session, round_, content, "Test", "planning.xlsx")
    assert first.starts_at == local(2025, 4, 15, 14) and second.starts_at == local(2025, 4, 16, 9, 30)
    assert (first.place, first.gespreksleider.person.name) == ("Stadhuis Haarlem", "Bas Breda")
    assert import_planning(session, round_, content, "Test", save=False).changed == ()


def test_one_wrong_row_saves_nothing_and_names_row_and_column(session, planned):
    round_, first, second = planned
    content = edit(planning_xlsx(session, round_), {
        (2, "Datum"): "2025-04-15", (2, "Begintijd"): "14:00",
        (3, "Datum"): "2025-08-01", (3, "Begintijd"): "10:00",  # after the round
        (3, "Gespreksleider"): "Ute Utrecht", (3, "E-mail gespreksleider"): "ute@utrecht.example.org",
        (3, "Gemeente gespreksleider"): "Utrecht"})  # from a participating municipality
    with pytest.raises(PlanningImportError) as error:
        import_planning(session, round_, content, "Test")
    assert [(p.line, p.column, p.problem.code) for p in error.value.problems] == [
        (3, "Datum", "outside_period"), (3, "Gespreksleider", "outsider_from_participant")]
    assert first.starts_at is None and second.starts_at is None


def test_unreadable_cells_and_read_only_columns_are_refused(session, planned):
    round_, first, second = planned
    content = edit(planning_xlsx(session, round_), {
        (2, "Datum"): "15 april", (2, "Begintijd"): "25:00", (2, "Gemeenten"): "Haarlem – Atlantis",
        (3, "Deelnemers"): "iemand anders", (3, "Duur (minuten)"): "twee uur"})
    with pytest.raises(PlanningImportError) as error:
        import_planning(session, round_, content, "Test")
    assert [(p.line, p.column, p.problem.code) for p in error.value.problems] == [
        (2, "Gemeenten", "sheet_unknown_municipality"), (2, "Datum", "sheet_bad_date"),
        (2, "Begintijd", "sheet_bad_time"), (3, "Duur (minuten)", "sheet_bad_duration"),
        (3, "Deelnemers", "sheet_read_only")]


def test_double_booking_across_rows_and_a_stale_row(session, planned, town):
    round_, first, second = planned
    leader = {"Gespreksleider": "Bas Breda", "E-mail gespreksleider": "bas@breda.example.org",
              "Gemeente gespreksleider": "Breda", "Datum": "2025-04-15", "Begintijd": "14:00"}
    content = edit(planning_xlsx(session, round_), {(row, k): v for row in (2, 3) for k, v in leader.items()})
    with pytest.raises(PlanningImportError) as error:
        import_planning(session, round_, content, "Test")
    assert [(p.line, p.column, p.problem.code)
            for p in error.value.problems] == [(3, "Gespreksleider", "double_booked")]
    stale = edit(planning_xlsx(session, round_), {(2, "Plaats"): "Raadhuis"})
    save_conversation(session, round_, ConversationInput([town("Haarlem"), town("Maastricht")], place="Elders",
                                                         allow_repeat=True), "Test", first)
    with pytest.raises(PlanningImportError) as error:
        import_planning(session, round_, stale, "Test")
    assert [(p.line, p.column, p.problem.code) for p in error.value.problems] == [(2, "Versie", "sheet_stale")]
