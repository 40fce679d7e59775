"""Dutch wording of the opbrengst domain's problems, filters and quote consents (Flask-Babel)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..errors import Problem
from ..i18n import lazy_label
from ..opbrengst.disclosure import MIN_CELL, MIN_MUNICIPALITIES
from ..vocabulary import Consent
from . import REQUIRED_MESSAGE, problem_message, register
from .size_names import SizeClassNames

CONSENT_NAMES = {c: lazy_label(Consent, c) for c in (Consent.NIET_PUBLICEREN, Consent.ANONIEM, Consent.MET_NAAM)}
POPULATION_CLASS_NAMES = SizeClassNames()  # the CBS gemeentegrootteklassen (wording/size_names.py)
QUOTE_PROBLEMS = {
    "awaiting_consent": _l("de spreker heeft nog niet geantwoord"),
    "consent_lapsed": _l("de tekst is gewijzigd na de toestemming; de spreker moet opnieuw bevestigen"),
    "not_consented": _l("geen toestemming om te publiceren"),
    "names_municipality": _l("anoniem, maar het citaat noemt een gemeente uit het gesprek"),
    "speaker_missing": _l("met naam, maar de spreker is niet vastgelegd"),
    "not_a_quote": _l("geen citaat"),
}


# The opbrengst domain's codes (curation.py, publication.py, disclosure.py, national_release.py),
# reached through the registry (wording.problem_message). "" is the whole form.
@register("required", "main_lesson")
def main_lesson_required_words(p: dict) -> str:
    return _("Schrijf eerst de belangrijkste les van de ronde; zonder die les wordt er niets gepubliceerd.")


@register("required", "practice_consent")
def practice_consent_required_words(p: dict) -> str:
    return _("Een praktijkvoorbeeld noemt een gemeente: vink aan dat de gemeente daarmee instemt.")


@register("required", "practice_municipality")
def practice_municipality_required_words(p: dict) -> str:
    return _("Vul de gemeente van het praktijkvoorbeeld in.")


@register("required", "practice_title")
def practice_title_required_words(p: dict) -> str:
    return _("Geef het praktijkvoorbeeld een titel.")


@register("not_a_web_address", "practice_url")
def practice_url_words(p: dict) -> str:
    return _("Een webadres begint met https:// (of http://).")


@register("required", "sources")
def sources_required_words(p: dict) -> str:
    return _("Kies minstens één gemarkeerde passage waar de les uit komt.")


@register("unknown", "sources")
def sources_unknown_words(p: dict) -> str:
    return _("Een van de gekozen passages hoort niet (meer) bij deze prioriteit; kies opnieuw.")


@register("unknown", "quote")
def quote_unknown_words(p: dict) -> str:
    return _("Dit citaat hoort niet (meer) bij deze prioriteit; kies opnieuw.")


def _quote_refused(code: str):
    def words(p: dict) -> str:
        return _("Dit citaat kan niet worden gekozen: %(reason)s.", reason=QUOTE_PROBLEMS[code])
    return words


for _code in QUOTE_PROBLEMS:
    register(_code, "quote")(_quote_refused(_code))


@register("too_many", "findings")
def findings_too_many_words(p: dict) -> str:
    return _("Houd het bij hooguit twaalf bevindingen.")


@register("too_long")
def too_long_words(p: dict) -> str:
    return _("Deze tekst is te lang; kort hem in.")


@register("required")
def required_words(p: dict) -> str:
    return str(REQUIRED_MESSAGE)


@register("theme_not_in_round", "")
def theme_not_in_round_words(p: dict) -> str:
    return _("Deze prioriteit hoort niet bij deze ronde.")


@register("no_conversations", "")
def no_conversations_words(p: dict) -> str:
    return _("Er is nog geen gehouden gesprek in deze ronde: er valt nog niets te publiceren.")


@register("too_few_municipalities", "")
def too_few_to_publish_words(p: dict) -> str:
    return _("Publiceren kan pas met minstens %(minimum)s gemeenten in gehouden gesprekken. Bij minder "
             "zijn de antwoorden tot een gemeente te herleiden.", minimum=MIN_MUNICIPALITIES)


@register("differencing", "")
def differencing_words(p: dict) -> str:
    return ngettext(
        "Deze versie verschilt van versie %(version)s met %(num)s gemeente in %(cell)s. Zo'n klein "
        "verschil maakt het antwoord van die gemeente herleidbaar. Publiceer pas als er minstens "
        "%(minimum)s gemeenten bij zijn gekomen of zijn gewijzigd.",
        "Deze versie verschilt van versie %(version)s met %(num)s gemeenten in %(cell)s. Zo'n klein "
        "verschil maakt de antwoorden van die gemeenten herleidbaar. Publiceer pas als er minstens "
        "%(minimum)s gemeenten bij zijn gekomen of zijn gewijzigd.",
        p["difference"], version=p["version"], cell=cell_name(p["cell"]), minimum=MIN_CELL)


@register("release_unchanged", "")
def release_unchanged_words(p: dict) -> str:
    return _("Er is niets veranderd sinds de vorige release van het landelijk beeld.")


@register("release_too_few_visits", "")
def release_too_few_visits_words(p: dict) -> str:
    return ngettext(
        "Sinds de vorige release is %(num)s visitatie bijgekomen of gewijzigd. Publiceer pas bij "
        "minstens %(minimum)s: anders zijn de scores van die gemeente af te lezen.",
        "Sinds de vorige release zijn %(num)s visitaties bijgekomen of gewijzigd. Publiceer pas bij "
        "minstens %(minimum)s: anders zijn de scores van die gemeenten af te lezen.",
        p["changed"], minimum=p["minimum"])


def cell_name(cell) -> str:
    """A published cell as the project leader knows it: the question and the answer counted."""
    kind, key, column = (list(cell) + ["", "", ""])[:3]
    if kind == "method":
        return _("het aantal deelnemende gemeenten")
    if kind == "lesson":
        return _("het aantal gemeenten bij een les")
    answer = {"n": _("het aantal antwoorden"), "ja": _("ja"), "deels": _("deels"), "nee": _("nee")}.get(
        column, _("niveau %(level)s", level=column))
    return _("vraag %(question)s (%(answer)s)", question=key, answer=answer)


def apply_problems(form, problems: list[Problem], fallback: str) -> list[str]:
    """Attach each problem to its field of the form; the messages that fit no field are returned."""
    general = []
    for problem in problems:
        target = getattr(form, problem.field, None) if problem.field else None
        if target is None:
            target = getattr(form, fallback, None) if problem.field else None
        if target is None:
            general.append(problem_message(problem))
        else:
            target.errors = list(target.errors) + [problem_message(problem)]
    return general
