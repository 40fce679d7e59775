"""The set-up commands: import-gemeenten, demo and create-user, against a real database."""
from sqlalchemy import func, select

from visitatie.demo import DEMO_TITLE
from visitatie.extensions import db
from visitatie.models import Answer, Conversation, Mark, Municipality, Round, User

HEADER = "code,naam,provincie,veiligheidsregio_code,veiligheidsregio,inwoners,bron_jaar\n"


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_import_updates_and_keeps_the_rest(app, runner, tmp_path):
    csv = tmp_path / "update.csv"
    csv.write_text(HEADER + "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,162902,2024\n", encoding="utf-8")
    result = runner.invoke(args=["import-gemeenten", str(csv)])
    assert result.exit_code == 0, result.output
    assert "0 nieuw, 1 gewijzigd, 0 ongewijzigd" in result.output
    with app.app_context():
        haarlem = db.session.scalar(select(Municipality).where(Municipality.code == "GM0392"))
        assert haarlem.population == 162902 and haarlem.population_class == "zeer_groot"
    assert count(app, Municipality) == 342


def test_a_bad_file_imports_nothing_and_names_file_and_line(app, runner, tmp_path):
    csv = tmp_path / "slecht.csv"
    csv.write_text(HEADER + "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,162902,2024\n"
                   "GM9999,Nieuwstad,Atlantis,VR12,Kennemerland,,2024\n", encoding="utf-8")
    result = runner.invoke(args=["import-gemeenten", str(csv)])
    assert result.exit_code == 1
    assert f"{csv}: 1 fout(en), niets geïmporteerd" in result.output
    assert "regel 3: onbekende provincie 'Atlantis'" in result.output
    with app.app_context():
        haarlem = db.session.scalar(select(Municipality).where(Municipality.code == "GM0392"))
        assert haarlem.population is None  # the good row before the bad one was not applied either
    assert count(app, Municipality) == 342


def test_demo_loads_once_with_answers_and_marks(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0 and "aangemaakt met 5 gesprekken" in first.output
    answers, marks = count(app, Answer), count(app, Mark)
    second = runner.invoke(args=["demo"])
    assert "bestaat al; niets gewijzigd" in second.output
    # The demo gespreksronde and the demo visitatieronde with its pilot (visitatie/visits/demo.py).
    assert count(app, Round) == 3 and count(app, Answer) == answers and count(app, Mark) == marks
    with app.app_context():
        round_ = db.session.scalar(select(Round).where(Round.title == DEMO_TITLE))
        first_conversation = round_.conversations[0]
        assert first_conversation.title == "Haarlem – Maastricht"
        assert first_conversation.gespreksleider.person.name == "Paul Depla"
        assert {c.status for c in round_.conversations} == {"vastgesteld", "gehouden", "gepland"}
        held = [c for c in round_.conversations if c.status != "gepland"]
        assert db.session.scalar(select(func.count(func.distinct(Answer.conversation_id)))) == len(held)
        assert db.session.scalar(select(func.count()).select_from(Conversation).where(Conversation.round_id == round_.id)) == 5
    assert answers > 200 and marks > 0


def test_create_user_hashes_the_password(app, runner):
    result = runner.invoke(args=["create-user", "Anna@Example.org", "--role", "projectleider"],
                           input="een-lang-wachtwoord\neen-lang-wachtwoord\n")
    assert result.exit_code == 0, result.output
    assert "Account anna@example.org aangemaakt met rol projectleider" in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "anna@example.org"))
        assert user.password_hash.startswith("scrypt:")
        assert "een-lang-wachtwoord" not in user.password_hash
    again = runner.invoke(args=["create-user", "anna@example.org"], input="een-lang-wachtwoord\neen-lang-wachtwoord\n")
    assert again.exit_code == 1 and "bestaat al" in again.output


def test_create_user_refuses_a_short_password(runner):
    result = runner.invoke(args=["create-user", "kort@example.org"], input="kort\nkort\n")
    assert result.exit_code == 1 and "minstens 12 tekens" in result.output
