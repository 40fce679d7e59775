"""The visitatierapport as a confidential PDF: the template templates/pdf/visitatierapport.html
reads the same content dict as the Word report (visits/report_content.py) and the same wording
helpers (reports/visit_report.py). Plain data; no Flask, no database."""
from __future__ import annotations

from ..reports import public_text, visit_report
from ..reports.wording import count, dutch_date
from ..vocabulary import ConversationStatus
from .opbrengst import data_uri
from .render import render_pdf


def context(content: dict) -> dict:
    themes = content.get("themes") or []
    follow = bool(content.get("follow_up"))
    drawn = visit_report.chart(themes, follow)
    return {
        "content": content, "themes": themes, "follow": follow,
        "draft": content.get("status") != ConversationStatus.VASTGESTELD,
        "title": content.get("title") or "Visitatierapport digitale veiligheid",
        "chart": {"uri": data_uri(drawn[0]), "alt": drawn[1]} if drawn else None,
        "report": visit_report, "text": public_text, "dutch_date": dutch_date, "count": count,
        "present": {True: "ja", False: "nee", None: "niet ingevuld"},
    }


def visit_report_pdf(content: dict) -> bytes:
    return render_pdf("pdf/visitatierapport.html", **context(content))
