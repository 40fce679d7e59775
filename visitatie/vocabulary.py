"""The codes the database stores and the words people read for them, in one place.

Every status, role and kind is a StrEnum: a member *is* its code string, so it compares equal to
what the database returns and can be written to it. The words come from one label table. Its
texts are Dutch msgids marked with ``N_`` so that ``make messages`` extracts them: the web layer
translates them with Flask-Babel (the Jinja global ``label``), the Word and PDF reports, which are
written in Dutch, use them as they are. Adding a role is a change to this file only: the member,
its label, and its English translation in messages.po (a test checks all three agree).

No Flask import here: the domain (reports, scheduling) reads labels without a request.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum


def N_(msgid: str) -> str:
    """Marks a msgid for extraction; it is translated where it is shown, not here."""
    return msgid


class RoundKind(StrEnum):
    GESPREKSRONDE = "gespreksronde"
    VISITATIERONDE = "visitatieronde"


class RoundStatus(StrEnum):
    CONCEPT = "concept"
    LOPEND = "lopend"
    AFGEROND = "afgerond"


class ConversationStatus(StrEnum):
    """A conversation, or in a visitatieronde a visit: both are rows of the same table."""

    GEPLAND = "gepland"
    GEHOUDEN = "gehouden"
    VASTGESTELD = "vastgesteld"
    GEANNULEERD = "geannuleerd"


class Role(StrEnum):
    """Who takes part in a conversation or visit."""

    BURGEMEESTER = "burgemeester"
    CISO = "ciso"
    ADVISEUR_OOV = "adviseur_oov"
    GESPREKSLEIDER = "gespreksleider"
    NOTULIST = "notulist"
    PROJECTLEIDER = "projectleider"
    # A visitatieronde: the peers who visit, and the VNG secretary who supports them.
    COMMISSIELID = "commissielid"
    SECRETARIS = "secretaris"


class UserRole(StrEnum):
    """What an account may do (accounts are for VNG staff only)."""

    PROJECTLEIDER = "projectleider"


class MarkKind(StrEnum):
    LES = "les"
    CITAAT = "citaat"


class Consent(StrEnum):
    """The state of a quote's consent. VERVALLEN is never stored: a stored consent becomes
    vervallen when the answer no longer holds the consented text (opbrengst/consent.py)."""

    GEVRAAGD = "gevraagd"
    NIET_PUBLICEREN = "niet_publiceren"
    ANONIEM = "anoniem"
    MET_NAAM = "met_naam"
    VERVALLEN = "vervallen"


class GuideVersionStatus(StrEnum):
    CONCEPT = "concept"
    VASTGESTELD = "vastgesteld"


class EnrolmentSource(StrEnum):
    ZELFSCAN = "zelfscan"
    HANDMATIG = "handmatig"


class RecommendationOwner(StrEnum):
    """Who in the visited municipality owns a recommendation."""

    BURGEMEESTER = "burgemeester"
    COLLEGE = "college"
    GEMEENTESECRETARIS = "gemeentesecretaris"
    CISO = "ciso"
    ADVISEUR_OOV = "adviseur_oov"


class RecommendationStatus(StrEnum):
    OPEN = "open"
    IN_UITVOERING = "in_uitvoering"
    AFGEROND = "afgerond"
    NIET_OVERGENOMEN = "niet_overgenomen"


class Priority(StrEnum):
    HOOG = "hoog"
    MIDDEL = "middel"
    LAAG = "laag"


class ScoreSource(StrEnum):
    SELF = "self"
    COMMITTEE = "committee"


def codes(members: Iterable[StrEnum]) -> tuple[str, ...]:
    """Plain strings of a vocabulary (or some of its members), for CHECK constraints, form choices,
    click options and files: places that must not see the Enum type."""
    return tuple(member.value for member in members)


# The municipality's own people: they answer for it, and are named in its contacts register.
MUNICIPAL_ROLES: tuple[Role, ...] = (Role.BURGEMEESTER, Role.CISO, Role.ADVISEUR_OOV)
# Stored consent values: every Consent but the derived VERVALLEN.
STORED_CONSENTS: tuple[Consent, ...] = tuple(c for c in Consent if c is not Consent.VERVALLEN)
PUBLISHABLE_CONSENTS: tuple[Consent, ...] = (Consent.ANONIEM, Consent.MET_NAAM)
# Planned or held, not yet finalised: what invitations, reminders and "Mijn gesprekken" act on.
OPEN_STATUSES: tuple[ConversationStatus, ...] = (ConversationStatus.GEPLAND, ConversationStatus.GEHOUDEN)
# Took place: what the opbrengst counts and the national picture of visits reads.
HELD_STATUSES: tuple[ConversationStatus, ...] = (ConversationStatus.GEHOUDEN, ConversationStatus.VASTGESTELD)
LOCKED_STATUSES: tuple[ConversationStatus, ...] = (ConversationStatus.VASTGESTELD, ConversationStatus.GEANNULEERD)


@dataclass(frozen=True)
class Label:
    """The words for one code: ``short`` everywhere, ``long`` where a letter or report spells it
    out, ``visit`` where the same code reads differently for a visit."""

    short: str
    long: str | None = None
    visit: str | None = None


LABELS: dict[type[StrEnum], dict[str, Label]] = {
    RoundKind: {
        RoundKind.GESPREKSRONDE: Label(N_("gespreksronde")),
        RoundKind.VISITATIERONDE: Label(N_("visitatieronde")),
    },
    RoundStatus: {
        RoundStatus.CONCEPT: Label(N_("concept")),
        RoundStatus.LOPEND: Label(N_("lopend")),
        RoundStatus.AFGEROND: Label(N_("afgerond")),
    },
    ConversationStatus: {
        ConversationStatus.GEPLAND: Label(N_("gepland")),
        ConversationStatus.GEHOUDEN: Label(N_("gehouden"), long=N_("gehouden, nog niet vastgesteld")),
        ConversationStatus.VASTGESTELD: Label(N_("verslag vastgesteld"), long=N_("vastgesteld"),
                                              visit=N_("rapport vastgesteld")),
        ConversationStatus.GEANNULEERD: Label(N_("geannuleerd")),
    },
    Role: {
        Role.BURGEMEESTER: Label(N_("burgemeester")),
        Role.CISO: Label(N_("CISO")),
        Role.ADVISEUR_OOV: Label(N_("adviseur OOV"), long=N_("adviseur openbare orde en veiligheid")),
        Role.GESPREKSLEIDER: Label(N_("gespreksleider")),
        Role.NOTULIST: Label(N_("notulist")),
        Role.PROJECTLEIDER: Label(N_("projectleider")),
        Role.COMMISSIELID: Label(N_("commissielid"), long=N_("lid van de visitatiecommissie"),
                                 visit=N_("lid van de visitatiecommissie")),
        Role.SECRETARIS: Label(N_("secretaris"), long=N_("secretaris van de visitatiecommissie"),
                               visit=N_("secretaris van de visitatiecommissie")),
    },
    UserRole: {
        UserRole.PROJECTLEIDER: Label(N_("projectleider")),
    },
    MarkKind: {
        MarkKind.LES: Label(N_("Les"), long=N_("Les voor deze prioriteit")),
        MarkKind.CITAAT: Label(N_("Citaat")),
    },
    Consent: {
        Consent.GEVRAAGD: Label(N_("gevraagd"), long=N_("gevraagd, nog geen antwoord")),
        Consent.NIET_PUBLICEREN: Label(N_("niet publiceren")),
        Consent.ANONIEM: Label(N_("anoniem"), long=N_("anoniem publiceren")),
        Consent.MET_NAAM: Label(N_("met naam"), long=N_("met naam en functie publiceren")),
        Consent.VERVALLEN: Label(N_("vervallen"),
                                 long=N_("vervallen: de tekst is gewijzigd, de spreker moet opnieuw bevestigen")),
    },
    GuideVersionStatus: {
        GuideVersionStatus.CONCEPT: Label(N_("concept")),
        GuideVersionStatus.VASTGESTELD: Label(N_("vastgesteld")),
    },
    EnrolmentSource: {
        EnrolmentSource.ZELFSCAN: Label(N_("zelfscan")),
        EnrolmentSource.HANDMATIG: Label(N_("handmatig")),
    },
    RecommendationOwner: {
        RecommendationOwner.BURGEMEESTER: Label(N_("burgemeester")),
        RecommendationOwner.COLLEGE: Label(N_("college van B en W")),
        RecommendationOwner.GEMEENTESECRETARIS: Label(N_("gemeentesecretaris")),
        RecommendationOwner.CISO: Label(N_("CISO")),
        RecommendationOwner.ADVISEUR_OOV: Label(N_("adviseur OOV")),
    },
    RecommendationStatus: {
        RecommendationStatus.OPEN: Label(N_("open")),
        RecommendationStatus.IN_UITVOERING: Label(N_("in uitvoering")),
        RecommendationStatus.AFGEROND: Label(N_("afgerond")),
        RecommendationStatus.NIET_OVERGENOMEN: Label(N_("niet overgenomen")),
    },
    Priority: {
        Priority.HOOG: Label(N_("hoog")),
        Priority.MIDDEL: Label(N_("middel")),
        Priority.LAAG: Label(N_("laag")),
    },
    ScoreSource: {
        ScoreSource.SELF: Label(N_("Zelfevaluatie")),
        ScoreSource.COMMITTEE: Label(N_("Visitatiecommissie")),
    },
}

FORMS = ("short", "long", "visit")


Kinds = type[StrEnum] | tuple[type[StrEnum], ...]


def _entry(kinds: Kinds, code: str) -> Label | None:
    for kind in kinds if isinstance(kinds, tuple) else (kinds,):
        if code in LABELS[kind]:
            return LABELS[kind][code]
    return None


def msgid(kinds: Kinds, code: str | None, form: str = "short") -> str:
    """The Dutch words for ``code`` of the vocabulary ``kinds`` (or of the first of several that has
    it); a form the code does not have falls back to ``short``.

    An unknown code (an old row, a typo in a file) is shown as it is rather than hidden."""
    if form not in FORMS:
        raise ValueError(f"unknown label form {form!r}")
    if code is None:
        return ""
    entry = _entry(kinds, str(code))
    if entry is None:
        return str(code)
    return getattr(entry, form) or entry.short


def label(kinds: Kinds, code: str | None, form: str = "short",
          translate: Callable[[str], str] | None = None) -> str:
    """The words for ``code``, translated by ``translate`` (the web passes Flask-Babel's gettext;
    the reports, written in Dutch, pass nothing)."""
    words = msgid(kinds, code, form)
    known = code is not None and _entry(kinds, str(code)) is not None
    return translate(words) if translate is not None and known else words


def labels(vocabulary: type[StrEnum], codes: Iterable[str] | None = None, form: str = "short",
           translate: Callable[[str], str] | None = None) -> dict[str, str]:
    """Code → words for every code of ``vocabulary`` (or the given ones), in their order."""
    return {str(code): label(vocabulary, code, form, translate) for code in (codes or vocabulary)}


def all_msgids() -> set[str]:
    """Every text of the table, for the test that each has an English translation."""
    return {text for entries in LABELS.values() for entry in entries.values()
            for text in (entry.short, entry.long, entry.visit) if text}
