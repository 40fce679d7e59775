"""HTML to PDF/UA-1 with WeasyPrint, offline.

The documents are the app's own HTML and print CSS (templates/pdf/, static/css/pdf.css). The PDF
is tagged (PDF/UA-1: structure tree, MarkInfo, language from <html lang>, title from <title>,
bookmarks from the headings, <img alt> as the figures' alternate text), and the fonts are the
bundled Noto Sans files (static/vendor/fonts, from npm @fontsource/noto-sans, see the Makefile
`assets` target), embedded as subsets.

Nothing is fetched from the network: the URL fetcher serves only data: URIs and files under the
static folder, so a link or image address in curated text can never make the server fetch it.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..text_input import paragraphs

STATIC = Path(__file__).resolve().parent.parent / "static"
FONTS = STATIC / "vendor" / "fonts"
TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
# Jinja's autoescaping, as on every page of the app: curated text is text, never markup.
_templates = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_templates.filters["paragraphs"] = paragraphs


class PdfError(RuntimeError):
    """The PDF could not be made (WeasyPrint or its system libraries missing, fonts missing)."""


def _fetcher():
    """Only data: URIs and files under static/ (fonts, CSS); anything else is refused."""
    from weasyprint.urls import URLFetcher

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://"):].split("?")[0].split("#")[0]).resolve()
                if not (path.is_relative_to(STATIC) and path.is_file()):
                    raise ValueError(f"niet toegestaan in een PDF: {url[:80]}")
            elif not url.startswith("data:"):
                raise ValueError(f"niet toegestaan in een PDF: {url[:80]}")
            return super().fetch(url, headers)

    return StaticOnly(allowed_protocols=("file", "data"), fail_on_errors=True)


def html_to_pdf(html: str) -> bytes:
    """The PDF/UA-1 bytes of a standalone HTML document whose links point into /static/."""
    if not (FONTS / "noto-sans-latin-400-normal.woff").is_file():
        raise PdfError("De lettertypen voor de PDF ontbreken (static/vendor/fonts): voer `make assets` uit.")
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango missing on the machine
        raise PdfError(f"WeasyPrint is niet beschikbaar: {error}") from error
    # Root-relative links (/static/...) resolve against the static folder on disk.
    html = html.replace('"/static/', f'"{STATIC.as_uri()}/')
    document = HTML(string=html, base_url=STATIC.as_uri() + "/", url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=False)


def render_pdf(template: str, **context) -> bytes:
    """Render templates/<template> (standalone HTML, no Flask needed) and make it a PDF."""
    return html_to_pdf(render_html(template, **context))


def render_html(template: str, **context) -> str:
    return _templates.get_template(template).render(**context)
