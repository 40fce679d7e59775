"""Word fields: page numbers and a table of contents that Word and LibreOffice both show."""
from __future__ import annotations

import re

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TOC_PLACEHOLDER = "Inhoudsopgave wordt bijgewerkt bij openen"


def add_field(paragraph, instruction: str, placeholder: str = ""):
    """Append a complex field (PAGE, NUMPAGES, TOC, PAGEREF ...) with a cached result.

    Word and LibreOffice recalculate PAGE/NUMPAGES when they lay out the page; the
    placeholder is what a reader that does not calculate fields shows.
    """
    def char(kind):
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


def add_table_of_contents(document: Document, levels: str = "1-2", title: str = "Inhoud"):
    """A TOC field; Word offers to update it on opening (w:updateFields).

    Call :func:`fill_table_of_contents` after the last heading so that readers that
    do not rebuild the TOC (LibreOffice, PDF conversion) show the real entries.
    """
    if title:
        document.add_paragraph(title, style="TOC Heading")
    paragraph = add_field(document.add_paragraph(), f'TOC \\o "{levels}" \\h \\z \\u',
                          TOC_PLACEHOLDER)
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)
    return paragraph


def fill_table_of_contents(document: Document) -> None:
    """Write the headings into the TOC field's cached result, as Word stores it.

    One paragraph per heading with a hyperlink to a ``_Toc`` bookmark on the heading.
    Page numbers are left out on purpose: LibreOffice shows a TOC's cached result as
    it is (it does not compute PAGEREF fields inside it), so a guessed number would be
    wrong there; Word rebuilds the whole TOC, with numbers, when it opens the file.
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
        level = re.fullmatch(r"Heading (\d)", paragraph.style.name or "")
        if level and low <= int(level.group(1)) <= high and paragraph.text.strip():
            headings.append((int(level.group(1)), paragraph))
    if not headings:
        return
    runs = field_paragraph.findall(qn("w:r"))
    placeholder, end = runs[-2], runs[-1]   # cached text and fldChar "end" (see add_field)
    field_paragraph.remove(placeholder)
    field_paragraph.remove(end)
    anchor = field_paragraph
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
    anchor.append(end)


def _bookmark(p, name: str, bookmark_id: int) -> None:
    start, stop = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    stop.set(qn("w:id"), str(bookmark_id))
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else 1, start)
    p.append(stop)


def _new_paragraph_after(p):
    new = OxmlElement("w:p")
    p.addnext(new)
    return new


def _set_style(p, style_id: str) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id)
    ppr.insert(0, style)


def _append_run(parent, *, text: str) -> None:
    run, child = OxmlElement("w:r"), OxmlElement("w:t")
    child.set(qn("xml:space"), "preserve")
    child.text = text
    run.append(child)
    parent.append(run)
