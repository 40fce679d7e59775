"""Accessible PDF from the app's own HTML (WeasyPrint): tagged PDF/UA-1 with bundled fonts."""
from .render import PdfError, html_to_pdf, render_html, render_pdf  # noqa: F401
