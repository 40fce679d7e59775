"""A second, fictional topic, "Ondermijning" with two themes, made through the guide editor as a
project leader would: every step is a POST to the editor's routes."""
import re

from sqlalchemy import select

from visitatie.extensions import db
from visitatie.models.guide_versions import GuideVersion

THEMES = [
    {"number": "1", "slug": "signalen", "title": "Signalen van ondermijning herkennen",
     "recommendation": "Maak signalen bespreekbaar in de hele organisatie",
     "introduction": "Ondermijning is vaak onzichtbaar; medewerkers zien de eerste signalen.",
     "findings": "Loketmedewerkers herkennen signalen, maar weten niet waar ze die kwijt kunnen.\n"
                 "Vastgoedtransacties worden zelden getoetst.",
     "quote_text": "Wie de signalen niet deelt, laat de criminelen hun gang gaan.",
     "quote_speaker": "Anna de Vries", "quote_function": "burgemeester van Voorbeelddorp",
     "example_municipality": "Voorbeelddorp", "example_title": "Meldpunt voor medewerkers",
     "example_url": "https://example.org/meldpunt"},
    {"number": "2", "slug": "samenwerking", "title": "Samenwerken in de driehoek",
     "recommendation": "Deel informatie binnen de regels van het RIEC",
     "findings": "De driehoek bespreekt ondermijning niet in elke vergadering.",
     "quote_text": "Samen zien we meer dan alleen.", "quote_speaker": "Bram Jansen",
     "quote_function": "burgemeester van Proefstad", "example_municipality": "Proefstad",
     "example_title": "Gezamenlijk informatieplein"},
]

QUESTIONS = {
    0: [
        {"id": "signalen.meldpunt", "type": "ja_nee_deels",
         "text": "Hebben medewerkers een plek om signalen te melden?",
         "roles": ["burgemeester", "adviseur_oov"], "headline": "heeft een meldpunt voor signalen"},
        {"id": "signalen.kanalen", "type": "multiple_choice", "text": "Via welke kanalen komen signalen binnen?",
         "roles": ["adviseur_oov"], "options": "loket | Het loket\nhandhaving | Handhaving\nrecherche | De politie",
         "multiple": "y", "condition_question": "signalen.meldpunt", "condition_values": "ja, deels"},
        {"id": "signalen.bewustzijn", "type": "scale", "text": "Hoe bewust is de organisatie van ondermijning?",
         "roles": ["burgemeester", "ciso", "adviseur_oov"], "scale_1": "Niet", "scale_2": "Een beetje",
         "scale_3": "Redelijk", "scale_4": "Goed", "scale_5": "Volledig",
         "doorvragen": "Wie heeft er een training gevolgd?\nHoe vaak komt het aan de orde?"},
    ],
    1: [
        {"id": "samenwerking.driehoek", "type": "open", "text": "Hoe bespreekt u ondermijning in de driehoek?",
         "roles": ["burgemeester"], "help": "Denk aan de agenda en de frequentie."},
        {"id": "samenwerking.riec", "type": "ja_nee_deels", "text": "Deelt u informatie met het RIEC?",
         "roles": ["burgemeester", "adviseur_oov"], "headline": "deelt informatie met het RIEC"},
    ],
}


def version_id_of(response) -> int:
    return int(re.search(r"/leidraden/versies/(\d+)", response.headers["Location"]).group(1))


def make_ondermijning(client, app, freeze: bool = True) -> int:
    """The Ondermijning set made in the editor; the id of its (frozen) first version."""
    response = client.post("/leidraden/nieuw", data={"slug": "ondermijning", "title": "Ondermijning"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    version_id = version_id_of(response)
    for index, theme in enumerate(THEMES):
        response = client.post(f"/leidraden/versies/{version_id}/themas/nieuw", data=theme)
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
        for question in QUESTIONS[index]:
            response = client.post(f"/leidraden/versies/{version_id}/themas/{index}/vragen/nieuw", data=question)
            assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    if freeze:
        response = client.post(f"/leidraden/versies/{version_id}/vaststellen")
        assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    return version_id


def stored_version(app, version_id: int) -> GuideVersion:
    with app.app_context():
        version = db.session.scalar(select(GuideVersion).where(GuideVersion.id == version_id))
        db.session.expunge(version)
        return version
