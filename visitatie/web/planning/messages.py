"""Dutch wording of the scheduling domain's Problems and pairing reasons (Flask-Babel).

Used by the views and by the CLI (inside force_locale), so a rule reads the same everywhere."""
from flask_babel import format_date, format_datetime, gettext as _, ngettext
from flask_babel import lazy_gettext as _l

from ...scheduling import Problem
from ...scheduling.inputs import in_amsterdam
from ...scheduling.pairing import ProposedPair, Reason
from ...i18n import label
from ...vocabulary import Role
from ..size_names import size_class_name



def _day(value) -> str:
    return format_date(value, "d MMMM y")


def _moment(value) -> str:
    return format_datetime(in_amsterdam(value), "d MMMM y HH:mm") if value else _("zonder datum")


def problem_message(problem: Problem) -> str:
    p = problem.params
    role = label(Role, p.get("role", ""))
    match problem.code:
        case "too_few_municipalities":
            return _("Kies minstens twee verschillende gemeenten voor een gesprek.")
        case "one_host":
            return _("Een visitatie heeft precies één gastgemeente.")
        case "municipality_twice":
            return _("%(municipality)s is twee keer gekozen.", municipality=p["municipality"])
        case "municipality_in_round":
            return _("%(municipality)s doet in deze ronde al mee aan het gesprek %(conversation)s (%(when)s). "
                     "Vink ‘toch toestaan’ aan als dat de bedoeling is.", municipality=p["municipality"],
                     conversation=p["conversation"], when=_moment(p["starts_at"]))
        case "municipality_has_answers":
            return _("%(municipality)s kan niet meer uit dit gesprek: er zijn al antwoorden van deze gemeente "
                     "vastgelegd. Annuleer het gesprek en plan een nieuw als de indeling echt anders moet.",
                     municipality=p["municipality"])
        case "host_has_work":
            return _("De gastgemeente %(municipality)s kan niet meer wisselen: de visitatie bevat al haar "
                     "antwoorden, oordelen, bevindingen, aanbevelingen, reactie of toestemming. Annuleer de "
                     "visitatie en plan een nieuwe voor de andere gemeente.", municipality=p["municipality"])
        case "outsider_from_participant":
            if p["role"] == "gespreksleider":
                return _("De gespreksleider %(name)s komt uit %(municipality)s, dat zelf aan dit gesprek "
                         "deelneemt. Kies een burgemeester van een andere gemeente.",
                         name=p["name"], municipality=p["municipality"])
            return _("%(name)s (%(role)s) komt uit %(municipality)s, de gemeente die bezocht wordt. "
                     "Kies iemand van een andere gemeente.", name=p["name"], role=role,
                     municipality=p["municipality"])
        case "municipal_role_elsewhere":
            return _("%(name)s is %(role)s en moet bij een van de gemeenten van dit gesprek horen "
                     "(%(municipalities)s).", name=p["name"], role=role, municipalities=p["municipalities"])
        case "committee_size":
            return ngettext("Een visitatiecommissie heeft %(minimum)s tot %(maximum)s leden; nu is het er %(num)s.",
                            "Een visitatiecommissie heeft %(minimum)s tot %(maximum)s leden; nu zijn het er %(num)s.",
                            p["count"], minimum=p["minimum"], maximum=p["maximum"])
        case "two_leaders":
            return _("Een gesprek heeft één gespreksleider; nu zijn het er meer: %(names)s.", names=p["names"])
        case "participant_twice":
            return _("%(email)s staat twee keer in de lijst.", email=p["email"])
        case "email_invalid":
            return _("%(email)s is geen geldig e-mailadres.", email=p["email"])
        case "role_unknown":
            return _("Onbekende rol %(role)s.", role=p["role"])
        case "double_booked":
            return _("%(name)s is dan al ingepland: %(conversation)s (%(round)s), %(start)s–%(end)s.",
                     name=p["name"], conversation=p["conversation"], round=p["round"],
                     start=_moment(p["starts_at"]), end=format_datetime(in_amsterdam(p["ends_at"]), "HH:mm"))
        case "outside_period":
            return _("%(day)s valt buiten de periode van de ronde (%(start)s tot en met %(end)s).",
                     day=_day(p["day"]), start=_day(p["period_start"]), end=_day(p["period_end"]))
        case "duration_range":
            return _("De duur moet tussen 1 en %(maximum)s minuten liggen.", maximum=p["maximum"])
        case "online_url_scheme":
            return _("De link voor online deelname moet met https:// beginnen.")
        case "held_without_date":
            return _("Een gesprek zonder datum kan niet gehouden zijn: plan eerst de datum.")
        case "period_order":
            return _("De laatste dag ligt vóór de eerste dag.")
        case "no_themes":
            return _("Kies minstens één thema.")
        case "kind_locked":
            return ngettext("De soort ronde kan niet meer veranderen: er is al %(num)s gesprek.",
                            "De soort ronde kan niet meer veranderen: er zijn al %(num)s gesprekken.", p["count"])
        case "conversations_outside_period":
            return _("Deze gesprekken vallen dan buiten de periode: %(titles)s. Verzet ze eerst.",
                     titles=p["titles"])
    return sheet_problem_message(problem)


def sheet_problem_message(problem: Problem) -> str:
    """The problems only the planning spreadsheet can have (a cell that cannot be read)."""
    p = problem.params
    match problem.code:
        case "sheet_shape":
            return p["text"]
        case "sheet_unknown_conversation":
            return _("‘%(value)s’ is geen gesprek van deze ronde. Laat de kolom Gesprek staan zoals gedownload.",
                     value=p["value"])
        case "sheet_conversation_twice":
            return _("Gesprek %(value)s staat ook op regel %(line)s.", value=p["value"], line=p["line"])
        case "sheet_unknown_municipality":
            return _("Onbekende gemeente ‘%(name)s’.", name=p["name"])
        case "sheet_date_and_time":
            return _("Vul datum én begintijd in, of laat beide leeg zolang de datum nog niet vaststaat.")
        case "sheet_bad_date":
            return _("‘%(value)s’ is geen datum; schrijf bijvoorbeeld 2025-04-15 of 15-04-2025.", value=p["value"])
        case "sheet_bad_time":
            return _("‘%(value)s’ is geen tijd; schrijf bijvoorbeeld 14:00.", value=p["value"])
        case "sheet_bad_duration":
            return _("‘%(value)s’ is geen aantal minuten.", value=p["value"])
        case "sheet_leader_incomplete":
            return _("Vul naam, e-mailadres en gemeente van de gespreksleider in, of laat alle drie leeg.")
        case "sheet_bad_email":
            return _("‘%(value)s’ is geen geldig e-mailadres.", value=p["value"])
        case "sheet_read_only":
            return _("Deze kolom is ter informatie en wordt niet ingelezen; wijzig dit in de app en zet de cel "
                     "terug zoals gedownload.")
        case "sheet_stale":
            return _("Dit gesprek is na het downloaden in de app gewijzigd. Download de planning opnieuw en "
                     "breng uw wijziging daarin aan.")
    return problem.code


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
        return _("%(strong)s is sterk op thema %(number)s (%(theme)s) waar %(weak)s zwak is (%(high)s tegen %(low)s).",
                 **values)
    return _("%(strong)s staat verder op thema %(number)s (%(theme)s) dan %(weak)s (%(high)s tegen %(low)s).",
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
