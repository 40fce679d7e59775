"""Dutch wording of the opbrengst domain's problems, filters and quote consents (Flask-Babel)."""
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l

from ...opbrengst import Problem
from ...i18n import lazy_label
from ...opbrengst.disclosure import MIN_CELL, MIN_MUNICIPALITIES
from ...vocabulary import Consent
from ..required import REQUIRED_MESSAGE
from ..size_names import SizeClassNames

CONSENT_NAMES = {c: lazy_label(Consent, c) for c in (Consent.NIET_PUBLICEREN, Consent.ANONIEM, Consent.MET_NAAM)}
POPULATION_CLASS_NAMES = SizeClassNames()  # the CBS gemeentegrootteklassen (web/size_names.py)
QUOTE_PROBLEMS = {
    "awaiting_consent": _l("de spreker heeft nog niet geantwoord"),
    "consent_lapsed": _l("de tekst is gewijzigd na de toestemming; de spreker moet opnieuw bevestigen"),
    "not_consented": _l("geen toestemming om te publiceren"),
    "names_municipality": _l("anoniem, maar het citaat noemt een gemeente uit het gesprek"),
    "speaker_missing": _l("met naam, maar de spreker is niet vastgelegd"),
    "not_a_quote": _l("geen citaat"),
}


def problem_message(problem: Problem) -> str:
    match (problem.field, problem.code):
        case (_field, "required") if _field == "main_lesson":
            return _("Schrijf eerst de belangrijkste les van de ronde; zonder die les wordt er niets gepubliceerd.")
        case ("practice_consent", "required"):
            return _("Een praktijkvoorbeeld noemt een gemeente: vink aan dat de gemeente daarmee instemt.")
        case ("practice_municipality", "required"):
            return _("Vul de gemeente van het praktijkvoorbeeld in.")
        case ("practice_title", "required"):
            return _("Geef het praktijkvoorbeeld een titel.")
        case ("practice_url", "not_a_web_address"):
            return _("Een webadres begint met https:// (of http://).")
        case ("sources", "required"):
            return _("Kies minstens één gemarkeerde passage waar de les uit komt.")
        case ("sources", "unknown"):
            return _("Een van de gekozen passages hoort niet (meer) bij dit thema; kies opnieuw.")
        case ("quote", "unknown"):
            return _("Dit citaat hoort niet (meer) bij dit thema; kies opnieuw.")
        case ("quote", code) if code in QUOTE_PROBLEMS:
            return _("Dit citaat kan niet worden gekozen: %(reason)s.", reason=QUOTE_PROBLEMS[code])
        case ("findings", "too_many"):
            return _("Houd het bij hooguit twaalf bevindingen.")
        case (_field, "too_long"):
            return _("Deze tekst is te lang; kort hem in.")
        case (_field, "required"):
            return str(REQUIRED_MESSAGE)
        case ("", "theme_not_in_round"):
            return _("Dit thema hoort niet bij deze ronde.")
        case ("", "no_conversations"):
            return _("Er is nog geen gehouden gesprek in deze ronde: er valt nog niets te publiceren.")
        case ("", "too_few_municipalities"):
            return _("Publiceren kan pas met minstens %(minimum)s gemeenten in gehouden gesprekken. Bij minder "
                     "zijn de antwoorden tot een gemeente te herleiden.", minimum=MIN_MUNICIPALITIES)
        case ("", "differencing"):
            return ngettext(
                "Deze versie verschilt van versie %(version)s met %(num)s gemeente in %(cell)s. Zo'n klein "
                "verschil maakt het antwoord van die gemeente herleidbaar. Publiceer pas als er minstens "
                "%(minimum)s gemeenten bij zijn gekomen of zijn gewijzigd.",
                "Deze versie verschilt van versie %(version)s met %(num)s gemeenten in %(cell)s. Zo'n klein "
                "verschil maakt de antwoorden van die gemeenten herleidbaar. Publiceer pas als er minstens "
                "%(minimum)s gemeenten bij zijn gekomen of zijn gewijzigd.",
                problem.params["difference"], version=problem.params["version"],
                cell=cell_name(problem.params["cell"]), minimum=MIN_CELL)
        case ("", "release_unchanged"):
            return _("Er is niets veranderd sinds de vorige release van het landelijk beeld.")
        case ("", "release_too_few_visits"):
            return ngettext(
                "Sinds de vorige release is %(num)s visitatie bijgekomen of gewijzigd. Publiceer pas bij "
                "minstens %(minimum)s: anders zijn de scores van die gemeente af te lezen.",
                "Sinds de vorige release zijn %(num)s visitaties bijgekomen of gewijzigd. Publiceer pas bij "
                "minstens %(minimum)s: anders zijn de scores van die gemeenten af te lezen.",
                problem.params["changed"], minimum=problem.params["minimum"])
    return _("Dit klopt nog niet (%(code)s).", code=problem.code)


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
