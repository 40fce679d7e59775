"""Dutch wording of the scheduling domain's Problems and pairing reasons (Flask-Babel).

Used by the views and by the CLI (inside force_locale), so a rule reads the same everywhere."""
from flask_babel import format_date, format_datetime, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n import label
from ..scheduling import Problem
from ..scheduling.inputs import in_amsterdam
from ..scheduling.pairing import ProposedPair, Reason
from ..vocabulary import ConversationStatus, Role
from . import problem_message, register
from .size_names import size_class_name


def _day(value) -> str:
    return format_date(value, "d MMMM y")


def _moment(value) -> str:
    return format_datetime(in_amsterdam(value), "d MMMM y HH:mm") if value else _("zonder datum")


def _role(p: dict) -> str:
    return label(Role, p.get("role", ""))


# The scheduling domain's codes (scheduling/validation.py, conversations.py, rounds.py), then the
# problems only the planning spreadsheet can have (a cell that cannot be read). The functions are
# reached through the registry (wording.problem_message), not by name.
@register("too_few_municipalities", "municipalities")
def too_few_municipalities_words(p: dict) -> str:
    return _("Kies minstens twee verschillende gemeenten voor een gesprek.")


@register("one_host")
def one_host_words(p: dict) -> str:
    return _("Een visitatie heeft precies één gastgemeente.")


@register("municipality_twice")
def municipality_twice_words(p: dict) -> str:
    return _("%(municipality)s is twee keer gekozen.", municipality=p["municipality"])


@register("municipality_in_round")
def municipality_in_round_words(p: dict) -> str:
    return _("%(municipality)s doet in deze ronde al mee aan het gesprek %(conversation)s (%(when)s). "
             "Vink ‘toch toestaan’ aan als dat de bedoeling is.", municipality=p["municipality"],
             conversation=p["conversation"], when=_moment(p["starts_at"]))


@register("municipality_has_answers")
def municipality_has_answers_words(p: dict) -> str:
    return _("%(municipality)s kan niet meer uit dit gesprek: er zijn al antwoorden van deze gemeente "
             "vastgelegd. Annuleer het gesprek en plan een nieuw als de indeling echt anders moet.",
             municipality=p["municipality"])


@register("host_has_work")
def host_has_work_words(p: dict) -> str:
    return _("De gastgemeente %(municipality)s kan niet meer wisselen: de visitatie bevat al haar "
             "antwoorden, oordelen, bevindingen, aanbevelingen, reactie of toestemming. Annuleer de "
             "visitatie en plan een nieuwe voor de andere gemeente.", municipality=p["municipality"])


@register("outsider_from_participant")
def outsider_from_participant_words(p: dict) -> str:
    if p["role"] == "gespreksleider":
        return _("De gespreksleider %(name)s komt uit %(municipality)s, dat zelf aan dit gesprek "
                 "deelneemt. Kies een burgemeester van een andere gemeente.",
                 name=p["name"], municipality=p["municipality"])
    return _("%(name)s (%(role)s) komt uit %(municipality)s, de gemeente die bezocht wordt. "
             "Kies iemand van een andere gemeente.", name=p["name"], role=_role(p),
             municipality=p["municipality"])


@register("municipal_role_elsewhere")
def municipal_role_elsewhere_words(p: dict) -> str:
    return _("%(name)s is %(role)s en moet bij een van de gemeenten van dit gesprek horen "
             "(%(municipalities)s).", name=p["name"], role=_role(p), municipalities=p["municipalities"])


@register("committee_size")
def committee_size_words(p: dict) -> str:
    return ngettext("Een visitatiecommissie heeft %(minimum)s tot %(maximum)s leden; nu is het er %(num)s.",
                    "Een visitatiecommissie heeft %(minimum)s tot %(maximum)s leden; nu zijn het er %(num)s.",
                    p["count"], minimum=p["minimum"], maximum=p["maximum"])


@register("two_leaders")
def two_leaders_words(p: dict) -> str:
    return _("Een gesprek heeft één gespreksleider; nu zijn het er meer: %(names)s.", names=p["names"])


@register("participant_twice")
def participant_twice_words(p: dict) -> str:
    return _("%(email)s staat twee keer in de lijst.", email=p["email"])


@register("email_invalid")
def email_invalid_words(p: dict) -> str:
    return _("%(email)s is geen geldig e-mailadres.", email=p["email"])


@register("role_unknown")
def role_unknown_words(p: dict) -> str:
    return _("Onbekende rol %(role)s.", role=p["role"])


@register("double_booked")
def double_booked_words(p: dict) -> str:
    return _("%(name)s is dan al ingepland: %(conversation)s (%(round)s), %(start)s–%(end)s.",
             name=p["name"], conversation=p["conversation"], round=p["round"],
             start=_moment(p["starts_at"]), end=format_datetime(in_amsterdam(p["ends_at"]), "HH:mm"))


@register("outside_period")
def outside_period_words(p: dict) -> str:
    return _("%(day)s valt buiten de periode van de ronde (%(start)s tot en met %(end)s).",
             day=_day(p["day"]), start=_day(p["period_start"]), end=_day(p["period_end"]))


@register("duration_range")
def duration_range_words(p: dict) -> str:
    return _("De duur moet tussen 1 en %(maximum)s minuten liggen.", maximum=p["maximum"])


@register("online_url_scheme")
def online_url_scheme_words(p: dict) -> str:
    return _("De link voor online deelname moet met https:// beginnen.")


@register("held_without_date")
def held_without_date_words(p: dict) -> str:
    return _("Een gesprek zonder datum kan niet gehouden zijn: plan eerst de datum.")


@register("period_order")
def period_order_words(p: dict) -> str:
    return _("De laatste dag ligt vóór de eerste dag.")


@register("no_themes")
def no_themes_words(p: dict) -> str:
    return _("Kies minstens één prioriteit.")


@register("kind_locked")
def kind_locked_words(p: dict) -> str:
    return ngettext("De soort ronde kan niet meer veranderen: er is al %(num)s gesprek.",
                    "De soort ronde kan niet meer veranderen: er zijn al %(num)s gesprekken.", p["count"])


@register("conversations_outside_period")
def conversations_outside_period_words(p: dict) -> str:
    return _("Deze gesprekken vallen dan buiten de periode: %(titles)s. Verzet ze eerst.",
             titles=p["titles"])


@register("sheet_shape")
def sheet_shape_words(p: dict) -> str:
    return p["text"]


@register("sheet_unknown_conversation")
def sheet_unknown_conversation_words(p: dict) -> str:
    return _("‘%(value)s’ is geen gesprek van deze ronde. Laat de kolom Gesprek staan zoals gedownload.",
             value=p["value"])


@register("sheet_conversation_twice")
def sheet_conversation_twice_words(p: dict) -> str:
    return _("Gesprek %(value)s staat ook op regel %(line)s.", value=p["value"], line=p["line"])


@register("sheet_unknown_municipality")
def sheet_unknown_municipality_words(p: dict) -> str:
    return _("Onbekende gemeente ‘%(name)s’.", name=p["name"])


@register("sheet_date_and_time")
def sheet_date_and_time_words(p: dict) -> str:
    return _("Vul datum én begintijd in, of laat beide leeg zolang de datum nog niet vaststaat.")


@register("sheet_bad_date")
def sheet_bad_date_words(p: dict) -> str:
    return _("‘%(value)s’ is geen datum; schrijf bijvoorbeeld 2025-04-15 of 15-04-2025.", value=p["value"])


@register("sheet_bad_time")
def sheet_bad_time_words(p: dict) -> str:
    return _("‘%(value)s’ is geen tijd; schrijf bijvoorbeeld 14:00.", value=p["value"])


@register("sheet_bad_duration")
def sheet_bad_duration_words(p: dict) -> str:
    return _("‘%(value)s’ is geen aantal minuten.", value=p["value"])


@register("sheet_leader_incomplete")
def sheet_leader_incomplete_words(p: dict) -> str:
    return _("Vul naam, e-mailadres en gemeente van de gespreksleider in, of laat alle drie leeg.")


@register("sheet_bad_email")
def sheet_bad_email_words(p: dict) -> str:
    return _("‘%(value)s’ is geen geldig e-mailadres.", value=p["value"])


@register("sheet_read_only")
def sheet_read_only_words(p: dict) -> str:
    return _("Deze kolom is ter informatie en wordt niet ingelezen; wijzig dit in de app en zet de cel "
             "terug zoals gedownload.")


@register("sheet_stale")
def sheet_stale_words(p: dict) -> str:
    return _("Dit gesprek is na het downloaden in de app gewijzigd. Download de planning opnieuw en "
             "breng uw wijziging daarin aan.")




@register("invalid_transition", "status")
def invalid_transition_words(p: dict) -> str:
    return _("Van ‘%(old)s’ kan een gesprek niet naar ‘%(new)s’.", old=label(ConversationStatus, p["old"]),
             new=label(ConversationStatus, p["new"]))


@register("kind_unknown", "kind")
def kind_unknown_words(p: dict) -> str:
    return _("Onbekende soort ronde: %(kind)s.", kind=p["kind"])


@register("status_unknown", "status")
def status_unknown_words(p: dict) -> str:
    return _("Onbekende status: %(status)s.", status=p["status"])


# The reminder letter (scheduling/reminders.py).
@register("subject_missing")
def subject_missing_words(p: dict) -> str:
    return _("Vul een onderwerp in.")


@register("subject_form")
def subject_form_words(p: dict) -> str:
    return _("Het onderwerp is één regel van ten hoogste %(max)s tekens.", max=p["max"])


@register("body_missing")
def body_missing_words(p: dict) -> str:
    return _("Vul de tekst van de brief in.")


@register("body_too_long")
def body_too_long_words(p: dict) -> str:
    return _("De brief is langer dan %(max)s tekens.", max=p["max"])


@register("unknown_placeholder")
def unknown_placeholder_words(p: dict) -> str:
    return ngettext("Onbekend invulveld: %(names)s. Kies uit de invulvelden onder de brief.",
                    "Onbekende invulvelden: %(names)s. Kies uit de invulvelden onder de brief.",
                    len(p["names"]), names=", ".join("{" + name + "}" for name in p["names"]))


@register("link_missing")
def link_missing_words(p: dict) -> str:
    return _("Zet {persoonlijke_link} in de brief: zonder link kan de deelnemer de vragen niet openen.")


@register("interval_range")
def interval_range_words(p: dict) -> str:
    return _("Kies een aantal dagen van %(low)s tot en met %(high)s.", low=p["low"], high=p["high"])


def row_problem_message(row_problem) -> str:
    """'Regel 3, kolom Datum: …' for a problem of the planning spreadsheet."""
    return _("Regel %(line)s, kolom %(column)s: %(message)s", line=row_problem.line, column=row_problem.column,
             message=problem_message(row_problem.problem))


def titled_message(problem: Problem) -> str:
    """A problem of a bulk action, with the conversation it is about."""
    text = problem_message(problem)
    return f"{problem.params['title']}: {text}" if problem.params.get("title") else text


def leader_reason_text(reason) -> str:
    p = reason.params
    match reason.code:
        case "outside":
            return _("%(leader)s komt uit %(municipality)s, niet uit %(municipalities)s.", **p)
        case "region":
            return _("Zelfde veiligheidsregio (%(region)s) als een van de gemeenten, zoals gevraagd.", **p)
        case "province":
            return _("Zelfde provincie (%(province)s) als een van de gemeenten, zoals gevraagd.", **p)
        case "elsewhere":
            return _("Niemand uit dezelfde regio of provincie kon dit gesprek leiden; daarom iemand van elders.")
        case "day":
            return _("Beschikbaar op %(day)s en die dag geen ander gesprek.", day=_day(p["day"]))
        case "undated":
            return _("Het gesprek heeft nog geen datum; bij het inplannen telt de beschikbaarheid opnieuw.")
        case "load":
            return _("Het %(number)se gesprek van ten hoogste %(maximum)s.", **p)
    return reason.code


UNASSIGNED_REASONS = {
    "nobody_outside": _l("Iedereen in de pool komt uit een van de gemeenten van dit gesprek."),
    "nobody_free": _l("Niemand in de pool kan op die dag (niet beschikbaar of al een gesprek)."),
    "pool_full": _l("Wie kan, zit al aan het maximum of leidt die dag al een ander gesprek. Voeg iemand aan de pool "
                    "toe of verhoog een maximum."),
}


def reason_text(reason: Reason, theme_titles: dict[int, str]) -> str:
    values = {"strong": reason.strong, "weak": reason.weak, "number": reason.theme,
              "theme": theme_titles.get(reason.theme, ""), "high": reason.strong_score, "low": reason.weak_score}
    if reason.clear:
        return _("%(strong)s is sterk op prioriteit %(number)s (%(theme)s) waar %(weak)s zwak is (%(high)s tegen "
                 "%(low)s).", **values)
    return _("%(strong)s staat verder op prioriteit %(number)s (%(theme)s) dan %(weak)s (%(high)s tegen %(low)s).",
             **values)


def size_text(pair: ProposedPair) -> str:
    """Why size counted, with the CBS size classes: 'Vergelijkbaar van omvang: beide …'."""
    first, second = (size_class_name(key) for key in pair.size_classes)
    match pair.size:
        case "zelfde":
            return _("Vergelijkbaar van omvang: beide %(size)s (bron: CBS).", size=first)
        case "vergelijkbaar":
            return _("Ongeveer even groot (naastgelegen grootteklassen): %(a)s %(first)s, %(b)s %(second)s "
                     "(bron: CBS).", a=pair.first.name, first=first, b=pair.second.name, second=second)
        case "verschillend":
            return _("Verschillend van omvang: %(a)s %(first)s, %(b)s %(second)s (bron: CBS).",
                     a=pair.first.name, first=first, b=pair.second.name, second=second)
    return _("Omvang onbekend: niet meegewogen.")


def pair_explanation(pair: ProposedPair, theme_titles: dict[int, str]) -> list[str]:
    lines = [reason_text(r, theme_titles) for r in pair.reasons]
    if not lines:
        lines.append(_("Weinig verschil in de zelfscan: gekoppeld zodat iedereen een gesprekspartner heeft."))
    lines.append(size_text(pair))
    return lines
