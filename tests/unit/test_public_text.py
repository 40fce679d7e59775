"""The wording of suppressed numbers and withdrawn quotes, lessons and versions (reports/public_text.py),
on hand-made snapshots, in the Word report and in the PDF's HTML alike."""
import pytest

from tests.unit.test_round_report import make_snapshot, reopen, texts
from visitatie.guides.model import load_guides
from visitatie.pdf import render_html
from visitatie.pdf.opbrengst import context
from visitatie.reports import public_text
from visitatie.reports.round_report import build_round_report
from visitatie.reports.wording import decimal_nl

FOOTNOTE = "– Niet getoond: te weinig gemeenten om dit cijfer te publiceren."


def suppressed_snapshot():
    snapshot = make_snapshot()
    snapshot["disclosure"] = {"any_suppressed": True, "footnote": FOOTNOTE}
    theme = snapshot["themes"][0]
    theme["figures"][0].update({"n": None, "ja": None, "deels": None, "nee": None, "suppressed": "threshold"})
    theme["scales"][0].update({"mean": None, "median": None, "suppressed": "threshold",
                               "distribution": {"1": None, "2": None, "3": None, "4": None, "5": None}})
    theme["lessons"].append({"lesson_id": 9, "text": "Les 1c: deel incidenten.", "conversations": None,
                             "municipalities": None, "fewer_than": 3})
    theme["lessons"].append({"lesson_id": 10, "text": "", "withdrawn_on": "2025-03-04"})
    snapshot["themes"][1]["quote"] = {"withdrawn_on": "2025-03-03"}
    snapshot["themes"][1]["quote_mark_id"] = 77
    snapshot["themes"][2]["quote"]["mark_id"] = 4242
    return snapshot


@pytest.fixture(scope="module")
def guides():
    from pathlib import Path
    return load_guides(Path(__file__).resolve().parents[2] / "interview_guides")


def test_helpers_on_their_own():
    assert public_text.shown(None) == "–" and public_text.shown(3.125, 2) == "3,13"
    assert public_text.share(None, 8) == "–" and public_text.share(7, 8) == "88%"
    assert public_text.lesson_raised({"fewer_than": 3}, 4) == "genoemd door minder dan 3 gemeenten"
    assert public_text.lesson_raised({"conversations": 2, "municipalities": 3}, 4) == \
        "genoemd in 2 van de 4 gesprekken, door 3 gemeenten"
    assert public_text.quote_withdrawn({"withdrawn_on": "2025-03-03"}) == "Het citaat is ingetrokken op 3 maart 2025."
    assert public_text.lesson_withdrawn({"text": "", "withdrawn_on": "2025-03-04"}) == \
        "Deze les is ingetrokken op 4 maart 2025."
    assert public_text.disclosure_footnote({"disclosure": {"any_suppressed": False, "footnote": "x"}}) == ""
    assert public_text.withdrawn_version({"version": 2, "withdrawn": {"on": "2025-03-05"}}) == \
        "Versie 2 van deze opbrengst is ingetrokken op 5 maart 2025."
    assert public_text.practice_url({"url": None}) == "" and public_text.practice_url({"url": "javascript:x"}) == ""
    # one rounding rule, half up: 25/8 = 3.125 and 12.5% would go down with round()
    assert decimal_nl(25 / 8, 2) == "3,13" and decimal_nl(2.5, 0) == "3"


def test_word_report_shows_dashes_footnote_and_withdrawn_items():
    body = texts(reopen(build_round_report(suppressed_snapshot())))
    joined = "\n".join(body)
    assert "–" in body  # the suppressed share
    assert ("Digitale veiligheid staat in het IVP: niet gepubliceerd, te weinig gemeenten om dit cijfer te "
            "tonen.") in body
    assert "Gemiddeld –, mediaan – op een schaal van 1 tot en met 5 (n = 8)." in body
    assert "Les 1c: deel incidenten. (genoemd door minder dan 3 gemeenten)" in body
    assert "Deze les is ingetrokken op 4 maart 2025." in body
    assert "Het citaat is ingetrokken op 3 maart 2025." in body
    assert FOOTNOTE in body
    assert "4242" not in joined and "None" not in joined


def test_pdf_html_says_the_same(guides):
    html = render_html("pdf/opbrengst.html", **context(suppressed_snapshot(), guides))
    for sentence in ("genoemd door minder dan 3 gemeenten", "Deze les is ingetrokken op 4 maart 2025.",
                     "Het citaat is ingetrokken op 3 maart 2025.", "Gemiddeld –, mediaan –",
                     FOOTNOTE):
        assert sentence in html
    assert "4242" not in html and "None" not in html


def test_a_priority_without_consented_quote_gets_the_magazine_quote_with_its_source(guides):
    snapshot = make_snapshot()
    document = reopen(build_round_report(snapshot, guides))
    body = texts(document)
    magazine = guides.by_number(4).quote
    assert f"‘{magazine.text}’" in body
    assert any(t.startswith(magazine.speaker) and "(bron: VNG-magazine Digitale veiligheid, 2024)" in t for t in body)


def test_a_withdrawn_version_says_only_that(guides):
    snapshot = {"title": "Opbrengst 2024", "rounds": [{"title": "Ronde 2024"}], "version": 2,
                "published_at": "2025-01-01T10:00:00+00:00", "withdrawn": {"on": "2025-03-05"}, "themes": []}
    body = [t for t in texts(reopen(build_round_report(snapshot, guides))) if t.strip()]
    assert "Versie 2 van deze opbrengst is ingetrokken op 5 maart 2025." in body
    assert not any("Prioriteit" in t or "Colofon" in t for t in body)
    html = render_html("pdf/opbrengst.html", **context(snapshot, guides))
    assert "ingetrokken op 5 maart 2025" in html and "Colofon" not in html and "Inleiding" not in html
