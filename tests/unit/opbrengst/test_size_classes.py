"""Headline figures per CBS size class, with small classes merged and small cells suppressed.

A round of its own (theme 1 only) with 14 municipalities and their CBS population on
1 January 2024 (data/gemeenten.csv; Utrecht has none in the shared world fixture):
  < 10 000        Renswoude 5 753, Eemnes 9 755                                    2
  10 000–20 000   Bunnik 16 108, Lopik 14 724, Montfoort 13 868, Woudenberg 14 637  4
  20 000–50 000   Baarn, Bunschoten, De Bilt, Leusden, Soest, Rhenen                6
  50 000–100 000  Zeist 66 641                                                      1
Merging to at least 5 (merge_small_classes): the three empty classes above 100 000 join each
other and then Zeist's class (1), which joins 20 000–50 000 (6) -> 7; then < 10 000 (2) joins
10 000–20 000 (4) -> 6. Groups: "minder dan 20.000 inwoners" (6) and "20.000 inwoners of meer" (7).

Every cell goes through disclosure.protect_distribution (ja/deels/nee counts):
leiderschap.ivp: small group Renswoude ja, Eemnes nee, Bunnik ja, Lopik deels -> n 4, ja 2, deels 1,
  nee 1: all but 2 give the largest answer (group disclosure) -> None;
  large group Baarn, Bunschoten, De Bilt, Zeist ja, Leusden nee -> n 5, ja 4: all but 1 -> None;
  Utrecht ja counts in no class.
leiderschap.ciso_oov: small group Renswoude ja, Eemnes ja: 2 municipalities answered -> None;
  large group Baarn, Bunschoten, De Bilt ja; Leusden, Soest, Zeist nee -> n 6, ja 3, nee 3: 0.5.
"""
import json
from datetime import date, datetime

from sqlalchemy import select

from visitatie.models import Theme
from visitatie.opbrengst import build_snapshot
from visitatie.opbrengst.frame import load
from visitatie.opbrengst.size_classes import headline_by_size

PAIRS = [("Renswoude", "Baarn"), ("Eemnes", "Bunschoten"), ("Bunnik", "De Bilt"), ("Lopik", "Leusden"),
         ("Montfoort", "Soest"), ("Woudenberg", "Rhenen"), ("Zeist", "Utrecht")]
ANSWERS = {
    "leiderschap.ivp": {"Renswoude": "ja", "Eemnes": "nee", "Bunnik": "ja", "Lopik": "deels", "Baarn": "ja",
                        "Bunschoten": "ja", "De Bilt": "ja", "Zeist": "ja", "Leusden": "nee", "Utrecht": "ja"},
    "leiderschap.ciso_oov": {"Renswoude": "ja", "Eemnes": "ja", "Baarn": "ja", "Bunschoten": "ja", "De Bilt": "ja",
                             "Leusden": "nee", "Soest": "nee", "Zeist": "nee"},
}


def sized_round(session, world):
    theme = session.scalar(select(Theme).where(Theme.number == 1))
    round_ = world.round("Gespreksronde naar omvang", date(2026, 1, 8), [theme])
    conversations = {}
    for index, pair in enumerate(PAIRS):
        conversation = world.conversation(round_, pair, datetime(2026, 2, 1 + index, 10, 0), "gehouden")
        conversations.update({town: conversation for town in pair})
    for question, values in ANSWERS.items():
        for town, value in values.items():
            world.answer(conversations[town], town, question, value)
    session.commit()
    return round_


def test_share_ja_per_merged_size_class_by_hand(session, guides, world):
    round_ = sized_round(session, world)
    result = headline_by_size(load(session, guides, [round_.id]))
    assert (result["source"], result["source_years"]) == ("Bron: CBS, inwoners op 1 januari 2024", [2024])
    assert result["without_figure"] == 1  # Utrecht
    assert [(g["label"], g["municipalities"], g["classes"][0], g["classes"][-1]) for g in result["groups"]] == [
        ("minder dan 20.000 inwoners", 6, "tot-10000", "10000-20000"),
        ("20.000 inwoners of meer", 7, "20000-50000", "vanaf-250000")]
    assert [(q["question_id"], q["cells"]) for q in result["questions"]] == [
        ("leiderschap.ivp", [None, None]),
        ("leiderschap.ciso_oov", [None, {"n": 6, "share_ja": 0.5}]),
    ]
    assert result["questions"][0]["headline"]  # the guide's headline wording, for the chart


def test_the_snapshot_carries_it_as_plain_json(session, guides, world):
    round_ = sized_round(session, world)
    snapshot = build_snapshot(session, guides, [round_.id])
    assert json.loads(json.dumps(snapshot["size_classes"])) == snapshot["size_classes"]
    assert [g["municipalities"] for g in snapshot["size_classes"]["groups"]] == [6, 7]


def test_too_few_municipalities_show_no_group(session, guides, world):
    # Round A of the world: Haarlem, Maastricht, Delft with a figure: 3 < 5 even when merged.
    result = headline_by_size(load(session, guides, [world.round_a.id]))
    assert result["groups"] == [] and result["questions"] == []
    assert result["without_figure"] == 1


def test_a_lone_group_is_not_shown(session, guides, world):
    # With only the first three conversations (6 municipalities) everything is one group: nothing to compare.
    theme = session.scalar(select(Theme).where(Theme.number == 1))
    round_ = world.round("Kleine ronde", date(2026, 1, 8), [theme])
    for index, pair in enumerate(PAIRS[:3]):
        world.conversation(round_, pair, datetime(2026, 2, 1 + index, 10, 0), "gehouden")
    session.commit()
    result = headline_by_size(load(session, guides, [round_.id]))
    assert result["groups"] == [] and result["questions"] == []
