"""Publication: numbered, immutable snapshots that later answers do not change; a quote without
consent never reaches a publication, the Word report or a public sheet of the export."""
import io
import json

import docx
import pandas as pd
import pytest

from visitatie.models.opbrengst import PublicationImmutable
from visitatie.opbrengst import PublicationIncomplete, export, public_export, publication
from visitatie.opbrengst.curation import RoundCurationInput, save_round_curation
from visitatie.opbrengst.report import report_file_name, round_report

SECRET = "GEHEIM: onze back-ups staan op één schijf."
NAMED_ANONYMOUS = "In Maastricht hebben we daar nog geen beleid voor."



def test_publishing_needs_the_main_lesson_and_five_municipalities(session, guides, world):
    with pytest.raises(PublicationIncomplete) as incomplete:
        publication.publish(session, guides, world.round_a, "Anna")  # four municipalities held
    assert [(p.field, p.code) for p in incomplete.value.problems] == [
        ("main_lesson", "required"), ("", "too_few_municipalities")]


def test_a_round_without_held_conversations_cannot_be_published(session, guides, world):
    empty = world.round("Leeg", world.round_a.period_start.replace(year=2030), world.round_a.themes)
    save_round_curation(session, empty, RoundCurationInput("", "Les.", ""), "Anna", 0)
    with pytest.raises(PublicationIncomplete) as incomplete:
        publication.publish(session, guides, empty, "Anna")
    assert [p.code for p in incomplete.value.problems] == ["no_conversations"]


def test_publish_makes_numbered_versions_and_keeps_old_ones(session, guides, curated):
    first = publication.publish(session, guides, curated.round_a, "Anna")
    save_round_curation(session, curated.round_a, RoundCurationInput("", "Oefen elk jaar.", ""), "Bram", 1)
    second = publication.publish(session, guides, curated.round_a, "Bram")
    assert (first.version, second.version) == (1, 2)
    assert first.snapshot["version"] == 1 and first.snapshot["published_at"].startswith(str(first.published_at.year))
    assert publication.version_of(session, curated.round_a.id, 1).snapshot["main_lesson"] == \
        "Digitale veiligheid is chefsache."
    assert publication.latest(session, curated.round_a.id).snapshot["main_lesson"] == "Oefen elk jaar."
    assert [p.version for p in publication.versions(session, curated.round_a.id)] == [2, 1]
    assert [p.version for p in publication.published_rounds(session)] == [2]


def test_a_published_snapshot_does_not_change_when_answers_change(session, guides, curated):
    published = publication.publish(session, guides, curated.round_a, "Anna")
    before = json.dumps(published.snapshot, sort_keys=True)
    # Utrecht answers the IVP question after publication.
    curated.answer(curated.c2, "Utrecht", "leiderschap.ivp", "ja")
    session.commit()
    session.expire_all()
    stored = publication.latest(session, curated.round_a.id)
    assert json.dumps(stored.snapshot, sort_keys=True) == before
    ivp = next(f for f in stored.snapshot["themes"][0]["figures"] if f["question_id"] == "leiderschap.ivp")
    assert (ivp["n"], ivp["missing"]) == (3, 3)  # Utrecht, Zwolle and Venlo had not answered
    assert publication.preview(session, guides, curated.round_a.id)["themes"][0]["figures"][0]["n"] == 4


def test_a_publication_cannot_be_changed(session, guides, curated):
    published = publication.publish(session, guides, curated.round_a, "Anna")
    published.snapshot = {"title": "vervalst"}
    with pytest.raises(PublicationImmutable):
        session.commit()
    session.rollback()
    assert publication.latest(session, curated.round_a.id).snapshot["title"] != "vervalst"


def test_report_uses_the_latest_publication_else_a_concept(session, guides, curated):
    content, snapshot = round_report(session, guides, curated.round_a.id)
    assert snapshot["version"] == 0 and report_file_name(curated.round_a.id, snapshot).endswith("-concept.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "Concept" in text
    publication.publish(session, guides, curated.round_a, "Anna")
    content, snapshot = round_report(session, guides, curated.round_a.id)
    assert snapshot["version"] == 1 and report_file_name(curated.round_a.id, snapshot).endswith("-versie-1.docx")


def _document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_quote_without_consent_never_reaches_publication_report_or_public_sheets(session, guides, curated):
    published = publication.publish(session, guides, curated.round_a, "Anna")
    everything = json.dumps(published.snapshot, ensure_ascii=False)
    assert "Wij betalen nooit losgeld." in everything  # the consented, chosen quote
    assert SECRET not in everything and NAMED_ANONYMOUS not in everything

    content, _snapshot = round_report(session, guides, curated.round_a.id)
    assert "Wij betalen nooit losgeld." in _document_text(content)
    assert SECRET not in _document_text(content)

    # The public export is the published snapshot only: the non-consented quote cannot be in it.
    sheets = public_export.public_sheets(published.snapshot, guides)
    public = pd.read_excel(io.BytesIO(public_export.to_excel(sheets)), sheet_name=None)
    assert all(SECRET not in sheet.to_csv() and NAMED_ANONYMOUS not in sheet.to_csv() for sheet in public.values())
    quotes = public["Thema's"].dropna(subset=["Citaat"])
    assert list(quotes["Citaat"]) == ["Wij betalen nooit losgeld."]
    # The confidential file keeps every mark, for the project leaders.
    workbook = pd.read_excel(io.BytesIO(export.to_excel(export.tables(session, guides, [curated.round_a.id]))),
                             sheet_name=None)
    assert list(workbook["Citaten"]["Citaat"]) == ["Wij betalen nooit losgeld.",
                                                   "Wat je niet opslaat, kan ook niet lekken."]
    assert SECRET in workbook["Markeringen"].to_csv()
