"""The opbrengst PDF (WeasyPrint, PDF/UA-1): tagged, Dutch, titled, bookmarked, every image with alt
text, fonts embedded, text extractable in reading order, and no page more than half empty except
the last page of a section. Needs Pango and poppler (Makefile target pdf-tools)."""
import re
import shutil
import subprocess

import pytest

from tests.pdf_checks import assert_accessible, half_empty_pages
from tests.pdf_checks import figures as find_figures
from tests.unit.test_round_report import make_snapshot
from visitatie.opbrengst.report import snapshot_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils ontbreekt (make pdf-tools)")


@pytest.fixture(scope="module")
def pdf_bytes():
    return snapshot_pdf(make_snapshot())


def test_tagged_dutch_titled_with_bookmarks_and_alt_text(pdf_bytes):
    pdf = assert_accessible(pdf_bytes, "Opbrengst bestuurlijke gespreksronde digitale veiligheid 2024")
    root = pdf.Root
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert "Inleiding" in titles and "Eigen huis op orde" in titles and "Colofon" in titles
    figures = find_figures(root.StructTreeRoot)
    # 4 QR codes (theme 4 has no web address) and 5 score charts, each with its alternate text
    assert len(figures) == 9
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures)
    fonts = {str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()}
    assert any("Noto-Sans" in name for name in fonts)  # embedded: assert_accessible checked every font


def _pages(pdf_bytes, tmp_path):
    path = tmp_path / "opbrengst.pdf"
    path.write_bytes(pdf_bytes)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path, text.split("\f")[:-1]


def test_text_is_extractable_in_reading_order(pdf_bytes, tmp_path):
    _, pages = _pages(pdf_bytes, tmp_path)
    text = re.sub(r"\s+", " ", " ".join(pages))
    order = ["In het kort", "Inhoud", "Inleiding", "Leiderschap en professionalisering", "Bevindingen",
             "Europa en digitale veiligheid", "Verantwoording", "Afkortingen", "Colofon"]
    cursor = 0
    for part in order:  # each after the one before it
        cursor = text.find(part, cursor)
        assert cursor >= 0, part
    assert "<script>alert('x')</script> en {{ 7*7 }}" in text
    assert "In 7 van de 8 gemeenten (88%): digitale veiligheid staat in het IVP." in text


def test_table_of_contents_has_the_real_page_numbers(pdf_bytes, tmp_path):
    _, pages = _pages(pdf_bytes, tmp_path)
    toc = next(page for page in pages if page.strip().startswith("Inhoud"))
    for title in ("Eigen huis op orde", "Afkortingen"):
        number = int(re.search(re.escape(title) + r"[ .]+(\d+)", toc).group(1))
        assert title in pages[number - 1], f"{title} staat niet op pagina {number}"


SECTION_STARTS = re.compile(
    r"^\s*(In het kort|Inhoud|Inleiding|PRIORITEIT \d|Volwassenheid|Verantwoording|Afkortingen)")


def test_no_page_is_more_than_half_empty_except_the_last_of_a_section(pdf_bytes, tmp_path):
    path, pages = _pages(pdf_bytes, tmp_path)
    # cover, summary, contents, introduction; one page per priority (5); methodology with the
    # municipalities; abbreviations with the colophon
    assert len(pages) == 4 + 5 + 2
    assert half_empty_pages(path, pages, SECTION_STARTS) == []
