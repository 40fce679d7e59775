"""The schedule of a round as CSV and Excel (pandas + openpyxl), with stable columns: the same
columns in the same order whatever is filled in, so that a spreadsheet built on it keeps working."""
import io

import pandas as pd

from .dashboard import ScheduleRow
from .inputs import in_amsterdam

COLUMNS = ("gesprek_id", "gemeenten", "gespreksleider", "gemeente_gespreksleider", "datum", "begintijd",
           "eindtijd", "plaats", "online_link", "status", "aantal_deelnemers")


def schedule_frame(rows: list[ScheduleRow]) -> pd.DataFrame:
    records = []
    for row in rows:
        start = in_amsterdam(row.starts_at) if row.starts_at else None
        end = in_amsterdam(row.ends_at) if row.ends_at else None
        records.append({
            "gesprek_id": row.id, "gemeenten": row.title, "gespreksleider": row.leader,
            "gemeente_gespreksleider": row.leader_municipality,
            "datum": start.date().isoformat() if start else "",
            "begintijd": start.strftime("%H:%M") if start else "",
            "eindtijd": end.strftime("%H:%M") if end else "",
            "plaats": row.place, "online_link": row.online_url, "status": row.status,
            "aantal_deelnemers": row.participants,
        })
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def schedule_csv(rows: list[ScheduleRow]) -> bytes:
    return schedule_frame(rows).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def schedule_xlsx(rows: list[ScheduleRow], sheet: str = "Planning") -> bytes:
    buffer = io.BytesIO()
    frame = schedule_frame(rows)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet)
        worksheet = writer.sheets[sheet]
        worksheet.freeze_panes = "A2"
        for index, column in enumerate(frame.columns, start=1):
            width = max([len(column)] + [len(str(v)) for v in frame[column]]) + 2
            worksheet.column_dimensions[worksheet.cell(row=1, column=index).column_letter].width = min(width, 60)
    return buffer.getvalue()
