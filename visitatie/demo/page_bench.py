"""`make bench`, third part: the project leader's pages at national scale.

A national gespreksronde (the 342 municipalities of data/gemeenten.csv paired into 171
conversations, two mayors and two CISOs each plus a gespreksleider from a pool of 40, so about
700 people; every conversation held and its answers complete; an invitation link for every
participation) and a visitatieronde with as many visits. Rows are inserted with one executemany
per table. Then each page a project leader opens while running the round is requested through
the Flask test client, signed in as the bench project leader, and the median time and the number
of SQL statements of one request are printed against the target.

    python -m visitatie.page_bench [--repeat 7]

`national_round` is also what tests/web/test_statement_counts.py builds, with a few conversations,
to pin that no page's statement count grows with the number of conversations.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, event, insert, select

from ..guides.model import GuideSet
from ..models import (
    Answer,
    Conversation,
    Invitation,
    Municipality,
    Participation,
    Person,
    Round,
    Theme,
    conversation_municipality,
)
from ..models.scheduling import RoundMunicipality
from ..models.visits import MaturityScore, Recommendation, Visit
from .bench import BENCH_LOGIN, _value

SEED = 20260101
TARGET_MS = 150.0
LEADER_POOL = 40
STAMP = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)


@dataclass(frozen=True)
class NationalRound:
    round_id: int
    visit_round_id: int
    conversations: int
    people: int
    participations: int
    answers: int


def _table(model: Any) -> Table:
    """A model's table for a Core bulk insert (typed as a FromClause on the class)."""
    return cast(Table, model.__table__)


def _ids(session, statement) -> list[int]:
    return list(session.scalars(statement))


def _conversations(session, round_id: int, count: int, start: datetime, status: str) -> list[int]:
    session.execute(insert(_table(Conversation)), [
        {"round_id": round_id, "starts_at": start + timedelta(days=i // 2, hours=(i % 2) * 4),
         "duration_minutes": 120, "place": f"Stadhuis {i}", "status": status,
         "calendar_uid": f"page-bench-{round_id}-{i}@visitatie", "calendar_sequence": 0,
         "created_at": STAMP, "updated_at": STAMP, "version": 1} for i in range(count)])
    return _ids(session, select(Conversation.id).where(Conversation.round_id == round_id).order_by(Conversation.id))


def _people(session, rows: list[dict]) -> list[int]:
    first = (session.scalar(select(Person.id).order_by(Person.id.desc()).limit(1)) or 0) + 1
    session.execute(insert(_table(Person)), [dict(row, created_at=STAMP) for row in rows])
    return _ids(session, select(Person.id).where(Person.id >= first).order_by(Person.id))


def national_round(session, guides: GuideSet, conversations: int | None = None) -> NationalRound:
    """A held national round with complete answers and invitations, and a visitatieronde beside it.

    `conversations` pairs only the first 2 × that many municipalities (None: all of them).
    """
    rng = random.Random(SEED)
    towns = list(session.execute(select(Municipality.id, Municipality.code).order_by(Municipality.code)))
    if conversations is not None:
        towns = towns[:2 * conversations]
    themes = list(session.scalars(select(Theme).order_by(Theme.number)))
    round_ = Round(kind="gespreksronde", title="Landelijke gespreksronde digitale veiligheid 2026",
                   period_start=date(2026, 1, 12), period_end=date(2026, 6, 30), status="lopend",
                   guide_version=guides.version, themes=themes)
    visits = Round(kind="visitatieronde", title="Visitatieronde digitale veiligheid 2026",
                   period_start=date(2026, 9, 1), period_end=date(2026, 12, 18), status="lopend",
                   guide_version=guides.version, themes=themes)
    session.add_all([round_, visits])
    session.flush()
    session.execute(insert(_table(RoundMunicipality)), [
        {"round_id": round_.id, "municipality_id": town_id, "source": "zelfscan", "enrolled_at": STAMP}
        for town_id, _code in towns])
    order = towns[:]
    rng.shuffle(order)
    pairs = [order[i:i + 2] for i in range(0, len(order) - 1, 2)]
    conversation_ids = _conversations(session, round_.id, len(pairs), datetime(2026, 1, 13, 8, tzinfo=timezone.utc),
                                      "gehouden")
    session.execute(insert(conversation_municipality), [
        {"conversation_id": c, "municipality_id": town_id} for c, pair in zip(conversation_ids, pairs, strict=True)
        for town_id, _code in pair])

    # People: a mayor and a CISO of every municipality, and a pool of gespreksleiders.
    roles = ("burgemeester", "ciso")
    municipal = _people(session, [
        {"name": f"{role.title()} {code}", "function": role, "email": f"{role}@{code.lower()}.bench.example.org",
         "municipality_id": town_id} for town_id, code in towns for role in roles])
    person_of = {(town_id, role): municipal[i * len(roles) + j]
                 for i, (town_id, _code) in enumerate(towns) for j, role in enumerate(roles)}
    leaders = _people(session, [{"name": f"Gespreksleider {i}", "function": "burgemeester",
                                 "email": f"leider{i}@bench.example.org", "municipality_id": None}
                                for i in range(min(LEADER_POOL, len(pairs)))])
    participations = [{"conversation_id": c, "person_id": person_of[(town_id, role)], "municipality_id": town_id,
                       "role": role} for c, pair in zip(conversation_ids, pairs, strict=True) for town_id, _code in pair
                      for role in roles]
    participations += [{"conversation_id": c, "person_id": leaders[i % len(leaders)], "municipality_id": None,
                        "role": "gespreksleider"} for i, c in enumerate(conversation_ids)]
    session.execute(insert(_table(Participation)), participations)
    participation_ids = _ids(session, select(Participation.id).join(Conversation)
                             .where(Conversation.round_id == round_.id))
    session.execute(insert(_table(Invitation)), [
        {"participation_id": p, "token_hash": hashlib.sha256(f"page-bench-{p}".encode()).hexdigest(),
         "created_at": STAMP, "expires_at": STAMP + timedelta(days=120)} for p in participation_ids])

    # Answers: every theme, every shown question, for both municipalities of every conversation.
    answers = []
    for conversation_id, pair in zip(conversation_ids, pairs, strict=True):
        for town_id, _code in pair:
            given: dict[str, str] = {}
            for guide in guides:
                for question in guide.questions:
                    if not question.is_shown(given):
                        continue
                    value = question.encode(_value(rng, question))
                    given[question.id] = value
                    answers.append({"conversation_id": conversation_id, "municipality_id": town_id,
                                    "question_id": question.id, "value": value, "guide_version": guide.version,
                                    "updated_by": "bench", "updated_at": STAMP, "version": 1})
    session.execute(insert(_table(Answer)), answers)

    # The visitatieronde: one visit per conversation of the round, a committee of three and a secretary.
    hosts = [pair[0][0] for pair in pairs]
    visit_ids = _conversations(session, visits.id, len(hosts), datetime(2026, 9, 2, 8, tzinfo=timezone.utc), "gepland")
    session.execute(insert(conversation_municipality), [
        {"conversation_id": c, "municipality_id": town_id} for c, town_id in zip(visit_ids, hosts, strict=True)])
    session.execute(insert(_table(Visit)), [{"conversation_id": c, "consent_named": False, "created_at": STAMP}
                                              for c in visit_ids])
    session.execute(insert(_table(Participation)), [
        {"conversation_id": c, "person_id": leaders[(i + k) % len(leaders)], "municipality_id": None,
         "role": "commissielid" if k < 3 else "secretaris"} for i, c in enumerate(visit_ids) for k in range(4)])
    session.execute(insert(_table(MaturityScore)), [
        {"conversation_id": c, "theme_number": t.number, "source": source, "level": rng.randint(1, 5),
         "justification": "", "updated_by": "bench", "updated_at": STAMP, "version": 1}
        for c in visit_ids for t in themes for source in ("self", "committee")])
    session.execute(insert(_table(Recommendation)), [
        {"conversation_id": c, "theme_number": themes[k].number, "priority": "hoog", "owner_role": "burgemeester",
         "deadline": date(2027, 6, 1), "text": "Oefen jaarlijks een cybercrisis.", "status": "open",
         "status_reason": "", "created_by": "bench", "created_at": STAMP, "updated_by": "bench",
         "updated_at": STAMP, "version": 1} for c in visit_ids for k in range(2)])
    session.commit()
    return NationalRound(round_.id, visits.id, len(conversation_ids), len(municipal) + len(leaders),
                         len(participations), len(answers))


def pages(national: NationalRound, province: str) -> list[tuple[str, str]]:
    """The project leader's pages of a running round: label and address."""
    r = national.round_id
    return [
        ("round dashboard", f"/rondes/{r}"),
        ("invitations", f"/planning/rondes/{r}/uitnodigingen"),
        ("pairing proposal", f"/planning/rondes/{r}/voorstel"),
        ("curation overview", f"/rondes/{r}/opbrengst"),
        ("figures, filtered by province", f"/rondes/{r}/opbrengst/cijfers?province={province}"),
        ("visit list", f"/visitaties/?ronde={national.visit_round_id}"),
    ]


@contextmanager
def counting_statements(engine):
    """Count the SQL statements sent to the database while the block runs (a one-item list)."""
    count = [0]

    def before(conn, cursor, statement, parameters, context, executemany):
        count[0] += 1

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield count
    finally:
        event.remove(engine, "before_cursor_execute", before)


def measure(client, engine, url: str, repeat: int) -> tuple[float, int]:
    """Median milliseconds of `repeat` requests after a warm-up, and the statements of one request."""
    with counting_statements(engine) as count:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} gave {response.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, count[0]


def run(repeat: int) -> int:
    from .. import create_app
    from ..accounts.auth import create_user
    from ..bootstrap import load_reference_data
    from ..extensions import db
    from ..guides.registry import current_guides

    with tempfile.TemporaryDirectory(prefix="visitatie-page-bench-") as folder:
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(Path(folder) / "instance"),
                          "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite"})
        logging.getLogger("visitatie.request").setLevel(logging.WARNING)
        with app.app_context():
            started = time.perf_counter()
            db.create_all()
            load_reference_data(db.session, current_guides(), app.config["DATA_DIR"])
            national = national_round(db.session, current_guides())
            create_user(db.session, *BENCH_LOGIN, "projectleider")
            province = db.session.scalar(select(Municipality.province).order_by(Municipality.code).limit(1)) or ""
            setup = time.perf_counter() - started
            db.session.remove()
            engine = db.engine
        client = app.test_client()
        client.post("/inloggen", data={"email": BENCH_LOGIN[0], "password": BENCH_LOGIN[1]})
        results = [(label, *measure(client, engine, url, repeat)) for label, url in pages(national, province)]
        with app.app_context():
            db.engine.dispose()
    print(f"\nvisitatie page bench: a national round of {national.conversations} conversations, {national.people} "
          f"people in {national.participations} participations, {national.answers:,} answers, "
          f"{national.conversations} visits (set-up {setup:.1f} s; medians of {repeat} requests after a warm-up)")
    width = max(len(label) for label, _ms, _n in results)
    print(f"{'page (project leader)':<{width}}  {'median':>9}  {'statements':>10}  target")
    print("-" * (width + 45))
    missed = 0
    for label, ms, statements in results:
        met = ms <= TARGET_MS
        missed += not met
        print(f"{label:<{width}}  {ms:>6.0f} ms  {statements:>10}  {'met' if met else 'MISSED'} (≤ {TARGET_MS:.0f} ms)")
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page (default 7)")
    return run(parser.parse_args(argv).repeat)


if __name__ == "__main__":
    sys.exit(main())
