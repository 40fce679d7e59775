"""The report of a visitatieronde as an editable Word document: per priority how the hosts assessed
themselves and how the committees assessed them, the recurring findings and recommendations, and
the follow-up of those recommendations on the report's date.

Reads only the content dict of visits/round_report.py (every count already through disclosure
control; None prints as a dash); the words are those of reports/visit_round_text.py, shared with
the PDF. The themes follow each other without page breaks: a table and a few lines per priority
would otherwise leave most pages half empty.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from docx.document import Document
from docx.shared import Pt

from visitatie.reports import visit_round_text as text
from visitatie.reports.document import (
    BLUE,
    OVERLINE,
    add_bullets,
    add_cover_band,
    add_layout_table,
    add_muted,
    add_table,
    add_table_of_contents,
    fill_table_of_contents,
    new_document,
    xml_safe,
)


def build_visit_round_report(content: dict[str, Any]) -> Document:
    """Build the report; the caller saves it."""
    title = xml_safe(content["title"])
    document = new_document(title, subject=xml_safe(content.get("round")), author=text.PUBLISHER, title_page=True,
                            keywords="digitale veiligheid, visitatieronde, volwassenheid, aanbevelingen")
    _cover(document, content, title)
    heading = document.add_paragraph("Inhoud", style="TOC Heading")
    heading.paragraph_format.page_break_before = True
    add_table_of_contents(document, levels="1-1", title="")
    document.add_heading("Inleiding", 1)
    document.add_paragraph(xml_safe(text.visited(content)))
    document.add_paragraph(
        "Per prioriteit vindt u hoe de gemeenten zichzelf inschaalden en hoe de visitatiecommissie hen beoordeelde, "
        "de bevindingen en aanbevelingen die bij meerdere visitaties terugkwamen, en hoe ver de gemeenten met die "
        f"aanbevelingen zijn ({text.as_of(content)}). Achterin staat hoe de cijfers tot stand kwamen.")
    tables = iter(range(1, 1000))
    for theme in content["themes"]:
        _theme(document, theme, content, tables)
    _method(document, content)
    document.add_heading("Afkortingen", 1)
    add_table(document, ["Afkorting", "Betekenis"], [list(pair) for pair in text.ABBREVIATIONS], widths=[3.0, 13.2])
    document.add_heading("Colofon", 1)
    grid = add_layout_table(document, len(text.colophon(content)), [3.6, 12.6])
    for row, (label, value) in zip(grid.rows, text.colophon(content), strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(xml_safe(value))
    fill_table_of_contents(document)
    return document


_muted = partial(add_muted, size=9)  # this report's size of small grey words


def _cover(document: Document, content: dict[str, Any], title: str) -> None:
    period = text.period(content)
    add_cover_band(document, "Rapport van de visitatieronde",
                   [(title, "Title", 6), (f"Visitaties {period}" if period else "", "Subtitle", 28)])
    facts = document.add_paragraph()
    facts.paragraph_format.space_before = Pt(140)
    run = facts.add_run(text.cover_facts(content))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(12), BLUE
    _muted(document.add_paragraph(), text.as_of(content).capitalize() + ".", size=10)


def _theme(document: Document, theme: dict[str, Any], content: dict[str, Any], tables: Iterator[int]) -> None:
    overline = document.add_paragraph(f"Prioriteit {theme['number']}", style=OVERLINE)
    overline.paragraph_format.space_before = Pt(18)
    overline.paragraph_format.keep_with_next = True
    heading = document.add_heading(xml_safe(theme["title"]), 1)
    heading.paragraph_format.space_before = Pt(2)
    add_table(document, text.maturity_header(theme), text.maturity_rows(theme),
              widths=[4.0, 0.9] + [2.26] * 5, caption=text.maturity_caption(next(tables), theme))
    document.add_heading("Terugkerende bevindingen", 2)
    if theme["findings"]:
        add_bullets(document, [f"{xml_safe(item['text'])} ({item['visits']} visitaties)" for item in theme["findings"]])
    else:
        document.add_paragraph(f"Geen bevinding kwam bij {content['min_cell']} of meer visitaties terug.")
    other = text.others(theme, "other_findings", "bevinding", "bevindingen", content["min_cell"])
    if other:
        _muted(document.add_paragraph(), other)
    document.add_heading("Terugkerende aanbevelingen en hun opvolging", 2)
    if theme["recommendations"]:
        add_table(document, text.recommendation_header(), text.recommendation_rows(theme),
                  widths=[5.2, 2.1, 1.5, 2.5, 2.2, 2.7],
                  caption=text.recommendation_caption(next(tables), theme, content))
    else:
        document.add_paragraph(f"Geen aanbeveling kwam bij {content['min_cell']} of meer visitaties terug.")
    other = text.others(theme, "other_recommendations", "aanbeveling", "aanbevelingen", content["min_cell"])
    if other:
        _muted(document.add_paragraph(), other)


def _method(document: Document, content: dict[str, Any]) -> None:
    document.add_heading("Verantwoording", 1)
    add_bullets(document, text.method_lines(content))
    if content.get("any_suppressed"):
        _muted(document.add_paragraph(), content["footnote"])
