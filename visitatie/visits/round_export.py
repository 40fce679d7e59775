"""The confidential export of a visitatieronde: every visit's scores, its recommendations and their
follow-up, for the project leaders. Written by visitatie/spreadsheets.py (text never a formula,
"Vertrouwelijk" in every sheet's header and footer); the caller logs the download.

Named per municipality and unsuppressed: this is the working file, never a publication.
"""
from __future__ import annotations

from datetime import datetime

import pandas as pd
from babel.dates import format_datetime

from ..dutch_time import AMSTERDAM
from ..guides.model import GuideSet
from ..models import Conversation, Round
from ..models.types import DbSession, utcnow
from ..reports.visit_report import OWNERS, STATUSES
from ..spreadsheets import Sheet, csv_zip_bytes, xlsx_bytes
from .assessment import scores_of, visit_guides
from .core import is_visit, visit_date
from .recommendations import recommendations_of


def _visits(round_: Round) -> list[Conversation]:
    return sorted((c for c in round_.conversations if is_visit(c)),
                  key=lambda c: (visit_date(c) is None, visit_date(c), c.id))


def _scores(session: DbSession, guides: GuideSet, round_: Round) -> pd.DataFrame:
    rows = []
    for c in _visits(round_):
        scores = scores_of(session, c)
        for guide in visit_guides(guides, c):
            own, committee = scores.get((guide.number, "self")), scores.get((guide.number, "committee"))
            rows.append({
                "Visitatie": c.id, "Gemeente": c.municipalities[0].name, "Datum": visit_date(c),
                "Status": c.status, "Thema": guide.number, "Titel": guide.title,
                "Zelfevaluatie": own.level if own else None,
                "Commissie": committee.level if committee else None,
                "Verschil": committee.level - own.level if own and committee else None,
                "Toelichting zelfevaluatie": own.justification if own else "",
                "Toelichting commissie": committee.justification if committee else ""})
    return pd.DataFrame(rows, columns=["Visitatie", "Gemeente", "Datum", "Status", "Thema", "Titel", "Zelfevaluatie",
                                       "Commissie", "Verschil", "Toelichting zelfevaluatie", "Toelichting commissie"])


def _recommendations(session: DbSession, round_: Round) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, events = [], []
    for c in _visits(round_):
        for r in recommendations_of(session, c):
            rows.append({"Aanbeveling": r.id, "Visitatie": c.id, "Gemeente": c.municipalities[0].name,
                         "Thema": r.theme_number, "Prioriteit": r.priority,
                         "Eigenaar": OWNERS.get(r.owner_role, r.owner_role), "Uiterlijk": r.deadline,
                         "Tekst": r.text, "Status": STATUSES.get(r.status, r.status), "Reden": r.status_reason,
                         "Gewijzigd op": r.updated_at.astimezone(AMSTERDAM).date(), "Gewijzigd door": r.updated_by})
            for e in r.events:
                events.append({"Aanbeveling": r.id, "Gemeente": c.municipalities[0].name, "Thema": r.theme_number,
                               "Op": e.at.astimezone(AMSTERDAM).date(), "Door": e.actor,
                               "Van": STATUSES.get(e.old_status, e.old_status or ""),
                               "Naar": STATUSES.get(e.new_status, e.new_status), "Toelichting": e.note})
    return (pd.DataFrame(rows, columns=["Aanbeveling", "Visitatie", "Gemeente", "Thema", "Prioriteit", "Eigenaar",
                                        "Uiterlijk", "Tekst", "Status", "Reden", "Gewijzigd op", "Gewijzigd door"]),
            pd.DataFrame(events, columns=["Aanbeveling", "Gemeente", "Thema", "Op", "Door", "Van", "Naar",
                                          "Toelichting"]))


def sheets(session: DbSession, guides: GuideSet, round_: Round, *, exported_by: str,
           exported_at: datetime | None = None) -> list[Sheet]:
    """The sheets in order: cover, scores, recommendations, follow-up (status history)."""
    exported_at = exported_at or utcnow()
    recommendations, events = _recommendations(session, round_)
    scores = _scores(session, guides, round_)
    cover = pd.DataFrame([
        ("Vertrouwelijk", "Dit bestand bevat de scores en aanbevelingen van afzonderlijke gemeenten. Alleen voor de "
                          "projectleiding; niet doorsturen, niet publiceren."),
        ("Geëxporteerd door", exported_by),
        ("Geëxporteerd op", format_datetime(exported_at.astimezone(AMSTERDAM), "d MMMM y 'om' HH:mm", locale="nl")),
        ("Ronde", f"{round_.title} (nr. {round_.id})"),
        ("Visitaties", len(_visits(round_))),
        ("Werkblad: Scores", "per visitatie en thema de zelfevaluatie en het oordeel van de commissie (niveau 1–5)"),
        ("Werkblad: Aanbevelingen", "elke aanbeveling met eigenaar, uiterste datum en de status van vandaag"),
        ("Werkblad: Opvolging", "elke statuswijziging van een aanbeveling: wanneer, door wie, waarom"),
    ], columns=["Onderdeel", "Waarde"])
    return [Sheet("Voorblad", cover, wrap=("Waarde",)),
            Sheet("Scores", scores, wrap=("Toelichting zelfevaluatie", "Toelichting commissie")),
            Sheet("Aanbevelingen", recommendations, wrap=("Tekst", "Reden")),
            Sheet("Opvolging", events, wrap=("Toelichting",))]


def to_excel(sheets_: list[Sheet]) -> bytes:
    return xlsx_bytes(sheets_, confidential=True)


def to_csv_zip(sheets_: list[Sheet], dialect: str = "nl") -> bytes:
    return csv_zip_bytes(sheets_, dialect)


def file_name(round_: Round, extension: str) -> str:
    return f"vertrouwelijk-visitatieronde-{round_.id}.{extension}"
