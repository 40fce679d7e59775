"""The visitatierapport, read back with python-docx: headings, both scores, findings, the
recommendations table, the response, the chart, the follow-up and the confidential marking."""
from datetime import date

from docx import Document

from tests.visit_world import hold
from visitatie.conversations.finalising import finalise
from visitatie.visits import (
    ChecklistInput,
    RecommendationInput,
    ScoreInput,
    add_finding,
    add_recommendation,
    change_status,
    save_assessment,
    save_response,
)
from visitatie.visits.report_content import visit_report_content, visit_report_docx, visit_report_filename


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def find_table(document, first_header: str, *more: str):
    return next(t for t in document.tables
                if [c.text for c in t.rows[0].cells][:1 + len(more)] == [first_header, *more])


def fill_first_visit(session, guides, world):
    save_assessment(session, guides, world.first, 1, "self", ScoreInput(3, "Staat in het IVP."), "Jos Wiersma",
                    [ChecklistInput("ivp", True, date(2023, 11, 2), "Vastgesteld door de raad")])
    save_assessment(session, guides, world.first, 1, "committee", ScoreInput(2, "Nog geen uitvoeringsplan."),
                    "Pieter Dekker")
    save_assessment(session, guides, world.first, 3, "committee", ScoreInput(1, "Geen digitale component in het BCP."),
                    "Pieter Dekker")
    add_finding(session, guides, world.first, 1, "De raad is niet betrokken <script>alert(1)</script>.",
                "Pieter Dekker")
    add_recommendation(session, guides, world.first, RecommendationInput(
        1, "hoog", "burgemeester", date(2025, 6, 1), "Voer het gesprek met de raad."), "Pieter Dekker")
    add_recommendation(session, guides, world.first, RecommendationInput(
        3, "middel", "ciso", date(2025, 3, 1), "Oefen het BCP."), "Mara Smit")
    save_response(session, world.first, "Wij nemen de aanbevelingen over.\n\nDe raad wordt in juni betrokken.",
                  "Jos Wiersma", 0)


def test_the_report_reads_back_with_scores_findings_recommendations_and_response(session, guides, world):
    fill_first_visit(session, guides, world)
    document = Document(visit_report_docx(session, guides, world.first))
    text = "\n".join(p.text for p in document.paragraphs)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Samenvatting", "Leiderschap en professionalisering"]
    assert {"Alle aanbevelingen", "Bestuurlijke reactie", "Over deze visitatie"} <= set(headings)
    assert "Opvolging van de vorige visitatie" not in headings  # a first visit

    summary = table_rows(find_table(document, "Prioriteit", "Zelfevaluatie", "Visitatiecommissie", "Verschil"))
    assert summary[1] == ["1. Leiderschap en professionalisering", "3 – Ingericht", "2 – Bewust", "−1"]
    assert summary[3] == ["3. Eigen huis op orde", "—", "1 – Startend", "—"]
    scores = [t for t in document.tables if [c.text for c in t.rows[0].cells] == ["", "Niveau", "Toelichting"]]
    assert table_rows(scores[0])[1:] == [["Zelfevaluatie", "3 – Ingericht", "Staat in het IVP."],
                                         ["Visitatiecommissie", "2 – Bewust", "Nog geen uitvoeringsplan."]]
    checklist = table_rows(find_table(document, "Document", "Aanwezig"))
    assert checklist[1] == ["Integraal Veiligheidsplan met digitale veiligheid", "ja", "2 november 2023",
                            "Vastgesteld door de raad"]
    everything = table_rows(find_table(document, "Thema", "Prioriteit"))
    assert everything[1:] == [["1", "hoog", "Voer het gesprek met de raad.", "burgemeester\n1 juni 2025", "open"],
                              ["3", "middel", "Oefen het BCP.", "CISO\n1 maart 2025", "open"]]
    assert "De raad is niet betrokken <script>alert(1)</script>." in text  # literal text, never markup
    assert "Wij nemen de aanbevelingen over." in text and "De raad wordt in juni betrokken." in text
    assert "Concept" in text  # not yet finalised

    pictures = document.inline_shapes
    assert len(pictures) == 1
    assert ("Leiderschap en professionalisering: zelfevaluatie 3, visitatiecommissie 2"
            in pictures[0]._inline.docPr.get("descr"))
    section = document.sections[0]
    assert "Vertrouwelijk" in section.header.paragraphs[0].text
    assert "Vertrouwelijk" in section.footer.paragraphs[0].text
    assert "Vertrouwelijk" in section.first_page_header.paragraphs[0].text
    assert document.core_properties.title == "Visitatierapport digitale veiligheid Haarlem (concept)"
    assert visit_report_filename(world.first) == "visitatierapport-haarlem-2024-10-08.docx"


def test_a_follow_up_report_shows_the_previous_visit_and_the_change(session, guides, world):
    fill_first_visit(session, guides, world)
    hold(session, world.first)
    finalise(session, world.first, "Pieter Dekker")
    first_recommendation = visit_report_content(session, guides, world.first)["recommendations"]
    assert [r["status"] for r in first_recommendation] == ["open", "open"]
    from visitatie.visits import recommendations_of
    change_status(session, world.first, recommendations_of(session, world.first)[1], "niet_overgenomen",
                  "Regionaal opgepakt.", "Jos Wiersma", 1)
    save_assessment(session, guides, world.second, 1, "committee", ScoreInput(4, "Uitvoeringsplan en raad."),
                    "Pieter Dekker")
    save_assessment(session, guides, world.second, 3, "committee", ScoreInput(3, "BCP geoefend."), "Pieter Dekker")
    hold(session, world.second)
    finalise(session, world.second, "Pieter Dekker")

    document = Document(visit_report_docx(session, guides, world.second))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Opvolging van de vorige visitatie" in headings
    summary = table_rows(find_table(document, "Prioriteit", "Zelfevaluatie"))
    assert summary[0][-2:] == ["Vorige keer", "Verandering"]
    assert summary[1][-2:] == ["2", "+2"] and summary[3][-2:] == ["1", "+2"] and summary[2][-2:] == ["—", "—"]
    change = table_rows(find_table(document, "Prioriteit", "Toen", "Nu", "Verandering"))
    assert change[1] == ["1. Leiderschap en professionalisering", "2", "4", "+2"]
    previous = [t for t in document.tables if t.rows[0].cells[0].text == "Thema"][-1]
    assert table_rows(previous)[2][-1] == "niet overgenomen: Regionaal opgepakt."
    assert len(document.inline_shapes) == 1
    assert "commissie vorige visitatie" in document.inline_shapes[0]._inline.docPr.get("descr")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Vastgesteld op" in text and "Concept" not in text
    assert document.core_properties.title == "Visitatierapport digitale veiligheid Haarlem"


def test_an_empty_visit_still_gives_a_readable_report(session, guides, world):
    document = Document(visit_report_docx(session, guides, world.oss))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Oss heeft nog geen bestuurlijke reactie gegeven." in text
    assert "De commissie heeft (nog) geen aanbevelingen gedaan." in text
    assert len(document.inline_shapes) == 0  # no scores, no empty chart
