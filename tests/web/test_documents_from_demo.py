"""Every kind of document the app makes, rendered from the demo and looked at as a reader would: each
PDF tagged PDF/UA in Dutch with its title; each PDF, and each Word document as LibreOffice lays it out,
with the page count of the demo's document and no page more than half empty except the last page of
a section (tests/unit/test_pdf.py does the same for a hand-made
opbrengst). The figures of each page count are the demo's documents as laid out today: a change
of layout that adds or loses pages shows here, and its PNG pages should be looked at again."""
import re
import shutil
from datetime import date

import pytest
from sqlalchemy import select

from tests.conftest import make_app
from tests.pdf_checks import assert_accessible, half_empty_pages, in_order, pages_of, word_to_pdf
from visitatie.conversations.answers import conversation_guides
from visitatie.conversations.verslag import verslag_docx
from visitatie.demo.gespreksronde import load_demo
from visitatie.extensions import db
from visitatie.guides.registry import current_guides, round_guides
from visitatie.models import Conversation, Round
from visitatie.opbrengst.publication import latest
from visitatie.opbrengst.report import round_report, snapshot_pdf
from visitatie.pdf.guide import answers_for, guide_pdf
from visitatie.pdf.visit_report import visit_report_pdf
from visitatie.visits import is_visit
from visitatie.visits.report_content import visit_report_content, visit_report_docx
from visitatie.visits.round_report import round_report_content, round_report_docx, round_report_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils ontbreekt (make pdf-tools)")

OPENING = r"^\s*(Vertrouwelijk\s+)?"
STARTS = {
    "opbrengst": r"(In het kort|Inhoud|Inleiding|PRIORITEIT \d|Volwassenheid|Verantwoording|Afkortingen)",
    "visitatieronde": r"(Inhoud)",
    "visitatierapport": r"(Inhoud|PRIORITEIT \d|Alle aanbevelingen|Bestuurlijke reactie|Afkortingen)",
    "leidraad": r"(Inhoud|PRIORITEIT \d|Afkortingen)",
    # The Word documents as LibreOffice lays them out.
    "word": r"(In het kort|Inhoud|Inleiding|PRIORITEIT \d|THEMA \d|Samenvatting|Alle aanbevelingen|Bestuurlijke "
            r"reactie|Volwassenheid|Verantwoording|Afkortingen)",
}


def _visit(round_title: str, host: str) -> Conversation:
    round_ = db.session.scalar(select(Round).where(Round.title.startswith(round_title)))
    return next(c for c in round_.conversations if is_visit(c) and c.municipalities[0].name == host)


@pytest.fixture(scope="module")
def documents(tmp_path_factory, template_database):
    """name -> (PDF bytes, kind, title, the texts that must appear in this order)."""
    folder = tmp_path_factory.mktemp("demo-documents")
    database = folder / "demo.sqlite"
    shutil.copy(template_database, database)
    app = make_app(folder, database)
    with app.app_context():
        guides = current_guides()
        gespreksronde, _ = load_demo(db.session, guides)
        snapshot = latest(db.session, gespreksronde.id).snapshot
        visit_round = db.session.scalar(select(Round).where(Round.title.startswith("Visitatieronde digitale")))
        follow_up, first = _visit("Visitatieronde digitale", "Haarlem"), _visit("Visitatieronde digitale", "Leeuwarden")
        conversation = next(c for c in gespreksronde.conversations if c.status == "vastgesteld")
        own = sorted(conversation.municipalities, key=lambda m: m.name)[:1]
        result = {
            "opbrengst": (snapshot_pdf(snapshot, round_guides(gespreksronde)), "opbrengst", snapshot["title"],
                          ["In het kort", "Inhoud", "Inleiding", "Leiderschap en professionalisering", "Colofon"]),
            "visitatieronde": (round_report_pdf(round_report_content(db.session, round_guides(visit_round), visit_round,
                                                                     date(2026, 3, 2))),
                               "visitatieronde", visit_round.title,
                               ["Inhoud", "Inleiding", "Dalfsen en 6 andere gemeenten", "Tabel 1", "Verantwoording"]),
            "visitatierapport vervolg": (visit_report_pdf(visit_report_content(db.session, guides, follow_up)),
                                         "visitatierapport", "Visitatierapport digitale veiligheid Haarlem (concept)",
                                         ["Vertrouwelijk", "Samenvatting", "Opvolging van de vorige visitatie"]),
            "visitatierapport eerste": (visit_report_pdf(visit_report_content(db.session, guides, first)),
                                        "visitatierapport", "Visitatierapport digitale veiligheid Leeuwarden",
                                        ["Vastgesteld op", "Samenvatting", "Alle aanbevelingen",
                                         "Bestuurlijke reactie"]),
            "leidraad": (guide_pdf(list(guides.guides), guides, title="Gespreksleidraad digitale veiligheid"),
                         "leidraad", "Gespreksleidraad digitale veiligheid",
                         ["Inhoud", "Leiderschap en professionalisering", "Doorvragen", "Afkortingen"]),
            "leidraad thema": (guide_pdf([guides.guides[2]], guides, title="Gespreksleidraad Eigen huis op orde"),
                               "leidraad", "Gespreksleidraad Eigen huis op orde", ["Eigen huis op orde", "Vragen"]),
            "leidraad deelnemer": (guide_pdf(conversation_guides(round_guides(gespreksronde), conversation),
                                             round_guides(gespreksronde),
                                             title=f"Gespreksleidraad {conversation.title}",
                                             answers=answers_for(db.session, round_guides(gespreksronde), conversation,
                                                                 own), municipalities=[m.name for m in own]),
                                   "leidraad", f"Gespreksleidraad {conversation.title}",
                                   ["Vertrouwelijk", f"Met de antwoorden van {own[0].name}", "Vragen"]),
        }
        words = {
            "Word: opbrengst": round_report(db.session, round_guides(gespreksronde), gespreksronde.id)[0],
            "Word: visitatieronde": round_report_docx(round_report_content(
                db.session, round_guides(visit_round), visit_round, date(2026, 3, 2))),
            "Word: visitatierapport": visit_report_docx(db.session, guides, first).getvalue(),
            "Word: verslag": verslag_docx(db.session, round_guides(gespreksronde), conversation).getvalue(),
        }
        db.session.remove()
        db.engine.dispose()
    if shutil.which("soffice"):
        for name, docx in words.items():
            result[name] = (word_to_pdf(docx, tmp_path_factory.mktemp("word")), "word", None, [])
    return result


# The demo's documents, page by page (measured from the PNG pages; see the module's docstring).
PAGES = {"opbrengst": 12, "visitatieronde": 5, "visitatierapport vervolg": 11, "visitatierapport eerste": 11,
         "leidraad": 20, "leidraad thema": 6, "leidraad deelnemer": 20,
         "Word: opbrengst": 12, "Word: visitatieronde": 6, "Word: visitatierapport": 10, "Word: verslag": 11}


@pytest.mark.parametrize("name", list(PAGES))
def test_each_document_of_the_demo_is_accessible_and_has_no_half_empty_page(documents, name, tmp_path):
    """Each PDF, and each Word document as LibreOffice lays it out."""
    if name not in documents:
        pytest.skip("LibreOffice ontbreekt (make pdf-tools)")
    pdf, kind, title, order = documents[name]
    if kind != "word":  # LibreOffice's PDF of a Word file is no PDF of ours
        assert_accessible(pdf, title)
    path, pages = pages_of(pdf, tmp_path, name.replace(" ", "-"))
    assert in_order(" ".join(pages), order)
    if "Vertrouwelijk" in order:  # confidential: on every page, the cover included
        assert all(page.lstrip().startswith("Vertrouwelijk") for page in pages)
    assert len(pages) == PAGES[name]
    assert half_empty_pages(path, pages, re.compile(OPENING + STARTS[kind])) == []
