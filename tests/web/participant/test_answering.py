"""Answering through the web: sign-in by link, autosave, conflicts, errors, finalising, marks."""
import io
import re

import docx
import pytest
from sqlalchemy import select

from visitatie.extensions import db
from visitatie.guides.model import OPEN_ANSWER_MAX_LENGTH
from visitatie.models import Answer, Conversation, ConversationEvent, Mark

from .conftest import OPEN

IVP, WHY_NOT, SCALE = "leiderschap.ivp", "leiderschap.ivp_waarom_niet", "leiderschap.uitvoering"
XSS = "<script>alert('x')</script>"
SSTI = "{{ 7*7 }}{% if true %}ja{% endif %}"


def autosave(client, world, value, question=OPEN, version=0, municipality=None):
    return client.post(f"/gesprekken/{world.a}/antwoord",
                       json={"municipality": municipality or world.haarlem, "question": question,
                             "value": value, "version": version})


def stored(app, world, question=OPEN, municipality=None):
    with app.app_context():
        return db.session.scalar(select(Answer.value).where(
            Answer.conversation_id == world.a, Answer.question_id == question,
            Answer.municipality_id == (municipality or world.haarlem)))


def test_the_link_signs_in_and_opens_the_conversation(client, world, link):
    response = client.post("/uitnodiging", data={"token": link(world.mayor)})
    assert response.status_code == 302 and response.headers["Location"] == f"/gesprekken/{world.a}"
    page = client.get(f"/gesprekken/{world.a}").get_data(as_text=True)
    assert "Welkom, Jos Wiersma." in page and "U vult de antwoorden van Haarlem in" in page
    assert "Mijn gesprek" in page and "Uitloggen" in page
    with client.session_transaction() as session:
        # The participant's own part of the session (browser_sessions.py), never the account's key.
        assert session["participant_id"] == world.mayor and "_user_id" not in session and session.permanent


@pytest.mark.parametrize("kind", ["unknown", "expired", "revoked"])
def test_a_dead_link_says_so_without_saying_why(kind, client, world, link, revoke):
    token = {"unknown": lambda: "niet-bestaand-token", "expired": lambda: link(world.mayor, expired=True),
             "revoked": lambda: link(world.mayor)}[kind]()
    if kind == "revoked":
        revoke(world.mayor)
    response = client.post("/uitnodiging", data={"token": token})
    assert response.status_code == 404
    assert "Deze link werkt niet (meer)" in response.get_data(as_text=True)
    assert client.get(f"/gesprekken/{world.a}").status_code == 401


def test_a_link_keeps_a_project_leaders_session_beside_it_without_mixing_rights(client, auth, world, sign_in):
    auth.as_projectleider()
    sign_in(world.mayor)
    # Elsewhere the account still acts (issue 14: the link used to end the project leader's session) ...
    assert client.get(f"/gesprekken/{world.b}").status_code == 200
    # ... on the mayor's own conversation only the mayor does: not Maastricht's answers, no finalising.
    assert autosave(client, world, "Van Haarlem.").status_code == 200
    assert autosave(client, world, "Van Maastricht.", municipality=world.maastricht).status_code == 403
    assert client.post(f"/gesprekken/{world.a}/vaststellen", data={"bevestigd": "ja"}).status_code == 403


def test_autosave_round_trip(client, world, sign_in, app):
    sign_in(world.mayor)
    response = autosave(client, world, "De burgemeester is eigenaar.")
    assert response.status_code == 200
    data = response.get_json()
    assert data["version"] == 1 and data["value"] == "De burgemeester is eigenaar."
    assert re.fullmatch(r"Opgeslagen om \d\d:\d\d", data["message"])
    assert data["progress"]["theme"]["answered"] == 1 and data["progress"]["conversation"]["answered"] == 1
    assert response.headers["Cache-Control"] == "no-store"
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    assert "De burgemeester is eigenaar.</textarea>" in page
    assert f'name="version-{world.haarlem}-{OPEN}" value="1"' in page
    again = autosave(client, world, "De burgemeester en de wethouder.", version=1).get_json()
    assert again["version"] == 2
    assert stored(app, world) == "De burgemeester en de wethouder."
    choice = autosave(client, world, "4", question=SCALE).get_json()
    assert choice["value"] == "4" and choice["progress"]["theme"]["answered"] == 2


def test_a_conflicting_save_from_a_second_client_is_refused_with_both_versions(app, client, world, sign_in):
    other = app.test_client()
    sign_in(world.mayor)
    sign_in(world.leader, browser=other)
    assert autosave(client, world, "Versie van de burgemeester").get_json()["version"] == 1
    assert autosave(other, world, "Versie van de gespreksleider", version=1).get_json()["version"] == 2
    refused = autosave(client, world, "Aanvulling van de burgemeester", version=1)
    assert refused.status_code == 409
    data = refused.get_json()
    assert data["error"] == "conflict"
    assert data["current"]["value"] == "Versie van de gespreksleider" and data["current"]["by"] == "Pieter Dekker"
    assert data["current"]["version"] == 2 and "Pieter Dekker heeft dit antwoord om" in data["message"]
    assert stored(app, world) == "Versie van de gespreksleider"  # never a silent overwrite
    merged = autosave(client, world, "Versie van de gespreksleider. Aanvulling van de burgemeester", version=2)
    assert merged.get_json()["version"] == 3


def test_a_plain_form_post_shows_a_conflict_side_by_side_and_keeps_the_typed_text(app, client, world, sign_in, answer):
    sign_in(world.mayor)
    answer(world.a, world.haarlem, value="Oorspronkelijk", by="Jos Wiersma")
    answer(world.a, world.haarlem, value="Gewijzigd door de notulist", version=1, by="Peter van Elst")
    form = {f"answer-{world.haarlem}-{OPEN}": "Mijn eigen tekst", f"version-{world.haarlem}-{OPEN}": "1",
            f"answer-{world.haarlem}-{SCALE}": "2", f"version-{world.haarlem}-{SCALE}": "0"}
    response = client.post(f"/gesprekken/{world.a}/thema/1", data=form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Uw versie" in page and "Nieuwere versie" in page and "Peter van Elst" in page
    key = f"{world.haarlem}-{OPEN}"
    assert f'name="mine-{key}" value="Mijn eigen tekst"' in page
    assert "Gewijzigd door de notulist Mijn eigen tekst</textarea>" in page  # the merged text to edit
    assert f'name="version-{key}" value="1"' in page  # the plain Opslaan stays refused
    assert f'name="resolved-version-{key}" value="2"' in page
    assert stored(app, world, SCALE) == "2"  # the other answer was saved meanwhile
    resolved = dict(form, **{f"resolved-version-{key}": "2", f"mine-{key}": "Mijn eigen tekst"})
    take_theirs = dict(resolved, take_theirs=key)
    assert client.post(f"/gesprekken/{world.a}/thema/1", data=take_theirs).status_code == 302
    assert stored(app, world) == "Gewijzigd door de notulist"
    keep_mine = dict(resolved, **{f"answer-{key}": "samengevoegd, maar toch de mijne", "keep_mine": key})
    assert client.post(f"/gesprekken/{world.a}/thema/1", data=keep_mine).status_code == 302
    assert stored(app, world) == "Mijn eigen tekst"


def page_of(response) -> str:
    return response.get_data(as_text=True)


def test_after_a_conflict_only_saving_the_merged_text_saves(app, client, world, sign_in, answer):
    """The bug from the journey: the general Opslaan saved "Uw versie" over the newer text."""
    sign_in(world.mayor)
    answer(world.a, world.haarlem, value="Wij oefenen twee keer per jaar.", by="Jos Wiersma")
    answer(world.a, world.haarlem, value="Wij oefenen één keer per jaar met de raad.", version=1, by="Peter van Elst")
    key = f"{world.haarlem}-{OPEN}"
    typed = {f"answer-{key}": "Wij oefenen drie keer per jaar.", f"version-{key}": "1"}
    page = page_of(client.post(f"/gesprekken/{world.a}/thema/1", data=typed))
    # the differing words, marked and spoken, escaped by the template
    assert '<ins class="diff diff--ins"><span class="visually-hidden">begin, alleen in uw versie: </span>drie' in page
    assert ('<del class="diff diff--del"><span class="visually-hidden">begin, alleen in de nieuwere versie: </span>'
            'één') in page
    assert "met de raad" in page
    merged_box = re.search(rf'name="answer-{key}"[^>]*>([^<]*)</textarea>', page).group(1)
    assert merged_box == "Wij oefenen één drie keer per jaar met de raad."
    # the first submit button of the form (Enter) is "save merged", marked as the primary action
    guide_form = page[page.index('id="guide-form"'):page.index("</form>", page.index('id="guide-form"'))]
    first_submit = re.search(r'<button[^>]*type="submit"[^>]*>.*?</button>', guide_form, re.S).group(0)
    assert 'name="merged"' in first_submit and "primary-action" in first_submit
    assert guide_form.count("utrecht-button--primary-action") == 1  # the form's own Opslaan steps back
    # the form as the page shows it, sent with the general Opslaan: refused again, nothing overwritten
    shown = {f"answer-{key}": merged_box, f"version-{key}": "1", f"resolved-version-{key}": "2",
             f"mine-{key}": "Wij oefenen drie keer per jaar.", "stay": "1"}
    again = client.post(f"/gesprekken/{world.a}/thema/1", data=shown)
    assert again.status_code == 409
    assert stored(app, world) == "Wij oefenen één keer per jaar met de raad."
    assert f"{merged_box}</textarea>" in page_of(again)  # what was typed is still there
    # save merged: the edited merged text, on top of the newer version
    merged = dict(shown, **{f"answer-{key}": "Wij oefenen drie keer per jaar met de raad."}, merged=key)
    merged.pop("stay")
    assert client.post(f"/gesprekken/{world.a}/thema/1", data=merged).status_code == 302
    assert stored(app, world) == "Wij oefenen drie keer per jaar met de raad."


def test_a_conflict_about_a_choice_offers_the_chosen_answer(app, client, world, sign_in, answer):
    sign_in(world.mayor)
    answer(world.a, world.haarlem, question_id=SCALE, value="2", by="Jos Wiersma")
    answer(world.a, world.haarlem, question_id=SCALE, value="4", version=1, by="Peter van Elst")
    key = f"{world.haarlem}-{SCALE}"
    page = page_of(client.post(f"/gesprekken/{world.a}/thema/1", data={f"answer-{key}": "3", f"version-{key}": "1"}))
    assert "Gekozen antwoord opslaan" in page and f'name="mine-{key}"' not in page
    chosen = {f"answer-{key}": "3", f"version-{key}": "1", f"resolved-version-{key}": "2", "merged": key}
    assert client.post(f"/gesprekken/{world.a}/thema/1", data=chosen).status_code == 302
    assert stored(app, world, SCALE) == "3"


def test_the_autosave_conflict_carries_the_word_diff_and_the_merge(client, world, sign_in, answer):
    sign_in(world.mayor)
    answer(world.a, world.haarlem, value="Wij oefenen twee keer.", by="Jos Wiersma")
    answer(world.a, world.haarlem, value="Wij oefenen één keer.", version=1, by="Peter van Elst")
    data = autosave(client, world, "Wij oefenen drie keer.", version=1).get_json()
    assert data["diff"]["mine"] == [["equal", "Wij oefenen "], ["inserted", "drie"], ["equal", " keer."]]
    assert data["diff"]["theirs"] == [["equal", "Wij oefenen "], ["deleted", "één"], ["equal", " keer."]]
    assert data["merged"] == "Wij oefenen één drie keer."


def test_a_form_with_errors_keeps_everything_typed(app, client, world, sign_in):
    sign_in(world.mayor)
    too_long = "Lang verhaal. " * (OPEN_ANSWER_MAX_LENGTH // 10)
    form = {f"answer-{world.haarlem}-{OPEN}": too_long, f"version-{world.haarlem}-{OPEN}": "0",
            f"answer-{world.haarlem}-leiderschap.publieke_waarden": "Vertrouwen",
            f"version-{world.haarlem}-leiderschap.publieke_waarden": "0",
            f"answer-{world.haarlem}-{SCALE}": "7", f"version-{world.haarlem}-{SCALE}": "0"}
    response = client.post(f"/gesprekken/{world.a}/thema/1", data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f"Dit antwoord is {len(too_long)} tekens lang; het maximum is {OPEN_ANSWER_MAX_LENGTH}." in page
    assert too_long.strip() in page  # the typed text is still in the box
    assert "Kies een van de gegeven antwoorden." in page
    assert 'aria-invalid="true"' in page and "Nog niet alles is opgeslagen." in page
    assert stored(app, world) is None and stored(app, world, SCALE) is None
    assert stored(app, world, "leiderschap.publieke_waarden") == "Vertrouwen"


def test_an_answer_to_a_hidden_question_is_not_stored(app, client, world, sign_in):
    sign_in(world.mayor)
    hidden = autosave(client, world, "Geen tijd gehad", question=WHY_NOT)
    assert hidden.status_code == 422 and hidden.get_json()["error"] == "hidden"
    form = {f"answer-{world.haarlem}-{IVP}": "ja", f"version-{world.haarlem}-{IVP}": "0",
            f"answer-{world.haarlem}-{WHY_NOT}": "Verborgen tekst", f"version-{world.haarlem}-{WHY_NOT}": "0"}
    assert client.post(f"/gesprekken/{world.a}/thema/1", data=form).status_code == 302
    assert stored(app, world, IVP) == "ja" and stored(app, world, WHY_NOT) is None
    form.update({f"answer-{world.haarlem}-{IVP}": "nee", f"version-{world.haarlem}-{IVP}": "1"})
    assert client.post(f"/gesprekken/{world.a}/thema/1", data=form).status_code == 302
    assert stored(app, world, WHY_NOT) == "Verborgen tekst"  # shown now: stored with its condition


def test_the_condition_decides_what_the_page_shows(client, world, sign_in, answer):
    sign_in(world.mayor)
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    field = re.search(rf'<div class="answer-field[^"]*" id="a-{world.haarlem}-leiderschap_ivp_waarom_niet"[^>]*>', page,
                      re.S)
    assert field and " hidden" in field.group(0)
    assert 'data-condition-question="leiderschap.ivp" data-condition-values="nee deels"' in field.group(0)
    answer(world.a, world.haarlem, IVP, "deels")
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    field = re.search(rf'<div class="answer-field[^"]*" id="a-{world.haarlem}-leiderschap_ivp_waarom_niet"[^>]*>', page,
                      re.S)
    assert " hidden" not in field.group(0)


def test_the_form_shows_every_question_type_properly(client, world, sign_in):
    sign_in(world.mayor)
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    assert page.count('type="radio"') >= 5 + 3  # a scale and a ja/nee/deels question
    assert '<legend class="utrecht-form-fieldset__legend answer-field__label"' in page
    assert "Plannen opgesteld, uitvoering gestart" in page  # the level labels
    assert 'type="checkbox"' in page and "meerdere antwoorden mogelijk" in page
    assert "Doorvragen" in page and "Hoe voorkomt u dat digitale veiligheid bij één persoon komt te liggen?" in page
    assert f'id="a-{world.haarlem}-{OPEN.replace(".", "_")}-input"' in page  # Haarlem: editable
    assert f'id="a-{world.maastricht}-{OPEN.replace(".", "_")}-input"' not in page  # Maastricht: read only
    assert "Deze prioriteit:" in page and "Hele gesprek:" in page
    assert "Markeren als les of citaat" not in page  # a deelnemer does not mark
    assert '<script src="/static/js/autosave.js" defer></script>' in page


def test_finalised_answers_refuse_edits_with_a_clear_message(app, client, world, sign_in, auth):
    sign_in(world.leader)
    assert autosave(client, world, "Voor het vaststellen").status_code == 200
    assert client.post(f"/gesprekken/{world.a}/vaststellen", data={"bevestigd": "ja"}).status_code == 302
    refused = autosave(client, world, "Na het vaststellen", version=1)
    assert refused.status_code == 409 and refused.get_json()["error"] == "locked"
    assert "vastgesteld" in refused.get_json()["message"]
    form = {f"answer-{world.haarlem}-{OPEN}": "Ook via het formulier niet", f"version-{world.haarlem}-{OPEN}": "1"}
    response = client.post(f"/gesprekken/{world.a}/thema/1", data=form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Ook via het formulier niet</textarea>" in page  # what was typed is shown to copy
    assert stored(app, world) == "Voor het vaststellen"
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    assert "answer-field__text" not in page and "De antwoorden kunnen niet meer worden gewijzigd." in page

    no_reason = client.post(f"/gesprekken/{world.a}/heropenen", data={"reason": "  "})
    assert no_reason.status_code == 400 and "Geef een reden op voor het heropenen." in no_reason.get_data(as_text=True)
    assert client.post(f"/gesprekken/{world.a}/heropenen", data={"reason": "Haarlem vult aan."}).status_code == 302
    with app.app_context():
        events = db.session.scalars(select(ConversationEvent).order_by(ConversationEvent.id)).all()
        assert [(e.kind, e.actor, e.reason) for e in events] == [
            ("finalise", "Pieter Dekker", None), ("reopen", "Pieter Dekker", "Haarlem vult aan.")]
    assert autosave(client, world, "Na het heropenen", version=1).status_code == 200


def test_a_quote_asks_its_speaker_and_the_marker_chooses_no_consent(app, client, world, sign_in, answer):
    answer_id = answer(world.a, world.haarlem, value="Wij betalen geen losgeld.")
    sign_in(world.note_taker)
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    assert 'name="consent"' not in page  # consent is the speaker's own, on their page
    response = client.post(f"/gesprekken/{world.a}/antwoorden/{answer_id}/markeringen",
                           data={"kind": "citaat", "speaker": str(world.mayor), "consent": "met_naam"})
    assert response.status_code == 302
    with app.app_context():
        mark = db.session.scalars(select(Mark)).one()
        assert (mark.kind, mark.consent, mark.speaker_name, mark.created_by) == (
            "citaat", "gevraagd", "Jos Wiersma", "Peter van Elst")
        assert mark.speaker_participation_id == world.mayor and mark.consented_text is None


def test_a_mark_with_errors_keeps_what_was_typed(client, world, sign_in, answer):
    answer_id = answer(world.a, world.haarlem, value="Wij betalen geen losgeld.")
    sign_in(world.leader)
    response = client.post(f"/gesprekken/{world.a}/antwoorden/{answer_id}/markeringen",
                           data={"kind": "citaat", "passage": "Wij betalen altijd", "speaker": str(world.mayor)})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Het fragment komt niet letterlijk in het opgeslagen antwoord voor." in page
    assert "Wij betalen altijd</textarea>" in page
    assert re.search(rf'<option value="{world.mayor}" selected>', page)
    assert re.search(r'id="mark-new-\d+-kind-citaat" name="kind" value="citaat" form="[^"]+" checked', page)


def test_a_lesson_is_marked_without_a_speaker_even_when_one_is_sent(app, client, world, sign_in, answer):
    answer_id = answer(world.a, world.haarlem, value="Wij oefenen twee keer per jaar.\nDe raad  krijgt een verslag.")
    sign_in(world.note_taker)
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    assert "Markeer selectie" in page and "data-mark-source" in page
    # a form whose speaker list still had someone chosen: a lesson has no speaker, nothing is asked
    response = client.post(f"/gesprekken/{world.a}/antwoorden/{answer_id}/markeringen",
                           data={"kind": "les", "speaker": str(world.other_mayor),
                                 "passage": "jaar.\r\nDe raad krijgt"})
    assert response.status_code == 302
    with app.app_context():
        mark = db.session.scalars(select(Mark)).one()
        assert (mark.kind, mark.passage, mark.speaker_participation_id, mark.speaker_name, mark.consent) == (
            "les", "jaar.\nDe raad  krijgt", None, None, "niet_publiceren")


def test_a_selected_quote_asks_its_speaker(app, client, world, sign_in, answer):
    answer_id = answer(world.a, world.haarlem, value="Wij betalen geen losgeld. Nooit.")
    sign_in(world.leader)
    response = client.post(f"/gesprekken/{world.a}/antwoorden/{answer_id}/markeringen",
                           data={"kind": "citaat", "speaker": str(world.mayor), "passage": "wij betalen geen losgeld."})
    assert response.status_code == 302
    with app.app_context():
        mark = db.session.scalars(select(Mark)).one()
        assert (mark.kind, mark.passage, mark.speaker_name, mark.consent) == (
            "citaat", "Wij betalen geen losgeld.", "Jos Wiersma", "gevraagd")
    refused = client.post(f"/gesprekken/{world.a}/antwoorden/{answer_id}/markeringen",
                          data={"kind": "citaat", "passage": "Wij betalen geen losgeld."})
    assert refused.status_code == 400 and "Een citaat heeft een spreker nodig" in refused.get_data(as_text=True)


@pytest.mark.parametrize("payload,escaped", [
    (XSS, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
    (SSTI, "{{ 7*7 }}{% if true %}ja{% endif %}"),
])
def test_markup_and_template_code_stay_literal_in_page_json_and_word(payload, escaped, client, world, sign_in):
    sign_in(world.mayor)
    assert autosave(client, world, payload).get_json()["value"] == payload
    for url in (f"/gesprekken/{world.a}/thema/1", f"/gesprekken/{world.a}"):
        page = client.get(url).get_data(as_text=True)
        assert escaped in page
        assert "<script>alert" not in page and "49ja" not in page
    document = docx.Document(io.BytesIO(client.get(f"/gesprekken/{world.a}/verslag.docx").data))
    assert payload in [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    conflict = autosave(client, world, "iets anders", version=0).get_json()
    assert conflict["current"]["value"] == payload  # JSON: the script writes it with textContent


def test_the_verslag_is_offered_to_readers_as_a_word_file(client, world, sign_in, answer):
    answer(world.a, world.maastricht, value="Maastricht oefent jaarlijks.")
    sign_in(world.ciso)
    response = client.get(f"/gesprekken/{world.a}/verslag.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename=verslag-haarlem-maastricht-2024-01-18.docx' in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    document = docx.Document(io.BytesIO(response.data))
    assert "Maastricht oefent jaarlijks." in [c.text for t in document.tables for r in t.rows for c in r.cells]


def test_history_shows_every_version_with_who_and_when(client, world, auth, answer):
    answer_id = answer(world.a, world.haarlem, value="Eerste versie", by="Jos Wiersma")
    answer(world.a, world.haarlem, value="Tweede versie", version=1, by="Peter van Elst")
    auth.as_projectleider()
    page = client.get(f"/gesprekken/{world.a}/thema/1").get_data(as_text=True)
    assert "Geschiedenis van dit antwoord (versie 2)" in page
    page = client.get(f"/gesprekken/{world.a}/antwoorden/{answer_id}/geschiedenis").get_data(as_text=True)
    assert page.index("Tweede versie") < page.index("Eerste versie")
    assert "Peter van Elst" in page and "Jos Wiersma" in page and "huidig" in page


@pytest.mark.parametrize("body", [None, [], {"municipality": "1", "question": OPEN}, {"question": OPEN},
                                  {"municipality": 1, "question": "bestaat.niet"},
                                  {"municipality": 1, "question": OPEN, "version": -1},
                                  {"municipality": 1, "question": OPEN, "version": True}])
def test_malformed_autosaves_are_refused(body, client, world, sign_in):
    sign_in(world.leader)
    if isinstance(body, dict) and "municipality" in body and isinstance(body["municipality"], int):
        body["municipality"] = world.haarlem
    response = client.post(f"/gesprekken/{world.a}/antwoord", json=body) if body is not None else \
        client.post(f"/gesprekken/{world.a}/antwoord", data="geen json", content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"] == "bad_request"


def test_the_old_conversation_url_leads_to_the_new_page(client, auth, world):
    auth.as_projectleider()
    response = client.get(f"/rondes/gesprekken/{world.a}")
    assert response.status_code == 302 and response.headers["Location"] == f"/gesprekken/{world.a}"


def test_the_command_line_writes_the_same_verslag(runner, world, answer, tmp_path):
    answer(world.a, world.haarlem, value="Via de opdrachtregel.")
    out = tmp_path / "verslag.docx"
    result = runner.invoke(args=["verslag", str(world.a), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Haarlem – Maastricht" in result.output
    document = docx.Document(out)
    assert "Via de opdrachtregel." in [c.text for t in document.tables for r in t.rows for c in r.cells]
    missing = runner.invoke(args=["verslag", "99999", "--out", str(out)])
    assert missing.exit_code != 0 and "gesprek 99999 bestaat niet" in missing.output


def test_conversation_is_untouched_by_viewing(app, client, world, sign_in):
    sign_in(world.mayor)
    client.get(f"/gesprekken/{world.a}/thema/1")
    with app.app_context():
        assert db.session.get(Conversation, world.a).status == "gehouden"
