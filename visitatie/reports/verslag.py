"""The verslag of one conversation as an editable, confidential Word document.

Reads only the content dict of verslag_content.verslag_content(): title, date, place,
participants and roles, and per theme the questions with every municipality's answer and the
lessons and quotes marked. Every answer goes in as literal text (xml_safe): ``<script>`` or
``{{ 7*7 }}`` in an answer is printed as typed.
"""
from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.shared import Pt

from visitatie.reports.document import (
    CALLOUT,
    MUTED,
    OVERLINE,
    add_bullets,
    add_layout_table,
    add_muted,
    add_quote,
    add_table,
    new_document,
    xml_safe,
)

NOT_ANSWERED = "nog niet beantwoord"
NOT_APPLICABLE = "niet van toepassing"


def build_verslag(content: dict[str, Any]) -> Document:
    """Build the verslag; the caller saves it (``document.save(stream)``)."""
    title = xml_safe(content.get("title")) or "Verslag bestuurlijk gesprek"
    document = new_document(title, subject=xml_safe(content.get("round")), confidential=True,
                            keywords="digitale veiligheid, verslag, bestuurlijk gesprek")
    _opening(document, content)
    for theme in content.get("themes") or []:
        _theme(document, theme)
    return document




def _opening(document: Document, content: dict[str, Any]) -> None:
    document.add_paragraph("Verslag bestuurlijk gesprek", style=OVERLINE)
    heading = document.add_paragraph(xml_safe(content.get("conversation")), style="Title")
    heading.paragraph_format.space_after = Pt(4)
    add_muted(document.add_paragraph(), content.get("round") or "", 11)

    facts = [("Datum", content.get("date")), ("Tijd", content.get("time")),
             ("Plaats", content.get("place")), ("Status", content.get("status"))]
    facts = [(label, value) for label, value in facts if value]
    grid = add_layout_table(document, len(facts), [3.2, 13.0])
    for row, (label, value) in zip(grid.rows, facts, strict=True):
        label_cell, value_cell = row.cells
        label_cell.paragraphs[0].add_run(label).bold = True
        value_cell.paragraphs[0].add_run(xml_safe(value))

    document.add_heading("Deelnemers", 2)
    add_table(document, ["Naam", "Rol", "Gemeente", "Functie"],
              [[p["name"], p["role"], p["municipality"], p["function"]] for p in content.get("participants") or []],
              widths=[4.4, 3.2, 3.6, 5.0])
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(10)
    add_muted(note, "Dit verslag is vertrouwelijk: het beschrijft de digitale veiligheid van de deelnemende "
                 "gemeenten. Deel het alleen met de deelnemers van het gesprek. Citaten worden alleen "
                 "gepubliceerd met de toestemming die bij het citaat staat.")


def _theme(document: Document, theme: dict[str, Any]) -> None:
    overline = document.add_paragraph(f"Prioriteit {theme.get('number', '')}", style=OVERLINE)
    overline.paragraph_format.page_break_before = True
    heading = document.add_heading(xml_safe(theme.get("title")), 1)
    heading.paragraph_format.space_before = Pt(2)
    if theme.get("recommendation"):
        box = document.add_paragraph(style=CALLOUT)
        label = box.add_run("Aanbeveling uit de gespreksronde\n")
        label.font.size, label.font.all_caps = Pt(8.5), True
        run = box.add_run(xml_safe(theme["recommendation"]))
        run.font.size = Pt(12)
    questions = theme.get("questions") or []
    if not questions:
        add_muted(document.add_paragraph(), "Bij deze prioriteit zijn geen vragen beantwoord.")
    for number, question in enumerate(questions, start=1):
        document.add_heading(f"{number}. {xml_safe(question['text'])}", 3)
        rows = [[a["municipality"], a["text"] or (NOT_ANSWERED if a["applicable"] else NOT_APPLICABLE)]
                for a in question["answers"]]
        table = add_table(document, ["Gemeente", "Antwoord"], rows, widths=[3.6, 12.6])
        for row in table.rows[1:]:
            answer = row.cells[1].paragraphs[0]
            if answer.text in (NOT_ANSWERED, NOT_APPLICABLE):
                for run in answer.runs:
                    run.italic, run.font.color.rgb = True, MUTED
    if theme.get("lessons"):
        document.add_heading("Lessen uit dit gesprek", 2)
        add_bullets(document, [f"{lesson['text']} ({lesson['municipality']})" for lesson in theme["lessons"]])
    if theme.get("quotes"):
        document.add_heading("Citaten", 2)
        for quote in theme["quotes"]:
            add_quote(document, quote["text"], quote.get("speaker", ""), quote.get("function", ""))
            add_muted(document.add_paragraph(), f"Toestemming: {quote['consent']}")
