"""The round's Word report from the opbrengst: the latest published snapshot, or, while nothing is
published yet, a preview that the builder marks as concept. The builder (reports/round_report.py)
reads only the snapshot."""
from __future__ import annotations

import io
from typing import Any

from ..guides.model import GuideSet
from ..models.types import DbSession
from ..pdf.opbrengst import context as pdf_context
from ..pdf.render import render_pdf
from ..reports.round_report import build_round_report
from .publication import report_snapshot


def report_file_name(round_id: int, snapshot: dict[str, Any], extension: str = "docx") -> str:
    version = snapshot.get("version")
    return f"opbrengst-ronde-{round_id}-" + (f"versie-{version}.{extension}" if version else f"concept.{extension}")


def snapshot_pdf(snapshot: dict[str, Any], guides: GuideSet | None = None) -> bytes:
    """The opbrengst as an accessible PDF (PDF/UA-1), from the same snapshot as the Word report."""
    return render_pdf("pdf/opbrengst.html", **pdf_context(snapshot, guides))


def snapshot_report(snapshot: dict[str, Any], guides: GuideSet | None = None) -> bytes:
    buffer = io.BytesIO()
    build_round_report(snapshot, guides).save(buffer)
    return buffer.getvalue()


def round_report(session: DbSession, guides: GuideSet, round_id: int) -> tuple[bytes, dict[str, Any]]:
    """The .docx bytes and the snapshot they were built from (version 0: concept)."""
    snapshot = report_snapshot(session, guides, round_id)
    return snapshot_report(snapshot, guides), snapshot
