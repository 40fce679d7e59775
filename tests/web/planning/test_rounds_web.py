"""Creating and editing rounds in the browser-less client: validation keeps the input, a stale
save is refused, the list offers "Nieuwe ronde"."""
from visitatie.extensions import db
from visitatie.models import Round


def round_form(**overrides):
    data = {"title": "Gespreksronde 2025", "kind": "gespreksronde", "period_start": "2025-03-01",
            "period_end": "2025-06-30", "themes": ["1", "3", "5"], "guide_version": "2024.1", "status": "concept"}
    data.update(overrides)
    return data


def test_the_rounds_list_offers_a_new_round(client, auth):
    auth.as_projectleider()
    page = client.get("/rondes/").get_data(as_text=True)
    assert 'href="/rondes/nieuw"' in page and "Nieuwe ronde" in page


def test_create_a_round(app, client, auth):
    auth.as_projectleider()
    response = client.post("/rondes/nieuw", data=round_form())
    assert response.status_code == 302
    with app.app_context():
        round_ = db.session.query(Round).one()
        assert (round_.title, round_.kind, round_.status) == ("Gespreksronde 2025", "gespreksronde", "concept")
        assert [t.number for t in round_.themes] == [1, 3, 5]
        assert response.headers["Location"] == f"/rondes/{round_.id}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Gespreksronde 2025" in page and "Eigen huis op orde" in page


def test_invalid_round_keeps_the_input_with_dutch_messages(client, auth):
    auth.as_projectleider()
    response = client.post("/rondes/nieuw", data=round_form(period_end="2025-01-31", themes=[],
                                                            title="Mijn ronde met een typfout"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "De laatste dag ligt vóór de eerste dag." in page
    assert "Kies minstens één prioriteit." in page
    assert 'value="Mijn ronde met een typfout"' in page
    assert 'value="2025-01-31"' in page


def test_edit_a_round_and_refuse_a_stale_save(app, client, auth, round_id):
    auth.as_projectleider()
    page = client.get(f"/rondes/{round_id}/bewerken").get_data(as_text=True)
    seen = page.split('name="updated_at" type="hidden" value="')[1].split('"')[0]
    assert client.post(f"/rondes/{round_id}/bewerken",
                       data=round_form(title="Eerst", updated_at=seen, status="lopend")).status_code == 302
    response = client.post(f"/rondes/{round_id}/bewerken", data=round_form(title="Daarna", updated_at=seen))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Iemand anders heeft deze ronde intussen gewijzigd" in page
    assert 'value="Daarna"' in page
    with app.app_context():
        assert db.session.get(Round, round_id).title == "Eerst"


def test_a_period_that_would_leave_conversations_outside_is_refused(client, auth, round_id):
    from tests.web.planning.conftest import conversation_form

    auth.as_projectleider()
    assert client.post(f"/planning/rondes/{round_id}/gesprekken/nieuw", data=conversation_form()).status_code == 302
    response = client.post(f"/rondes/{round_id}/bewerken", data=round_form(period_start="2025-05-01"))
    assert response.status_code == 400
    assert "Deze gesprekken vallen dan buiten de periode: Haarlem – Maastricht" in response.get_data(as_text=True)
