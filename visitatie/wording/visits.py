"""Dutch wording of the visit domain's problems and errors (Flask-Babel)."""
from flask_babel import format_date
from flask_babel import gettext as _

from ..i18n import local_time
from ..visits import InvalidInput, StaleEdit, VisitLocked
from ..vocabulary import ConversationStatus
from . import problem_message, register

# The visit domain's codes (visits/assessment.py, recommendations.py), reached through the registry
# (wording.problem_message). A visit's texts are limited to 5000 characters, a remark or reason to 1000.

@register("level_required")
def level_required_words(p: dict) -> str:
    return _("Kies een niveau van 1 tot en met 5.")


@register("justification_required")
def justification_required_words(p: dict) -> str:
    return _("Licht het gekozen niveau toe.")


@register("unknown_item")
def unknown_item_words(p: dict) -> str:
    return _("Dit document staat niet op de lijst van deze prioriteit.")


@register("unknown_theme")
def unknown_theme_words(p: dict) -> str:
    return _("Kies een prioriteit van deze visitatie.")


@register("unknown_priority")
def unknown_priority_words(p: dict) -> str:
    return _("Kies een prioriteit: hoog, middel of laag.")


@register("unknown_owner")
def unknown_owner_words(p: dict) -> str:
    return _("Kies wie in de gemeente eigenaar is van de aanbeveling.")


@register("deadline_required")
def deadline_required_words(p: dict) -> str:
    return _("Vul in wanneer de aanbeveling uiterlijk moet zijn uitgevoerd.")


@register("deadline_before_visit")
def deadline_before_visit_words(p: dict) -> str:
    return _("De uiterste datum moet na de visitatie (%(date)s) liggen.",
             date=format_date(p["visit_date"], "d MMMM y"))


@register("text_required")
def text_required_words(p: dict) -> str:
    return _("Vul de tekst in.")


@register("unknown_status")
def unknown_status_words(p: dict) -> str:
    return _("Kies een status.")


@register("reason_required", "reason")
def reason_required_words(p: dict) -> str:
    return _("Geef aan waarom de aanbeveling niet is overgenomen.")


@register("invalid_date")
def invalid_date_words(p: dict) -> str:
    return _("Vul een geldige datum in.")


@register("too_few_visits")
def too_few_visits_words(p: dict) -> str:
    return _("Het rapport van een visitatieronde wordt pas gemaakt vanaf %(minimum)s vastgestelde visitaties; "
             "deze ronde heeft er %(visits)s. Met minder zijn de cijfers tot een gemeente te herleiden.",
             minimum=p["minimum"], visits=p["visits"])


@register("not_a_visit")
def not_a_visit_words(p: dict) -> str:
    return _("Dit is geen visitatie.")


def _visit_too_long(p: dict) -> str:
    return _("De tekst is te lang; gebruik hooguit 5000 tekens (een opmerking of reden: 1000).")


for _field in ("justification", "checklist", "reason"):
    register("too_long", _field)(_visit_too_long)


def field_messages(error: InvalidInput) -> dict[str, str]:
    return {problem.field or "": problem_message(problem) for problem in error.problems}


def locked_message(error: VisitLocked) -> str:
    if error.status == ConversationStatus.GEANNULEERD:
        return _("Deze visitatie is geannuleerd; er kan niets meer worden gewijzigd.")
    return _("Het visitatierapport is vastgesteld; scores, bevindingen, aanbevelingen en de bestuurlijke reactie "
             "kunnen niet meer worden gewijzigd. De opvolging van de aanbevelingen kan wel worden bijgehouden.")


def stale_message(error: StaleEdit) -> str:
    current = error.current
    if not current.updated_by:
        return _("Iemand anders heeft dit intussen gewijzigd. Uw tekst staat hieronder nog; controleer en sla opnieuw "
                 "op.")
    return _("%(who)s heeft dit om %(time)s al gewijzigd. Hieronder staat wat u had ingevuld; wat nu is opgeslagen, "
             "staat erboven. Sla opnieuw op om uw versie te bewaren.",
             who=current.updated_by, time=local_time(current.updated_at, "HH:mm"))
