"""What goes into the visitatierapport, gathered once as a plain dict: the builder in
visitatie/reports/visit_report.py reads only this, never the database."""
from __future__ import annotations

import io
import re
from typing import Any

from ..conversations.finalising import last_finalised
from ..guides.model import GuideSet
from ..models import Conversation, Participation
from ..models.types import DbSession
from ..models.visits import MaturityScore, Recommendation
from ..reports.visit_report import build_visit_report
from .assessment import ThemeAssessment, assessments
from .core import committee, host_of, host_participants, visit_date
from .followup import follow_up
from .recommendations import findings_of, recommendations_of, response_of


def _score(assessment: ThemeAssessment, score: MaturityScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"level": score.level, "name": assessment.level_name(score.level), "justification": score.justification}


def _recommendation(r: Recommendation) -> dict[str, Any]:
    return {"theme_number": r.theme_number, "priority": r.priority, "owner_role": r.owner_role,
            "deadline": r.deadline.isoformat(), "text": r.text, "status": r.status, "status_reason": r.status_reason}


def _person(p: Participation) -> dict[str, Any]:
    return {"name": p.person.name, "role": p.role, "function": p.person.function or "",
            "municipality": p.municipality.name if p.municipality else ""}


def visit_report_content(session: DbSession, guides: GuideSet, conversation: Conversation) -> dict[str, Any]:
    host = host_of(conversation)
    findings = findings_of(session, conversation)
    recommendations = recommendations_of(session, conversation)
    previous = follow_up(session, guides, conversation)
    changes = {t.number: t for t in previous.themes} if previous else {}
    themes = []
    for a in assessments(session, guides, conversation):
        change = changes.get(a.number)
        themes.append({
            "number": a.number, "title": a.title,
            "levels": [{"level": level.level, "name": level.name, "description": level.description}
                       for level in (a.scale.levels if a.scale else ())],
            "self": _score(a, a.self_score), "committee": _score(a, a.committee_score), "difference": a.difference,
            "checklist": [{"label": item.label, "present": entry.present if entry else None,
                           "date": entry.document_date.isoformat() if entry and entry.document_date else None,
                           "remark": entry.remark if entry else ""} for item, entry in a.checklist],
            "findings": [f.text for f in findings if f.theme_number == a.number],
            "recommendations": [_recommendation(r) for r in recommendations if r.theme_number == a.number],
            "previous": {"self": change.previous_self, "committee": change.previous_committee,
                         "change": change.change} if change else None,
        })
    response = response_of(session, conversation)
    finalised = last_finalised(conversation)
    day = visit_date(conversation)
    return {
        "title": f"Visitatierapport digitale veiligheid {host.name}",
        "host": host.name, "round": conversation.round.title,
        "date": day.isoformat() if day else None, "place": conversation.place or "",
        "status": conversation.status,
        "finalised_at": finalised.at.isoformat() if finalised else None,
        "committee": [_person(p) for p in committee(conversation)],
        "host_participants": [_person(p) for p in host_participants(conversation)],
        "themes": themes,
        "recommendations": [_recommendation(r) for r in recommendations],
        "response": {"text": response.text, "by": response.updated_by, "at": response.updated_at.isoformat()}
        if response and response.text else None,
        "follow_up": {
            "date": day.isoformat() if (day := visit_date(previous.previous)) else None,
            "round": previous.previous.round.title,
            "recommendations": [_recommendation(r) for r in previous.recommendations],
        } if previous else None,
    }


def visit_report_filename(conversation: Conversation) -> str:
    """visitatierapport-haarlem-2025-10-07.docx: readable, and safe in a Content-Disposition."""
    slug = re.sub(r"[^a-z0-9]+", "-", host_of(conversation).name.lower()).strip("-")
    day = visit_date(conversation)
    return f"visitatierapport-{slug}{f'-{day.isoformat()}' if day else ''}.docx"


def visit_report_docx(session: DbSession, guides: GuideSet, conversation: Conversation) -> io.BytesIO:
    """The visitatierapport as .docx bytes, ready to send or write to a file."""
    stream = io.BytesIO()
    build_visit_report(visit_report_content(session, guides, conversation)).save(stream)
    stream.seek(0)
    return stream
