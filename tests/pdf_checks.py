"""Checks every PDF of the app passes (tests/unit/test_pdf.py, tests/web/test_documents_from_demo.py):
PDF/UA tagging, language, title, alternate text and embedded fonts; the text as pdftotext reads it;
and which pages are more than half empty. Needs poppler (pdftotext, pdftoppm)."""
import io
import re
import subprocess

import pikepdf


def figures(node, found=None):
    """Every /Figure element of the structure tree."""
    found = [] if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(node)
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            figures(kid, found)
    return found


def assert_accessible(pdf_bytes: bytes, title: str) -> pikepdf.Pdf:
    """Tagged (StructTreeRoot, MarkInfo), nl-NL, the title shown, alt text on every figure, fonts embedded."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    root = pdf.Root
    assert "/StructTreeRoot" in root and root.MarkInfo.Marked
    assert str(root.Lang) == "nl-NL"
    assert str(pdf.docinfo["/Title"]) == title
    assert str(pdf.docinfo["/Author"]) == "VNG"
    assert root.ViewerPreferences.DisplayDocTitle
    assert all(str(figure.get("/Alt", "")).strip() for figure in figures(root.StructTreeRoot))
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant.FontDescriptor or "/FontFile3" in descendant.FontDescriptor
    return pdf


def pages_of(pdf_bytes: bytes, tmp_path, name: str = "document"):
    """The file written to tmp_path and the text of each page, in reading order."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf_bytes)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return path, text.split("\f")[:-1]


def in_order(text: str, parts) -> bool:
    text, cursor = re.sub(r"\s+", " ", text), 0
    for part in parts:
        cursor = text.find(part, cursor)
        if cursor < 0:
            return False
    return True


def half_empty_pages(path, pages, section_starts: re.Pattern) -> list[int]:
    """Page numbers (1-based) whose ink ends in the upper half, leaving out the cover, the last page
    and the last page of a section (a page followed by one that `section_starts` matches)."""
    folder, stem = path.parent, path.stem + "-page"
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(path), str(folder / stem)], check=True)
    digits = len(str(len(pages)))
    found = []
    for number in range(2, len(pages)):  # 1-based page `number`; pages[number] is the next page
        if section_starts.match(pages[number]):
            continue
        image = (folder / f"{stem}-{number:0{digits}d}.pgm").read_bytes()
        header, pixels = image.split(b"\n", 3)[:3], image.split(b"\n", 3)[3]
        width, height = map(int, header[1].split())
        body = height - int(height * 0.1)  # above the footer
        rows = [pixels[y * width:(y + 1) * width] for y in range(body)]
        last_ink = max((y for y, row in enumerate(rows) if min(row) < 200), default=0)
        if last_ink <= body / 2:
            found.append(number)
    return found


def word_to_pdf(docx: bytes, folder) -> bytes:
    """A Word document as LibreOffice lays it out (the way a reader without Word sees it)."""
    source = folder / "document.docx"
    source.write_bytes(docx)
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)], check=True, capture_output=True,
                   timeout=180)
    return (folder / "document.pdf").read_bytes()
