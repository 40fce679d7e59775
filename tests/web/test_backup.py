"""`flask backup`: a consistent online copy made with SQLite's backup API while participants keep
saving. Every save acknowledged before the backup began is in the copy (as the current answer or
as one of its earlier versions), the copy passes integrity_check and its row counts match."""
import sqlite3
import threading
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from visitatie.conversations.answers import Change, save_answer
from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.lifecycle.backup import backup_sqlite, pg_dump_command
from visitatie.models import Answer, Conversation

SAVES_PER_WRITER = 40


def _slots(app, demo):
    """(conversation id, municipality id, question) for writers that never touch the same answer."""
    with app.app_context():
        guides = current_guides()
        questions = [q for q in guides.by_number(1).questions if q.type == "open" and q.condition is None][:2]
        conversation = db.session.scalars(select(Conversation).where(
            Conversation.round_id == demo, Conversation.status.in_(("gepland", "gehouden")))).first()
        return guides, [(conversation.id, m.id, q) for m in conversation.municipalities for q in questions]


def test_backup_during_concurrent_saves_holds_every_acknowledged_save(app, demo, database, tmp_path):
    guides, slots = _slots(app, demo)
    with app.app_context():
        engine = db.engine
    # when, conversation, municipality, q, version, value
    acknowledged: list[tuple[float, int, int, str, int, str]] = []
    lock, errors = threading.Lock(), []

    def write(conversation_id, municipality_id, question):
        try:
            with Session(engine) as session:
                version = session.scalar(select(Answer.version).where(
                    Answer.conversation_id == conversation_id, Answer.municipality_id == municipality_id,
                    Answer.question_id == question.id)) or 0
                for n in range(SAVES_PER_WRITER):
                    conversation = session.get(Conversation, conversation_id)
                    value = f"opslag {municipality_id}-{question.id}-{n}"
                    answer = save_answer(session, conversation, municipality_id, Change(question, value, version),
                                         "Schrijver", guides)
                    version = answer.version
                    with lock:
                        acknowledged.append((time.monotonic(), conversation_id, municipality_id, question.id,
                                             version, value))
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)

    threads = [threading.Thread(target=write, args=slot) for slot in slots]
    for thread in threads:
        thread.start()
    while len(acknowledged) < len(slots) * SAVES_PER_WRITER // 3 and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    started = time.monotonic()
    report = backup_sqlite(database, tmp_path / "kopie.sqlite")
    for thread in threads:
        thread.join()
    assert errors == []
    assert report.integrity == "ok" and report.counts["answer"] >= len(slots)

    before = [a for a in acknowledged if a[0] < started]
    after = [a for a in acknowledged if a[0] >= started]
    assert before and after, "the backup ran while saves went on"
    copy = sqlite3.connect(tmp_path / "kopie.sqlite")
    stored = set(copy.execute("SELECT conversation_id, municipality_id, question_id, version, value FROM answer"))
    stored |= set(copy.execute(
        "SELECT a.conversation_id, a.municipality_id, a.question_id, r.version, r.value "
        "FROM answer_revision r JOIN answer a ON a.id = r.answer_id"))
    copy.close()
    missing = [a for a in before if a[1:] not in stored]
    assert missing == []


def test_backup_command_verifies_and_refuses_to_overwrite(runner, tmp_path):
    out = tmp_path / "reserve.sqlite"
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "integriteitscontrole ok" in result.output and "gelijk aan de bron" in result.output
    with sqlite3.connect(out) as copy:
        assert copy.execute("SELECT count(*) FROM municipality").fetchone()[0] == 342
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 1 and "bestaat al" in result.output


def test_postgres_gets_the_pg_dump_command_without_the_password(tmp_path):
    command = pg_dump_command("postgresql+psycopg://vng:geheim@db.example.org:5433/visitatie", tmp_path / "x.dump")
    assert command == f"pg_dump --format=custom --file={tmp_path / 'x.dump'} --host=db.example.org --port=5433 " \
                      "--username=vng visitatie"
    assert "geheim" not in command
