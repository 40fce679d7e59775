"""`make bench`: performance of the opbrengst on a synthetic national dataset.

Builds a temporary SQLite database (the schema from the models, then the normal reference data
path: the five themes and the 342 municipalities of data/gemeenten.csv with their CBS population,
so the snapshot's figures per size class cover the real classes), generates five yearly
rounds in which every municipality takes part once (171 conversations a round, every theme
answered), and prints a table of timings against the targets. The answers are inserted with one
executemany per table, not through the ORM one by one.

    python -m visitatie.bench [--rounds 5] [--repeat 7]

Exit status 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import gc
import io
import logging
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import cast

import pandas as pd
from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import DeclarativeBase

from .. import create_app
from ..accounts.auth import create_user
from ..bootstrap import load_reference_data
from ..extensions import db
from ..guides.model import GuideSet, Question
from ..guides.registry import current_guides
from ..models import Answer, Conversation, Mark, Municipality, Round, Theme, conversation_municipality
from ..opbrengst import build_snapshot, curation, publication
from ..reports.round_report import build_round_report

SEED = 20240630
BENCH_LOGIN = ("bench@example.org", "meetlat-voor-snelheid-2026")  # passes the password policy
FIRST_YEAR = 2021
# Targets on a 2-core machine (issue 5).
TARGETS = {"aggregate_all": 1.0, "ratio": 3.0, "report": 5.0, "memory_mb": 400.0, "page_ms": 300.0,
           "floor_ratio": 2.0}  # aggregation against the raw floor: issue 15
# The baseline reads the same answer rows and columns the aggregation reads (which answer, of which
# conversation and municipality, to which question, what value) and counts values per question.
BASELINE_SQL = text(
    "SELECT a.id, c.round_id, a.conversation_id, a.municipality_id, a.question_id, a.value "
    "FROM answer a JOIN conversation c ON c.id = a.conversation_id "
    "WHERE c.round_id IN ({ids}) AND c.status IN ('gehouden', 'vastgesteld') AND a.value != ''")
# The floor: only question and value, through the sqlite3 driver; no aggregation can read less.
FLOOR_SQL = text(
    "SELECT a.question_id, a.value FROM answer a JOIN conversation c ON c.id = a.conversation_id "
    "WHERE c.round_id IN ({ids}) AND c.status IN ('gehouden', 'vastgesteld')")
LESSONS = ("Oefen jaarlijks een cybercrisis met de driehoek.", "Maak één bestuurder eigenaar.",
           "Neem digitale veiligheid op in het IVP.", "Betrek de raad via de kadernota.",
           "Laat de CISO en de adviseur OOV samenwerken.", "Ruim oude gegevens actief op.")
OPEN_TEXT = ("Besproken in het college; een vaste aanpak volgt.", "Belegd bij de burgemeester en de CISO.",
             "Nog niet besproken; staat op de agenda.", "Samen met de regio opgepakt.")


def _table(model: type[DeclarativeBase]) -> Table:
    """The table of a model for a Core bulk INSERT (DeclarativeBase types __table__ as any FromClause)."""
    return cast(Table, model.__table__)


def _value(rng: random.Random, question: Question):
    if question.type == "open":
        return rng.choice(OPEN_TEXT)
    if question.type == "scale":
        return str(rng.choices((1, 2, 3, 4, 5), weights=(1, 3, 4, 3, 1))[0])
    if question.type == "ja_nee_deels":
        return rng.choices(("ja", "nee", "deels"), weights=(60, 15, 25))[0]
    values = [c.value for c in question.choices]
    return rng.sample(values, k=rng.randint(1, min(3, len(values)))) if question.multiple else rng.choice(values)


def generate(session, guides: GuideSet, rounds: int) -> dict:
    """Rounds, conversations and answers, inserted in bulk. Returns counts."""
    rng = random.Random(SEED)
    towns = list(session.scalars(select(Municipality.id).order_by(Municipality.code)))
    themes = list(session.scalars(select(Theme).order_by(Theme.number)))
    stamp = datetime(2025, 1, 1, tzinfo=timezone.utc)
    answers: list[dict] = []
    marks: list[dict] = []
    round_ids = []
    for index in range(rounds):
        year = FIRST_YEAR + index
        round_ = Round(kind="gespreksronde", title=f"Bestuurlijke gespreksronde digitale veiligheid {year}",
                       period_start=date(year, 1, 8), period_end=date(year, 6, 28), status="afgerond",
                       guide_version=guides.version, themes=themes)
        session.add(round_)
        session.flush()
        round_ids.append(round_.id)
        order = towns[:]
        rng.shuffle(order)
        pairs = [order[i:i + 2] for i in range(0, len(order) - 1, 2)]
        start = datetime(year, 1, 15, 9, tzinfo=timezone.utc)
        conversation_rows = [{"round_id": round_.id, "starts_at": start + timedelta(days=i % 150, hours=i % 6),
                              "duration_minutes": 120, "status": "vastgesteld", "calendar_uid": f"bench-{year}-{i}",
                              "calendar_sequence": 0, "created_at": stamp, "updated_at": stamp, "version": 1}
                             for i in range(len(pairs))]
        session.execute(insert(_table(Conversation)), conversation_rows)
        conversation_ids = list(session.scalars(select(Conversation.id).where(Conversation.round_id == round_.id)
                                                .order_by(Conversation.id)))
        session.execute(insert(conversation_municipality), [
            {"conversation_id": c, "municipality_id": m} for c, pair in zip(conversation_ids, pairs, strict=True)
            for m in pair])
        for conversation_id, pair in zip(conversation_ids, pairs, strict=True):
            for municipality_id in pair:
                given: dict[str, str] = {}
                for guide in guides:
                    for question in guide.questions:
                        if not question.is_shown(given) or rng.random() < 0.03:  # 3% left unanswered
                            continue
                        value = question.encode(_value(rng, question))
                        given[question.id] = value
                        answers.append({"conversation_id": conversation_id, "municipality_id": municipality_id,
                                        "question_id": question.id, "value": value, "guide_version": guide.version,
                                        "updated_by": "bench", "updated_at": stamp, "version": 1})
    session.execute(insert(_table(Answer)), answers)
    # Marks: lessons on open answers, some quotes with every kind of consent.
    open_ids = [q.id for g in guides for q in g.questions if q.type == "open"]
    rows = session.execute(select(Answer.id, Answer.value).where(Answer.question_id.in_(open_ids))).all()
    for answer_id, _value_text in rows:
        draw = rng.random()
        if draw < 0.25:
            marks.append({"answer_id": answer_id, "kind": "les", "passage": None, "consent": "niet_publiceren",
                          "created_by": "bench", "created_at": stamp})
        elif draw < 0.28:
            consent = rng.choice(("niet_publiceren", "anoniem", "met_naam"))
            marks.append({"answer_id": answer_id, "kind": "citaat", "passage": None, "consent": consent,
                          "speaker_name": "A. Burgemeester", "speaker_function": "burgemeester",
                          "created_by": "bench", "created_at": stamp})
    session.execute(insert(_table(Mark)), [dict({"speaker_name": None, "speaker_function": None}, **m)
                                             for m in marks])
    session.commit()
    return {"round_ids": round_ids, "conversations": len(round_ids) * len(towns) // 2, "answers": len(answers),
            "marks": len(marks), "municipalities": len(towns)}


def curate_and_publish(session, guides: GuideSet, round_id: int) -> None:
    """A curated, published latest round, as VNG would publish it."""
    round_ = session.get(Round, round_id)
    curation.save_round_curation(session, round_, curation.RoundCurationInput(
        "", "Digitale veiligheid is chefsache.", "Synthetische gegevens voor de prestatietest."), "bench", 0)
    for theme in round_.themes:
        guide = guides.theme(theme.number)
        passages = curation.theme_marks(session, guides, round_id, theme.number, "les")
        quotes = [m for m, reason in curation.quote_candidates(session, guides, round_id, theme.number) if not reason]
        curation.save_theme_curation(session, guides, round_, theme.number, curation.ThemeCurationInput(
            guide.recommendation, guide.findings, quotes[0].id if quotes else None, guide.practice_example.municipality,
            guide.practice_example.title, guide.practice_example.url or "", True), "bench", 0)
        for index, lesson in enumerate(LESSONS):
            chosen = passages[index::len(LESSONS)]
            if chosen:
                curation.add_lesson(session, guides, round_, theme.number, lesson, [m.id for m in chosen], "bench")
    publication.publish(session, guides, round_, "bench")


def _median(action, repeat: int) -> float:
    """Median wall time of `repeat` runs after a warm-up.

    Each run starts after a full garbage collection: otherwise a collection of the previous run's
    objects lands in whichever run happens to be next, and the figures jump by a factor of two.
    """
    action()  # warm-up: imports, SQLite page cache, compiled statements
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _baseline(session, round_ids, floor: bool = False) -> None:
    """Bare pandas: read the answers, count per (question, value).

    The baseline reads the aggregation's answer columns through the app's SQLAlchemy connection
    (pandas' documented path); floor=True reads only question and value from the sqlite3 DB-API
    connection underneath, the least pandas can read at all.
    """
    ids = ", ".join(str(int(r)) for r in round_ids)
    connection = session.connection()
    if floor:
        frame = pd.read_sql(FLOOR_SQL.text.format(ids=ids), connection.connection.driver_connection)
    else:
        frame = pd.read_sql(text(BASELINE_SQL.text.format(ids=ids)), connection)
    frame.groupby(["question_id", "value"]).size()


def _report_bytes(snapshot: dict) -> int:
    buffer = io.BytesIO()
    build_round_report(snapshot).save(buffer)
    return len(buffer.getvalue())


def run(rounds: int, repeat: int) -> int:
    with tempfile.TemporaryDirectory(prefix="visitatie-bench-") as folder:
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(Path(folder) / "instance"),
                          "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite"})
        # The figures are the output: one log line per timed request would bury them.
        logging.getLogger("visitatie.request").setLevel(logging.WARNING)
        with app.app_context():
            guides = current_guides()
            started = time.perf_counter()
            db.create_all()
            load_reference_data(db.session, guides, app.config["DATA_DIR"])
            counts = generate(db.session, guides, rounds)
            latest = counts["round_ids"][-1]
            curate_and_publish(db.session, guides, latest)
            create_user(db.session, *BENCH_LOGIN, "projectleider")
            setup = time.perf_counter() - started
            session = db.session
            one = _median(lambda: build_snapshot(session, guides, [latest]), repeat)
            every = _median(lambda: build_snapshot(session, guides, counts["round_ids"]), repeat)
            base_one = _median(lambda: _baseline(session, [latest]), repeat)
            base_every = _median(lambda: _baseline(session, counts["round_ids"]), repeat)
            floor_one = _median(lambda: _baseline(session, [latest], floor=True), repeat)
            floor_every = _median(lambda: _baseline(session, counts["round_ids"], floor=True), repeat)
            published = publication.latest(session, latest)
            if published is None:
                raise RuntimeError(f"round {latest} was not published")
            snapshot = published.snapshot
            report = _median(lambda: _report_bytes(snapshot), max(1, repeat // 2))
            tracemalloc.start()
            build_snapshot(session, guides, counts["round_ids"])
            traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            db.session.remove()
        client = app.test_client()
        page = _median(lambda: _get(client, f"/opbrengst/{latest}"), 20)
        client.post("/inloggen", data={"email": BENCH_LOGIN[0], "password": BENCH_LOGIN[1]})
        preview = _median(lambda: _get(client, f"/rondes/{latest}/opbrengst/voorbeeld"), repeat)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        with app.app_context():
            db.engine.dispose()
    rows = [
        ("aggregation, 1 round (end to end, incl. database read)", f"{one:.3f} s", ""),
        (f"aggregation, all {rounds} rounds (end to end, incl. database read)", f"{every:.3f} s",
         _target(every <= TARGETS["aggregate_all"], "≤ 1 s")),
        ("baseline: pandas.read_sql of the same answer rows + groupby, 1 round", f"{base_one:.3f} s", ""),
        (f"baseline: pandas.read_sql of the same answer rows + groupby, all {rounds} rounds", f"{base_every:.3f} s",
         ""),
        ("ratio aggregation / baseline, 1 round", f"{one / base_one:.2f}×", ""),
        (f"ratio aggregation / baseline, all {rounds} rounds", f"{every / base_every:.2f}×",
         _target(every / base_every <= TARGETS["ratio"], "≤ 3×")),
        ("floor: question and value only, raw sqlite3 + groupby, 1 round", f"{floor_one:.3f} s", ""),
        (f"floor: question and value only, raw sqlite3 + groupby, all {rounds} rounds", f"{floor_every:.3f} s", ""),
        ("ratio aggregation / floor, 1 round", f"{one / floor_one:.2f}×",
         _target(one / floor_one <= TARGETS["floor_ratio"], "≤ 2×")),
        (f"ratio aggregation / floor, all {rounds} rounds", f"{every / floor_every:.2f}×",
         _target(every / floor_every <= TARGETS["floor_ratio"], "≤ 2×")),
        ("opbrengst page, median of 20 requests (test client)", f"{page * 1000:.1f} ms",
         _target(page * 1000 <= TARGETS["page_ms"], "≤ 300 ms")),
        ("preview page for project leaders (aggregation + page), 1 round", f"{preview * 1000:.0f} ms", ""),
        ("Word report of the latest round (build + save)", f"{report:.3f} s",
         _target(report <= TARGETS["report"], "≤ 5 s")),
        ("peak memory, whole process (resource.getrusage ru_maxrss)", f"{rss_mb:.0f} MB",
         _target(rss_mb <= TARGETS["memory_mb"], "≤ 400 MB")),
        (f"peak Python allocations, aggregation of {rounds} rounds (tracemalloc)", f"{traced_peak:.0f} MB", ""),
    ]
    print(f"visitatie bench: {counts['municipalities']} municipalities, {rounds} rounds, "
          f"{counts['conversations']} conversations, {counts['answers']:,} answers, {counts['marks']:,} marks "
          f"(set-up {setup:.1f} s; medians of {repeat} runs after a warm-up)")
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':>10}  target")
    print("-" * (width + 30))
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:>10}  {target}")
    missed = [r[0] for r in rows if r[2].startswith("MISSED")]
    return 1 if missed else 0


def _get(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} gave {response.status_code}")


def _target(met: bool, target: str) -> str:
    return f"{'met' if met else 'MISSED'} ({target})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="yearly rounds to generate (default 5)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measure (default 7)")
    args = parser.parse_args(argv)
    return run(args.rounds, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
