"""A published opbrengst for the demo round, so that a newcomer sees the public page alive.

It goes through the same curation and publication steps a project leader takes (validation,
consent rules, snapshot), with the magazine's recommendations, findings and practice examples —
text that VNG itself published. Only quotes whose speaker consented are chosen; lessons group the
passages the note-takers marked. Idempotent: a round that has a publication is left alone.
"""
from __future__ import annotations

from ..guides.model import GuideSet
from ..models import Round
from ..models.types import DbSession
from ..opbrengst.curation import (
    RoundCurationInput,
    ThemeCurationInput,
    add_lesson,
    quote_candidates,
    save_round_curation,
    save_theme_curation,
    theme_marks,
)
from ..opbrengst.publication import latest, publish

ACTOR = "Demo projectleider"
MAGAZINE = "Beschreven in het VNG-magazine Digitale veiligheid (2024)"
ROUND = RoundCurationInput(
    title="Opbrengst bestuurlijke gespreksronde digitale veiligheid 2024 (demo)",
    main_lesson="Digitale veiligheid is chefsache: de burgemeester maakt er een bestuurlijk onderwerp van, "
                "in het college, in de raad en in de regio.",
    introduction=(
        "In deze demonstratieronde spraken burgemeesters twee aan twee over digitale veiligheid, onder leiding "
        "van een collega-burgemeester uit een derde gemeente. De lessen hieronder zijn opgehaald uit de "
        "verslagen en geanonimiseerd: ze noemen geen gemeente en geen kwetsbaarheid. De antwoorden in deze "
        "demo zijn verzonnen; de aanbevelingen en praktijkvoorbeelden komen uit het VNG-magazine over de "
        "gespreksronde van 2024."
    ),
)
# The lesson the curator drew from the passages marked under each theme (the demo's marks).
LESSONS = {
    1: "Leg het eigenaarschap van digitale veiligheid expliciet vast: de burgemeester voor de veiligheid "
       "van de gemeenschap, de portefeuillehouder bedrijfsvoering voor de eigen organisatie.",
    3: "Wat je niet opslaat, kan ook niet lekken: dataminimalisatie verkleint de schade van een aanval.",
    4: "Kwetsbare inwoners bereik je via wie zij al vertrouwen: wijkteams, bibliotheek en "
       "ouderenorganisaties.",
}


def load_demo_opbrengst(session: DbSession, guides: GuideSet, round_: Round) -> bool:
    """Curate and publish the demo round's opbrengst once; False when it was already published."""
    if latest(session, round_.id) is not None:
        return False
    save_round_curation(session, round_, ROUND, ACTOR, base_version=0)
    for theme in round_.themes:
        guide = guides.theme(theme.number)
        publishable = [mark.id for mark, reason in quote_candidates(session, guides, round_.id, theme.number)
                       if reason is None]
        save_theme_curation(session, guides, round_, theme.number, ThemeCurationInput(
            recommendation=guide.recommendation,
            findings=guide.findings,
            quote_mark_id=publishable[0] if publishable else None,
            practice_municipality=guide.practice_example.municipality,
            # The magazine names the example and shows a QR code, nothing more: no invented title or address.
            practice_title=MAGAZINE,
            practice_url="",
            practice_consent=True,  # the magazine published these examples with the municipalities
        ), ACTOR, base_version=0)
        sources = [mark.id for mark in theme_marks(session, guides, round_.id, theme.number, "les")]
        if theme.number in LESSONS and sources:
            add_lesson(session, guides, round_, theme.number, LESSONS[theme.number], sources, ACTOR)
    publish(session, guides, round_, ACTOR)
    return True
