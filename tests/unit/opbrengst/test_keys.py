"""The aggregation looks up two-part keys (conversation and municipality, round and theme) for any
ids and any number of themes: nothing is packed into an integer that a big id or a sixteenth
theme would overflow."""
import random
from datetime import date

import numpy as np
from sqlalchemy import insert

from visitatie.models import Conversation, Round
from visitatie.opbrengst.frame import load, pair_positions

from .conftest import World
from .test_aggregate import build_snapshot, figure


def test_pair_positions_finds_pairs_of_large_ids_and_many_themes():
    rng = random.Random(7)
    rounds = [2**62 + rng.randrange(2**40) for _ in range(6)]
    known = sorted({(rng.choice(rounds), rng.randrange(40)) for _ in range(80)})  # theme numbers up to 39
    asked = [(rng.choice(rounds), rng.randrange(45)) for _ in range(500)] + known[:5]
    positions = pair_positions(np.array([a for a, _ in asked], dtype=np.int64), np.array([b for _, b in asked]),
                               np.array([a for a, _ in known], dtype=np.int64), np.array([b for _, b in known]))
    where = {pair: index for index, pair in enumerate(known)}
    assert positions.tolist() == [where.get(pair, -1) for pair in asked]
    assert any(p >= 0 for p in positions) and any(p < 0 for p in positions)


def test_conversation_ids_beyond_32_bits_count_as_small_ones(session, guides):
    # The next ids SQLite hands out follow the largest one: the world's conversations get ids above 2**40.
    session.execute(insert(Round.__table__).values(id=2**40, kind="gespreksronde", title="Plaatshouder",
                                                   period_start=date(2020, 1, 1), period_end=date(2020, 1, 2),
                                                   status="afgerond", guide_version="1"))
    session.execute(insert(Conversation.__table__).values(id=2**40, round_id=2**40, status="gepland",
                                                          duration_minutes=60, calendar_uid="plaatshouder",
                                                          calendar_sequence=0, version=1))
    world = World(session)
    assert world.c1.id > 2**40 and world.round_a.id > 2**40
    data = load(session, guides, [world.round_a.id])
    assert len(data.slots) == 4 and data.slots["key"].is_unique  # C1 and C2, two municipalities each
    # The hand-computed figures of conftest.py, as for the world with small ids.
    ivp = figure(build_snapshot(session, guides, [world.round_a.id]), "leiderschap.ivp")
    assert (ivp["n"], ivp["ja"], ivp["deels"], ivp["nee"], ivp["missing"]) == (3, 1, 1, 1, 1)
