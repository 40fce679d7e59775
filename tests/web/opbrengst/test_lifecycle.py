"""Retention, purge and erasure: the commands and the project leader's pages delete what they
say, leave no trace of the text, name or e-mail in the database file (also after VACUUM), keep
the published versions, and record that they ran (counts only)."""
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select, text, update

from tests import factories
from visitatie.conversations import invitations
from visitatie.extensions import db
from visitatie.lifecycle import purge
from visitatie.models import Answer, AnswerRevision, Conversation, Mark, Person, Round
from visitatie.models.invitations import Invitation
from visitatie.models.opbrengst import Publication
from visitatie.models.security import SecurityEvent

SECRET_ANSWER = "Geheime zwakte XQ-17: de back-up staat op hetzelfde netwerk"
OLD_ANSWER = "Eerdere versie QZ-88 met het wachtwoord op een briefje"
NAME, EMAIL = "Testa Wisvrouw", "testa.wisvrouw@example.org"


@pytest.fixture
def victim(app, published):
    """A participant of a demo conversation with an answer (and its earlier version) and a quote."""
    with app.app_context():
        conversation = db.session.scalars(select(Conversation).where(Conversation.round_id == published)
                                          .order_by(Conversation.id)).first()
        municipality = conversation.municipalities[0]
        participation = factories.participant(db.session, conversation, "ciso", municipality, name=NAME, email=EMAIL,
                                              function="CISO")
        person = participation.person
        invitations.issue(db.session, participation, 30, datetime.now(timezone.utc))
        answer = db.session.scalar(select(Answer).where(Answer.conversation_id == conversation.id,
                                                        Answer.municipality_id == municipality.id,
                                                        Answer.question_id == "leiderschap.eigenaarschap"))
        if answer is None:
            answer = factories.answer(db.session, conversation, municipality, "leiderschap.eigenaarschap", "",
                                      updated_by=NAME)
        db.session.add(AnswerRevision(answer_id=answer.id, version=answer.version, value=OLD_ANSWER,
                                      changed_by=NAME, changed_at=datetime.now(timezone.utc)))
        answer.value, answer.updated_by, answer.version = SECRET_ANSWER, NAME, answer.version + 1
        db.session.add(Mark(answer_id=answer.id, kind="citaat", passage=SECRET_ANSWER, speaker_name=NAME.upper(),
                            speaker_function="CISO", consent="met_naam", created_by=NAME))
        db.session.commit()
        return {"round": published, "person": person.id, "participation": participation.id,
                "conversation": conversation.id}


def file_bytes(database) -> bytes:
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def assert_no_trace(app, database, *needles: str) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # every connection closed: what is on disk is all there is
    content = file_bytes(database).lower()
    for needle in needles:
        assert needle.lower().encode() not in content, needle
    with app.app_context():  # and VACUUM brings nothing back from free pages
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM"))
        db.engine.dispose()
    content = file_bytes(database).lower()
    for needle in needles:
        assert needle.lower().encode() not in content, needle


def test_the_needles_are_in_the_file_before(app, database, victim):
    with app.app_context():
        db.engine.dispose()
    content = file_bytes(database).lower()
    assert SECRET_ANSWER.lower().encode() in content and EMAIL.encode() in content


def test_purge_dry_run_prints_what_would_go_and_changes_nothing(app, runner, victim):
    with app.app_context():
        before = purge.plan(db.session, db.session.get(Round, victim["round"]))
    result = runner.invoke(args=["purge-round", str(victim["round"]), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"{before.answers:>6}  antwoorden" in result.output
    assert f"{before.people:>6}  personen (naam, e-mail, functie)" in result.output
    assert before.answers > 0 and before.revisions >= 1 and before.invitations >= 1
    with app.app_context():
        assert purge.plan(db.session, db.session.get(Round, victim["round"])) == before
        assert db.session.scalar(select(func.count()).select_from(SecurityEvent)
                                 .where(SecurityEvent.kind == "purge")) == 0  # a dry run records no purge


def test_purge_round_leaves_no_trace_keeps_publications_and_records_counts(app, runner, client, database, victim):
    with app.app_context():
        snapshot = db.session.scalar(select(Publication.snapshot).where(Publication.round_id == victim["round"]))
    result = runner.invoke(args=["purge-round", str(victim["round"])])
    assert result.exit_code == 0, result.output
    with app.app_context():
        round_ = db.session.get(Round, victim["round"])
        assert round_.purged_at is not None
        conversations = select(Conversation.id).where(Conversation.round_id == round_.id)
        assert db.session.scalar(select(func.count()).select_from(Answer)
                                 .where(Answer.conversation_id.in_(conversations))) == 0
        assert db.session.get(Person, victim["person"]) is None
        assert db.session.scalar(select(Publication.snapshot).where(Publication.round_id == round_.id)) == snapshot
        event = db.session.scalar(select(SecurityEvent).where(SecurityEvent.kind == "purge"))
        assert event.round_id == round_.id and "answers=" in event.detail and NAME not in event.detail
    assert_no_trace(app, database, SECRET_ANSWER, OLD_ANSWER, NAME, EMAIL)
    # The public pages read the published version and still render.
    assert client.get("/opbrengst").status_code == 200
    page = client.get(f"/opbrengst/{victim['round']}")
    assert page.status_code == 200 and "Digitale veiligheid is chefsache." in page.get_data(as_text=True)
    assert client.get("/visitaties/landelijk-beeld").status_code == 200


def test_purge_expired_applies_the_retention_setting(app, runner, victim):
    with app.app_context():
        round_ = db.session.get(Round, victim["round"])
        published_on = purge.retention_start(db.session, round_)
        assert purge.expires_on(db.session, round_) == date(published_on.year + 1, published_on.month,
                                                            published_on.day)
        assert victim["round"] not in [r.id for r in purge.expired_rounds(db.session, published_on)]
        round_.retention_months = 1
        db.session.commit()
        assert victim["round"] in [r.id for r in purge.expired_rounds(db.session, date(2999, 1, 1))]
    result = runner.invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    # The demo visitatieronde was never published and ended in 2024: expired; this round was published today.
    assert f"Ronde {victim['round']} opgeschoond" not in result.output and "opgeschoond" in result.output
    with app.app_context():
        # Published long ago (a Core UPDATE: the ORM refuses to change a publication, as it should).
        db.session.execute(update(Publication).where(Publication.round_id == victim["round"])
                           .values(published_at=datetime(2020, 1, 1, tzinfo=timezone.utc)))
        db.session.commit()
    result = runner.invoke(args=["purge-expired"])
    assert f"Ronde {victim['round']} opgeschoond" in result.output
    with app.app_context():
        assert db.session.get(Round, victim["round"]).purged_at is not None


def test_erase_person_removes_name_email_function_authorship_links_and_quotes(app, runner, database, victim):
    result = runner.invoke(args=["erase-person", EMAIL.upper(), "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 citaten ingetrokken" in result.output
    with app.app_context():
        person = db.session.get(Person, victim["person"])
        assert (person.name, person.email, person.function) == ("verwijderde deelnemer", None, None)
        mark = db.session.scalar(select(Mark).where(Mark.created_by == "verwijderde deelnemer"))
        assert (mark.consent, mark.speaker_name, mark.speaker_function) == ("niet_publiceren", None, None)
        assert all(i.revoked_at is not None for i in db.session.scalars(
            select(Invitation).where(Invitation.participation_id == victim["participation"])))
        revision = db.session.scalar(select(AnswerRevision).where(AnswerRevision.value == OLD_ANSWER))
        assert revision.changed_by == "verwijderde deelnemer"
        event = db.session.scalar(select(SecurityEvent).where(SecurityEvent.kind == "erasure"))
        assert "citaten=1" in event.detail and EMAIL not in event.detail and NAME not in event.detail
    assert_no_trace(app, database, NAME, EMAIL)
    result = runner.invoke(args=["erase-person", EMAIL, "--yes"])
    assert result.exit_code == 1 and "geen deelnemer" in result.output


def test_project_leader_pages_purge_and_erase_only_after_confirmation(app, client, auth, database, victim):
    auth.as_projectleider()
    page = client.get(f"/planning/rondes/{victim['round']}/gegevens")
    assert page.status_code == 200 and "Definitief verwijderen" in page.get_data(as_text=True)
    assert client.post(f"/planning/rondes/{victim['round']}/bewaartermijn",
                       data={"retention_months": "0"}).status_code == 400
    assert client.post(f"/planning/rondes/{victim['round']}/bewaartermijn",
                       data={"retention_months": "24"}).status_code == 302
    erase_url = f"/planning/deelnames/{victim['participation']}/wissen"
    wrong = client.post(erase_url, data={"email": "iemand@example.org"})
    assert wrong.status_code == 400 and "er is niets gewist" in wrong.get_data(as_text=True)
    assert client.post(erase_url, data={"email": EMAIL}).status_code == 302
    wrong = client.post(f"/planning/rondes/{victim['round']}/opschonen", data={"confirmation": "ja"})
    assert wrong.status_code == 400 and "er is niets verwijderd" in wrong.get_data(as_text=True)
    with app.app_context():
        round_ = db.session.get(Round, victim["round"])
        assert round_.retention_months == 24 and round_.purged_at is None
    assert client.post(f"/planning/rondes/{victim['round']}/opschonen",
                       data={"confirmation": "Verwijderen"}).status_code == 302
    with app.app_context():
        assert db.session.get(Round, victim["round"]).purged_at is not None
        kinds = [e.kind for e in db.session.scalars(select(SecurityEvent).order_by(SecurityEvent.id))]
        assert [kind for kind in kinds if kind in ("erasure", "purge")] == ["erasure", "purge"]
    assert_no_trace(app, database, SECRET_ANSWER, NAME, EMAIL)
