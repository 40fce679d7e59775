"""Words for the refusals of a conversation's own pages: answers, marks, consent and finalising
(visitatie/conversations/answers.py, conversations/marks.py, conversations/finalising.py and opbrengst/consent.py)."""
from flask_babel import gettext as _

from . import register

# Marks: the rule names of marks.MarkError and of the speaker's consent page.
for _code, _words in {
    "unknown_kind": lambda p: _("Kies of dit een les of een citaat is."),
    "unknown_consent": lambda p: _("Kies een van de mogelijkheden voor toestemming."),
    "not_the_speaker": lambda p: _("Alleen de spreker zelf kan toestemming geven voor een citaat."),
    "text_gone": lambda p: _("Deze woorden staan niet meer in het antwoord; er is niets om toestemming voor te geven."),
    "empty_answer": lambda p: _("Er is nog geen antwoord om te markeren."),
    "passage_too_long": lambda p: _("Het fragment is te lang."),
    "passage_not_in_answer": lambda p: _("Het fragment komt niet letterlijk in het opgeslagen antwoord voor. Selecteer "
                                         "de woorden in het antwoord en kies Markeer selectie, of kopieer ze uit het "
                                         "antwoord."),
    "speaker_required": lambda p: _("Een citaat heeft een spreker nodig: kies wie het zei. Alleen die persoon kan "
                                    "toestemming geven."),
    "speaker_not_in_conversation": lambda p: _("Kies een deelnemer van dit gesprek als spreker."),
    "not_a_quote": lambda p: _("Alleen bij een citaat hoort toestemming."),
    # Finalising and reopening a conversation's verslag.
    "already_finalised": lambda p: _("Het verslag was al vastgesteld."),
    "cancelled": lambda p: _("Een geannuleerd gesprek kan niet worden vastgesteld."),
    "not_finalised": lambda p: _("Het verslag is niet vastgesteld; heropenen is niet nodig."),
    "reason_required": lambda p: _("Geef een reden op voor het heropenen."),
    "reason_too_long": lambda p: _("De reden is te lang; gebruik hooguit 1000 tekens."),
    # Answers (conversations/answers.py); the locked and conflict cases are worded on the page
    # (web/participant/answer_form.py).
    "not_a_choice": lambda p: _("Kies een van de gegeven antwoorden."),
    "question_hidden": lambda p: _("Deze vraag is bij het gekozen antwoord niet van toepassing; dit antwoord is niet "
                                   "opgeslagen."),
    "not_in_conversation": lambda p: _("Dit antwoord kon niet worden opgeslagen."),
}.items():
    register(_code)(_words)

# A visit's report is finalised the same way, and named as such.
register("already_finalised", "visit")(lambda p: _("Het visitatierapport was al vastgesteld."))
register("cancelled", "visit")(lambda p: _("Een geannuleerde visitatie kan niet worden vastgesteld."))


@register("answer_too_long")
def answer_too_long_words(p: dict) -> str:
    return _("Dit antwoord is %(length)s tekens lang; het maximum is %(maximum)s. "
             "Maak het wat korter; uw tekst staat er nog.", length=p["length"], maximum=p["maximum"])
