"""Curating and publishing through the pages: saving, errors that keep the input, conflicts that
overwrite nothing, lessons, quotes with consent, publishing and the figures page."""
from sqlalchemy import select

from visitatie.extensions import db
from visitatie.models import Mark
from visitatie.models.opbrengst import CuratedLesson
from visitatie.opbrengst import publication

from .conftest import demo_mark


def theme_form(**changes) -> dict:
    data = {"recommendation": "Borg de bedrijfscontinuïteit", "findings": "- Eén.\n- Twee.", "quote": "",
            "practice_municipality": "", "practice_title": "", "practice_url": "", "version": "0"}
    data.update(changes)
    return data


def test_main_lesson_saved_then_shown_in_the_preview(client, auth, demo):
    auth.as_projectleider()
    assert client.get(f"/rondes/{demo}/opbrengst").status_code == 200
    response = client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Digitale veiligheid is chefsache.",
                                                              "introduction": "Alinea één.\n\nAlinea twee.",
                                                              "version": "0"})
    assert response.status_code == 302
    preview = client.get(f"/rondes/{demo}/opbrengst/voorbeeld").get_data(as_text=True)
    assert "Concept – nog niet gepubliceerd." in preview and "Digitale veiligheid is chefsache." in preview
    assert "<p class=\"utrecht-paragraph\">Alinea twee.</p>" in preview


def test_a_form_with_errors_keeps_what_was_typed(client, auth, demo):
    auth.as_projectleider()
    typed = "Een heel lange les. " * 60
    response = client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": typed, "introduction": "Mijn inleiding",
                                                              "version": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Mijn inleiding" in page and typed.strip() in page
    assert 'aria-describedby="main_lesson-description main_lesson-error"' in page and 'aria-invalid="true"' in page


def test_a_stale_save_is_refused_keeps_the_input_and_shows_what_is_saved(client, auth, demo):
    auth.as_projectleider()
    client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Les van Anna.", "version": "0"})
    response = client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Les van Bram.", "version": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Les van Bram." in page and "Les van Anna." in page and "Iemand anders heeft dit intussen gewijzigd" in page
    assert 'name="version" type="hidden" value="1"' in page  # saving again keeps Bram's version, knowingly
    assert "Les van Anna." in client.get(f"/rondes/{demo}/opbrengst/voorbeeld").get_data(as_text=True)


def test_theme_curation_with_a_consented_quote_and_a_practice_example(app, client, auth, demo):
    auth.as_projectleider()
    quote = demo_mark(app, "eigen-huis.losgeld", "citaat")  # consent: met naam
    page = client.get(f"/rondes/{demo}/opbrengst/thema/3").get_data(as_text=True)
    assert f'id="quote-{quote}"' in page
    response = client.post(f"/rondes/{demo}/opbrengst/thema/3", data=theme_form(
        quote=str(quote), practice_municipality="Dalfsen", practice_title="BCP in Dalfsen",
        practice_url="https://vng.nl/dalfsen", practice_consent="y"))
    assert response.status_code == 302
    preview = client.get(f"/rondes/{demo}/opbrengst/voorbeeld").get_data(as_text=True)
    with app.app_context():
        text = db.session.get(Mark, quote).text
    assert f"‘{text}’" in preview and "Praktijkvoorbeeld uit Dalfsen" in preview
    assert "<li class=\"utrecht-unordered-list__item\">Twee.</li>" in preview


def test_a_quote_without_consent_is_disabled_and_refused(app, client, auth, demo):
    auth.as_projectleider()
    secret = demo_mark(app, "europa.gemeenschappelijke_regelingen", "citaat")  # niet publiceren
    page = client.get(f"/rondes/{demo}/opbrengst/thema/2").get_data(as_text=True)
    assert f'value="{secret}" disabled' in page and "geen toestemming om te publiceren" in page
    response = client.post(f"/rondes/{demo}/opbrengst/thema/2", data=theme_form(quote=str(secret)))
    assert response.status_code == 400
    assert "Dit citaat kan niet worden gekozen: geen toestemming om te publiceren." in response.get_data(as_text=True)


def test_a_practice_example_without_consent_is_refused_and_the_input_kept(client, auth, demo):
    auth.as_projectleider()
    response = client.post(f"/rondes/{demo}/opbrengst/thema/3", data=theme_form(
        practice_municipality="Dalfsen", practice_title="BCP in Dalfsen", practice_url="vng.nl"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "vink aan dat de gemeente daarmee instemt" in page and "Een webadres begint met https://" in page
    assert 'value="BCP in Dalfsen"' in page and "- Eén.\n- Twee." in page


def test_a_stale_theme_save_is_a_conflict(client, auth, demo):
    auth.as_projectleider()
    assert client.post(f"/rondes/{demo}/opbrengst/thema/1", data=theme_form(findings="Van Anna")).status_code == 302
    response = client.post(f"/rondes/{demo}/opbrengst/thema/1", data=theme_form(findings="Van Bram"))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Van Bram" in page and "Van Anna" in page


def test_a_theme_outside_the_round_is_not_found(client, auth, demo):
    auth.as_projectleider()
    assert client.get(f"/rondes/{demo}/opbrengst/thema/9").status_code == 404
    assert client.get("/rondes/999/opbrengst").status_code == 404


def test_lessons_added_edited_and_deleted(app, client, auth, demo):
    auth.as_projectleider()
    with app.app_context():
        passages = list(db.session.scalars(select(Mark.id).where(Mark.kind == "les").order_by(Mark.id)))
    theme = 1  # the demo marks leiderschap.eigenaarschap as a lesson in every held conversation
    response = client.post(f"/rondes/{demo}/opbrengst/thema/{theme}/lessen", data={"text": "", "sources": []})
    assert response.status_code == 400
    assert "Schrijf de les in eigen woorden." in response.get_data(as_text=True)
    own = [p for p in passages
           if f'value="{p}"' in client.get(f"/rondes/{demo}/opbrengst/thema/{theme}").get_data(as_text=True)]
    response = client.post(f"/rondes/{demo}/opbrengst/thema/{theme}/lessen",
                           data={"text": "Maak één bestuurder eigenaar.", "sources": [str(p) for p in own[:2]]})
    assert response.status_code == 302
    with app.app_context():
        lesson = db.session.scalar(select(CuratedLesson))
        lesson_id = lesson.id
    page = client.get(f"/rondes/{demo}/opbrengst/thema/{theme}").get_data(as_text=True)
    assert "Maak één bestuurder eigenaar." in page and "2 gesprekken, 2 gemeenten, uit 2 passages" in page
    assert client.get(f"/rondes/{demo}/opbrengst/lessen/{lesson_id}").status_code == 200
    response = client.post(f"/rondes/{demo}/opbrengst/lessen/{lesson_id}",
                           data={"text": "Eén eigenaar.", "sources": [str(own[0])], "version": "1"})
    assert response.status_code == 302
    stale = client.post(f"/rondes/{demo}/opbrengst/lessen/{lesson_id}",
                        data={"text": "Oude woorden.", "sources": [str(own[0])], "version": "1"})
    assert stale.status_code == 409 and "Oude woorden." in stale.get_data(as_text=True)
    assert client.post(f"/rondes/{demo}/opbrengst/lessen/{lesson_id}/verwijderen",
                       data={"version": "2"}).status_code == 302
    with app.app_context():
        assert db.session.get(CuratedLesson, lesson_id) is None


def test_publish_through_the_page(app, client, auth, demo):
    auth.as_projectleider()
    response = client.post(f"/rondes/{demo}/opbrengst/publiceren", data={"bevestigd": "ja"}, follow_redirects=True)
    assert "Schrijf eerst de belangrijkste les van de ronde" in response.get_data(as_text=True)
    client.post(f"/rondes/{demo}/opbrengst", data={"main_lesson": "Digitale veiligheid is chefsache.", "version": "0"})
    response = client.post(f"/rondes/{demo}/opbrengst/publiceren", data={"bevestigd": "ja"})
    assert response.status_code == 302 and response.headers["Location"] == f"/opbrengst/{demo}"
    assert "Versie 1 is gepubliceerd." in client.get(f"/opbrengst/{demo}").get_data(as_text=True)
    client.post(f"/rondes/{demo}/opbrengst/publiceren", data={"bevestigd": "ja"})
    with app.app_context():
        assert [p.version for p in publication.versions(db.session, demo)] == [2, 1]
    old = client.get(f"/opbrengst/{demo}/v1").get_data(as_text=True)
    assert "U bekijkt versie 1. Er is een nieuwere versie:" in old


def test_figures_page_with_filters_and_rounds(client, auth, demo):
    auth.as_projectleider()
    page = client.get(f"/rondes/{demo}/opbrengst/cijfers").get_data(as_text=True)
    assert "Meegetelde antwoorden" in page and "Staat digitale veiligheid in het Integraal Veiligheidsplan" in page
    filtered = client.get(f"/rondes/{demo}/opbrengst/cijfers?ronde={demo}&provincie=Limburg").get_data(as_text=True)
    assert "minder dan drie gemeenten" in filtered  # Maastricht only: identifiable
    assert f"export.xlsx?ronde={demo}&amp;provincie=Limburg" in filtered


def test_figures_filter_by_cbs_size_class(client, auth, demo):
    auth.as_projectleider()
    page = client.get(f"/rondes/{demo}/opbrengst/cijfers").get_data(as_text=True)
    assert "Inwonersklasse (bron: CBS)" in page
    assert '<option value="20000-50000">20.000–50.000 inwoners</option>' in page
    assert '<option value="vanaf-250000">250.000 inwoners of meer</option>' in page
    # CBS 2024: Maastricht 125 285 and Delft 109 577 are the held demo municipalities of 100 000-150 000.
    filtered = client.get(f"/rondes/{demo}/opbrengst/cijfers?ronde={demo}&inwonersklasse=100000-150000")
    html = filtered.get_data(as_text=True)
    assert '<option value="100000-150000" selected>100.000–150.000 inwoners</option>' in html
    assert "minder dan drie gemeenten" in html
    assert f"export.xlsx?ronde={demo}&amp;inwonersklasse=100000-150000" in html
