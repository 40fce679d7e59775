"""Consent bound to the words, and withdrawal that reaches every published version: its page data,
its Word report and its public export."""
import io
import json

import docx
import pandas as pd
import pytest

from visitatie.conversations.marks import MarkError
from visitatie.models import Answer
from visitatie.opbrengst import public_export, publication, withdrawal
from visitatie.opbrengst.consent import give_consent, state
from visitatie.opbrengst.curation import (
    RoundCurationInput,
    ThemeCurationInput,
    add_lesson,
    quote_candidates,
    save_round_curation,
    save_theme_curation,
)
from visitatie.reports.round_report import build_round_report

QUOTE = "Wij betalen nooit losgeld."


@pytest.fixture
def published(session, guides, world):
    """Round A with six municipalities, the speaker's named quote chosen for theme 3, version 1 out."""
    world.grow()
    mark = world.quote_named
    mark.consent, mark.consented_text, mark.consented_hash = "gevraagd", None, None
    session.commit()
    give_consent(session, mark, world.speaker_haarlem, "met_naam")
    session.commit()
    save_round_curation(session, world.round_a, RoundCurationInput("", "Digitale veiligheid is chefsache.", ""),
                        "Anna", 0)
    save_theme_curation(session, guides, world.round_a, 3,
                        ThemeCurationInput("Borg de bedrijfscontinuïteit", (), mark.id), "Anna", 0)
    publication.publish(session, guides, world.round_a, "Anna")
    return world


def _report_text(snapshot) -> str:
    buffer = io.BytesIO()
    build_round_report(snapshot).save(buffer)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _export_text(snapshot, guides) -> str:
    sheets = pd.read_excel(io.BytesIO(public_export.to_excel(public_export.public_sheets(snapshot, guides))),
                           sheet_name=None, dtype=object)
    return "".join(frame.to_csv() for frame in sheets.values())


def test_only_the_speaker_consents(session, world):
    with pytest.raises(MarkError) as refused:
        give_consent(session, world.quote_named, world.speaker_maastricht, "met_naam")
    assert refused.value.reason == "not_the_speaker"


def test_consent_lapses_after_an_edit_and_publication_keeps_the_consented_words(session, guides, published):
    mark = published.quote_named
    answer = session.get(Answer, mark.answer_id)
    answer.value = "Wij betalen nooit losgeld, tenzij er levens op het spel staan."
    session.commit()
    assert state(mark) == "vervallen"
    reasons = dict((m.id, reason) for m, reason in quote_candidates(session, guides, published.round_a.id, 3))
    assert reasons[mark.id] == "consent_lapsed"                                  # it leaves curation
    assert publication.preview(session, guides, published.round_a.id)["themes"][2]["quote"] is None
    stored = publication.latest(session, published.round_a.id).snapshot["themes"][2]["quote"]
    assert stored["text"] == QUOTE                                                 # the consented words
    assert "tenzij" not in json.dumps(publication.latest(session, published.round_a.id).snapshot)


def test_a_withdrawn_quote_leaves_every_version_page_report_and_export(session, guides, published):
    round_id = published.round_a.id
    save_round_curation(session, published.round_a, RoundCurationInput("", "Oefen elk jaar.", ""), "Bram", 1)
    publication.publish(session, guides, published.round_a, "Bram")  # version 2, the same quote
    versions = publication.versions(session, round_id)
    assert all(QUOTE in json.dumps(v.snapshot, ensure_ascii=False) for v in versions)
    give_consent(session, published.quote_named, published.speaker_haarlem, "niet_publiceren")
    session.commit()
    session.expire_all()
    for version in publication.versions(session, round_id):
        snapshot = version.snapshot
        assert QUOTE not in json.dumps(snapshot, ensure_ascii=False)
        assert snapshot["themes"][2]["quote"]["withdrawn_on"]
        assert QUOTE not in _report_text(snapshot) and "is ingetrokken op" in _report_text(snapshot)
        assert QUOTE not in _export_text(snapshot, guides)
    assert published.quote_named.consented_text is None  # the words are not kept either


def test_a_withdrawn_lesson_and_a_withdrawn_version(session, guides, published):
    round_id = published.round_a.id
    lesson = add_lesson(session, guides, published.round_a, 1, "Maak de burgemeester eigenaar.",
                        [published.lesson_haarlem.id, published.lesson_maastricht.id, published.lesson_delft.id],
                        "Anna")
    save_round_curation(session, published.round_a, RoundCurationInput("", "Oefen elk jaar.", ""), "Bram", 1)
    second = publication.publish(session, guides, published.round_a, "Bram")
    assert "Maak de burgemeester eigenaar." in json.dumps(second.snapshot, ensure_ascii=False)
    withdrawal.withdraw_lesson(session, lesson)
    session.commit()
    session.expire_all()
    snapshot = publication.version_of(session, round_id, 2).snapshot
    assert "Maak de burgemeester eigenaar." not in json.dumps(snapshot, ensure_ascii=False)
    assert snapshot["themes"][0]["lessons"][0]["withdrawn_on"]
    withdrawal.withdraw_version(session, publication.version_of(session, round_id, 1), "Anna", "Verkeerde ronde.")
    session.commit()
    session.expire_all()
    first = publication.version_of(session, round_id, 1)
    assert first.snapshot["withdrawn"]["on"] and first.snapshot["themes"] == []
    assert (first.withdrawn_by, first.withdrawn_reason) == ("Anna", "Verkeerde ronde.")
    assert "Verkeerde ronde." not in json.dumps(first.snapshot)  # the reason is not public
    assert "is ingetrokken op" in _report_text(first.snapshot)


def test_erasing_the_speaker_withdraws_their_named_quote_from_every_version(session, guides, published):
    from visitatie.lifecycle.erasure import erase_person

    person = published.speaker_haarlem.person
    erase_person(session, person, "Anna")
    session.commit()
    session.expire_all()
    for version in publication.versions(session, published.round_a.id):
        everything = json.dumps(version.snapshot, ensure_ascii=False)
        assert QUOTE not in everything and "Jos Wiersma" not in everything
        assert version.snapshot["themes"][2]["quote"]["withdrawn_on"]
