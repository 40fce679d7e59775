"""What goes into the report of a visitatieronde, gathered once as a plain dict (the Word builder in
reports/visit_round_report.py and the PDF template templates/pdf/visitatieronde.html read only this).

The report is about the round, never about one municipality:
- only finalised visits (report vastgesteld) count, and at least MIN_VISITS of them (the same
  minimum selection as a published opbrengst), else TooFewVisits;
- every distribution (self-assessment and committee per theme, follow-up statuses) goes through
  opbrengst.disclosure.protect_distribution: a cell of fewer than 3 visits is "–" with the footnote;
- a finding or recommendation appears as text only when the committees wrote it at 3 or more
  visits (recurring); the others are counted, not quoted;
- a municipality is named only when its visit has consent_named, and without its scores.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import select

from ..guides.model import GuideSet
from ..models import Conversation, Round
from ..models.types import DbSession
from ..models.visits import MATURITY_LEVELS, RECOMMENDATION_STATUSES, Visit
from ..opbrengst.disclosure import FOOTNOTE, MIN_CELL, MIN_MUNICIPALITIES, protect_distribution
from ..pdf.render import render_pdf
from ..reports import visit_round_text
from ..reports.visit_round_report import build_visit_round_report
from ..vocabulary import ConversationStatus
from .assessment import scores_of, visit_guides
from .core import VISIT_KIND, is_visit, visit_date
from .errors import NotAVisit, TooFewVisits
from .recommendations import findings_of, recommendations_of

MIN_VISITS = MIN_MUNICIPALITIES
LEVELS = tuple(str(level) for level in MATURITY_LEVELS)


def finalised_visits(round_: Round) -> list[Conversation]:
    return sorted((c for c in round_.conversations if is_visit(c) and c.status == ConversationStatus.VASTGESTELD),
                  key=lambda c: (visit_date(c) or date.max, c.id))


def _key(text: str) -> str:
    """Two committees wrote the same thing when the words match, whatever the case and spacing."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def _protected(counts: dict[str, int]) -> dict[str, Any]:
    shown, reason = protect_distribution(counts)
    return {"n": sum(counts.values()), "counts": shown, "suppressed": reason}


def _recurring(items: list[tuple[int, str]]) -> tuple[list[dict[str, Any]], int]:
    """(visit id, text) pairs -> texts written at MIN_CELL or more visits, most visits first; and
    how many items were written at fewer visits (counted, not quoted)."""
    visits: dict[str, set[int]] = {}
    first: dict[str, str] = {}
    for visit_id, text in items:
        visits.setdefault(_key(text), set()).add(visit_id)
        first.setdefault(_key(text), text.strip())
    recurring: list[dict[str, Any]] = [{"text": first[key], "visits": len(ids), "key": key}
                 for key, ids in visits.items() if len(ids) >= MIN_CELL]
    recurring.sort(key=lambda item: (-item["visits"], item["text"]))
    keys = {item["key"] for item in recurring}
    return recurring, sum(1 for _, text in items if _key(text) not in keys)


def round_report_content(session: DbSession, guides: GuideSet, round_: Round, today: date) -> dict[str, Any]:
    """The report's content; TooFewVisits below MIN_VISITS finalised visits. `today` is the
    "stand per" date of the follow-up statuses."""
    if round_.kind != VISIT_KIND:
        raise NotAVisit(round_.id)
    visits = finalised_visits(round_)
    if len(visits) < MIN_VISITS:
        raise TooFewVisits(len(visits), MIN_VISITS)
    ids = [c.id for c in visits]
    consent = dict(session.execute(select(Visit.conversation_id, Visit.consent_named)
                                   .where(Visit.conversation_id.in_(ids))).all())
    scores = {c.id: scores_of(session, c) for c in visits}
    findings = [f for c in visits for f in findings_of(session, c)]
    recommendations = [r for c in visits for r in recommendations_of(session, c)]
    themes: list[dict[str, Any]] = []
    for guide in visit_guides(guides, visits[0]):
        number = guide.number
        scale = guides.maturity_for(guide.slug)
        by_source = {}
        for source in ("self", "committee"):
            levels = Counter(str(s[(number, source)].level) for s in scores.values() if (number, source) in s)
            by_source[source] = _protected({level: levels.get(level, 0) for level in LEVELS})
        theme_recommendations = [r for r in recommendations if r.theme_number == number]
        recurring, other = _recurring([(r.conversation_id, r.text) for r in theme_recommendations])
        for item in recurring:
            key = item.pop("key")
            statuses = Counter(r.status for r in theme_recommendations if _key(r.text) == key)
            item["status"] = _protected({status: statuses.get(status, 0) for status in RECOMMENDATION_STATUSES})
        recurring_findings, other_findings = _recurring(
            [(f.conversation_id, f.text) for f in findings if f.theme_number == number])
        for item in recurring_findings:
            item.pop("key")
        themes.append({
            "number": number, "title": guide.title,
            "level_names": {str(level.level): level.name for level in (scale.levels if scale else ())},
            "self": by_source["self"], "committee": by_source["committee"],
            "findings": recurring_findings, "other_findings": other_findings,
            "recommendations": recurring, "other_recommendations": other,
        })
    named = sorted(c.municipalities[0].name for c in visits if consent.get(c.id))
    days = [d for d in (visit_date(c) for c in visits) if d]
    return {
        "title": round_.title, "round": round_.title, "round_id": round_.id,
        "visits": len(visits), "period_start": min(days).isoformat() if days else None,
        "period_end": max(days).isoformat() if days else None, "as_of": today.isoformat(),
        "named": named, "unnamed": len(visits) - len(named), "themes": themes,
        "recommendations": len(recommendations), "min_cell": MIN_CELL, "min_visits": MIN_VISITS,
        "footnote": FOOTNOTE,
        "any_suppressed": any(t[s]["suppressed"] for t in themes for s in ("self", "committee"))
        or any(r["status"]["suppressed"] for t in themes for r in t["recommendations"]),
    }


def report_file_name(round_: Round, extension: str) -> str:
    return f"rapport-visitatieronde-{round_.id}.{extension}"


def round_report_docx(content: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    build_visit_round_report(content).save(buffer)
    return buffer.getvalue()


def round_report_pdf(content: dict[str, Any]) -> bytes:
    return render_pdf("pdf/visitatieronde.html", content=content, text=visit_round_text)
