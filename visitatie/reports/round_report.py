"""The round report: the published opbrengst as an editable Word document.

Laid out like the yield pages of the VNG magazine: per priority the cluster title, the
recommendation, the findings, a quote with its speaker and a practice example with a QR
code, followed by what the conversations add (ranked lessons, headline figures, scores).

The builder reads only the snapshot dict (its format: opbrengst/snapshot_format.py): what was not published cannot
end up in the report. All snapshot text goes in as literal text.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from visitatie.municipality_size import dutch_label
from visitatie.reports import charts, public_text
from visitatie.reports.document import (
    BLUE,
    CALLOUT,
    CONFIDENTIAL,
    HEADER_FILL,
    OVERLINE,
    add_bullets,
    add_hyperlink,
    add_layout_table,
    add_muted,
    add_picture_from_bytes,
    add_quote,
    add_table,
    add_table_of_contents,
    fill_table_of_contents,
    keep_row_together,
    new_document,
    shade_cell,
    xml_safe,
)
from visitatie.reports.maturity_section import add_maturity_section
from visitatie.reports.public_text import ABBREVIATIONS, PUBLISHER
from visitatie.reports.qr import qr_png
from visitatie.reports.size_section import add_size_section
from visitatie.reports.wording import count, dutch_date, dutch_period
from visitatie.text_input import paragraphs

if TYPE_CHECKING:  # only for annotations: the builder takes whatever GuideSet the caller has
    from visitatie.guides.model import Guide, GuideSet

WHITE = RGBColor(0xFF, 0xFF, 0xFF)
FILTER_NAMES = {"province": "provincie", "safety_region": "veiligheidsregio",
                "population_class": "inwonersklasse"}


def build_round_report(snapshot: dict[str, Any], guides: GuideSet | None = None) -> Document:
    """Build the report from a snapshot; the caller saves it (``document.save(stream)``).

    ``guides`` (a GuideSet) supplies the magazine's quote for a priority without a consented
    quote of its own; without it such a priority has no quote.
    """
    draft = not snapshot.get("version")
    title = xml_safe(snapshot.get("title")) or "Opbrengst gespreksronde"
    rounds = ", ".join(xml_safe(r.get("title")) for r in snapshot.get("rounds") or [])
    document = new_document(f"{title} (concept)" if draft else title, subject=rounds,
                            author=PUBLISHER, keywords="digitale veiligheid, opbrengst, gespreksronde",
                            title_page=True)
    if snapshot.get("withdrawn"):  # a withdrawn version says only that, nothing of its content
        document.add_heading(title, 0)
        document.add_paragraph(public_text.withdrawn_version(snapshot))
        return document
    if draft:
        _mark_draft(document)
    _cover(document, snapshot, title, rounds, draft)
    _summary(document, snapshot)
    heading = document.add_paragraph("Inhoud", style="TOC Heading")
    heading.paragraph_format.page_break_before = True
    add_table_of_contents(document, levels="1-1", title="")
    _introduction(document, snapshot)
    figure_numbers = iter(range(1, 1000))
    for theme in snapshot.get("themes") or []:
        guide = _guide(guides, theme.get("number"))
        _theme(document, theme, snapshot.get("methodology") or {}, figure_numbers, guide, draft)
    add_size_section(document, snapshot.get("size_classes"), snapshot.get("themes") or [], figure_numbers)
    if snapshot.get("maturity"):
        add_maturity_section(document, snapshot["maturity"], figure_numbers)
    _methodology(document, snapshot.get("methodology") or {}, public_text.disclosure_footnote(snapshot))
    _municipalities(document, snapshot.get("municipalities") or [])
    _abbreviations(document)
    _colophon(document, snapshot, title, draft)
    fill_table_of_contents(document)
    return document


def _guide(guides: GuideSet | None, number: int | None) -> Guide | None:
    if guides is None or number is None:
        return None
    try:
        return guides.by_number(number)
    except (KeyError, LookupError):
        return None


# --- pieces ------------------------------------------------------------------------------

def _mark_draft(document: Document) -> None:
    section = document.sections[0]
    for header in (section.header, section.first_page_header):
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run("Concept – nog niet gepubliceerd")
        run.bold, run.font.color.rgb = True, CONFIDENTIAL


_muted = partial(add_muted, size=9)  # this report's size of small grey words


def _cover(document: Document, snapshot: dict[str, Any], title: str, rounds: str, draft: bool) -> None:
    band = add_layout_table(document, 1, [16.2])
    cell = band.cell(0, 0)
    shade_cell(cell, HEADER_FILL)
    overline = cell.paragraphs[0]
    overline.style = document.styles[OVERLINE]
    overline.paragraph_format.space_before = Pt(28)
    if not title.lower().startswith("opbrengst"):  # the magazine's label, unless the title says it
        overline.add_run("Opbrengst").font.color.rgb = WHITE
    # The round's name only when the title does not already say it (the cover repeated it).
    subtitle = "" if rounds.casefold() in title.casefold() else rounds
    for text, style, after in ((title, "Title", 6), (subtitle, "Subtitle", 4)):
        if text:
            paragraph = cell.add_paragraph(style=style)
            paragraph.paragraph_format.left_indent = Cm(0.2)
            paragraph.paragraph_format.space_after = Pt(after)
            paragraph.add_run(text).font.color.rgb = WHITE
    method = snapshot.get("methodology") or {}
    period = dutch_period(method.get("period_start"), method.get("period_end"))
    if not period and snapshot.get("rounds"):
        first = snapshot["rounds"][0]
        period = dutch_period(first.get("period_start"), first.get("period_end"))
    last = cell.add_paragraph(style="Subtitle")
    last.paragraph_format.space_after = Pt(28)
    last.paragraph_format.left_indent = Cm(0.2)
    run = last.add_run(f"Gesprekken gevoerd {period}" if period else "")
    run.font.color.rgb, run.font.size = WHITE, Pt(11)
    for paragraph in cell.paragraphs[:1]:
        paragraph.paragraph_format.left_indent = Cm(0.2)

    facts = document.add_paragraph()
    facts.paragraph_format.space_before = Pt(140)
    run = facts.add_run("   ·   ".join(_counted(method.get(key), one, many) for key, one, many in (
        ("conversations", "gesprek", "gesprekken"), ("municipalities", "gemeente", "gemeenten"),
        ("answers", "antwoord", "antwoorden"))))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(12), BLUE

    status = document.add_paragraph()
    status.paragraph_format.space_before = Pt(24)
    if draft:
        run = status.add_run("Concept")
        run.bold, run.font.size = True, Pt(14)
        _muted(status, "\nDit is een voorvertoning. Teksten en cijfers kunnen nog veranderen "
                       "tot de opbrengst is gepubliceerd.", size=10)
    else:
        published = dutch_date(snapshot.get("published_at"))
        _muted(status, f"Versie {snapshot['version']}"
               + (f", gepubliceerd op {published}" if published else ""), size=10)


def _counted(number: int | None, singular: str, plural: str) -> str:
    return count(number, singular, plural) if number is not None else f"{public_text.DASH} {plural}"


def _summary(document: Document, snapshot: dict[str, Any]) -> None:
    """One page after the cover, like the magazine's "Opbrengst" spread: the main lesson and
    the recommendation of each priority."""
    heading = document.add_heading("In het kort", 1)
    heading.paragraph_format.page_break_before = True
    if snapshot.get("main_lesson"):
        label = document.add_paragraph(style=OVERLINE)
        label.add_run("De belangrijkste les van de gespreksronde")
        lesson = document.add_paragraph(style=CALLOUT)
        lesson.add_run(xml_safe(snapshot["main_lesson"])).font.size = Pt(16)
    themes = snapshot.get("themes") or []
    if not themes:
        return
    label = document.add_paragraph(style=OVERLINE)
    label.paragraph_format.space_before = Pt(18)
    label.add_run("De aanbevelingen per prioriteit")
    grid = add_layout_table(document, len(themes), [1.2, 15.0])
    for row, theme in zip(grid.rows, themes, strict=True):
        keep_row_together(row)
        number, text = row.cells
        run = number.paragraphs[0].add_run(str(theme.get("number", "")))
        run.bold, run.font.size, run.font.color.rgb = True, Pt(18), BLUE
        name = text.paragraphs[0]
        name.paragraph_format.space_before = Pt(3)
        name.add_run(xml_safe(theme.get("title"))).bold = True
        if theme.get("recommendation"):
            advice = text.add_paragraph()
            advice.paragraph_format.space_after = Pt(8)
            advice.add_run(xml_safe(theme["recommendation"]))


def _introduction(document: Document, snapshot: dict[str, Any]) -> None:
    heading = document.add_heading("Inleiding", 1)
    heading.paragraph_format.page_break_before = True
    for block in paragraphs(xml_safe(snapshot.get("introduction"))):
        document.add_paragraph(block)
    method = snapshot.get("methodology") or {}
    document.add_paragraph(
        "Deze opbrengst bundelt wat "
        f"{_counted(method.get('conversations'), 'bestuurlijk gesprek', 'bestuurlijke gesprekken')} "
        f"tussen {_counted(method.get('municipalities'), 'gemeente', 'gemeenten')} "
        f"{'heeft' if method.get('conversations') == 1 else 'hebben'} opgeleverd. "
        f"Per prioriteit vindt u de aanbeveling, de belangrijkste bevindingen, een citaat en een "
        f"praktijkvoorbeeld, gevolgd door de lessen die in de gesprekken het vaakst naar voren "
        f"kwamen, de kerncijfers en de scores. Achterin staat hoe de cijfers tot stand kwamen.")


def _theme(document: Document, theme: dict[str, Any], method: dict[str, Any], figure_numbers: Iterator[int],
           guide: Guide | None = None,
           draft: bool = False) -> None:
    overline = document.add_paragraph(f"Prioriteit {theme.get('number', '')}", style=OVERLINE)
    overline.paragraph_format.page_break_before = True
    title = document.add_heading(xml_safe(theme.get("title")), 1)
    title.paragraph_format.space_before = Pt(2)  # it belongs to its "Prioriteit N" line
    if theme.get("recommendation"):
        box = document.add_paragraph(style=CALLOUT)
        label = box.add_run("Aanbeveling\n")
        label.font.size, label.font.all_caps = Pt(9), True
        box.add_run(xml_safe(theme["recommendation"]))
    coverage = theme.get("coverage") or {}
    if coverage.get("of"):
        _muted(document.add_paragraph(),
               f"Deze prioriteit kwam aan bod in {public_text.shown(coverage.get('conversations'))} van de "
               f"{count(coverage['of'], 'gesprek', 'gesprekken')}.")

    # A published version leaves out what is empty; a concept says what is still missing.
    if theme.get("findings") or draft:
        document.add_heading("Bevindingen", 2)
    if theme.get("findings"):
        add_bullets(document, theme["findings"])
    elif draft:
        document.add_paragraph("Voor deze prioriteit zijn nog geen bevindingen vastgesteld.")
    quote = public_text.theme_quote(theme, guide)
    if quote and quote.get("withdrawn"):
        _muted(document.add_paragraph(), quote["withdrawn"], size=10)
    elif quote:
        add_quote(document, quote["text"], quote["speaker"], quote["function"])
        if quote["source"]:
            _muted(document.paragraphs[-1], f" (bron: {quote['source']})")
    _practice_example(document, theme.get("practice_example"))
    # What the magazine page shows ends here; what the conversations add follows.
    _lessons(document, theme.get("lessons") or [], coverage.get("of") or method.get("conversations"), draft)
    _figures(document, theme.get("figures") or [])
    _scales(document, theme, figure_numbers)


def _lessons(document: Document, lessons: list[dict[str, Any]], of: int | None, draft: bool = False) -> None:
    lessons = public_text.published_lessons(lessons)
    if not lessons and not draft:
        return
    document.add_heading("Lessen uit de gesprekken", 2)
    if not lessons:
        document.add_paragraph("Voor deze prioriteit zijn nog geen lessen vastgesteld.")
        return
    for lesson in lessons:
        withdrawn = public_text.lesson_withdrawn(lesson)
        if withdrawn:
            _muted(document.add_paragraph(style="List Bullet"), withdrawn, size=10)
            continue
        paragraph = document.add_paragraph(xml_safe(lesson.get("text")), style="List Bullet")
        raised = public_text.lesson_raised(lesson, of)
        if raised:
            _muted(paragraph, f" ({raised})")


def _figures(document: Document, figures: list[dict[str, Any]]) -> None:
    if not figures:
        return
    document.add_heading("Kerncijfers", 2)
    table = add_layout_table(document, len(figures), [2.6, 13.6])
    for row, figure in zip(table.rows, figures, strict=True):
        keep_row_together(row)
        big, text = row.cells
        number = big.paragraphs[0].add_run(public_text.share(figure.get("ja"), figure.get("n")))
        number.bold, number.font.size, number.font.color.rgb = True, Pt(22), BLUE
        sentence = text.paragraphs[0]
        sentence.paragraph_format.space_before = Pt(4)
        sentence.add_run(xml_safe(public_text.figure_sentence(figure)))
        detail = public_text.figure_detail(figure)
        if detail:
            _muted(text.add_paragraph(), detail)


def _scales(document: Document, theme: dict[str, Any], figure_numbers: Iterator[int]) -> None:
    """Per scale question its sentence beside its chart, kept on the page of its priority.

    A scale whose distribution disclosure control suppressed gets its sentence (with dashes)
    and no chart: a chart of guessed bars would say more than the snapshot does.
    """
    answered = [scale for scale in theme.get("scales") or [] if scale.get("n")]
    if not answered:
        return
    heading = document.add_heading("Scores", 2)
    heading.paragraph_format.keep_with_next = True
    for scale in answered:
        distribution = scale.get("distribution") or {}
        drawable = not scale.get("suppressed") and all(v is not None for v in distribution.values())
        png = charts.scale_chart_png([scale], titles=False, width_cm=10.2) if drawable else None
        block = add_layout_table(document, 1, [5.8, 10.4] if png else [16.2])
        keep_row_together(block.rows[0])
        text = block.cell(0, 0).paragraphs[0]
        text.add_run(xml_safe(scale.get("text"))).bold = True
        _muted(block.cell(0, 0).add_paragraph(), public_text.scale_sentence(scale), size=9.5)
        if png is None:
            continue
        summary = ", ".join(f"niveau {level}: {value}" for level, value in sorted(
            distribution.items(), key=lambda item: int(item[0])))
        add_picture_from_bytes(
            document, png, 10.2, alt_text=f"Verdeling van de antwoorden op: {xml_safe(scale.get('text'))} {summary}.",
            caption=f"Figuur {next(figure_numbers)}. Scores bij prioriteit {theme.get('number', '')}, "
                    f"{xml_safe(theme.get('title'))}: aantal antwoorden per niveau",
            paragraph=block.cell(0, 1).paragraphs[0])


def _practice_example(document: Document, example: dict[str, Any] | None) -> None:
    if not example:
        return
    place = xml_safe(example.get("municipality"))
    document.add_heading(f"Praktijkvoorbeeld uit {place}" if place else "Praktijkvoorbeeld", 2)
    url = public_text.practice_url(example)
    # Only a web address of this example gets a QR code and a link; no address, no QR code.
    if not url:
        if example.get("title"):
            document.add_paragraph().add_run(xml_safe(example["title"])).bold = True
        return
    table = add_layout_table(document, 1, [3.0, 13.2])
    keep_row_together(table.rows[0])
    code, text = table.rows[0].cells
    add_picture_from_bytes(document, qr_png(url), 2.6, alt_text=f"QR-code naar {url}",
                           paragraph=code.paragraphs[0])
    text.paragraphs[0].add_run(f"Scan de QR-code en bekijk een praktijkvoorbeeld uit {place}."
                               if place else "Scan de QR-code en bekijk het praktijkvoorbeeld.")
    if example.get("title"):
        text.add_paragraph().add_run(xml_safe(example["title"])).bold = True
    add_hyperlink(text.add_paragraph(), url)


def _methodology(document: Document, method: dict[str, Any], footnote: str = "") -> None:
    heading = document.add_heading("Verantwoording", 1)
    heading.paragraph_format.page_break_before = True
    period = dutch_period(method.get("period_start"), method.get("period_end"))
    document.add_paragraph(
        f"Deze opbrengst is gebaseerd op "
        f"{_counted(method.get('conversations'), 'bestuurlijk gesprek', 'bestuurlijke gesprekken')} "
        f"met {_counted(method.get('municipalities'), 'deelnemende gemeente', 'deelnemende gemeenten')}"
        + (f", gevoerd van {period}" if period and ' tot en met ' in period else
           (f", gevoerd op {period}" if period else ""))
        + f". In totaal zijn {_counted(method.get('answers'), 'antwoord', 'antwoorden')} meegeteld.")
    filters = {key: value for key, value in (method.get("filters") or {}).items() if value}
    if filters:
        document.add_paragraph("Voor deze opbrengst is een selectie gemaakt: " + "; ".join(
            f"{FILTER_NAMES.get(key, key)} "
            + (dutch_label(value) + " (bron: CBS)" if key == "population_class" else xml_safe(value))
            for key, value in filters.items()) + ".")
    else:
        document.add_paragraph("Er is geen selectie toegepast: alle gevoerde gesprekken tellen mee.")
    add_bullets(document, [
        "Percentages zijn berekend over de gemeenten die de vraag hebben beantwoord (n). "
        "Ontbrekende antwoorden tellen als ontbrekend, niet als nee.",
        "Lessen zijn gerangschikt naar het aantal gesprekken waarin ze naar voren kwamen, "
        "daarna naar het aantal gemeenten.",
        "Scores zijn gegeven op een schaal van 1 tot en met 5; het gemiddelde en de mediaan gaan over "
        "de gegeven antwoorden.",
        "Citaten zijn alleen opgenomen met toestemming van de spreker. Wie niet met naam "
        "genoemd wil worden, staat vermeld met de functie, bijvoorbeeld ‘een burgemeester’.",
        "Antwoorden worden nooit aan een afzonderlijke gemeente toegeschreven.",
    ])
    if footnote:
        document.add_paragraph(xml_safe(footnote))
    rows = [["Gesprekken", public_text.shown(method.get("conversations"))],
            ["Deelnemende gemeenten", public_text.shown(method.get("municipalities"))],
            ["Meegetelde antwoorden", public_text.shown(method.get("answers"))]]
    add_table(document, ["Onderdeel", "Aantal"], rows, widths=[8.0, 8.2],
              caption="Tabel 1. De opbrengst in getallen")


def _municipalities(document: Document, names: list[str]) -> None:
    if not names:
        return
    document.add_heading("Deelnemende gemeenten", 1)
    document.add_paragraph(f"Aan de gesprekken namen de volgende "
                           f"{count(len(names), 'gemeente', 'gemeenten')} deel.")
    columns = 3
    per_column = -(-len(names) // columns)
    table = add_layout_table(document, per_column, [5.4] * columns)
    for index, name in enumerate(names):  # down the columns, as in a printed index
        cell = table.cell(index % per_column, index // per_column)
        cell.paragraphs[0].add_run(xml_safe(name))
        cell.paragraphs[0].paragraph_format.space_after = Pt(2)


def _abbreviations(document: Document) -> None:
    heading = document.add_heading("Afkortingen", 1)
    heading.paragraph_format.page_break_before = True
    add_table(document, ["Afkorting", "Betekenis"], [list(item) for item in ABBREVIATIONS],
              widths=[3.2, 13.0])


def _colophon(document: Document, snapshot: dict[str, Any], title: str, draft: bool) -> None:
    document.add_heading("Colofon", 1)
    lines = public_text.colophon(snapshot, title, draft)
    table = add_layout_table(document, len(lines), [4.2, 12.0])
    for row, (label, value) in zip(table.rows, lines, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(xml_safe(value))
