"""The conversation form: every planning rule with its Dutch message, the input kept (400),
concurrent edits detected (409, nothing overwritten), status changes with their history."""
import re

import pytest

from visitatie.extensions import db
from visitatie.models import Conversation

from .conftest import conversation_form


def post_new(client, round_id, **overrides):
    return client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form(**overrides))


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


@pytest.fixture
def planned(client, auth, round_id):
    """Haarlem – Maastricht on 15 April 2025 14:00, led by Pieter Dekker (Breda)."""
    auth.as_projectleider()
    response = post_new(client, round_id)
    assert response.status_code == 302, text(response)[:2000]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_conversation_is_planned_and_shown(app, client, planned, round_id):
    page = client.get(f"/planning/gesprekken/{planned}").get_data(as_text=True)
    assert "Het gesprek Haarlem – Maastricht is opgeslagen." in page
    assert 'value="Pieter Dekker"' in page and 'value="2025-04-15"' in page and 'value="14:00"' in page
    dashboard = client.get(f"/rondes/{round_id}").get_data(as_text=True)
    assert "Haarlem – Maastricht" in dashboard and "Pieter Dekker (Breda)" in dashboard
    with app.app_context():
        conversation = db.session.get(Conversation, planned)
        assert [(p.role, p.person.name) for p in conversation.participations] == [
            ("gespreksleider", "Pieter Dekker"), ("burgemeester", "Jos Wiersma")]


RULES = [
    ({"municipality_1": "GM0392", "municipality_2": "GM0828"}, "Haarlem doet in deze ronde al mee aan het gesprek "
     "Haarlem – Maastricht (15 april 2025 14:00). Vink ‘toch toestaan’ aan als dat de bedoeling is."),
    ({"leader_municipality": "Oss"}, "De gespreksleider Pieter Dekker komt uit Oss, dat zelf aan dit gesprek "
     "deelneemt. Kies een burgemeester van een andere gemeente."),
    ({"day": "2025-07-01"}, "1 juli 2025 valt buiten de periode van de ronde (1 maart 2025 tot en met 30 juni 2025)."),
    ({"day": "2025-04-15", "time": "15:00"}, "Pieter Dekker is dan al ingepland: Haarlem – Maastricht "
     "(Gespreksronde 2025), 15 april 2025 14:00–16:00."),
    ({"municipality_2": ""}, "Kies minstens twee verschillende gemeenten voor een gesprek."),
    ({"participants-0-municipality": "Breda"}, "Jos Wiersma is burgemeester en moet bij een van de gemeenten van "
     "dit gesprek horen (Delft, Oss)."),
    ({"online_url": "ftp://meet.example/x"}, "De link voor online deelname moet met https:// beginnen."),
]


@pytest.mark.parametrize("overrides, message", RULES)
def test_each_rule_has_a_clear_dutch_message_and_the_input_is_kept(client, planned, round_id, overrides, message):
    # A second conversation, Delft – Oss by default, that breaks exactly one rule.
    data = {"municipality_1": "GM0503", "municipality_2": "GM0828", "day": "2025-05-20",
            "participants-0-municipality": "Delft", "place": "Gemeentehuis Oss – zaal 2", **overrides}
    response = post_new(client, round_id, **data)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert "Het formulier is nog niet opgeslagen." in page
    assert 'value="Gemeentehuis Oss – zaal 2"' in page
    assert 'value="Jos Wiersma"' in page and 'value="p.dekker@breda.example"' in page


def test_toch_toestaan_lets_a_municipality_take_part_twice(app, client, planned, round_id):
    data = {"municipality_1": "GM0392", "municipality_2": "GM0828", "day": "2025-05-20",
            "leader_email": "andere@leider.example", "participants-0-email": "tweede@haarlem.example"}
    assert post_new(client, round_id, **data).status_code == 400
    assert post_new(client, round_id, allow_repeat="y", **data).status_code == 302
    with app.app_context():
        assert db.session.query(Conversation).count() == 2


def test_form_level_checks_keep_the_input(client, auth, round_id):
    auth.as_projectleider()
    response = post_new(client, round_id, time="", leader_email="", **{"participants-1-name": "Alleen naam",
                                                                       "participants-0-email": "geen-adres"})
    assert response.status_code == 400
    page = text(response)
    assert "Vul datum én begintijd in" in page
    assert "Vul naam én e-mailadres van de gespreksleider in." in page
    assert "Vul naam én e-mailadres in, of laat de regel leeg." in page
    assert 'value="Alleen naam"' in page and 'value="geen-adres"' in page


def test_unknown_municipality_name_is_reported(client, auth, round_id):
    auth.as_projectleider()
    response = post_new(client, round_id, leader_municipality="Bredaa")
    assert response.status_code == 400
    assert "Onbekende gemeente ‘Bredaa’; kies een naam uit de lijst." in text(response)


def test_add_row_shows_one_more_row_without_saving(app, client, auth, round_id):
    auth.as_projectleider()
    response = post_new(client, round_id, add_row="1")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="participants-2-name"' in page and 'value="Jos Wiersma"' in page
    with app.app_context():
        assert db.session.query(Conversation).count() == 0


def test_a_stale_save_is_refused_with_both_versions_and_a_second_save_keeps_mine(app, client, planned):
    url = f"/planning/gesprekken/{planned}"
    page = client.get(url).get_data(as_text=True)
    version = page.split('id="version" name="version" type="hidden" value="')[1].split('"')[0]
    first = client.post(url, data=conversation_form(version=version, place="Raadzaal"))
    assert first.status_code == 302
    stale = client.post(url, data=conversation_form(version=version, place="Burgerzaal"))
    assert stale.status_code == 409
    page = text(stale)
    assert "Iemand anders heeft dit gesprek intussen gewijzigd." in page
    assert "Plaats: Raadzaal" in page  # what is saved now
    assert 'value="Burgerzaal"' in page  # what I typed
    with app.app_context():
        assert db.session.get(Conversation, planned).place == "Raadzaal"
    current = page.split('id="version" name="version" type="hidden" value="')[1].split('"')[0]
    assert client.post(url, data=conversation_form(version=current, place="Burgerzaal")).status_code == 302
    with app.app_context():
        assert db.session.get(Conversation, planned).place == "Burgerzaal"


def test_reschedule_and_status_changes_are_in_the_history(app, client, planned):
    url = f"/planning/gesprekken/{planned}"
    version = client.get(url).get_data(as_text=True).split('name="version" type="hidden" value="')[1].split('"')[0]
    assert client.post(url, data=conversation_form(version=version, day="2025-04-22", time="09:30")).status_code == 302
    with app.app_context():
        version = str(db.session.get(Conversation, planned).version)
    response = client.post(f"{url}/status", data={"status": "geannuleerd", "reason": "ziekte", "version": version})
    assert response.status_code == 302
    page = text(client.get(url))
    assert "Status gewijzigd in ‘geannuleerd’." in page
    assert "15 april 2025, 14.00 uur (120 minuten)" in page and "22 april 2025, 09.30 uur (120 minuten)" in page
    assert "ziekte" in page and "Test Projectleider" in page
    with app.app_context():
        conversation = db.session.get(Conversation, planned)
        assert conversation.status == "geannuleerd"
        assert conversation.calendar_sequence == 2  # reschedule + cancellation


def test_a_forbidden_status_change_says_why(client, planned):
    response = client.post(f"/planning/gesprekken/{planned}/status", data={"status": "vastgesteld"})
    assert response.status_code == 302
    page = text(client.get(f"/planning/gesprekken/{planned}"))
    assert "Van ‘gepland’ kan een gesprek niet naar ‘verslag vastgesteld’." in page


def test_unknown_round_or_conversation_is_404(client, auth):
    auth.as_projectleider()
    assert client.get("/planning/rondes/999/gesprekken/nieuw").status_code == 404
    assert client.get("/planning/gesprekken/999").status_code == 404


def test_a_municipality_with_recorded_answers_stays_in_the_conversation(app, client, planned):
    from tests.factories import answer

    with app.app_context():
        answer(db.session, db.session.get(Conversation, planned), "Maastricht", "leiderschap.ivp", "nee",
               updated_by="Jos Wiersma")
        db.session.commit()
    url = f"/planning/gesprekken/{planned}"
    version = client.get(url).get_data(as_text=True).split(
        'id="version" name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(url, data=conversation_form(version=version, municipality_2="GM0503"))  # Delft
    assert response.status_code == 400
    assert ("Maastricht kan niet meer uit dit gesprek: er zijn al antwoorden van deze gemeente vastgelegd."
            in text(response))
    assert re.search(r'<option[^>]*selected[^>]*value="GM0503"|<option[^>]*value="GM0503"[^>]*selected',
                     response.get_data(as_text=True))  # Delft, as typed, is still chosen
    with app.app_context():
        assert [m.name for m in db.session.get(Conversation, planned).municipalities] == ["Haarlem", "Maastricht"]
