"""The public export reads only the published snapshot: what disclosure control held back is "–"
with the footnote, withdrawn quotes and lessons say so, a withdrawn publication leaves a note."""
import copy
import io
import json

import pandas as pd
import pytest

from visitatie.opbrengst import public_export, publication


@pytest.fixture
def snapshot(session, guides, curated):
    return publication.publish(session, guides, curated.round_a, "Anna").snapshot


def read(sheets) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(public_export.to_excel(sheets)), sheet_name=None, dtype=object)


def test_the_public_file_holds_the_snapshot_and_nothing_from_the_answers(guides, world, snapshot):
    sheets = read(public_export.public_sheets(snapshot, guides))
    everything = "".join(frame.to_csv() for frame in sheets.values())
    assert "Er is geen capaciteit." not in everything  # a raw open answer
    figures = sheets["Kerncijfers"]
    ivp = figures[figures["Vraag"] == guides.question("leiderschap.ivp").text].iloc[0]
    theme = next(t for t in snapshot["themes"] if t["number"] == 1)
    figure = next(f for f in theme["figures"] if f["question_id"] == "leiderschap.ivp")
    # 1 ja, 1 deels, 1 nee of 3: all but fewer than 3 in one category, so the snapshot suppressed it.
    assert figure["ja"] is None and figure["suppressed"] == "dominance"
    assert (ivp["Aantal antwoorden (n)"], ivp["Ja"]) == (figure["n"], "–")
    quoted = next(t for t in snapshot["themes"] if t["number"] == 3)["quote"]
    themes = sheets["Thema's"].set_index("Thema")
    assert themes.at[3, "Citaat"] == quoted["text"] and themes.at[3, "Spreker"] == quoted["speaker"]
    assert "Voetnoot" in set(sheets["Toelichting"]["Onderdeel"])  # the dash is explained


def test_suppressed_values_are_dashes_with_the_footnote_and_withdrawals_are_named(guides, snapshot):
    changed = copy.deepcopy(snapshot)
    theme = next(t for t in changed["themes"] if t["number"] == 1)
    theme["figures"][0].update(n=None, ja=None, share_ja=None)
    next(t for t in changed["themes"] if t["number"] == 3)["quote"] = {"withdrawn_on": "2025-03-03"}
    theme["lessons"] = [{"text": "", "withdrawn_on": "2025-03-04", "conversations": 2, "municipalities": None}]
    changed["disclosure"] = {"footnote": "– = niet getoond (minder dan drie gemeenten)"}
    sheets = read(public_export.public_sheets(json.loads(json.dumps(changed)), guides))
    first = sheets["Kerncijfers"].iloc[0]
    assert (first["Aantal antwoorden (n)"], first["Ja"], first["Aandeel ja"]) == ("–", "–", "–")
    assert sheets["Kerncijfers"].iloc[-1, 0] == "– = niet getoond (minder dan drie gemeenten)"
    assert sheets["Thema's"].set_index("Thema").at[3, "Citaat"] == "ingetrokken op 3 maart 2025"
    lesson = sheets["Lessen"].iloc[0]
    assert (lesson["Les"], lesson["Gemeenten"]) == ("ingetrokken op 4 maart 2025", "–")
    notes = sheets["Toelichting"].set_index("Onderdeel")["Waarde"]
    assert notes["Voetnoot"] == "– = niet getoond (minder dan drie gemeenten)"
    # Without a footnote of its own, the standard wording.
    del changed["disclosure"]
    sheets = read(public_export.public_sheets(changed, guides))
    assert sheets["Toelichting"].set_index("Onderdeel").at["Voetnoot", "Waarde"] == public_export.DEFAULT_FOOTNOTE


def test_a_withdrawn_publication_exports_only_its_note(guides, snapshot):
    withdrawn = dict(snapshot, withdrawn={"on": "2025-05-01", "reason": "Op verzoek van de gemeenten."})
    sheets = read(public_export.public_sheets(withdrawn, guides))
    assert list(sheets) == ["Toelichting"]
    notes = sheets["Toelichting"].set_index("Onderdeel")["Waarde"]
    assert notes["Ingetrokken"] == "Deze publicatie is ingetrokken op 1 mei 2025. Reden: Op verzoek van de gemeenten."
    assert "Digitale veiligheid is chefsache." not in sheets["Toelichting"].to_csv()
