"""The shared python-docx foundation, read back from a saved file as Word would see it."""
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from visitatie.reports.document import (
    TOC_PLACEHOLDER,
    add_bullets,
    add_field,
    add_hyperlink,
    add_layout_table,
    add_page_break,
    add_picture_from_bytes,
    add_quote,
    add_table,
    add_table_of_contents,
    fill_table_of_contents,
    new_document,
    xml_safe,
)

PNG = bytes.fromhex(  # a 1x1 white PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082"
)


def reopen(document):
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return docx.Document(buffer)


def instructions(element):
    return [node.text.strip() for node in element.iter(qn("w:instrText"))]


def test_a4_with_house_style_and_properties():
    document = reopen(new_document("Verslag gesprek", subject="Gespreksronde 2024",
                                   keywords="digitale veiligheid"))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 2.4
    props = document.core_properties
    assert (props.title, props.subject, props.author) == ("Verslag gesprek", "Gespreksronde 2024", "visitatie")
    assert props.keywords == "digitale veiligheid"
    assert props.language == "nl-NL"
    assert props.created is not None
    heading = document.styles["Heading 1"]
    assert str(heading.font.color.rgb) == "24578F"
    assert heading.font.name == "Arial"
    # no theme font may override the house font
    fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert not [attr for attr in fonts.attrib if "theme" in attr.lower()]


def test_footer_has_page_x_of_y_and_no_confidential_marking_by_default():
    document = reopen(new_document("Opbrengst"))
    footer = document.sections[0].footer
    assert "Pagina" in footer.paragraphs[0].text and " van " in footer.paragraphs[0].text
    assert instructions(footer._element) == ["PAGE", "NUMPAGES"]
    assert "Vertrouwelijk" not in footer.paragraphs[0].text
    assert document.sections[0].header.paragraphs[0].text == ""


def test_confidential_marks_header_and_footer_also_on_a_title_page():
    document = reopen(new_document("Verslag", confidential=True, title_page=True))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    for header, footer in ((section.header, section.footer),
                           (section.first_page_header, section.first_page_footer)):
        assert "Vertrouwelijk" in header.paragraphs[0].text
        assert "Vertrouwelijk" in footer.paragraphs[0].text
    # the cover carries no page number, the other pages do
    assert instructions(section.first_page_footer._element) == []
    assert instructions(section.footer._element) == ["PAGE", "NUMPAGES"]


def test_add_field_writes_a_complex_field_with_its_cached_result():
    document = new_document("x")
    paragraph = add_field(document.add_paragraph(), "DATE \\@ \"d MMMM yyyy\"", "1 januari")
    kinds = [node.get(qn("w:fldCharType")) for node in paragraph._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert paragraph.text == "1 januari"


def test_table_of_contents_lists_the_headings_with_page_reference_fields():
    document = new_document("Opbrengst")
    add_table_of_contents(document, levels="1-2")
    document.add_heading("Inleiding", 1)
    document.add_heading("Aanpak", 2)
    document.add_heading("Detail", 3)  # below the TOC's levels
    fill_table_of_contents(document)
    document = reopen(document)
    body = document.element.body
    # No TOC field and no "update fields?" prompt: PAGEREF fields that Word and LibreOffice compute.
    assert instructions(body) == [f"PAGEREF {name} \\h" for name in
                                  [n.get(qn("w:name")) for n in body.iter(qn("w:bookmarkStart"))]]
    assert document.settings.element.find(qn("w:updateFields")) is None
    entries = [p for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert [p._p.xpath("string(.//w:hyperlink)") for p in entries] == ["Inleiding", "Aanpak"]
    assert [p.style.name for p in entries] == ["toc 1", "toc 2"]
    names = [node.get(qn("w:name")) for node in body.iter(qn("w:bookmarkStart"))]
    anchors = [node.get(qn("w:anchor")) for node in body.iter(qn("w:hyperlink"))]
    assert names == anchors and len(names) == 2
    kinds = [node.get(qn("w:fldCharType")) for node in body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2


def test_table_of_contents_keeps_its_placeholder_without_headings():
    document = new_document("Leeg")
    add_table_of_contents(document)
    fill_table_of_contents(document)
    assert TOC_PLACEHOLDER in [p.text for p in reopen(document).paragraphs]


def test_table_repeats_its_header_and_keeps_text_literal():
    document = new_document("Tabel")
    add_table(document, ["Gemeente", "Antwoord"], [["Delft", "<script>alert(1)</script>"],
                                                   ["Oss", "{{ 7*7 }}"]],
              widths=[5, 11], caption="Tabel 1. Antwoorden")
    document = reopen(document)
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Gemeente", "Antwoord"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].text == "<script>alert(1)</script>"
    assert table.rows[2].cells[1].text == "{{ 7*7 }}"
    assert round(table.rows[1].cells[1].width.cm) == 11
    assert "Tabel 1. Antwoorden" in [p.text for p in document.paragraphs]


def test_bullets_quote_picture_and_page_break():
    document = new_document("Opbouw")
    add_bullets(document, ["eerste", "tweede"])
    add_quote(document, "Digitale veiligheid is chefsache", "een burgemeester")
    add_picture_from_bytes(document, PNG, 4, alt_text="Leeg plaatje", caption="Figuur 1")
    add_page_break(document)
    document = reopen(document)
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("List Bullet", "eerste") in texts and ("List Bullet", "tweede") in texts
    assert ("Quote", "‘Digitale veiligheid is chefsache’") in texts
    assert ("Quote", "een burgemeester") in texts
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0]._inline.docPr.get("descr") == "Leeg plaatje"
    assert document.inline_shapes[0].width == pytest.approx(Cm(4), abs=Cm(0.01))
    assert document.element.body.find(".//" + qn("w:br")).get(qn("w:type")) == "page"


def test_hyperlinks_only_for_web_addresses():
    document = new_document("Links")
    add_hyperlink(document.add_paragraph(), "https://vng.nl/praktijk")
    add_hyperlink(document.add_paragraph(), "javascript:alert(1)")
    document = reopen(document)
    links = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert links == ["https://vng.nl/praktijk"]
    assert [p.text for p in document.paragraphs] == ["https://vng.nl/praktijk", "javascript:alert(1)"]
    assert len(list(document.element.body.iter(qn("w:hyperlink")))) == 1


def test_control_characters_do_not_break_the_document():
    assert xml_safe("a\x00b\x0bc\td\ne") == "abc\td\ne"
    assert xml_safe(None) == ""
    document = new_document("Tekens\x07")
    add_bullets(document, ["bel\x07"])
    assert [p.text for p in reopen(document).paragraphs] == ["bel"]


def test_layout_table_widths_are_fixed_for_word_and_libreoffice():
    document = new_document("Opmaak")
    table = add_layout_table(document, 2, [3, 13.2])
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [Cm(3).twips, Cm(13.2).twips]
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is None  # nothing drawn but the content
