"""The round report: the published opbrengst as an editable Word document.

Laid out like the yield pages of the VNG magazine: per priority the cluster title, the
recommendation, the findings, a quote with its speaker and a practice example with a QR
code, followed by what the conversations add (ranked lessons, headline figures, scores).

The builder reads only the snapshot dict (see SNAPSHOT.md): what was not published cannot
end up in the report. All snapshot text goes in as literal text.
"""
from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from visitatie.reports import charts
from visitatie.reports.document import (
    BLUE,
    CALLOUT,
    CONFIDENTIAL,
    HEADER_FILL,
    MUTED,
    OVERLINE,
    add_bullets,
    add_hyperlink,
    add_layout_table,
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
from visitatie.municipality_size import dutch_label
from visitatie.reports.maturity_section import add_maturity_section
from visitatie.reports.size_section import add_size_section
from visitatie.reports.qr import qr_png
from visitatie.reports.wording import as_clause, count, dutch_date, dutch_period, percent

WHITE = RGBColor(0xFF, 0xFF, 0xFF)
FILTER_NAMES = {"province": "provincie", "safety_region": "veiligheidsregio",
                "population_class": "inwonersklasse"}


def build_round_report(snapshot: dict) -> Document:
    """Build the report from a snapshot; the caller saves it (``document.save(stream)``)."""
    draft = not snapshot.get("version")
    title = xml_safe(snapshot.get("title")) or "Opbrengst gespreksronde"
    rounds = ", ".join(xml_safe(r.get("title")) for r in snapshot.get("rounds") or [])
    document = new_document(f"{title} (concept)" if draft else title, subject=rounds,
                            keywords="digitale veiligheid, opbrengst, gespreksronde",
                            title_page=True)
    if draft:
        _mark_draft(document)
    _cover(document, snapshot, title, rounds, draft)
    if snapshot.get("withdrawn"):  # a withdrawn version says only that (opbrengst/withdrawal.py)
        document.add_paragraph(f"Versie {snapshot.get('version')} van deze opbrengst is ingetrokken op "
                               f"{dutch_date(snapshot['withdrawn'].get('on'))}. De inhoud is niet meer beschikbaar.")
        return document
    heading = document.add_paragraph("Inhoud", style="TOC Heading")
    heading.paragraph_format.page_break_before = True
    add_table_of_contents(document, levels="1-1", title="")
    _introduction(document, snapshot)
    figure_numbers = iter(range(1, 1000))
    for theme in snapshot.get("themes") or []:
        _theme(document, theme, snapshot.get("methodology") or {}, figure_numbers)
    add_size_section(document, snapshot.get("size_classes"), snapshot.get("themes") or [], figure_numbers)
    if snapshot.get("maturity"):
        add_maturity_section(document, snapshot["maturity"], figure_numbers)
    _methodology(document, snapshot.get("methodology") or {})
    disclosure = snapshot.get("disclosure") or {}
    if disclosure.get("any_suppressed"):
        _muted(document.add_paragraph(), xml_safe(disclosure.get("footnote")))
    _municipalities(document, snapshot.get("municipalities") or [])
    fill_table_of_contents(document)
    return document


# --- pieces ------------------------------------------------------------------------------

def _mark_draft(document: Document) -> None:
    section = document.sections[0]
    for header in (section.header, section.first_page_header):
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run("Concept – nog niet gepubliceerd")
        run.bold, run.font.color.rgb = True, CONFIDENTIAL


def _muted(paragraph, text: str, size: float = 9):
    run = paragraph.add_run(xml_safe(text))
    run.font.color.rgb, run.font.size = MUTED, Pt(size)
    return run


def _cover(document: Document, snapshot: dict, title: str, rounds: str, draft: bool) -> None:
    band = add_layout_table(document, 1, [16.2])
    cell = band.cell(0, 0)
    shade_cell(cell, HEADER_FILL)
    overline = cell.paragraphs[0]
    overline.style = document.styles[OVERLINE]
    overline.paragraph_format.space_before = Pt(28)
    if not title.lower().startswith("opbrengst"):  # the magazine's label, unless the title says it
        overline.add_run("Opbrengst").font.color.rgb = WHITE
    for text, style, after in ((title, "Title", 6), (rounds, "Subtitle", 4)):
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

    if snapshot.get("main_lesson"):
        label = document.add_paragraph(style=OVERLINE)
        label.paragraph_format.space_before = Pt(36)
        label.add_run("De belangrijkste les van de gespreksronde")
        lesson = document.add_paragraph(style=CALLOUT)
        lesson.add_run(xml_safe(snapshot["main_lesson"])).font.size = Pt(20)

    themes = snapshot.get("themes") or []
    if themes:
        label = document.add_paragraph(style=OVERLINE)
        label.paragraph_format.space_before = Pt(30)
        label.paragraph_format.space_after = Pt(4)
        label.add_run("De prioriteiten")
        grid = add_layout_table(document, len(themes), [1.2, 15.0])
        for row, theme in zip(grid.rows, themes):
            number, name = row.cells
            run = number.paragraphs[0].add_run(str(theme.get("number", "")))
            run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BLUE
            name.paragraphs[0].paragraph_format.space_before = Pt(3)
            name.paragraphs[0].add_run(xml_safe(theme.get("title"))).font.size = Pt(12)

    facts = document.add_paragraph()
    facts.paragraph_format.space_before = Pt(30)
    run = facts.add_run("   ·   ".join([
        count(method.get("conversations", 0), "gesprek", "gesprekken"),
        count(method.get("municipalities", 0), "gemeente", "gemeenten"),
        count(method.get("answers", 0), "antwoord", "antwoorden")]))
    run.bold, run.font.size, run.font.color.rgb = True, Pt(12), BLUE

    status = document.add_paragraph()
    status.paragraph_format.space_before = Pt(24)
    if draft:
        run = status.add_run("Concept")
        run.bold, run.font.size = True, Pt(14)
        _muted(status, "\nDit is een voorvertoning. Teksten en cijfers kunnen nog veranderen "
                       "tot de opbrengst is gepubliceerd.", 10)
    else:
        published = dutch_date(snapshot.get("published_at"))
        _muted(status, f"Versie {snapshot['version']}"
               + (f", gepubliceerd op {published}" if published else ""), 10)


def _introduction(document: Document, snapshot: dict) -> None:
    heading = document.add_heading("Inleiding", 1)
    heading.paragraph_format.page_break_before = True
    for block in xml_safe(snapshot.get("introduction")).split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip())
    method = snapshot.get("methodology") or {}
    themes = snapshot.get("themes") or []
    document.add_paragraph(
        f"Deze opbrengst bundelt wat {count(method.get('conversations', 0), 'bestuurlijk gesprek', 'bestuurlijke gesprekken')} "
        f"tussen {count(method.get('municipalities', 0), 'gemeente', 'gemeenten')} "
        f"{'heeft' if method.get('conversations', 0) == 1 else 'hebben'} opgeleverd. "
        f"Per prioriteit vindt u de aanbeveling, de belangrijkste bevindingen, een citaat en een "
        f"praktijkvoorbeeld, gevolgd door de lessen die in de gesprekken het vaakst naar voren "
        f"kwamen, de kerncijfers en de scores. Achterin staat hoe de cijfers tot stand kwamen.")
    if snapshot.get("main_lesson"):
        document.add_heading("De belangrijkste les", 2)
        document.add_paragraph(xml_safe(snapshot["main_lesson"]), style=CALLOUT)
    if themes:
        document.add_heading("De prioriteiten in één oogopslag", 2)
        add_table(document, ["Prioriteit", "Thema", "Aanbeveling"],
                  [[str(t.get("number", "")), xml_safe(t.get("title")),
                    xml_safe(t.get("recommendation"))] for t in themes],
                  widths=[2.2, 6.0, 8.0])


def _theme(document: Document, theme: dict, method: dict, figure_numbers) -> None:
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
               f"Deze prioriteit kwam aan bod in {coverage.get('conversations', 0)} van de "
               f"{count(coverage['of'], 'gesprek', 'gesprekken')}.")

    document.add_heading("Bevindingen", 2)
    if theme.get("findings"):
        add_bullets(document, theme["findings"])
    else:
        document.add_paragraph("Voor deze prioriteit zijn nog geen bevindingen vastgesteld.")
    quote = theme.get("quote")
    if quote and quote.get("text"):
        add_quote(document, quote["text"], quote.get("speaker", ""), quote.get("function", ""))
    elif quote and quote.get("withdrawn_on"):
        _muted(document.add_paragraph(), f"Het citaat bij deze prioriteit is ingetrokken op "
                                         f"{dutch_date(quote['withdrawn_on'])}.")
    _practice_example(document, theme.get("practice_example"))
    # What the magazine page shows ends here; what the conversations add follows.
    _lessons(document, theme.get("lessons") or [], coverage.get("of") or method.get("conversations", 0))
    _figures(document, theme.get("figures") or [])
    _scales(document, theme.get("scales") or [], figure_numbers)


def _lessons(document: Document, lessons: list[dict], of: int) -> None:
    document.add_heading("Lessen uit de gesprekken", 2)
    if not lessons:
        document.add_paragraph("Voor deze prioriteit zijn nog geen lessen vastgesteld.")
        return
    for lesson in lessons:
        if lesson.get("withdrawn_on"):
            _muted(document.add_paragraph(style="List Bullet"),
                   f"Deze les is ingetrokken op {dutch_date(lesson['withdrawn_on'])}.")
            continue
        paragraph = document.add_paragraph(xml_safe(lesson.get("text")), style="List Bullet")
        if lesson.get("fewer_than"):
            _muted(paragraph, f" (genoemd door minder dan {lesson['fewer_than']} gemeenten)")
            continue
        raised = f"genoemd in {lesson.get('conversations', 0)} van de {count(of, 'gesprek', 'gesprekken')}"
        if lesson.get("municipalities"):
            raised += f", door {count(lesson['municipalities'], 'gemeente', 'gemeenten')}"
        _muted(paragraph, f" ({raised})")


def cell(value) -> str:
    """A published number, or the dash of the disclosure footnote for a suppressed one."""
    return "–" if value is None else str(value)


def _figures(document: Document, figures: list[dict]) -> None:
    if not figures:
        return
    document.add_heading("Kerncijfers", 2)
    table = add_layout_table(document, len(figures), [2.6, 13.6])
    for row, figure in zip(table.rows, figures):
        keep_row_together(row)
        big, text = row.cells
        n, yes = figure.get("n", 0), figure.get("ja", 0)
        headline = xml_safe(figure.get("headline"))
        if n and figure.get("suppressed"):  # disclosure control: the distribution is not shown
            big.paragraphs[0].add_run("–").bold = True
            text.paragraphs[0].add_run(f"{headline}: {count(n, 'gemeente', 'gemeenten')} beantwoordden de vraag; "
                                       f"ja {cell(yes)}, deels {cell(figure.get('deels'))}, "
                                       f"nee {cell(figure.get('nee'))} (zie de voetnoot bij de verantwoording).")
            continue
        number = big.paragraphs[0].add_run(f"{percent(yes, n)}%" if n else "–")
        number.bold, number.font.size, number.font.color.rgb = True, Pt(22), BLUE
        sentence = text.paragraphs[0]
        sentence.paragraph_format.space_before = Pt(4)
        if n:
            sentence.add_run(f"In {yes} van de {count(n, 'gemeente', 'gemeenten')} "
                             f"({percent(yes, n)}%): {as_clause(headline)}.")
            detail = (f"Deels: {figure.get('deels', 0)}, nee: {figure.get('nee', 0)}.")
        else:
            sentence.add_run(f"{headline}: nog geen antwoorden.")
            detail = ""
        missing = figure.get("missing", 0)
        if missing:
            detail += (f" Van {count(missing, 'gemeente', 'gemeenten')} ontbreekt het antwoord; "
                       f"{'die telt' if missing == 1 else 'die tellen'} niet mee.")
        if detail:
            _muted(text.add_paragraph(), detail.strip())


def _scales(document: Document, scales: list[dict], figure_numbers) -> None:
    answered = [scale for scale in scales if scale.get("n") and scale.get("distribution")
                and not scale.get("suppressed")]
    for scale in scales:
        if scale.get("n") and scale.get("suppressed"):
            _muted(document.add_paragraph(), f"{xml_safe(scale.get('text'))}: verdeling, gemiddelde en mediaan "
                                             f"niet getoond (–), zodat geen gemeente herkenbaar wordt (n = {scale['n']}).")
    # One question: the sentence above the chart names it, so the chart needs no title.
    png = charts.scale_chart_png(answered, titles=len(answered) > 1, width_cm=15.0)
    if png is None:
        return
    document.add_heading("Scores", 2)
    # Sentences, chart and caption share one unsplittable table row: LibreOffice does not
    # always honour "keep with next" on a chain that ends in a picture.
    block = add_layout_table(document, 1, [16.2])
    keep_row_together(block.rows[0])
    cell = block.cell(0, 0)
    for index, scale in enumerate(answered):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(xml_safe(scale.get("text"))).bold = True
        levels = sorted(int(level) for level in (scale.get("labels") or scale["distribution"]))
        mean = charts.number(scale["mean"], 2) if scale.get("mean") is not None else "–"
        missing = scale.get("missing", 0)
        paragraph.add_run(
            f" Gemiddeld {mean} op een schaal van {levels[0]} tot {levels[-1]} "
            f"(n = {scale['n']}" + (f", {missing} ontbrekend" if missing else "") + ").")
    summary = "; ".join(
        f"{xml_safe(s.get('text'))}: " + ", ".join(
            f"niveau {level}: {value}" for level, value in sorted(
                s["distribution"].items(), key=lambda item: int(item[0])))
        for s in answered)
    add_picture_from_bytes(document, png, 15.0, alt_text=f"Verdeling van de antwoorden. {summary}",
                           caption=f"Figuur {next(figure_numbers)}. Aantal antwoorden per niveau",
                           paragraph=cell.add_paragraph())


def _practice_example(document: Document, example: dict | None) -> None:
    if not example:
        return
    place = xml_safe(example.get("municipality"))
    document.add_heading(f"Praktijkvoorbeeld uit {place}" if place else "Praktijkvoorbeeld", 2)
    url = example.get("url") or ""
    # Only a web address gets a QR code and a link; anything else is printed as it is.
    if not url.lower().startswith(("https://", "http://")):
        if example.get("title"):
            document.add_paragraph().add_run(xml_safe(example["title"])).bold = True
        if url:
            document.add_paragraph(xml_safe(url))
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


def _methodology(document: Document, method: dict) -> None:
    heading = document.add_heading("Verantwoording", 1)
    heading.paragraph_format.page_break_before = True
    period = dutch_period(method.get("period_start"), method.get("period_end"))
    document.add_paragraph(
        f"Deze opbrengst is gebaseerd op "
        f"{count(method.get('conversations', 0), 'bestuurlijk gesprek', 'bestuurlijke gesprekken')} "
        f"met {count(method.get('municipalities', 0), 'deelnemende gemeente', 'deelnemende gemeenten')}"
        + (f", gevoerd van {period}" if period and ' tot en met ' in period else
           (f", gevoerd op {period}" if period else ""))
        + f". In totaal zijn {count(method.get('answers', 0), 'antwoord', 'antwoorden')} meegeteld.")
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
    rows = [["Gesprekken", str(method.get("conversations", 0))],
            ["Deelnemende gemeenten", str(method.get("municipalities", 0))],
            ["Meegetelde antwoorden", str(method.get("answers", 0))]]
    add_table(document, ["Onderdeel", "Aantal"], rows, widths=[8.0, 8.2],
              caption="Tabel. De opbrengst in getallen")


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
