"""The public export, "Openbare cijfers": a published snapshot as Excel or CSV, nothing else.

It reads only `Publication.snapshot` (publication.latest / version_of), never the answers: what
was not published, and what disclosure control held back, cannot reach this file. A figure that
was suppressed is None in the snapshot and is written as "–" with the snapshot's footnote; a
withdrawn quote or lesson says "ingetrokken op <datum>"; a withdrawn publication leaves only the
note of its withdrawal. Every value is read with .get(): older snapshots lack newer keys.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from babel.dates import format_date

from ..guides.model import GuideSet
from ..models.opbrengst import Publication
from ..spreadsheets import Sheet, csv_zip_bytes, xlsx_bytes

HIDDEN = "–"
DEFAULT_FOOTNOTE = "– = niet getoond: te weinig gemeenten om niemand herkenbaar te maken"
LEVELS = ("1", "2", "3", "4", "5")


class NothingPublished(Exception):
    """The round has no published version: there is nothing public to export."""


def long_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return format_date(date.fromisoformat(iso[:10]), "d MMMM y", locale="nl")
    except ValueError:
        return iso


def withdrawn_text(item: object) -> str | None:
    """'ingetrokken op 3 maart 2025' for a withdrawn quote or lesson, else None."""
    if isinstance(item, dict) and item.get("withdrawn_on"):
        return f"ingetrokken op {long_date(item['withdrawn_on'])}"
    return None


class _Writer:
    """Collects the sheets; remembers whether a suppressed value was written, for the footnote."""

    def __init__(self, snapshot: dict[str, Any], guides: GuideSet) -> None:
        self.snapshot, self.guides, self.hidden = snapshot, guides, False

    def value(self, value: Any) -> Any:
        if value is None:
            self.hidden = True
            return HIDDEN
        return value

    def question_text(self, question_id: str, fallback: str = "") -> str:
        question = self.guides.question(question_id) if question_id else None
        return question.text if question else fallback or question_id or ""

    def figures(self) -> pd.DataFrame:
        rows = []
        for theme in self.snapshot.get("themes", []):
            for figure in theme.get("figures", []):
                unanswered = figure.get("n") == 0  # shares of nothing: empty, not held back
                rows.append({"Thema": theme.get("number"), "Vraag": self.question_text(figure.get("question_id")),
                             **{label: "" if unanswered and key.startswith("share") else self.value(figure.get(key))
                                for label, key in (
                                 ("Aantal antwoorden (n)", "n"), ("Ja", "ja"), ("Deels", "deels"), ("Nee", "nee"),
                                 ("Ontbrekend", "missing"), ("Aandeel ja", "share_ja"),
                                 ("Aandeel deels", "share_deels"), ("Aandeel nee", "share_nee"))}})
        return pd.DataFrame(rows, columns=["Thema", "Vraag", "Aantal antwoorden (n)", "Ja", "Deels", "Nee",
                                           "Ontbrekend", "Aandeel ja", "Aandeel deels", "Aandeel nee"])

    def scales(self) -> pd.DataFrame:
        columns = ["Thema", "Vraag", "Aantal antwoorden (n)", "Gemiddelde", "Mediaan",
                   *[f"Niveau {level}" for level in LEVELS], "Ontbrekend"]
        rows = []
        for theme in self.snapshot.get("themes", []):
            for scale in theme.get("scales", []):
                distribution = scale.get("distribution") or {}
                # No answers at all: no mean, and nothing was held back.
                average = (lambda v: "") if scale.get("n") == 0 else self.value
                rows.append(dict(zip(columns, [
                    theme.get("number"), scale.get("text") or self.question_text(scale.get("question_id")),
                    self.value(scale.get("n")), average(scale.get("mean")), average(scale.get("median")),
                    *[self.value(distribution.get(level)) for level in LEVELS], self.value(scale.get("missing"))],
                                     strict=True)))
        return pd.DataFrame(rows, columns=columns)

    def lessons(self) -> pd.DataFrame:
        rows = []
        for theme in self.snapshot.get("themes", []):
            for lesson in theme.get("lessons", []):
                rows.append({"Thema": theme.get("number"), "Les": withdrawn_text(lesson) or lesson.get("text", ""),
                             "Gesprekken": self.value(lesson.get("conversations")),
                             "Gemeenten": self.value(lesson.get("municipalities"))})
        return pd.DataFrame(rows, columns=["Thema", "Les", "Gesprekken", "Gemeenten"])

    def themes(self) -> pd.DataFrame:
        columns = ["Thema", "Titel", "Aanbeveling", "Bevindingen", "Citaat", "Spreker", "Functie",
                   "Praktijkvoorbeeld: gemeente", "Praktijkvoorbeeld", "Praktijkvoorbeeld: webadres",
                   "Gesprekken over dit thema"]
        rows = []
        for theme in self.snapshot.get("themes", []):
            quote, practice = theme.get("quote") or {}, theme.get("practice_example") or {}
            coverage = theme.get("coverage") or {}
            withdrawn = withdrawn_text(quote)
            rows.append(dict(zip(columns, [
                theme.get("number"), theme.get("title", ""), theme.get("recommendation", ""),
                "\n".join(theme.get("findings") or []), withdrawn or quote.get("text", ""),
                "" if withdrawn else quote.get("speaker", ""), "" if withdrawn else quote.get("function", ""),
                practice.get("municipality", ""), practice.get("title", ""), practice.get("url") or "",
                f"{self.value(coverage.get('conversations'))} van {self.value(coverage.get('of'))}"], strict=True)))
        return pd.DataFrame(rows, columns=columns)

    def maturity(self) -> pd.DataFrame:
        columns = ["Thema", "Titel", "Jaar", *[f"Niveau {level}" for level in LEVELS]]
        rows = []
        for theme in (self.snapshot.get("maturity") or {}).get("themes", []):
            for year, counts in sorted((theme.get("years") or {}).items()):
                rows.append(dict(zip(columns, [theme.get("number"), theme.get("title", ""), year,
                                               *[self.value((counts or {}).get(level)) for level in LEVELS]],
                                     strict=True)))
        return pd.DataFrame(rows, columns=columns)

    def footnote(self) -> str:
        return (self.snapshot.get("disclosure") or {}).get("footnote") or DEFAULT_FOOTNOTE

    def explanation(self, notes: list[str]) -> pd.DataFrame:
        snapshot = self.snapshot
        method = snapshot.get("methodology") or {}
        rows = [("Titel", snapshot.get("title", "")), ("Versie", snapshot.get("version")),
                ("Gepubliceerd op", long_date(snapshot.get("published_at"))),
                ("Rondes", "; ".join(r.get("title", "") for r in snapshot.get("rounds", [])))]
        if snapshot.get("withdrawn"):
            return pd.DataFrame(rows + [("Ingetrokken", withdrawal_note(snapshot))], columns=["Onderdeel", "Waarde"])
        rows += [("Gesprekken", self.value(method.get("conversations"))),
                 ("Gemeenten", self.value(method.get("municipalities"))),
                 ("Periode", f"{long_date(method.get('period_start'))} – {long_date(method.get('period_end'))}"),
                 ("Hoofdles", snapshot.get("main_lesson", "")), ("Inleiding", snapshot.get("introduction", "")),
                 ("Deelnemende gemeenten", ", ".join(snapshot.get("municipalities", []))),
                 ("Bron", "Dit bestand bevat alleen wat gepubliceerd is: afgeschermde cijfers, samengestelde "
                          "lessen en citaten met toestemming van de spreker.")]
        rows += [("Voetnoot", note) for note in notes]
        return pd.DataFrame(rows, columns=["Onderdeel", "Waarde"])


def withdrawal_note(snapshot: dict[str, Any]) -> str:
    withdrawn = snapshot.get("withdrawn") or {}
    note = f"Deze publicatie is ingetrokken op {long_date(withdrawn.get('on'))}."
    return note + (f" Reden: {withdrawn['reason']}" if withdrawn.get("reason") else "")


def public_sheets(snapshot: dict[str, Any], guides: GuideSet) -> list[Sheet]:
    """The sheets of the public export of one published snapshot."""
    writer = _Writer(snapshot, guides)
    if snapshot.get("withdrawn"):
        return [Sheet("Toelichting", writer.explanation([]), wrap=("Waarde",))]
    body = [("Kerncijfers", writer.figures(), ("Aandeel ja", "Aandeel deels", "Aandeel nee"), ("Vraag",)),
            ("Schalen", writer.scales(), (), ("Vraag",)),
            ("Lessen", writer.lessons(), (), ("Les",)),
            ("Thema's", writer.themes(), (), ("Aanbeveling", "Bevindingen", "Citaat")),
            ("Volwassenheid", writer.maturity(), (), ())]
    notes = (writer.footnote(),) if writer.hidden else ()
    sheets = [Sheet(name, frame, percent=percent, wrap=wrap, notes=notes) for name, frame, percent, wrap in body]
    return [Sheet("Toelichting", writer.explanation(list(notes)), wrap=("Waarde",))] + sheets


def public_snapshot(publication: Publication | None) -> dict[str, Any]:
    if publication is None:
        raise NothingPublished()
    return publication.snapshot


def to_excel(sheets: list[Sheet]) -> bytes:
    return xlsx_bytes(sheets)


def to_csv_zip(sheets: list[Sheet], dialect: str = "nl") -> bytes:
    return csv_zip_bytes(sheets, dialect)


def file_name(round_id: int, snapshot: dict[str, Any], extension: str) -> str:
    return f"openbare-cijfers-ronde-{round_id}-versie-{snapshot.get('version', 0)}.{extension}"
