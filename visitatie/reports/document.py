"""Shared python-docx foundation: house style, page furniture, fields, tables, quotes.

Used by the round report, the conversation verslag and the visitatierapport so that all
three look like one family. Everything written here is literal text: python-docx escapes it
into XML, so an answer such as ``<script>`` or ``{{ 7*7 }}`` is never interpreted.
"""
from __future__ import annotations

import io
from datetime import datetime, timezone

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from visitatie.reports.fields import (  # noqa: F401  (re-exported: one import for builders)
    TOC_PLACEHOLDER,
    add_field,
    add_table_of_contents,
    fill_table_of_contents,
)
from visitatie.reports.style import (  # noqa: F401
    BLUE,
    CONFIDENTIAL,
    CONFIDENTIAL_TEXT,
    HEADER_FILL,
    MUTED,
    ROW_FILL,
    TEXT,
    TEXT_WIDTH,
    apply_house_style,
)


def new_document(title: str, *, subject: str = "", confidential: bool = False,
                 author: str = "visitatie", keywords: str = "",
                 title_page: bool = False) -> Document:
    """A4 document in the house style with properties and page numbers set.

    ``title_page``: the first page (a cover) shows no page number; a confidential
    document still says "Vertrouwelijk" on it.
    """
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.4)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.1)
    apply_house_style(document)

    props = document.core_properties
    props.title, props.subject, props.author = title, subject, author
    props.keywords, props.language = keywords, "nl-NL"
    props.last_modified_by = author
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0)
    props.revision = 1

    section.different_first_page_header_footer = title_page
    pages = [(section.header, section.footer, True)]
    if title_page:
        pages.append((section.first_page_header, section.first_page_footer, False))
    for header, footer, numbered in pages:
        if confidential:
            _confidential_run(_first_paragraph(header, WD_ALIGN_PARAGRAPH.RIGHT))
        _write_footer(_first_paragraph(footer), title, confidential, numbered)
    return document


def _first_paragraph(part, align=None):
    paragraph = part.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _confidential_run(paragraph) -> None:
    run = paragraph.add_run(CONFIDENTIAL_TEXT)
    run.bold, run.font.color.rgb = True, CONFIDENTIAL


def _write_footer(paragraph, title: str, confidential: bool, numbered: bool) -> None:
    if confidential:
        _confidential_run(paragraph)
        paragraph.add_run(" · ")
    paragraph.add_run(title)
    if numbered:
        paragraph.add_run("\tPagina ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" van ")
        add_field(paragraph, "NUMPAGES", "1")


def add_table(document: Document, header: list[str], rows: list[list[str]],
              widths: list[float] | None = None, caption: str | None = None):
    """A table with a blue header row that repeats on every page; widths in cm."""
    if caption:
        cap = document.add_paragraph(caption, style="Caption")
        cap.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_look(table._tbl.tblPr)
    head = table.rows[0]
    _row_property(head, "w:tblHeader")
    for cell, text in zip(head.cells, header):
        _shade(cell, HEADER_FILL)
        run = cell.paragraphs[0].add_run(str(text))
        run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
    for number, values in enumerate(rows):
        row = table.add_row()
        _row_property(row, "w:cantSplit")
        for cell, text in zip(row.cells, values):
            cell.paragraphs[0].add_run("" if text is None else str(text))
            if number % 2:
                _shade(cell, ROW_FILL)
    for row in table.rows:
        for cell in row.cells:
            fmt = cell.paragraphs[0].paragraph_format
            fmt.space_after, fmt.line_spacing = Pt(0), 1.0
    if widths:
        table.autofit = False
        for index, width in enumerate(widths):
            for cell in table.columns[index].cells:
                cell.width = Cm(width)
    return table


def _table_look(tbl_pr) -> None:
    # Thin grey rules and some air in the cells read calmer than Table Grid's black lines.
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "B8C4D0")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 45), ("left", 90), ("bottom", 45), ("right", 90)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # CT_TblPr is a sequence: Word rejects the file if children are out of order.
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _row_property(row, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def add_bullets(document: Document, items, style: str = "List Bullet") -> list:
    return [document.add_paragraph(str(item), style=style) for item in items]


def add_quote(document: Document, text: str, speaker: str = "", function: str = "",
              style: str = "Quote"):
    """A quote in the magazine's manner: ‘text’, then the speaker on its own line."""
    quote = document.add_paragraph(f"‘{text}’", style=style)
    if speaker or function:
        quote.paragraph_format.keep_with_next = True
        who = document.add_paragraph(style=style)
        who.paragraph_format.space_before, who.paragraph_format.space_after = Pt(0), Pt(12)
        run = who.add_run(", ".join(part for part in (speaker, function) if part))
        run.italic, run.bold, run.font.size = False, False, Pt(10)
        run.font.color.rgb = TEXT
    return quote


def add_picture_from_bytes(document: Document, data: bytes, width_cm: float,
                           alt_text: str = "", caption: str | None = None,
                           align=WD_ALIGN_PARAGRAPH.CENTER):
    """An inline picture from PNG bytes; the alt text is read out by screen readers."""
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.keep_with_next = bool(caption)
    shape = paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(width_cm))
    if alt_text:
        shape._inline.docPr.set("descr", alt_text)
    if caption:
        document.add_paragraph(caption, style="Caption").alignment = align
    return shape


def add_page_break(document: Document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
