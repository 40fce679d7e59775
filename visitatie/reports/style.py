"""The house style of all visitatie Word documents, set on the built-in styles.

Set on the styles rather than on each paragraph, so that a reader who edits the report in
Word keeps the look by choosing "Kop 1", "Citaat", and so on.
"""
from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import CharacterStyle

BLUE = RGBColor(0x24, 0x57, 0x8F)
TEXT = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x5A, 0x65, 0x70)
CONFIDENTIAL = RGBColor(0xA4, 0x26, 0x2C)
HEADER_FILL = "24578F"
ROW_FILL = "EEF3F9"
# Arial is on every Word installation; LibreOffice substitutes the metric-compatible
# Liberation Sans, so line breaks and page counts match between the two.
FONT = "Arial"
TEXT_WIDTH = Cm(21.0 - 2 * 2.4)
CONFIDENTIAL_TEXT = "Vertrouwelijk"
CALLOUT = "Kernboodschap"   # a key message in a tinted box (main lesson, recommendation)
OVERLINE = "Bovenkop"       # the small capitals above a heading ("PRIORITEIT 1")


def apply_house_style(document: Document) -> None:
    styles = document.styles
    # The default template takes fonts from its theme (Calibri/Cambria) and the theme
    # attributes win over plain font names, so they are replaced at the root.
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    defaults.find(qn("w:lang")).set(qn("w:val"), "nl-NL")
    _font(styles["Normal"], 10.5, color=TEXT)
    normal = styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(6), 1.2
    for level, size, before in ((1, 18, 24), (2, 13, 14), (3, 11.5, 10)):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=True, color=BLUE)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(6)
        fmt.keep_with_next = True
        fmt.line_spacing = 1.05
    _font(styles["Title"], 30, bold=True, color=BLUE)
    _remove(styles["Title"].element.pPr, "w:pBdr")
    styles["Title"].paragraph_format.space_after = Pt(12)
    _font(styles["Subtitle"], 15, color=MUTED, italic=False)
    _font(styles["TOC Heading"], 18, bold=True, color=BLUE)
    _font(styles["Caption"], 9, bold=False, color=MUTED, italic=True)
    styles["Caption"].paragraph_format.space_before = Pt(6)
    for name in ("Header", "Footer"):
        # The template's tab stops assume Letter margins; one right tab at the text
        # edge puts the page number (or "Vertrouwelijk") flush right.
        _font(styles[name], 8, color=MUTED)
        _remove(styles[name].element.pPr, "w:tabs")
        styles[name].paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    styles["List Bullet"].paragraph_format.space_after = Pt(3)
    _remove(styles["List Bullet"].element.pPr, "w:contextualSpacing")
    for name, size in (("Quote", 13), ("Intense Quote", 15)):
        style = styles[name]
        _font(style, size, bold=name == "Intense Quote", italic=True, color=BLUE)
        _remove(style.element.pPr, "w:pBdr")
        fmt = style.paragraph_format
        fmt.left_indent, fmt.right_indent = Cm(0.6), Cm(0.6)
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(10), Pt(2), True
        _left_bar(style.element.get_or_add_pPr())
    for level in (1, 2, 3):
        _toc_style(document, level)
    _extra_styles(document)


def _extra_styles(document: Document) -> None:
    # Named styles, not direct formatting, so an editor can reuse them in Word.
    callout = document.styles.add_style(CALLOUT, 1)
    callout.base_style = document.styles["Normal"]
    _font(callout, 14, bold=True, color=BLUE)
    fmt = callout.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(6), Pt(12), 1.15
    fmt.left_indent, fmt.right_indent = Cm(0.3), Cm(0.3)
    ppr = callout.element.get_or_add_pPr()
    _left_bar(ppr)
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", ROW_FILL)):
        shading.set(qn(f"w:{key}"), value)
    ppr.insert_element_before(shading, "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")

    overline = document.styles.add_style(OVERLINE, 1)
    overline.base_style = document.styles["Normal"]
    overline.next_paragraph_style = document.styles["Heading 1"]
    _font(overline, 10, bold=True, color=BLUE)
    overline.font.all_caps = True
    overline.paragraph_format.space_after = Pt(0)
    overline.paragraph_format.keep_with_next = True
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), "30")  # letter spacing in twentieths of a point
    overline.element.get_or_add_rPr().insert_element_before(
        spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:lang")


def _font(style: CharacterStyle, size: float, *, bold: bool | None = None, italic: bool | None = None,
          color: RGBColor | None = None) -> None:
    font = style.font
    font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color
        _strip_theme(font.element.rPr.find(qn("w:color")))
    _set_fonts(style.element.get_or_add_rPr())


def _set_fonts(rpr: BaseOxmlElement) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _strip_theme(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _strip_theme(element: BaseOxmlElement) -> None:
    for attr in list(element.attrib):
        if "theme" in attr.lower():
            del element.attrib[attr]


def _remove(parent: BaseOxmlElement | None, tag: str) -> None:
    if parent is not None and parent.find(qn(tag)) is not None:
        parent.remove(parent.find(qn(tag)))


def _left_bar(ppr: BaseOxmlElement) -> None:
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "24"), ("space", "10"), ("color", HEADER_FILL)):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")


def _toc_style(document: Document, level: int) -> None:
    # "toc N" is Word's built-in name, so Word keeps using it when it rebuilds the TOC.
    style = document.styles.add_style(f"toc {level}", 1)
    style.base_style = document.styles["Normal"]
    fmt = style.paragraph_format
    fmt.left_indent = Cm(0.6 * (level - 1))
    fmt.space_before, fmt.space_after = Pt(6 if level == 1 else 0), Pt(2)
    fmt.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    style.font.bold = level == 1
