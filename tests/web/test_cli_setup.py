"""The set-up commands: import-gemeenten, demo and create-user, against a real database."""
from sqlalchemy import func, select

from visitatie.demo.answers import OPEN_ANSWERS
from visitatie.demo.gespreksronde import DEMO_TITLE
from visitatie.extensions import db
from visitatie.models import Answer, Conversation, Mark, Municipality, Round, User
from visitatie.models.opbrengst import Publication, ThemeCuration

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
        assert haarlem.population == 162902 and haarlem.population_class == "150000-250000"
    assert count(app, Municipality) == 342


def test_a_bad_file_imports_nothing_and_names_file_and_line(app, runner, tmp_path):
    csv = tmp_path / "slecht.csv"
    csv.write_text(HEADER + "GM0392,Haarlem,Noord-Holland,VR12,Kennemerland,162902,2024\n"
                   "GM9999,Nieuwstad,Atlantis,VR12,Kennemerland,,2024\n", encoding="utf-8")
    result = runner.invoke(args=["import-gemeenten", str(csv)])
    assert result.exit_code == 1
    assert f"{csv}: 1 fout, niets geïmporteerd" in result.output
    assert "regel 3: onbekende provincie 'Atlantis'" in result.output
    with app.app_context():
        haarlem = db.session.scalar(select(Municipality).where(Municipality.code == "GM0392"))
        assert haarlem.population == 167_636  # CBS figure kept: the good row before the bad one was not applied either
    assert count(app, Municipality) == 342



def test_import_reads_a_dutch_excel_file_and_refuses_a_workbook(app, runner, tmp_path):
    csv = tmp_path / "excel.csv"  # ';', Windows-1252, CRLF, an empty column and line from Excel
    csv.write_bytes(b"Code;Naam;Provincie;Veiligheidsregio_code;Veiligheidsregio;Inwoners;Bron_jaar;\r\n"
                    b"GM1900;S\xfadwest-Frysl\xe2n;Friesland;VR02;Frysl\xe2n;90867;2024;\r\n\r\n")
    result = runner.invoke(args=["import-gemeenten", str(csv)])
    assert result.exit_code == 0, result.output
    assert "0 nieuw, 1 gewijzigd, 0 ongewijzigd" in result.output
    with app.app_context():
        fryslan = db.session.scalar(select(Municipality).where(Municipality.code == "GM1900"))
        assert (fryslan.name, fryslan.population) == ("Súdwest-Fryslân", 90867)
    workbook = tmp_path / "gemeenten.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + bytes(60))
    result = runner.invoke(args=["import-gemeenten", str(workbook)])
    assert result.exit_code == 1
    assert f"{workbook}: 1 fout, niets geïmporteerd" in result.output
    assert "Dit is geen CSV-bestand (het is een Excel-werkmap (.xlsx)" in result.output

def test_demo_loads_once_with_answers_and_marks(app, runner):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0 and "aangemaakt met 5 gesprekken" in first.output
    answers, marks = count(app, Answer), count(app, Mark)
    second = runner.invoke(args=["demo"])
    assert "bestaat al; niets gewijzigd" in second.output
    # The demo gespreksronde and the demo visitatieronde with its pilot (visitatie/demo/visits.py).
    assert count(app, Round) == 3 and count(app, Answer) == answers and count(app, Mark) == marks
    with app.app_context():
        round_ = db.session.scalar(select(Round).where(Round.title == DEMO_TITLE))
        first_conversation = round_.conversations[0]
        assert first_conversation.title == "Haarlem – Maastricht"
        assert first_conversation.gespreksleider.person.name == "Anna Verhoef"
        assert {c.status for c in round_.conversations} == {"vastgesteld", "gehouden", "gepland"}
        held = [c for c in round_.conversations if c.status != "gepland"]
        assert db.session.scalar(select(func.count(func.distinct(Answer.conversation_id)))) == len(held)
        assert db.session.scalar(select(func.count()).select_from(Conversation)
                                 .where(Conversation.round_id == round_.id)) == 5
    assert answers > 200 and marks > 0


def test_demo_publishes_a_curated_opbrengst_without_the_answers(app, runner, client):
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 0  # still one publication
    with app.app_context():
        round_ = db.session.scalar(select(Round).where(Round.title == DEMO_TITLE))
        publications = db.session.scalars(select(Publication).where(Publication.round_id == round_.id)).all()
        assert [p.version for p in publications] == [1]
        snapshot = publications[0].snapshot
        assert snapshot["main_lesson"].startswith("Digitale veiligheid is chefsache")
        chosen = db.session.scalars(select(Mark).join(ThemeCuration, ThemeCuration.quote_mark_id == Mark.id)).all()
        assert chosen and {m.consent for m in chosen} <= {"met_naam", "anoniem"}
        # An anonymous speaker is published by role only.
        speakers = [t["quote"]["speaker"] for t in snapshot["themes"] if t.get("quote")]
        assert "een adviseur OOV" in speakers
        round_id = round_.id
    page = client.get(f"/opbrengst/{round_id}").get_data(as_text=True)
    assert "chefsache" in page and "Wat je niet opslaat, kan ook niet lekken" in page
    # Which municipalities took part is public (as in the magazine); their own answers are not.
    assert "Maastricht" in page
    for answer in OPEN_ANSWERS["leiderschap.publieke_waarden"] + OPEN_ANSWERS["europa.impact_nodig"]:
        assert answer not in page


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


def test_the_demo_pairs_with_the_real_cbs_figures(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        round_id = db.session.scalar(select(Round.id).where(Round.title == DEMO_TITLE))
    result = runner.invoke(args=["suggest-pairs", str(round_id)])
    # Waiting in the demo: Zwolle 133 141, Venlo 103 789, Amersfoort 161 852 (CBS, 1 January 2024).
    assert "Zwolle – Venlo" in result.output
    assert "Vergelijkbaar van omvang: beide 100.000–150.000 inwoners (bron: CBS)." in result.output
    assert "Zonder partner: Amersfoort" in result.output
