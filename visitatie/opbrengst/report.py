"""The round's Word report from the opbrengst: the latest published snapshot, or, while nothing is
published yet, a preview that the builder marks as concept. The builder (reports/round_report.py)
reads only the snapshot."""
from __future__ import annotations

import io

from sqlalchemy.orm import Session

from ..guides import GuideSet
from ..reports.round_report import build_round_report
from .publication import report_snapshot


def report_file_name(round_id: int, snapshot: dict) -> str:
    version = snapshot.get("version")
    return f"opbrengst-ronde-{round_id}-" + (f"versie-{version}.docx" if version else "concept.docx")


def snapshot_report(snapshot: dict) -> bytes:
    buffer = io.BytesIO()
    build_round_report(snapshot).save(buffer)
    return buffer.getvalue()


def round_report(session: Session, guides: GuideSet, round_id: int) -> tuple[bytes, dict]:
    """The .docx bytes and the snapshot they were built from (version 0: concept)."""
    snapshot = report_snapshot(session, guides, round_id)
    return snapshot_report(snapshot), snapshot
