"""Downloads: calendars (.ics) per conversation and per round, the schedule as CSV (Dutch Excel
dialect, or ?scheiding=internationaal) and Excel."""
from flask import Response, request

from ...public_links import calendar_page_url
from ...scheduling import calendar_bytes
from ...scheduling.dashboard import schedule
from ...scheduling.export import schedule_csv, schedule_xlsx
from . import bp
from .lookup import get_conversation, get_round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, mimetype: str, filename: str) -> Response:
    return Response(content, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/gesprekken/<int:conversation_id>.ics")
def export_conversation_calendar(conversation_id: int):
    conversation = get_conversation(conversation_id)
    content = calendar_bytes([conversation], calendar_page_url, conversation.title)
    return _file(content, "text/calendar; charset=utf-8", f"gesprek-{conversation.id}.ics")


@bp.get("/rondes/<int:round_id>.ics")
def export_round_calendar(round_id: int):
    round_ = get_round(round_id)
    content = calendar_bytes(round_.conversations, calendar_page_url, round_.title)
    return _file(content, "text/calendar; charset=utf-8", f"ronde-{round_.id}.ics")


def _rows(round_):
    args = request.args
    return schedule(round_, args.get("sort", "datum"), args.get("richting", "op"), args.get("status"), args.get("q"))


@bp.get("/rondes/<int:round_id>/planning.csv")
def export_schedule_csv(round_id: int):
    round_ = get_round(round_id)
    dialect = "international" if request.args.get("scheiding") == "internationaal" else "nl"
    return _file(schedule_csv(_rows(round_), dialect), "text/csv; charset=utf-8", f"planning-ronde-{round_id}.csv")


@bp.get("/rondes/<int:round_id>/planning.xlsx")
def export_schedule_excel(round_id: int):
    round_ = get_round(round_id)
    return _file(schedule_xlsx(_rows(round_)), XLSX, f"planning-ronde-{round_id}.xlsx")
