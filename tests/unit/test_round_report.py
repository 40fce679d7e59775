"""The round Word report, built from a hand-made snapshot and read back with python-docx."""
import copy
import io

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from visitatie.reports.charts import bar_chart_png, scale_chart_png, stacked_bar_png
from visitatie.reports.round_report import build_round_report
from visitatie.reports.wording import dutch_period, percent

THEMES = [
    (1, "leiderschap", "Leiderschap en professionalisering",
     "Verken de publieke waarden, voer het gesprek met de raad",
     {"text": "Digitale veiligheid krijgt bestuurlijk plek door deze op te nemen in de kadernota.",
      "speaker": "Rian van Dam", "function": "burgemeester van Hollands Kroon"}, "Breda"),
    (2, "europa", "Europa en digitale veiligheid",
     "Voer een integraal veiligheidsbeleid, stuur op kansen en risico’s",
     {"text": "Het is zaak om te blijven zorgen dat er geen verkramping ontstaat",
      "speaker": "Marja van Bijsterveldt", "function": "burgemeester van Delft"}, "Haarlem en Oss"),
    (3, "eigen-huis", "Eigen huis op orde", "Borg de bedrijfscontinuïteit",
     {"text": "Digitale veiligheid gaat om onze gezamenlijke dienstverlening",
      "speaker": "een burgemeester", "function": ""}, "Dalfsen"),
    (4, "weerbaarheid", "Versterken weerbaarheid inwoners en ondernemers",
     "Versterk de weerbaarheid tegen cybercriminaliteit", None, "Leeuwarden"),
    (5, "crises", "Voorbereiding op digitale ontwrichting, incidenten en crises",
     "Neem de regie in regionale samenwerkingsverbanden",
     {"text": "Elke gemeente zou jaarlijks moeten trainen op integrale crisissituaties",
      "speaker": "Sjoerd Potters", "function": "burgemeester van De Bilt"}, "De Bilt"),
]
LABELS = {"1": "Nog niet begonnen", "2": "Onderwerp benoemd, nog geen plannen",
          "3": "Plannen opgesteld, uitvoering gestart", "4": "Plannen in uitvoering en belegd",
          "5": "Plannen worden uitgevoerd, geëvalueerd en bijgesteld"}


def make_snapshot(version=1):
    themes = []
    for number, slug, title, recommendation, quote, place in THEMES:
        themes.append({
            "number": number, "slug": slug, "title": title, "recommendation": recommendation,
            "findings": [f"Bevinding {number}.1 over {title.lower()}.",
                         f"Bevinding {number}.2: gemeenten leren van elkaar."],
            "lessons": [
                {"text": f"Les {number}a: oefen jaarlijks een cybercrisis.", "conversations": 3,
                 "municipalities": 4},
                {"text": f"Les {number}b: betrek de raad.", "conversations": 1, "municipalities": 1},
            ],
            "quote": quote,
            "practice_example": {"municipality": place, "title": f"Praktijkvoorbeeld uit {place}",
                                 "url": f"https://vng.nl/praktijk/{slug}"},
            "coverage": {"conversations": 4, "of": 4},
            "figures": [{"question_id": f"{slug}.ivp", "headline": "Digitale veiligheid staat in het IVP",
                         "n": 8, "ja": 7, "deels": 1, "nee": 0, "missing": 1,
                         "share_ja": 0.875, "share_deels": 0.125, "share_nee": 0.0}],
            "scales": [{"question_id": f"{slug}.uitvoering",
                        "text": "Hoe ver is uw gemeente met concrete uitvoeringsplannen?",
                        "labels": LABELS, "n": 8, "mean": 3.25, "median": 3.0,
                        "distribution": {"1": 0, "2": 2, "3": 3, "4": 2, "5": 1}, "missing": 0}],
        })
    # answers are literal text, never markup or template code
    themes[1]["findings"].append("<script>alert('x')</script> en {{ 7*7 }}")
    themes[3]["practice_example"]["url"] = None
    return {
        "schema": 1,
        "title": "Opbrengst bestuurlijke gespreksronde digitale veiligheid 2024",
        "rounds": [{"id": 1, "title": "Bestuurlijke gespreksronde 2024", "kind": "gespreksronde",
                    "period_start": "2024-01-08", "period_end": "2024-06-28"}],
        "version": version,
        "published_at": "2024-06-30T10:00:00+00:00" if version else None,
        "main_lesson": "Digitale veiligheid is chefsache.",
        "introduction": "Burgemeesters spraken met elkaar over digitale veiligheid.",
        "methodology": {"conversations": 4, "municipalities": 8, "answers": 312,
                        "period_start": "2024-01-18", "period_end": "2024-03-12",
                        "filters": {"province": None, "safety_region": None,
                                    "population_class": None}},
        "municipalities": ["Breda", "Dalfsen", "De Bilt", "Delft", "Haarlem", "Hollands Kroon",
                           "Leeuwarden", "Oss"],
        "themes": themes,
        "maturity": None,
    }


def reopen(document):
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return docx.Document(buffer)


@pytest.fixture(scope="module")
def report():
    return reopen(build_round_report(make_snapshot()))


def texts(document):
    """All paragraph text, including the text inside (layout) tables."""
    return [Paragraph(node, document).text for node in document.element.body.iter(qn("w:p"))]


def test_theme_sections_in_order_with_priority_labels(report):
    headings = [p.text for p in report.paragraphs if p.style.name == "Heading 1"]
    titles = [theme[2] for theme in THEMES]
    assert [h for h in headings if h in titles] == titles
    assert headings[:2] == ["In het kort", "Inleiding"]
    assert headings[-4:] == ["Verantwoording", "Deelnemende gemeenten", "Afkortingen", "Colofon"]
    overlines = [p.text for p in report.paragraphs if p.style.name == "Bovenkop"]
    assert [f"Prioriteit {n}" for n in range(1, 6)] == [o for o in overlines if o.startswith("Prioriteit")]


def test_recommendations_findings_and_ranked_lessons(report):
    body = texts(report)
    for theme in THEMES:
        assert f"Aanbeveling\n{theme[3]}" in body
    bullets = [p.text for p in report.paragraphs if p.style.name == "List Bullet"]
    assert "Bevinding 1.1 over leiderschap en professionalisering." in bullets
    assert ("Les 1a: oefen jaarlijks een cybercrisis. "
            "(genoemd in 3 van de 4 gesprekken, door 4 gemeenten)") in bullets
    assert "Les 1b: betrek de raad. (genoemd in 1 van de 4 gesprekken, door 1 gemeente)" in bullets


def test_quotes_with_named_and_anonymous_speakers(report):
    quotes = [p.text for p in report.paragraphs if p.style.name == "Quote"]
    assert "‘Digitale veiligheid krijgt bestuurlijk plek door deze op te nemen in de kadernota.’" in quotes
    assert "Rian van Dam, burgemeester van Hollands Kroon" in quotes
    assert "een burgemeester" in quotes
    assert len([q for q in quotes if q.startswith("‘")]) == 4  # theme 4 has no quote (no guides given)


def test_headline_figures_state_n_and_missing_honestly(report):
    body = texts(report)
    assert "In 7 van de 8 gemeenten (88%): digitale veiligheid staat in het IVP." in body
    assert "Deels: 1, nee: 0. Van 1 gemeente ontbreekt het antwoord; die telt niet mee." in body


def test_qr_codes_charts_and_links(report):
    # 4 QR codes (theme 4 has no URL) and one scale chart per theme
    assert len(report.inline_shapes) == 4 + 5
    descriptions = [shape._inline.docPr.get("descr") for shape in report.inline_shapes]
    assert "QR-code naar https://vng.nl/praktijk/leiderschap" in descriptions
    assert sum(d.startswith("Verdeling van de antwoorden") for d in descriptions) == 5
    body = texts(report)
    assert "Scan de QR-code en bekijk een praktijkvoorbeeld uit Breda." in body
    assert "https://vng.nl/praktijk/leiderschap" in body
    links = [rel.target_ref for rel in report.part.rels.values() if rel.is_external]
    assert "https://vng.nl/praktijk/breda" not in links
    assert "https://vng.nl/praktijk/leiderschap" in links
    assert "Praktijkvoorbeeld uit Leeuwarden" in body  # without URL: title, no QR


def test_table_of_contents_page_numbers_and_properties(report):
    body = report.element.body
    instructions = [n.text.strip() for n in body.iter(qn("w:instrText"))]
    # Page numbers as PAGEREF fields that Word and LibreOffice compute; no "update fields?" prompt.
    pagerefs = [i for i in instructions if i.startswith("PAGEREF _Toc")]
    assert not any(i.startswith("TOC ") for i in instructions)
    assert report.settings.element.find(qn("w:updateFields")) is None
    toc = [p.text for p in report.paragraphs if p.style.name.startswith("toc ")]
    assert len(pagerefs) == len(toc)
    titles = [t.split("\t")[0] for t in toc]
    assert "Eigen huis op orde" in titles and "Verantwoording" in titles and "Bevindingen" not in titles
    assert all(t.split("\t")[1].isdigit() for t in toc)
    footer = report.sections[0].footer
    assert [n.text.strip() for n in footer._element.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    props = report.core_properties
    assert props.title == "Opbrengst bestuurlijke gespreksronde digitale veiligheid 2024"
    assert props.subject == "Bestuurlijke gespreksronde 2024"
    assert props.language == "nl-NL"
    assert props.author == "VNG" and "python-docx" not in (props.comments or "")


def test_cover_methodology_and_municipalities(report):
    body = texts(report)
    assert "Versie 1, gepubliceerd op 30 juni 2024" in body
    assert "Gesprekken gevoerd 18 januari tot en met 12 maart 2024" in body
    assert "Digitale veiligheid is chefsache." in body
    assert any("Ontbrekende antwoorden tellen als ontbrekend, niet als nee." in t for t in body)
    assert any(t.startswith("Deze opbrengst is gebaseerd op 4 bestuurlijke gesprekken met 8 "
                            "deelnemende gemeenten, gevoerd van 18 januari tot en met 12 maart 2024")
               for t in body)
    for name in ("Breda", "Hollands Kroon", "Oss"):
        assert name in body


def test_text_goes_in_literally(report):
    bullets = [p.text for p in report.paragraphs if p.style.name == "List Bullet"]
    assert "<script>alert('x')</script> en {{ 7*7 }}" in bullets
    assert "49" not in "".join(bullets)


def test_version_0_is_marked_concept():
    document = reopen(build_round_report(make_snapshot(version=0)))
    body = texts(document)
    assert any(t.startswith("Concept\nDit is een voorvertoning.") for t in body)
    assert not any(t.startswith("Versie 1") for t in body)
    assert "concept, niet gepubliceerd" in body  # the colophon
    header = document.sections[0].first_page_header.paragraphs[0].text
    assert header.startswith("Concept")
    assert document.core_properties.title.endswith("(concept)")


def test_maturity_section_and_sparse_snapshot():
    snapshot = make_snapshot()
    snapshot["maturity"] = {"themes": [
        {"number": 1, "title": "Leiderschap", "n": 8,
         "years": {"2024": {"1": 1, "2": 3, "3": 4, "4": 0, "5": 0},
                   "2025": {"1": 0, "2": 2, "3": 4, "4": 2, "5": 0}}}]}
    # a theme nobody answered yet: no chart, no figures, no quote, nothing curated
    snapshot["themes"][4] = {"number": 5, "title": "Crises", "recommendation": "", "findings": [],
                             "lessons": [], "quote": None, "practice_example": None,
                             "coverage": {"conversations": 0, "of": 4}, "figures": [],
                             "scales": [{"question_id": "x", "text": "?", "labels": {}, "n": 0,
                                         "mean": None, "median": None,
                                         "distribution": {}, "missing": 8}]}
    document = reopen(build_round_report(snapshot))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Volwassenheid" in headings and "Crises" in headings
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Prioriteit"
                 and t.rows[0].cells[1].text == "Jaar")
    assert [c.text for c in table.rows[2].cells] == ["1. Leiderschap", "2025", "8", "0", "2", "4", "2", "0"]
    # A published version leaves empty sections out; the concept says what is still missing.
    assert "Voor deze prioriteit zijn nog geen lessen vastgesteld." not in texts(document)
    concept = reopen(build_round_report(dict(snapshot, version=0)))
    assert "Voor deze prioriteit zijn nog geen lessen vastgesteld." in texts(concept)
    # 3 QR codes (themes 1-3) + 4 scale charts (themes 1-4) + 1 maturity chart
    assert len(document.inline_shapes) == 3 + 4 + 1


def test_dutch_wording_helpers():
    assert dutch_period("2024-01-18", "2024-03-12") == "18 januari tot en met 12 maart 2024"
    assert dutch_period("2023-11-02", "2024-03-12") == "2 november 2023 tot en met 12 maart 2024"
    assert dutch_period("2024-01-18", "2024-01-18") == "18 januari 2024"
    assert percent(7, 8) == 88 and percent(1, 8) == 13 and percent(0, 0) == 0


def test_charts_return_png_or_none():
    assert scale_chart_png([]) is None
    assert scale_chart_png([{"text": "?", "n": 0, "distribution": {}}]) is None
    png = scale_chart_png(make_snapshot()["themes"][0]["scales"])
    assert png.startswith(b"\x89PNG")
    assert bar_chart_png(["Leiderschap", "Europa"], {"Zelfevaluatie": [3, 2.5],
                                                     "Commissie": [2, None]}).startswith(b"\x89PNG")
    assert stacked_bar_png(["A"], {"Niveau 1": [0]}) is None
    assert bar_chart_png([], {}) is None


def test_a_practice_example_without_a_web_address_gets_no_qr_code_or_link():
    snapshot = make_snapshot()
    for theme in snapshot["themes"]:
        theme["practice_example"]["url"] = "javascript:alert(1)"
        theme["scales"] = []
    document = reopen(build_round_report(snapshot))
    assert len(document.inline_shapes) == 0
    assert not [rel for rel in document.part.rels.values() if rel.is_external]
    assert "javascript:alert(1)" not in "".join(texts(document))  # no address of the example, no line for it


def test_snapshot_is_not_changed_by_building():
    snapshot = make_snapshot()
    before = copy.deepcopy(snapshot)
    build_round_report(snapshot)
    assert snapshot == before


SIZE_CLASSES = {
    "source": "Bron: CBS, inwoners op 1 januari 2024", "source_years": [2024], "minimum_group": 5,
    "minimum_answered": 3,
    "without_figure": 0,
    "groups": [{"key": "tot-10000..10000-20000", "classes": ["tot-10000", "10000-20000"], "low": 0,
                "high": 20000, "label": "minder dan 20.000 inwoners", "municipalities": 6},
               {"key": "20000-50000..vanaf-250000", "classes": ["20000-50000", "vanaf-250000"], "low": 20000,
                "high": None, "label": "20.000 inwoners of meer", "municipalities": 7}],
    "questions": [
        {"question_id": "leiderschap.ivp", "theme_number": 1, "headline": "Digitale veiligheid staat in het IVP",
         "cells": [{"n": 4, "share_ja": 0.5}, {"n": 5, "share_ja": 0.8}]},
        {"question_id": "leiderschap.ciso_oov", "theme_number": 1,
         "headline": "De CISO en de adviseur OOV kennen elkaar",
         "cells": [None, {"n": 3, "share_ja": 0.3333}]},
    ],
}


def test_headline_figures_per_size_class_as_chart_and_table():
    snapshot = make_snapshot()
    snapshot["size_classes"] = SIZE_CLASSES
    snapshot["methodology"]["filters"]["population_class"] = "20000-50000"
    document = reopen(build_round_report(snapshot))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Kerncijfers naar gemeentegrootte" in headings
    assert "Prioriteit 1. Leiderschap en professionalisering" in headings
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert ("Aandeel ja per gemeentegrootte. Digitale veiligheid staat in het IVP: minder dan 20.000 inwoners "
            "50% (n = 4), 20.000 inwoners of meer 80% (n = 5); De CISO en de adviseur OOV kennen elkaar: "
            "minder dan 20.000 inwoners –, 20.000 inwoners of meer 33% (n = 3)") in descriptions
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Kernvraag")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Kernvraag", "minder dan 20.000 inwoners", "20.000 inwoners of meer"],
        ["digitale veiligheid staat in het IVP", "50% (n = 4)", "80% (n = 5)"],
        ["de CISO en de adviseur OOV kennen elkaar", "–", "33% (n = 3)"]]
    body = texts(document)
    assert "Bron: CBS, inwoners op 1 januari 2024." in body
    assert "minder dan 20.000 inwoners: 6 gemeenten, 20.000 inwoners of meer: 7 gemeenten." in body
    assert any("inwonersklasse 20.000–50.000 inwoners (bron: CBS)" in text for text in body)


def test_no_size_section_without_groups(report):
    headings = [p.text for p in report.paragraphs if p.style.name.startswith("Heading")]
    assert "Kerncijfers naar gemeentegrootte" not in headings  # make_snapshot has no size_classes
