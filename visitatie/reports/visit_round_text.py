"""The wording of the visitatieronde report, shared by the Word builder (visit_round_report.py) and
the PDF template (templates/pdf/visitatieronde.html), so both say the same in the same words.
Reads the content dict of visits/round_report.py; a suppressed count (None) is a dash."""
from __future__ import annotations

from typing import Any

# The constants are re-exported ("X as X") for the PDF template, which gets this module as ``text``.
from visitatie.reports.public_text import ABBREVIATIONS as ABBREVIATIONS
from visitatie.reports.public_text import CONTACT as CONTACT
from visitatie.reports.public_text import PUBLISHER as PUBLISHER
from visitatie.reports.public_text import PUBLISHER_LONG as PUBLISHER_LONG
from visitatie.reports.public_text import shown
from visitatie.reports.wording import count, dutch_date, dutch_period
from visitatie.vocabulary import RecommendationStatus, ScoreSource, labels

LEVELS = ("1", "2", "3", "4", "5")
STATUSES = tuple((code, words.capitalize()) for code, words in labels(RecommendationStatus).items())
SOURCES = tuple(labels(ScoreSource).items())


def period(content: dict[str, Any]) -> str:
    return dutch_period(content.get("period_start"), content.get("period_end"))


def as_of(content: dict[str, Any]) -> str:
    return f"stand per {dutch_date(content.get('as_of'))}"


def cover_facts(content: dict[str, Any]) -> str:
    return (f"{count(content['visits'], 'vastgestelde visitatie', 'vastgestelde visitaties')} · "
            f"{count(content['recommendations'], 'aanbeveling', 'aanbevelingen')}")


def visited(content: dict[str, Any]) -> str:
    """Which municipalities were visited: only those that consented by name, the rest counted."""
    named, unnamed = content.get("named") or [], content.get("unnamed") or 0
    if not named:
        return (f"In deze ronde zijn {content['visits']} gemeenten bezocht. Geen van hen heeft ingestemd met "
                "vermelding van haar naam; daarom noemt dit rapport geen gemeenten.")
    names = ", ".join(named)
    rest = f" en {count(unnamed, 'andere gemeente', 'andere gemeenten')}" if unnamed else ""
    return (f"In deze ronde zijn {content['visits']} gemeenten bezocht: {names}{rest}. Alleen gemeenten die "
            "daarmee instemden worden genoemd, en nergens met hun eigen scores.")


def maturity_rows(theme: dict[str, Any]) -> list[list[str]]:
    """Per source: label, n, and the count per level (a dash where suppressed)."""
    rows = []
    for key, label in SOURCES:
        cell = theme.get(key) or {}
        rows.append([label, shown(cell.get("n"))] + [shown((cell.get("counts") or {}).get(level)) for level in LEVELS])
    return rows


def maturity_header(theme: dict[str, Any]) -> list[str]:
    names = theme.get("level_names") or {}
    return ["", "n"] + [f"{level} {names.get(level, '')}".strip() for level in LEVELS]


def maturity_caption(number: int, theme: dict[str, Any]) -> str:
    return (f"Tabel {number}. Prioriteit {theme['number']}, {theme['title']}: aantal visitaties per niveau, "
            "zelfevaluatie en oordeel van de commissie")


def recommendation_rows(theme: dict[str, Any]) -> list[list[str]]:
    rows = []
    for item in theme.get("recommendations") or []:
        counts = (item.get("status") or {}).get("counts") or {}
        rows.append([item["text"], str(item["visits"])] + [shown(counts.get(key)) for key, _ in STATUSES])
    return rows


def recommendation_header() -> list[str]:
    return ["Aanbeveling", "Visitaties"] + [label for _, label in STATUSES]


def recommendation_caption(number: int, theme: dict[str, Any], content: dict[str, Any]) -> str:
    return (f"Tabel {number}. Terugkerende aanbevelingen bij prioriteit {theme['number']}, {theme['title']}, "
            f"met de opvolging ({as_of(content)})")


def others(theme: dict[str, Any], key: str, singular: str, plural: str, min_cell: int) -> str:
    other = theme.get(key) or 0
    if not other:
        return ""
    verb, those = ("voorkwam", "die staat") if other == 1 else ("voorkwamen", "die staan")
    return (f"Daarnaast {count(other, singular, plural)} die bij minder dan {min_cell} visitaties {verb}; "
            f"{those} alleen in de visitatierapporten van de gemeenten zelf.")


def method_lines(content: dict[str, Any]) -> list[str]:
    return [
        f"Alleen vastgestelde visitaties tellen mee, en een rapport wordt pas gemaakt vanaf {content['min_visits']} "
        "vastgestelde visitaties in de ronde.",
        "Per prioriteit staat hoeveel gemeenten zichzelf en hoeveel de visitatiecommissie op elk niveau van "
        "volwassenheid plaatsten, van 1 (startend) tot 5 (voorlopend).",
        f"Een aantal van minder dan {content['min_cell']} visitaties is niet getoond (–); ook een verdeling waarin "
        "bijna alle visitaties in één cel vallen, of waaruit een verborgen cel terug te rekenen is, is afgeschermd.",
        f"Bevindingen en aanbevelingen staan hier alleen als de commissies ze bij ten minste {content['min_cell']} "
        "visitaties schreven. De opvolging is de status van die aanbevelingen op de datum van dit rapport.",
    ]


def colophon(content: dict[str, Any]) -> list[tuple[str, str]]:
    return [("Titel", content["title"]), ("Uitgave", PUBLISHER_LONG),
            ("Stand", as_of(content).capitalize()),
            ("Bron", "De vastgestelde visitatierapporten van deze ronde."), ("Contact", CONTACT)]
