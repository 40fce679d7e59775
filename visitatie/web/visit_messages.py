"""Dutch wording of the visit domain's problems and errors (Flask-Babel)."""
from flask_babel import format_date, gettext as _

from ..i18n import local_time
from ..visits import InvalidInput, StaleEdit, VisitLocked


def problem_message(code: str, params: dict | None = None) -> str:
    params = params or {}
    match code:
        case "level_required":
            return _("Kies een niveau van 1 tot en met 5.")
        case "justification_required":
            return _("Licht het gekozen niveau toe.")
        case "too_long":
            return _("De tekst is te lang; gebruik hooguit 5000 tekens (een opmerking of reden: 1000).")
        case "unknown_item":
            return _("Dit document staat niet op de lijst van dit thema.")
        case "unknown_theme":
            return _("Kies een thema van deze visitatie.")
        case "unknown_priority":
            return _("Kies een prioriteit: hoog, middel of laag.")
        case "unknown_owner":
            return _("Kies wie in de gemeente eigenaar is van de aanbeveling.")
        case "deadline_required":
            return _("Vul in wanneer de aanbeveling uiterlijk moet zijn uitgevoerd.")
        case "deadline_before_visit":
            return _("De uiterste datum moet na de visitatie (%(date)s) liggen.",
                     date=format_date(params["visit_date"], "d MMMM y"))
        case "text_required":
            return _("Vul de tekst in.")
        case "unknown_status":
            return _("Kies een status.")
        case "reason_required":
            return _("Geef aan waarom de aanbeveling niet is overgenomen.")
        case "invalid_date":
            return _("Vul een geldige datum in.")
    return code


def field_messages(error: InvalidInput) -> dict[str, str]:
    return {field: problem_message(code, error.params) for field, code in error.by_field.items()}


def locked_message(error: VisitLocked) -> str:
    if error.status == "geannuleerd":
        return _("Deze visitatie is geannuleerd; er kan niets meer worden gewijzigd.")
    return _("Het visitatierapport is vastgesteld; scores, bevindingen, aanbevelingen en de bestuurlijke reactie "
             "kunnen niet meer worden gewijzigd. De opvolging van de aanbevelingen kan wel worden bijgehouden.")


def stale_message(error: StaleEdit) -> str:
    current = error.current
    if not current.updated_by:
        return _("Iemand anders heeft dit intussen gewijzigd. Uw tekst staat hieronder nog; controleer en sla opnieuw op.")
    return _("%(who)s heeft dit om %(time)s al gewijzigd. Hieronder staat wat u had ingevuld; wat nu is opgeslagen, "
             "staat erboven. Sla opnieuw op om uw versie te bewaren.",
             who=current.updated_by, time=local_time(current.updated_at, "HH:mm"))
