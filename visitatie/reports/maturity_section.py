"""The optional maturity section of the round report (snapshot["maturity"], issue 6).

Shows, per priority and year, how many municipalities were assessed at each level 1-5:
a stacked bar chart for the overview and the same numbers in a table, for readers who
cannot see the chart and for editors who want to quote a number.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.document import Document

from visitatie.reports import charts
from visitatie.reports.document import add_picture_from_bytes, add_table, xml_safe

LEVELS = ("1", "2", "3", "4", "5")


def add_maturity_section(document: Document, maturity: dict[str, Any], figure_numbers: Iterator[int]) -> None:
    rows = []  # (label, year, n, counts per level)
    for theme in maturity.get("themes") or []:
        title = xml_safe(theme.get("title"))
        for year, distribution in sorted((theme.get("years") or {}).items()):
            raw = [(distribution or {}).get(level, 0) for level in LEVELS]
            counts = [None if value is None else int(value) for value in raw]
            total = (theme.get("totals") or {}).get(year, sum(value or 0 for value in counts))
            rows.append((f"{theme.get('number', '')}. {title}", str(year), total, counts))
    if not rows:
        return
    heading = document.add_heading("Volwassenheid", 1)
    heading.paragraph_format.page_break_before = True
    document.add_paragraph(
        "Tijdens de visitaties is per prioriteit vastgesteld op welk niveau van volwassenheid "
        "een gemeente zit, van 1 (startend) tot 5 (voorlopend). Hieronder staat per jaar hoeveel "
        "gemeenten op elk niveau zaten. Gemeenten zijn niet herleidbaar: alleen aantallen worden "
        "getoond.")
    png = charts.stacked_bar_png(
        [f"{label} ({year})" for label, year, _, _ in rows],
        {f"Niveau {level}": [counts[index] or 0 for _, _, _, counts in rows]  # suppressed: no bar, "–" in the table
         for index, level in enumerate(LEVELS)},
        xlabel="aantal gemeenten")
    if png:
        add_picture_from_bytes(
            document, png, 16.0,
            alt_text="Aantal gemeenten per niveau, per prioriteit en jaar. " + "; ".join(
                f"{label} ({year}): " + ", ".join(
                    f"niveau {level} {'–' if value is None else value}"
                    for level, value in zip(LEVELS, counts, strict=False))
                for label, year, _, counts in rows),
            caption=f"Figuur {next(figure_numbers)}. Volwassenheid per prioriteit")
    add_table(document, ["Prioriteit", "Jaar", "n", *[f"Niv. {level}" for level in LEVELS]],
              [[label, year, str(n), *["–" if value is None else str(value) for value in counts]]
               for label, year, n, counts in rows],
              widths=[6.2, 1.5, 1.0, *[1.5] * 5], caption="Tabel. Aantal gemeenten per niveau")
