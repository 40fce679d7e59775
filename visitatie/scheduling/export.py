"""The schedule of a round as CSV and Excel, with stable columns: the same columns in the same order
whatever is filled in, so that a spreadsheet built on it keeps working. Written by the shared
spreadsheet writer (spreadsheets.py): Dutch headers, text never a formula, Dutch CSV dialect."""
import pandas as pd

from ..spreadsheets import Sheet, csv_bytes, xlsx_bytes
from .dashboard import ScheduleRow
from .inputs import in_amsterdam

COLUMNS = ("gesprek_id", "gemeenten", "gespreksleider", "gemeente_gespreksleider", "datum", "begintijd",
           "eindtijd", "plaats", "online_link", "status", "aantal_deelnemers")
HEADERS = {"gesprek_id": "Gesprek (nr.)", "gemeenten": "Gemeenten", "gespreksleider": "Gespreksleider",
           "gemeente_gespreksleider": "Gemeente gespreksleider", "datum": "Datum", "begintijd": "Begintijd",
           "eindtijd": "Eindtijd", "plaats": "Plaats", "online_link": "Online link", "status": "Status",
           "aantal_deelnemers": "Aantal deelnemers"}


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


def schedule_sheet(rows: list[ScheduleRow], name: str = "Planning") -> Sheet:
    return Sheet(name, schedule_frame(rows).rename(columns=HEADERS), wrap=("Gemeenten",))


def schedule_csv(rows: list[ScheduleRow], dialect: str = "nl") -> bytes:
    return csv_bytes(schedule_sheet(rows), dialect)


def schedule_xlsx(rows: list[ScheduleRow], sheet: str = "Planning") -> bytes:
    return xlsx_bytes([schedule_sheet(rows, sheet)])
