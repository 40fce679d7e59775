"""Shared python-docx foundation: house style, page furniture, fields, tables, quotes.

Used by the round report, the conversation verslag and the visitatierapport so that all
three look like one family. Everything written here is literal text: python-docx escapes it
into XML, so an answer such as ``<script>`` or ``{{ 7*7 }}`` is never interpreted.
"""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
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
    CALLOUT,
    CONFIDENTIAL,
    CONFIDENTIAL_TEXT,
    HEADER_FILL,
    MUTED,
    OVERLINE,
    ROW_FILL,
    TEXT,
    TEXT_WIDTH,
    apply_house_style,
)


# Characters XML 1.0 cannot hold; lxml refuses them, so one stray control character in an
# answer would otherwise make the whole report fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text) -> str:
    """The text as a str that Word can store: None becomes "", control characters go."""
    return _NOT_XML.sub("", "" if text is None else str(text))


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

    title, subject, author, keywords = map(xml_safe, (title, subject, author, keywords))
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
    paragraph.add_run(xml_safe(title))
    if numbered:
        paragraph.add_run("\tPagina ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" van ")
        add_field(paragraph, "NUMPAGES", "1")


def add_table(document: Document, header: list[str], rows: list[list[str]],
              widths: list[float] | None = None, caption: str | None = None):
    """A table with a blue header row that repeats on every page; widths in cm."""
    if caption:
        cap = document.add_paragraph(xml_safe(caption), style="Caption")
        cap.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_look(table._tbl.tblPr)
    head = table.rows[0]
    _row_property(head, "w:tblHeader")
    for cell, text in zip(head.cells, header):
        shade_cell(cell, HEADER_FILL)
        run = cell.paragraphs[0].add_run(xml_safe(text))
        run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
    for number, values in enumerate(rows):
        row = table.add_row()
        keep_row_together(row)
        for cell, text in zip(row.cells, values):
            cell.paragraphs[0].add_run(xml_safe(text))
            if number % 2:
                shade_cell(cell, ROW_FILL)
    for row in table.rows:
        for cell in row.cells:
            fmt = cell.paragraphs[0].paragraph_format
            fmt.space_after, fmt.line_spacing = Pt(0), 1.0
    if widths:
        set_column_widths(table, widths)
    return table


def set_column_widths(table, widths: list[float]) -> None:
    """Fix the column widths (cm) in both places: Word reads the cells, LibreOffice the grid."""
    table.autofit = False
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_column.set(qn("w:w"), str(Cm(width).twips))
    for index, width in enumerate(widths):
        for cell in table.columns[index].cells:
            cell.width = Cm(width)


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


def keep_row_together(row) -> None:
    """Never split this row over two pages."""
    _row_property(row, "w:cantSplit")


def add_layout_table(document: Document, rows: int, widths: list[float]):
    """A borderless table for placing things side by side; widths in cm.

    The template's "Normal Table" style has no rules, so nothing shows but the content.
    """
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    set_column_widths(table, widths)
    return table


def _row_property(row, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def shade_cell(cell, fill: str) -> None:
    """Fill a table cell with a colour given as hex ("24578F")."""
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shading, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def add_bullets(document: Document, items, style: str = "List Bullet") -> list:
    return [document.add_paragraph(xml_safe(item), style=style) for item in items]


def add_quote(document: Document, text: str, speaker: str = "", function: str = "",
              style: str = "Quote"):
    """A quote in the magazine's manner: ‘text’, then the speaker on its own line."""
    quote = document.add_paragraph(f"‘{xml_safe(text)}’", style=style)
    if speaker or function:
        quote.paragraph_format.keep_with_next = True
        who = document.add_paragraph(style=style)
        who.paragraph_format.space_before, who.paragraph_format.space_after = Pt(0), Pt(12)
        run = who.add_run(", ".join(xml_safe(part) for part in (speaker, function) if part))
        run.italic, run.bold, run.font.size = False, False, Pt(10)
        run.font.color.rgb = TEXT
    return quote


def add_picture_from_bytes(document: Document, data: bytes, width_cm: float,
                           alt_text: str = "", caption: str | None = None,
                           align=WD_ALIGN_PARAGRAPH.CENTER, paragraph=None):
    """An inline picture from PNG bytes; the alt text is read out by screen readers.

    ``paragraph``: put it there (e.g. a table cell's paragraph) instead of a new one.
    """
    if paragraph is None:
        paragraph = document.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.keep_with_next = bool(caption)
    shape = paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(width_cm))
    if alt_text:
        shape._inline.docPr.set("descr", xml_safe(alt_text))
    if caption:
        below = paragraph._parent.add_paragraph(xml_safe(caption), style="Caption")
        below.alignment = align
    return shape


def add_page_break(document: Document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_hyperlink(paragraph, url: str, text: str | None = None):
    """A clickable link for http(s) addresses; anything else is written as plain text.

    The scheme check keeps a curated "javascript:" or "file:" value from becoming a link.
    """
    text = xml_safe(url if text is None else text)
    if not re.match(r"https?://", url or "", re.IGNORECASE):
        return paragraph.add_run(text)
    relation = paragraph.part.relate_to(xml_safe(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = paragraph.add_run(text)
    run.font.color.rgb, run.font.underline = BLUE, True
    link.append(run._r)  # moves the run from the paragraph into the link
    paragraph._p.append(link)
    return run

