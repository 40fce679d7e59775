"""Word fields: page numbers and a table of contents that Word and LibreOffice both show."""
from __future__ import annotations

import re

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

TOC_PLACEHOLDER = "Inhoudsopgave wordt bijgewerkt bij openen"


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> Paragraph:
    """Append a complex field (PAGE, NUMPAGES, TOC, PAGEREF ...) with a cached result.

    Word and LibreOffice recalculate PAGE/NUMPAGES when they lay out the page; the
    placeholder is what a reader that does not calculate fields shows.
    """
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")
    return paragraph


def add_table_of_contents(document: Document, levels: str = "1-2", title: str = "Inhoud") -> Paragraph:
    """A TOC field, filled by :func:`fill_table_of_contents` after the last heading.

    No w:updateFields: Word would ask "update fields?" on every opening, which a reader of a
    published report should not see. The entries carry PAGEREF fields instead, which Word and
    LibreOffice both compute when they lay out the pages.
    """
    if title:
        document.add_paragraph(title, style="TOC Heading")
    return add_field(document.add_paragraph(), f'TOC \\o "{levels}" \\h \\z \\u',
                     TOC_PLACEHOLDER)


def fill_table_of_contents(document: Document) -> None:
    """Write the headings into the TOC field's cached result, as Word stores it.

    One paragraph per heading (the TOC field is replaced) with a hyperlink to a ``_Toc`` bookmark on the heading, then a
    tab (dotted leader, see style.py) and a PAGEREF field to that bookmark. The cached page
    number is an estimate (one page per forced page break); Word and LibreOffice replace it
    with the real number when they lay out the document.
    """
    for instr in document.element.body.iter(qn("w:instrText")):
        match = re.match(r'\s*TOC\s.*\\o\s+"(\d)-(\d)"', instr.text or "")
        if match:
            break
    else:
        return
    low, high = int(match.group(1)), int(match.group(2))
    field_paragraph = instr.getparent().getparent()
    headings = []
    for paragraph in document.paragraphs:
        numbered = re.fullmatch(r"Heading (\d)", paragraph.style.name or "") if paragraph.style else None
        if numbered and low <= int(numbered.group(1)) <= high and paragraph.text.strip():
            headings.append((int(numbered.group(1)), paragraph))
    if not headings:
        return
    # The TOC field itself goes: LibreOffice shows a TOC field's cached result as it is, with
    # the PAGEREF fields inside it frozen, while plain PAGEREF fields it computes on layout.
    for run in field_paragraph.findall(qn("w:r")):
        field_paragraph.remove(run)
    anchor = field_paragraph
    pages = _estimated_pages(document)
    for index, (level, heading) in enumerate(headings):
        name = f"_Toc{100000000 + index}"
        _bookmark(heading._p, name, 9000 + index)
        target = field_paragraph if index == 0 else _new_paragraph_after(anchor)
        anchor = target
        _set_style(target, f"toc{level}")
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), name)
        link.set(qn("w:history"), "1")
        target.append(link)
        _append_run(link, text=heading.text)
        _append_run(target, text="\t")
        _append_pageref(target, name, str(pages.get(id(heading._p), "")))


def _estimated_pages(document: Document) -> dict[int, int]:
    """Page of each paragraph counting forced page breaks only: a first guess for the cache."""
    page, pages = 1, {}
    for paragraph in document.paragraphs:
        fmt = paragraph.paragraph_format
        if fmt.page_break_before:
            page += 1
        pages[id(paragraph._p)] = page
        if paragraph._p.xpath('.//w:br[@w:type="page"]'):
            page += 1
    return pages


def _append_pageref(p: BaseOxmlElement, bookmark: str, cached: str) -> None:
    for kind, text in (("begin", None), ("instr", f" PAGEREF {bookmark} \\h "), ("separate", None),
                       ("result", cached), ("end", None)):
        run = OxmlElement("w:r")
        if kind == "instr":
            child = OxmlElement("w:instrText")
            child.set(qn("xml:space"), "preserve")
            child.text = text
        elif kind == "result":
            child = OxmlElement("w:t")
            child.text = text
        else:
            child = OxmlElement("w:fldChar")
            child.set(qn("w:fldCharType"), kind)
        run.append(child)
        p.append(run)


def _bookmark(p: BaseOxmlElement, name: str, bookmark_id: int) -> None:
    start, stop = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    stop.set(qn("w:id"), str(bookmark_id))
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else 1, start)
    p.append(stop)


def _new_paragraph_after(p: BaseOxmlElement) -> BaseOxmlElement:
    new = OxmlElement("w:p")
    p.addnext(new)
    return new


def _set_style(p: BaseOxmlElement, style_id: str) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    ppr.insert(0, style)


def _append_run(parent: BaseOxmlElement, *, text: str) -> None:
    run, child = OxmlElement("w:r"), OxmlElement("w:t")
    child.set(qn("xml:space"), "preserve")
    child.text = text
    run.append(child)
    parent.append(run)
