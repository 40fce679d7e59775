"""One place for the wording of the public documents: suppressed numbers, withdrawn quotes,
lessons and versions, and the quote per priority.

The Word builder (round_report.py) and the HTML/PDF templates (registered as Jinja globals in
web/report_text.py) both call these, so the Word file, the web page and the PDF say the same
thing in the same words. Everything reads the snapshot defensively (.get): a snapshot of an
older schema, or one in which disclosure control suppressed a number (None), still renders.
"""
from __future__ import annotations

from typing import Any

from visitatie.reports.wording import as_clause, count, decimal_nl, dutch_date, percent

DASH = "–"
# The magazine the guides' quotes, recommendations and practice examples come from.
MAGAZINE = "VNG-magazine Digitale veiligheid, 2024"
FEWER_THAN = "genoemd door minder dan {n} gemeenten"
PUBLISHER = "VNG"
PUBLISHER_LONG = "Vereniging van Nederlandse Gemeenten (VNG)"
# Only what the magazine itself gives as contact (its "7 vragen over NIS2").
CONTACT = "vng.nl; vragen over NIS2: vng.nl/nis2 of teamadv@vng.nl"
# The abbreviations the reports and guides use, as the magazine spells them out.
ABBREVIATIONS = (
    ("BCP", "Bedrijfscontinuïteitsplan"),
    ("BIO", "Baseline Informatiebeveiliging Overheid"),
    ("Cbw", "Cyberbeveiligingswet"),
    ("CISO", "Chief Information Security Officer"),
    ("ENSIA", "Eenduidige Normatiek Single Information Audit"),
    ("IBD", "Informatiebeveiligingsdienst voor gemeenten"),
    ("IVP", "Integraal Veiligheidsplan"),
    ("NIS2",
     "Europese richtlijn voor netwerk- en informatiebeveiliging (Network and Information Security Directive 2)"),
    ("OOV", "Openbare orde en veiligheid"),
    ("RDI", "Rijksinspectie Digitale Infrastructuur"),
)


def shown(value: float | None, decimals: int | None = None) -> str:
    """A count or mean as text; None (suppressed, or not there) as a dash."""
    if value is None:
        return DASH
    return decimal_nl(value, decimals) if decimals is not None else str(value)


def share(part: int | None, whole: int | None) -> str:
    """'88%' (half up), or a dash when either number is suppressed or there is no whole."""
    if part is None or not whole:
        return DASH
    return f"{percent(part, whole)}%"


def disclosure_footnote(snapshot: dict[str, Any]) -> str:
    """The note under a document in which disclosure control left numbers out, else ''."""
    disclosure = snapshot.get("disclosure") or {}
    return (disclosure.get("footnote") or "") if disclosure.get("any_suppressed") else ""


def withdrawn_version(snapshot: dict[str, Any]) -> str:
    """'Versie 2 van deze opbrengst is ingetrokken op 3 maart 2025.', or '' if it stands."""
    withdrawn = snapshot.get("withdrawn")
    if not withdrawn:
        return ""
    on = dutch_date((withdrawn or {}).get("on")) if isinstance(withdrawn, dict) else ""
    version = snapshot.get("version")
    subject = f"Versie {version} van deze opbrengst" if version else "Deze opbrengst"
    return f"{subject} is ingetrokken op {on}." if on else f"{subject} is ingetrokken."


def _withdrawn(what: str, item: object) -> str:
    on = dutch_date(item.get("withdrawn_on")) if isinstance(item, dict) else ""
    return f"{what} is ingetrokken op {on}." if on else f"{what} is ingetrokken."


def quote_withdrawn(quote: object) -> str:
    """'Het citaat is ingetrokken op …' for a quote its speaker withdrew, else ''."""
    return _withdrawn("Het citaat", quote) if isinstance(quote, dict) and quote.get("withdrawn_on") else ""


def lesson_withdrawn(lesson: object) -> str:
    return _withdrawn("Deze les", lesson) if isinstance(lesson, dict) and lesson.get("withdrawn_on") else ""


def lesson_raised(lesson: dict[str, Any], of: int | None) -> str:
    """How often a lesson came up: 'genoemd in 3 van de 4 gesprekken, door 5 gemeenten'.

    A lesson raised by too few municipalities to publish its counts carries "fewer_than".
    """
    if lesson.get("fewer_than"):
        return FEWER_THAN.format(n=lesson["fewer_than"])
    conversations, municipalities = lesson.get("conversations"), lesson.get("municipalities")
    if conversations is None:
        return ""
    text = f"genoemd in {conversations} van de {count(of, 'gesprek', 'gesprekken')}" if of else \
        f"genoemd in {count(conversations, 'gesprek', 'gesprekken')}"
    if municipalities:
        text += f", door {count(municipalities, 'gemeente', 'gemeenten')}"
    return text


def theme_quote(theme: dict[str, Any], guide: object = None) -> dict[str, Any] | None:
    """The quote of a priority: the consented quote of the round, else the magazine's quote
    from the guide with its source. {"text", "speaker", "function", "source"}; a withdrawn
    quote gives {"withdrawn": "Het citaat is ingetrokken op …"} (the magazine's quote does not
    silently take its place: the reader of an earlier version would see a different speaker).
    """
    quote = theme.get("quote")
    if isinstance(quote, dict) and quote.get("withdrawn_on"):
        return {"withdrawn": quote_withdrawn(quote)}
    if isinstance(quote, dict) and quote.get("text"):
        return {"text": quote["text"], "speaker": quote.get("speaker") or "",
                "function": quote.get("function") or "", "source": ""}
    magazine = getattr(guide, "quote", None)
    if magazine is not None and magazine.text:
        return {"text": magazine.text, "speaker": magazine.speaker, "function": magazine.function,
                "source": MAGAZINE}
    return None


def practice_url(example: dict[str, Any] | None) -> str:
    """The example's web address if it has one (http/https only), else '': no QR, no link."""
    url = ((example or {}).get("url") or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


def figure_sentence(figure: dict[str, Any]) -> str:
    """The sentence under a headline figure; suppressed counts become dashes, never guesses."""
    headline = figure.get("headline") or ""
    n, yes = figure.get("n"), figure.get("ja")
    if figure.get("suppressed") or n is None or yes is None:
        return f"{headline}: niet gepubliceerd, te weinig gemeenten om dit cijfer te tonen."
    if not n:
        return f"{headline}: nog geen antwoorden."
    return f"In {yes} van de {count(n, 'gemeente', 'gemeenten')} ({share(yes, n)}): {as_clause(headline)}."


def figure_detail(figure: dict[str, Any]) -> str:
    if figure.get("suppressed") or not figure.get("n"):
        return ""
    detail = f"Deels: {shown(figure.get('deels'))}, nee: {shown(figure.get('nee'))}."
    missing = figure.get("missing") or 0
    if missing:
        detail += (f" Van {count(missing, 'gemeente', 'gemeenten')} ontbreekt het antwoord; "
                   f"{'die telt' if missing == 1 else 'die tellen'} niet mee.")
    return detail


def scale_sentence(scale: dict[str, Any]) -> str:
    """'Gemiddeld 3,13, mediaan 3 op een schaal van 1 tot 5 (n = 8).' with dashes when suppressed."""
    levels = sorted(int(level) for level in (scale.get("labels") or scale.get("distribution") or {"1": 0, "5": 0}))
    text = (f"Gemiddeld {shown(scale.get('mean'), 2)}, mediaan {shown(scale.get('median'), 1)} "
            f"op een schaal van {levels[0]} tot en met {levels[-1]} (n = {shown(scale.get('n'))}")
    missing = scale.get("missing") or 0
    return text + (f", {missing} ontbrekend" if missing else "") + ")."


def published_lessons(lessons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lessons to print: withdrawn ones stay as a notice, empty ones without notice go."""
    return [lesson for lesson in lessons or [] if lesson.get("text") or lesson.get("withdrawn_on")]


def colophon(snapshot: dict[str, Any], title: str, draft: bool = False) -> list[tuple[str, str]]:
    """The colophon's lines: publisher, date, version, source, contact."""
    version = snapshot.get("version")
    published = dutch_date(snapshot.get("published_at"))
    return [
        ("Titel", title),
        ("Uitgave", PUBLISHER_LONG),
        ("Versie", "concept, niet gepubliceerd" if draft or not version
         else f"versie {version}" + (f", gepubliceerd op {published}" if published else "")),
        ("Bron", f"{MAGAZINE}: aanbevelingen, citaten met bronvermelding en praktijkvoorbeelden; "
                 "de lessen en cijfers komen uit de bestuurlijke gesprekken van deze ronde."),
        ("Contact", CONTACT),
        ("Hergebruik", "Overname van tekst en cijfers is toegestaan met bronvermelding."),
    ]
