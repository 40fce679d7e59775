"""The round report's section "Kerncijfers naar gemeentegrootte" (snapshot["size_classes"]).

Per priority a bar chart of the share "ja" of each headline question per size group, and one
table with the same numbers for readers who cannot see the charts. The groups are CBS
gemeentegrootteklassen, already merged and suppressed when the snapshot was built
(opbrengst/size_classes.py): this builder only shows what the snapshot holds.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.document import Document

from visitatie.reports import charts
from visitatie.reports.document import add_picture_from_bytes, add_table, xml_safe
from visitatie.reports.wording import as_clause


def _percent(share: float) -> int:
    return int(share * 100 + 0.5)  # half up, as wording.percent


def _cell(cell: dict[str, Any] | None) -> str:
    return f"{_percent(cell['share_ja'])}% (n = {cell['n']})" if cell else "–"


def add_size_section(document: Document, size_classes: dict[str, Any] | None, themes: list[dict[str, Any]],
                     figure_numbers: Iterator[int]) -> None:
    size_classes = size_classes or {}
    groups = size_classes.get("groups") or []
    questions = [q for q in size_classes.get("questions") or [] if any(q.get("cells") or [])]
    if not groups or not questions:
        return
    labels = [xml_safe(g.get("label")) for g in groups]
    heading = document.add_heading("Kerncijfers naar gemeentegrootte", 1)
    heading.paragraph_format.page_break_before = True
    document.add_paragraph(
        "Hoe vaak gemeenten ‘ja’ antwoordden op de kernvragen, naar aantal inwoners. De groepen "
        "volgen de gemeentegrootteklassen van het CBS. Een klasse met minder dan "
        f"{size_classes.get('minimum_group', 5)} deelnemende gemeenten is samengevoegd met een "
        "naastgelegen klasse; een percentage dat op minder dan "
        f"{size_classes.get('minimum_answered', 3)} gemeenten zou rusten, staat er niet in (–).")
    document.add_paragraph(", ".join(f"{label}: {g.get('municipalities', 0)} gemeenten"
                                     for label, g in zip(labels, groups, strict=True)) + ".")
    titles = {t.get("number"): xml_safe(t.get("title")) for t in themes}
    for number in dict.fromkeys(q.get("theme_number") for q in questions):
        own = [q for q in questions if q.get("theme_number") == number]
        names = [xml_safe(q.get("headline")) for q in own]
        series = {label: [_share(q, index) for q in own] for index, label in enumerate(labels)}
        png = charts.bar_chart_png(names, series, xlabel="% ja (geen staaf: te weinig gemeenten)",
                                   max_value=100.0, width_cm=16.0,
                                   # matplotlib fills a legend column by column: two columns read in order
                                   legend_columns=len(labels) if len(labels) <= 3 else 2)
        if png is None:
            continue
        document.add_heading(f"Prioriteit {number}. {titles.get(number, '')}".strip(), 2)
        add_picture_from_bytes(
            document, png, 16.0,
            alt_text="Aandeel ja per gemeentegrootte. " + "; ".join(
                f"{name}: " + ", ".join(f"{label} {_cell(cell)}"
                                        for label, cell in zip(labels, q["cells"], strict=False))
                for name, q in zip(names, own, strict=True)),
            caption=f"Figuur {next(figure_numbers)}. Aandeel ‘ja’ naar gemeentegrootte")
    add_table(document, ["Kernvraag", *labels],
              [[as_clause(xml_safe(q.get("headline"))), *[_cell(c) for c in q["cells"]]] for q in questions],
              widths=[5.2, *[11.0 / len(labels)] * len(labels)],
              caption="Tabel. Aandeel ja naar gemeentegrootte")
    document.add_paragraph(xml_safe(size_classes.get("source") or "Bron: CBS") + ".")


def _share(question: dict[str, Any], index: int) -> float | None:
    cell = question["cells"][index]
    return float(_percent(cell["share_ja"])) if cell else None
