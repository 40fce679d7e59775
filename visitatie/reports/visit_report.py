"""The visitatierapport: the committee's assessment of one municipality as an editable,
confidential Word document.

Reads only the content dict of visitatie.visits.report_content: per priority both scores with
their justification, the documents, the findings and the recommendations; a chart of the
self-assessment beside the committee's score; the follow-up of the previous visit; and the
host's bestuurlijke reactie. Every text goes in as literal text (xml_safe).
"""
from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.shared import Pt

from visitatie.reports import charts
from visitatie.reports.document import (
    CALLOUT,
    CONFIDENTIAL,
    OVERLINE,
    add_bullets,
    add_cover_band,
    add_layout_table,
    add_muted,
    add_picture_from_bytes,
    add_table,
    add_table_of_contents,
    fill_table_of_contents,
    new_document,
    xml_safe,
)
from visitatie.reports.wording import count, dutch_date
from visitatie.vocabulary import RecommendationOwner, RecommendationStatus, Role, labels

from ..vocabulary import ConversationStatus

ROLES = labels(Role, form="long")
OWNERS = labels(RecommendationOwner)
STATUSES = labels(RecommendationStatus)
SELF, COMMITTEE, PREVIOUS = "Zelfevaluatie", "Visitatiecommissie", "Commissie vorige visitatie"


def build_visit_report(content: dict[str, Any]) -> Document:
    """Build the report; the caller saves it (``document.save(stream)``)."""
    title = xml_safe(content.get("title")) or "Visitatierapport digitale veiligheid"
    draft = content.get("status") != ConversationStatus.VASTGESTELD
    document = new_document(f"{title} (concept)" if draft else title, subject=xml_safe(content.get("round")),
                            confidential=True, title_page=True,
                            keywords="digitale veiligheid, visitatie, volwassenheid, aanbevelingen")
    _cover(document, content, draft)
    heading = document.add_paragraph("Inhoud", style="TOC Heading")
    heading.paragraph_format.page_break_before = True
    add_table_of_contents(document, levels="1-1", title="")
    _summary(document, content)
    for theme in content.get("themes") or []:
        _theme(document, theme)
    _all_recommendations(document, content.get("recommendations") or [], content.get("themes") or [])
    if content.get("follow_up"):
        _follow_up(document, content["follow_up"], content.get("themes") or [])
    _response(document, content.get("response"), content.get("host", ""))
    _about(document, content)
    fill_table_of_contents(document)
    return document




def level_text(score: dict[str, Any] | None) -> str:
    if not score:
        return "—"
    return f"{score['level']} – {score['name']}" if score.get("name") else str(score["level"])


def signed(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"−{-value}")  # a real minus sign


def _cover(document: Document, content: dict[str, Any], draft: bool) -> None:
    add_cover_band(document, "Visitatierapport digitale veiligheid",
                   [(content.get("host", ""), "Title", 6), (content.get("round", ""), "Subtitle", 28)])
    facts = [("Datum van de visitatie", dutch_date(content.get("date")) or "nog niet gepland"),
             ("Plaats", content.get("place") or "—"),
             ("Visitatiecommissie",
              ", ".join(p["name"] for p in content.get("committee") or [] if p["role"] == "commissielid") or "—"),
             ("Secretaris",
              ", ".join(p["name"] for p in content.get("committee") or [] if p["role"] == "secretaris") or "—")]
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_before = Pt(24)
    grid = add_layout_table(document, len(facts), [4.6, 11.6])
    for row, (label, value) in zip(grid.rows, facts, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(xml_safe(value))
    status = document.add_paragraph()
    status.paragraph_format.space_before = Pt(24)
    if draft:
        run = status.add_run("Concept")
        run.bold, run.font.size, run.font.color.rgb = True, Pt(14), CONFIDENTIAL
        add_muted(status, "\nDe visitatiecommissie heeft dit rapport nog niet vastgesteld. Scores, bevindingen en "
                       "aanbevelingen kunnen nog veranderen.", 10)
    else:
        add_muted(status, f"Vastgesteld op {dutch_date(content.get('finalised_at'))}." if content.get("finalised_at")
               else "Vastgesteld.", 10)
    warning = document.add_paragraph()
    warning.paragraph_format.space_before = Pt(18)
    run = warning.add_run("Vertrouwelijk. ")
    run.bold, run.font.color.rgb = True, CONFIDENTIAL
    add_muted(warning, "Dit rapport beschrijft waar de gemeente kwetsbaar is. Deel het alleen met wie het nodig heeft "
                    "voor de opvolging, en bewaar het niet op een gedeelde schijf.", 10)


def _summary(document: Document, content: dict[str, Any]) -> None:
    document.add_heading("Samenvatting", 1)
    themes = content.get("themes") or []
    document.add_paragraph(
        f"Een visitatiecommissie van collega-bestuurders bezocht {xml_safe(content.get('host'))} en beoordeelde "
        f"de volwassenheid van de gemeente op {count(len(themes), 'prioriteit', 'prioriteiten')} van digitale "
        f"veiligheid, op een schaal van 1 (startend) tot 5 (voorlopend). Vooraf beoordeelde de gemeente zichzelf. "
        f"Hieronder staan beide scores naast elkaar; per prioriteit volgen de toelichting, de bevindingen en de "
        f"aanbevelingen.")
    follow = bool(content.get("follow_up"))
    header = ["Prioriteit", SELF, COMMITTEE, "Verschil"] + (["Vorige keer", "Verandering"] if follow else [])
    rows = []
    for t in themes:
        row = [f"{t['number']}. {xml_safe(t['title'])}", level_text(t.get("self")), level_text(t.get("committee")),
               signed(t.get("difference"))]
        if follow:
            previous = t.get("previous") or {}
            row += [str(previous["committee"]) if previous.get("committee") else "—", signed(previous.get("change"))]
        rows.append(row)
    widths = [4.3, 2.6, 2.6, 1.9, 2.2, 2.6] if follow else [7.0, 3.4, 3.4, 2.4]
    add_table(document, header, rows, widths=widths, caption="Tabel 1. Zelfevaluatie en oordeel van de commissie")
    add_muted(document.add_paragraph(), "Verschil: het niveau van de commissie min dat van de zelfevaluatie. "
           + ("Verandering: het niveau van de commissie nu min dat bij de vorige visitatie." if follow else ""), 8.5)
    _chart(document, themes, follow)


def chart(themes: list[dict[str, Any]], follow: bool) -> tuple[bytes, str] | None:
    """The bar chart of the self-assessment beside the committee's level (and the previous visit's),
    with its alternate text; None when nothing is scored. The Word and the PDF report share it.
    The colours keep their meaning: the committee is always the same colour, first visit or not."""
    series = {SELF: [(t.get("self") or {}).get("level") for t in themes],
              COMMITTEE: [(t.get("committee") or {}).get("level") for t in themes]}
    if follow:
        series = {PREVIOUS: [(t.get("previous") or {}).get("committee") for t in themes], **series}
    if not any(value for values in series.values() for value in values):
        return None
    png = charts.bar_chart_png([f"{t['number']}. {t['title']}" for t in themes], series,
                               xlabel="niveau van volwassenheid (1 startend – 5 voorlopend)", max_value=5,
                               colours={SELF: charts.QUALITATIVE[0], COMMITTEE: charts.QUALITATIVE[1],
                                        PREVIOUS: charts.QUALITATIVE[2]})
    alt = "; ".join(f"{t['title']}: " + ", ".join(f"{label.lower()} {values[i] if values[i] else 'geen score'}"
                                                   for label, values in series.items())
                    for i, t in enumerate(themes))
    return (png, f"Staafdiagram. {alt}") if png is not None else None


def _chart(document: Document, themes: list[dict[str, Any]], follow: bool) -> None:
    drawn = chart(themes, follow)
    if drawn:
        add_picture_from_bytes(document, drawn[0], 16.0, alt_text=drawn[1],
                               caption="Figuur 1. Zelfevaluatie naast het oordeel van de visitatiecommissie")


def _theme(document: Document, theme: dict[str, Any]) -> None:
    overline = document.add_paragraph(f"Prioriteit {theme['number']}", style=OVERLINE)
    overline.paragraph_format.page_break_before = True
    title = document.add_heading(xml_safe(theme["title"]), 1)
    title.paragraph_format.space_before = Pt(2)
    committee = theme.get("committee")
    box = document.add_paragraph(style=CALLOUT)
    label = box.add_run("Oordeel van de commissie\n")
    label.font.size, label.font.all_caps = Pt(9), True
    box.add_run(f"Niveau {level_text(committee)}" if committee else "Nog niet beoordeeld")
    previous = theme.get("previous")
    if previous and previous.get("committee") and committee:
        add_muted(document.add_paragraph(), f"Bij de vorige visitatie: niveau {previous['committee']} "
               f"(verandering {signed(previous.get('change'))}).")

    document.add_heading("Scores en toelichting", 2)
    add_table(document, ["", "Niveau", "Toelichting"],
              [[who, level_text(score), xml_safe((score or {}).get("justification")) or "—"]
               for who, score in ((SELF, theme.get("self")), (COMMITTEE, committee))],
              widths=[3.4, 3.0, 9.8])
    level = next((candidate
                  for candidate in theme.get("levels") or [] if committee and candidate["level"] == committee["level"]),
                 None)
    if level:
        add_muted(document.add_paragraph(), f"Niveau {level['level']} ({level['name']}): {level['description']}")

    if theme.get("checklist"):
        document.add_heading("Documenten", 2)
        present = {True: "ja", False: "nee", None: "niet ingevuld"}
        add_table(document, ["Document", "Aanwezig", "Datum", "Opmerking"],
                  [[xml_safe(c["label"]), present[c.get("present")], dutch_date(c.get("date")) or "—",
                    xml_safe(c.get("remark")) or ""] for c in theme["checklist"]], widths=[6.2, 2.2, 3.0, 4.8])

    document.add_heading("Bevindingen", 2)
    if theme.get("findings"):
        add_bullets(document, theme["findings"])
    else:
        document.add_paragraph("De commissie heeft voor deze prioriteit geen bevindingen vastgelegd.")

    document.add_heading("Aanbevelingen", 2)
    if theme.get("recommendations"):
        _recommendation_table(document, theme["recommendations"])
    else:
        document.add_paragraph("De commissie doet voor deze prioriteit geen aanbevelingen.")


def status_text(r: dict[str, Any]) -> str:
    text = STATUSES.get(r["status"], r["status"])
    return f"{text}: {xml_safe(r['status_reason'])}" if r.get("status_reason") else text


def _recommendation_table(document: Document, rows: list[dict[str, Any]], with_theme: bool = False,
                          caption: str | None = None) -> None:
    header = (["Thema"] if with_theme else []) + ["Prioriteit", "Aanbeveling", "Eigenaar, uiterlijk", "Status"]
    body = [([str(r["theme_number"])] if with_theme else []) + [
        r["priority"], xml_safe(r["text"]),
        f"{OWNERS.get(r['owner_role'], r['owner_role'])}\n{dutch_date(r['deadline'])}",
        status_text(r)] for r in rows]
    widths = [1.7, 2.0, 6.0, 3.0, 3.5] if with_theme else [2.0, 7.7, 3.0, 3.5]
    add_table(document, header, body, widths=widths, caption=caption)


def _all_recommendations(document: Document, recommendations: list[dict[str, Any]],
                         themes: list[dict[str, Any]]) -> None:
    heading = document.add_heading("Alle aanbevelingen", 1)
    heading.paragraph_format.page_break_before = True
    if not recommendations:
        document.add_paragraph("De commissie heeft (nog) geen aanbevelingen gedaan.")
        return
    document.add_paragraph(
        f"De commissie doet {count(len(recommendations), 'aanbeveling', 'aanbevelingen')}. Elke aanbeveling heeft "
        f"een eigenaar in de gemeente en een uiterste datum. De gemeente houdt de status bij: open, in uitvoering, "
        f"afgerond, of niet overgenomen met de reden. Bij de volgende visitatie bespreekt de commissie de opvolging.")
    _recommendation_table(document, recommendations, with_theme=True,
                          caption="Tabel 2. Aanbevelingen per prioriteit (thema), hoogste prioriteit eerst")


def _follow_up(document: Document, follow_up: dict[str, Any], themes: list[dict[str, Any]]) -> None:
    document.add_heading("Opvolging van de vorige visitatie", 1)
    when = dutch_date(follow_up.get("date"))
    document.add_paragraph(
        f"De vorige visitatie vond plaats{f' op {when}' if when else ''} ({xml_safe(follow_up.get('round'))}). "
        f"Per prioriteit staat hieronder het oordeel van de commissie toen en nu.")
    add_table(document, ["Prioriteit", "Toen", "Nu", "Verandering"],
              [[f"{t['number']}. {xml_safe(t['title'])}", str((t.get('previous') or {}).get('committee') or "—"),
                str((t.get("committee") or {}).get("level") or "—"), signed((t.get("previous") or {}).get("change"))]
               for t in themes], widths=[9.4, 2.2, 2.2, 2.4])
    if follow_up.get("recommendations"):
        document.add_heading("Aanbevelingen van de vorige visitatie", 2)
        _recommendation_table(document, follow_up["recommendations"], with_theme=True)


def _response(document: Document, response: dict[str, Any] | None, host: str) -> None:
    heading = document.add_heading("Bestuurlijke reactie", 1)
    heading.paragraph_format.page_break_before = True
    if not response:
        document.add_paragraph(f"{xml_safe(host)} heeft nog geen bestuurlijke reactie gegeven.")
        return
    for block in xml_safe(response["text"]).split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip())
    add_muted(document.add_paragraph(), f"Namens {xml_safe(host)}: {xml_safe(response.get('by'))}, "
                                      f"{dutch_date(response.get('at'))}.")


def _about(document: Document, content: dict[str, Any]) -> None:
    document.add_heading("Over deze visitatie", 1)
    document.add_paragraph(
        "Een visitatie is een collegiale toetsing: bestuurders en een CISO van andere gemeenten bezoeken de "
        "gemeente, lezen de documenten, spreken met de burgemeester, de CISO en de adviseur openbare orde en "
        "veiligheid, en geven een oordeel met aanbevelingen. De vrijblijvendheid gaat eraf: de gemeente houdt "
        "bij wat zij met de aanbevelingen doet, en een jaar later kijkt de commissie opnieuw.")
    people = [[xml_safe(p["name"]), ROLES.get(p["role"], p["role"]),
               xml_safe(p.get("function") or p.get("municipality"))]
              for p in (content.get("committee") or []) + (content.get("host_participants") or [])]
    if people:
        add_table(document, ["Naam", "Rol", "Functie"], people, widths=[4.6, 5.4, 6.2], caption="Deelnemers")
    themes = content.get("themes") or []
    if themes and themes[0].get("levels"):
        document.add_heading("De niveaus van volwassenheid", 2)
        document.add_paragraph("Elke prioriteit heeft een eigen beschrijving van de vijf niveaus; de namen zijn "
                               "voor alle prioriteiten gelijk:")
        add_table(document, ["Niveau", "Naam"],
                  [[str(level["level"]), xml_safe(level["name"])] for level in themes[0]["levels"]],
                  widths=[2.0, 6.0])
