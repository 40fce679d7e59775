"""The visit pages through the test client: scores side by side, what a form keeps when it is
refused, recommendations and their follow-up, the response, consent, finalising, the report."""
import io
import re
from datetime import date

from docx import Document

from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Conversation
from visitatie.models.visits import ChecklistEntry, MaturityScore, Recommendation, VisitResponse
from visitatie.visits import RecommendationInput, add_recommendation


def stored(app, model, **where):
    with app.app_context():
        db.session.expire_all()
        return db.session.query(model).filter_by(**where).all()


def test_committee_scores_a_theme_and_sees_it_beside_the_self_assessment(app, world, sign_in):
    host = sign_in(world.mayor)
    response = host.post(f"/visitaties/{world.first}/thema/1/zelfevaluatie", data={
        "self-level": "4", "self-justification": "Staat in het IVP en de kadernota.", "self-version": "0",
        "checklist-ivp-present": "ja", "checklist-ivp-date": "2023-11-02", "checklist-ivp-remark": "Vastgesteld",
        "checklist-kadernota-present": "nee"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/thema/1#self-score")
    member = sign_in(world.member)
    response = member.post(f"/visitaties/{world.first}/thema/1/commissie", data={
        "committee-level": "3", "committee-justification": "De raad is nog niet betrokken.", "committee-version": "0"})
    assert response.status_code == 302
    page = member.get(f"/visitaties/{world.first}/thema/1").text
    assert "Staat in het IVP en de kadernota." in page and "De raad is nog niet betrokken." in page
    overview = member.get(f"/visitaties/{world.first}").text
    row = re.search(r"1\. Leiderschap en professionalisering</a></th>(.*?)</tr>", overview, re.S).group(1)
    assert "<strong>4</strong> – Geborgd" in row and "<strong>3</strong> – Ingericht" in row and "−1" in row
    scores = {(s.source, s.level, s.updated_by) for s in stored(app, MaturityScore, conversation_id=world.first)}
    assert scores == {("self", 4, "Jos Wiersma"), ("committee", 3, "Pieter Dekker")}
    entries = {e.item_id: (e.present, e.document_date, e.remark) for e in stored(app, ChecklistEntry)}
    assert entries == {"ivp": (True, date(2023, 11, 2), "Vastgesteld"), "kadernota": (False, None, "")}


def test_a_refused_score_keeps_what_was_typed_and_says_why_in_dutch(app, world, sign_in):
    member = sign_in(world.member)
    response = member.post(f"/visitaties/{world.first}/thema/2/commissie", data={
        "committee-justification": "Mijn toelichting <b>blijft</b>", "committee-version": "0"})
    assert response.status_code == 400
    assert "Kies een niveau van 1 tot en met 5." in response.text
    assert "Mijn toelichting &lt;b&gt;blijft&lt;/b&gt;" in response.text
    assert 'aria-invalid="true"' in response.text
    host = sign_in(world.mayor)
    response = host.post(f"/visitaties/{world.first}/thema/3/zelfevaluatie", data={
        "self-level": "2", "self-justification": "Nog niet geoefend.", "self-version": "0",
        "checklist-bcp-present": "ja", "checklist-bcp-date": "31-02-2024", "checklist-bcp-remark": "Versie 2"})
    assert response.status_code == 400
    assert "Vul een geldige datum in." in response.text
    assert 'value="31-02-2024"' in response.text and 'value="Versie 2"' in response.text
    assert 'value="2" checked' in response.text
    assert stored(app, MaturityScore) == []


def test_two_committee_members_scoring_at_once_get_a_conflict_not_an_overwrite(app, world, sign_in):
    first, second = sign_in(world.member), sign_in(world.secretary)
    assert first.post(f"/visitaties/{world.first}/thema/1/commissie", data={
        "committee-level": "2", "committee-justification": "Eerst", "committee-version": "0"}).status_code == 302
    response = second.post(f"/visitaties/{world.first}/thema/1/commissie", data={
        "committee-level": "4", "committee-justification": "Daarna", "committee-version": "0"})
    assert response.status_code == 409
    assert "Pieter Dekker heeft dit om" in response.text and "Daarna" in response.text
    assert 'name="committee-version" type="hidden" value="1"' in response.text
    assert second.post(f"/visitaties/{world.first}/thema/1/commissie", data={
        "committee-level": "4", "committee-justification": "Daarna", "committee-version": "1"}).status_code == 302
    assert [(s.level, s.version) for s in stored(app, MaturityScore)] == [(4, 2)]


def test_findings_and_recommendations_from_the_theme_page(app, world, sign_in):
    member = sign_in(world.member)
    assert member.post(f"/visitaties/{world.first}/thema/3/bevindingen", data={
        "finding-text": "Het BCP is nooit geoefend."}).status_code == 302
    response = member.post(f"/visitaties/{world.first}/thema/3/aanbevelingen", data={
        "recommendation-text": "Oefen het BCP.", "recommendation-theme_number": "3", "recommendation-priority": "hoog",
        "recommendation-owner_role": "college", "recommendation-deadline": "2024-09-01"})
    assert response.status_code == 400
    assert "De uiterste datum moet na de visitatie (8 oktober 2024) liggen." in response.text
    assert "Oefen het BCP." in response.text
    assert member.post(f"/visitaties/{world.first}/thema/3/aanbevelingen", data={
        "recommendation-text": "Oefen het BCP.", "recommendation-theme_number": "3", "recommendation-priority": "hoog",
        "recommendation-owner_role": "college", "recommendation-deadline": "2025-04-01"}).status_code == 302
    page = member.get(f"/visitaties/{world.first}/thema/3").text
    assert "Het BCP is nooit geoefend." in page and "Oefen het BCP." in page and "college van B en W" in page
    [recommendation] = stored(app, Recommendation)
    response = member.post(f"/visitaties/{world.first}/aanbevelingen/{recommendation.id}/bewerken", data={
        "recommendation-text": "Oefen het BCP jaarlijks.", "recommendation-theme_number": "3",
        "recommendation-priority": "middel", "recommendation-owner_role": "ciso",
        "recommendation-deadline": "2025-04-01", "recommendation-version": "1"})
    assert response.status_code == 302
    [recommendation] = stored(app, Recommendation)
    assert (recommendation.text, recommendation.priority, recommendation.owner_role) == ("Oefen het BCP jaarlijks.",
                                                                                         "middel", "ciso")


def test_follow_up_statuses_round_trip_with_the_reason_and_history(app, world, sign_in):
    with app.app_context():
        rid = add_recommendation(db.session, current_guides(), db.session.get(Conversation, world.first),
                                 RecommendationInput(1, "hoog", "burgemeester", date(2025, 6, 1), "Betrek de raad."),
                                 "Pieter Dekker").id
    host = sign_in(world.ciso)
    url = f"/visitaties/{world.first}/aanbevelingen/{rid}/status"
    response = host.post(url, data={f"r{rid}-status": "niet_overgenomen", f"r{rid}-reason": "", f"r{rid}-version": "1"})
    assert response.status_code == 400
    assert "Geef aan waarom de aanbeveling niet is overgenomen." in response.text
    assert host.post(url, data={f"r{rid}-status": "in_uitvoering", f"r{rid}-reason": "Raadsavond gepland",
                                f"r{rid}-version": "1"}).status_code == 302
    assert host.post(url, data={f"r{rid}-status": "niet_overgenomen", f"r{rid}-reason": "Regionaal opgepakt",
                                f"r{rid}-version": "2"}).status_code == 302
    [recommendation] = stored(app, Recommendation)
    assert (recommendation.status, recommendation.status_reason) == ("niet_overgenomen", "Regionaal opgepakt")
    page = host.get(f"/visitaties/{world.first}/opvolging").text
    assert "Eva Jansen wijzigde de status van ‘in uitvoering’ in ‘niet overgenomen’" in page


def test_the_follow_up_visit_shows_the_previous_scores_and_takes_status_updates_for_them(app, world, sign_in):
    member = sign_in(world.member)
    member.post(f"/visitaties/{world.first}/thema/1/commissie", data={
        "committee-level": "2", "committee-justification": "Toen", "committee-version": "0"})
    with app.app_context():
        rid = add_recommendation(db.session, current_guides(), db.session.get(Conversation, world.first),
                                 RecommendationInput(1, "hoog", "burgemeester", date(2025, 6, 1), "Betrek de raad."),
                                 "Pieter Dekker").id
    sign_in(world.second_member).post(f"/visitaties/{world.second}/thema/1/commissie", data={
        "committee-level": "4", "committee-justification": "Nu", "committee-version": "0"})
    host = sign_in(world.second_mayor)
    overview = host.get(f"/visitaties/{world.second}").text
    assert "Vorige keer" in overview and "Verandering" in overview and "+2" in overview
    follow = host.get(f"/visitaties/{world.second}/opvolging").text
    assert "Aanbevelingen van de vorige visitatie" in follow and "Betrek de raad." in follow
    assert host.post(f"/visitaties/{world.second}/aanbevelingen/{rid}/status", data={
        f"r{rid}-status": "afgerond", f"r{rid}-reason": "", f"r{rid}-version": "1"}).status_code == 302
    assert stored(app, Recommendation)[0].status == "afgerond"


def test_response_consent_finalising_and_what_stays_open_afterwards(app, world, sign_in):
    host, member = sign_in(world.mayor), sign_in(world.member)
    assert host.post(f"/visitaties/{world.first}/reactie", data={
        "response-text": "Wij nemen de aanbevelingen over.", "response-version": "0"}).status_code == 302
    assert host.post(f"/visitaties/{world.first}/toestemming", data={"consent": "y"}).status_code == 302
    with app.app_context():
        rid = add_recommendation(db.session, current_guides(), db.session.get(Conversation, world.first),
                                 RecommendationInput(1, "hoog", "burgemeester", date(2025, 6, 1), "Betrek de raad."),
                                 "Pieter Dekker").id
    assert member.post(f"/visitaties/{world.first}/vaststellen").status_code == 302
    page = host.get(f"/visitaties/{world.first}").text
    assert "Het visitatierapport is vastgesteld op" in page and "Wij nemen de aanbevelingen over." in page
    assert "Toestemming gegeven door Jos Wiersma" in page
    response = member.post(f"/visitaties/{world.first}/thema/1/commissie", data={
        "committee-level": "3", "committee-justification": "Te laat", "committee-version": "0"})
    assert response.status_code == 409 and "Het visitatierapport is vastgesteld" in response.text
    response = host.post(f"/visitaties/{world.first}/reactie",
                         data={"response-text": "Nog iets", "response-version": "1"})
    assert response.status_code == 409 and "Nog iets" in response.text
    assert host.post(f"/visitaties/{world.first}/aanbevelingen/{rid}/status", data={
        f"r{rid}-status": "afgerond", f"r{rid}-reason": "Gedaan", f"r{rid}-version": "1"}).status_code == 302
    assert [r.text for r in stored(app, VisitResponse)] == ["Wij nemen de aanbevelingen over."]


def test_the_report_downloads_as_a_confidential_word_document(world, sign_in):
    response = sign_in(world.ciso).get(f"/visitaties/{world.first}/visitatierapport.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename=visitatierapport-haarlem-2024-10-08.docx' in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    assert document.paragraphs[0].text or document.tables
    assert "Vertrouwelijk" in document.sections[0].header.paragraphs[0].text


def test_the_cli_writes_the_visitatierapport(runner, world, tmp_path):
    out = tmp_path / "rapport.docx"
    result = runner.invoke(args=["visitatierapport", str(world.first), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Visitatierapport van Haarlem geschreven naar" in result.output
    headings = [p.text for p in Document(out).paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Samenvatting"
    missing = runner.invoke(args=["visitatierapport", "999999", "--out", str(out)])
    assert missing.exit_code != 0 and "visitatie 999999 bestaat niet" in missing.output


def test_a_committee_of_one_is_refused_with_a_dutch_message(app):
    from visitatie.scheduling import Problem
    from visitatie.wording import problem_message

    with app.test_request_context():
        assert problem_message(Problem("committee_size", "participants", {"count": 1, "minimum": 2, "maximum": 4})) == \
            "Een visitatiecommissie heeft 2 tot 4 leden; nu is het er 1."


def test_a_save_refused_because_the_report_was_finalised_meanwhile_keeps_the_text(world, sign_in):
    member = sign_in(world.member)
    assert member.post(f"/visitaties/{world.first}/vaststellen").status_code == 302
    for url, data in ((f"/visitaties/{world.first}/thema/1/commissie",
                       {"committee-level": "3", "committee-justification": "Net op tijd getypt",
                        "committee-version": "0"}),
                      (f"/visitaties/{world.first}/thema/1/bevindingen", {"finding-text": "Net op tijd getypt"})):
        response = member.post(url, data=data)
        assert response.status_code == 409
        assert "Uw tekst, niet opgeslagen:" in response.text and "Net op tijd getypt" in response.text


def test_the_round_page_of_a_visitatieronde_shows_committees_and_links_to_the_visits(app, auth, client, world):
    auth.as_projectleider()
    with app.app_context():
        round_id = db.session.get(Conversation, world.first).round_id
    page = client.get(f"/rondes/{round_id}").text
    assert "Visitatiecommissie" in page and "Pieter Dekker, Mara Smit (Breda, Delft)" in page
    assert "nog niet gekozen" not in page
    assert f'href="/visitaties/?ronde={round_id}"' in page
    listing = client.get(f"/visitaties/?ronde={round_id}").text
    assert f'href="/visitaties/{world.first}"' in listing and f'href="/visitaties/{world.oss}"' not in listing
