"""`make bench`, second part: planning a national round from the register and the pool.

On a temporary SQLite database with the 342 municipalities: import a contacts register (three
roles for every municipality, as VNG's list comes), enrol all 342 with a self-scan, propose the
pairs, accept all 171 at once (participants from the register), fill in date, time and place of
every conversation in the downloaded planning spreadsheet and import it (preview, then save),
then propose and assign a gespreksleider from a pool of 40 for every conversation. Prints the
time of each step; the target is that the whole round is planned in well under a minute.

    python -m visitatie.planning_bench
"""
from __future__ import annotations

import io
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from .. import create_app
from ..bootstrap import load_reference_data
from ..extensions import db
from ..guides.registry import current_guides
from ..models import Conversation, Municipality, Participation, Round, Theme
from ..scheduling.contacts import import_contacts
from ..scheduling.enrolment import import_self_scan
from ..scheduling.leader_assignment import assign_leaders, propose_leaders
from ..scheduling.leader_pool import import_pool
from ..scheduling.pairing import accept_pairs, suggest_pairs
from ..scheduling.planning_sheet import HEADERS, import_planning, planning_xlsx

SEED = 20250301
POOL_SIZE, POOL_MAXIMUM = 40, 5
TARGET_SECONDS = 60.0
ROLES = ("burgemeester", "ciso", "adviseur_oov")


def _contacts_csv(towns: list[Municipality]) -> bytes:
    lines = ["gemeente;rol;naam;functie;email"]
    for town in towns:
        slug = town.code.lower()
        for role in ROLES:
            lines.append(f"{town.code};{role};{role.replace('_', ' ').title()} {town.name};;{role}@{slug}.example.org")
    return "\r\n".join(lines).encode("utf-8")


def _self_scan_csv(towns: list[Municipality], rng: random.Random) -> bytes:
    lines = ["code;thema_1;thema_2;thema_3;thema_4;thema_5"]
    lines += [";".join([town.code] + [str(rng.randint(1, 5)) for _ in range(5)]) for town in towns]
    return "\r\n".join(lines).encode("utf-8")


def _pool_csv(towns: list[Municipality], rng: random.Random, start: date) -> bytes:
    lines = ["naam;email;gemeente;maximum;niet_beschikbaar"]
    for town in rng.sample(towns, POOL_SIZE):
        days = " ".join((start + timedelta(days=rng.randint(0, 110))).isoformat() for _ in range(3))
        lines.append("Cyberburgemeester "
                     f"{town.name};leider@{town.code.lower()}.example.org;{town.code};{POOL_MAXIMUM};{days}")
    return "\r\n".join(lines).encode("utf-8")


def _schedule(content: bytes, start: date) -> bytes:
    """What the project leader types in Excel: two conversations a weekday, a place for each."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Planning"]
    column = {header: index + 1 for index, header in enumerate(HEADERS)}
    day, slot = start, 0
    for row in range(2, sheet.max_row + 1):
        while day.weekday() >= 5:
            day += timedelta(days=1)
        sheet.cell(row=row, column=column["Datum"], value=day.isoformat())
        sheet.cell(row=row, column=column["Begintijd"], value=("10:00", "14:30")[slot])
        towns = str(sheet.cell(row=row, column=column["Gemeenten"]).value).split(" – ")
        sheet.cell(row=row, column=column["Plaats"], value=f"Stadhuis {towns[0]}")
        slot = (slot + 1) % 2
        day += timedelta(days=1) if slot == 0 else timedelta()
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run() -> int:
    rng = random.Random(SEED)
    timings: list[tuple[str, float, str]] = []

    def step(label: str, action, note=lambda result: ""):
        started = time.perf_counter()
        result = action()
        db.session.commit()
        timings.append((label, time.perf_counter() - started, note(result)))
        return result

    with tempfile.TemporaryDirectory(prefix="visitatie-planning-bench-") as folder:
        app = create_app({"TESTING": True, "INSTANCE_PATH": str(Path(folder) / "instance"), "SECRET_KEY": "bench",
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite"})
        with app.app_context():
            db.create_all()
            load_reference_data(db.session, current_guides(), app.config["DATA_DIR"])
            session = db.session
            towns = list(session.scalars(select(Municipality).order_by(Municipality.code)))
            start = date(2025, 3, 3)
            round_ = Round(kind="gespreksronde", title="Landelijke gespreksronde 2025", period_start=start,
                           period_end=date(2025, 6, 30), guide_version=current_guides().version,
                           themes=list(session.scalars(select(Theme))))
            session.add(round_)
            session.commit()
            step("contacts register import (342 municipalities × 3 roles)",
                 lambda: import_contacts(session, _contacts_csv(towns), start, "contacten.csv"),
                 lambda r: f"{r.added} entries")
            step("self-scan import (342 municipalities)",
                 lambda: import_self_scan(session, round_, _self_scan_csv(towns, rng), "zelfscan.csv"),
                 lambda r: f"{r.enrolled} enrolled")
            step("gespreksleiders pool import", lambda: import_pool(session, round_, _pool_csv(towns, rng, start)),
                 lambda n: f"{n} volunteers, at most {POOL_MAXIMUM} each")
            proposal = step("pairing proposal (maximum-weight matching)", lambda: suggest_pairs(session, round_),
                            lambda p: f"{len(p.pairs)} pairs")
            pairs = [(session.get_one(Municipality, p.first.id), session.get_one(Municipality, p.second.id))
                     for p in proposal.pairs]
            step("bulk accept of every pair (participants from the register)",
                 lambda: accept_pairs(session, round_, pairs, "bench"),
                 lambda saved: f"{len(saved)} conversations")
            sheet = step("planning spreadsheet download (.xlsx)", lambda: planning_xlsx(session, round_),
                         lambda content: f"{len(content) // 1024} KiB")
            edited = _schedule(sheet, start)
            step("planning import, preview (every row checked, rolled back)",
                 lambda: import_planning(session, round_, edited, "bench", "planning.xlsx", save=False),
                 lambda r: f"{len(r.changed)} rows would change")
            step("planning import, save", lambda: import_planning(session, round_, edited, "bench", "planning.xlsx"),
                 lambda r: f"{len(r.changed)} rows saved")
            plan = step("gespreksleider proposal (minimum-cost flow)", lambda: propose_leaders(session, round_),
                        lambda p: f"{len(p.proposals)} proposed, {len(p.unassigned)} without")
            step("assign every proposed gespreksleider", lambda: assign_leaders(session, round_, plan, "bench"),
                 lambda n: f"{n} assigned")
            people = session.scalar(select(func.count()).select_from(Participation))
            dated = session.scalar(select(func.count()).select_from(Conversation)
                                   .where(Conversation.starts_at.is_not(None)))
            db.session.remove()
            db.engine.dispose()
    total = sum(t for _label, t, _note in timings)
    width = max(len(label) for label, _t, _n in timings)
    print(f"\nvisitatie planning bench: a national round of 342 municipalities ({dated} conversations dated, "
          f"{people} participations)")
    print(f"{'step':<{width}}  {'time':>9}  result")
    print("-" * (width + 40))
    for label, seconds, note in timings:
        print(f"{label:<{width}}  {seconds:>7.2f} s  {note}")
    met = total <= TARGET_SECONDS
    print(f"{'total':<{width}}  {total:>7.2f} s  {'met' if met else 'MISSED'} (≤ {TARGET_SECONDS:.0f} s)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(run())

