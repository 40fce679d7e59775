"""Confirmation before what cannot be undone: finalising a verslag, publishing a version, replacing a
personal link (the old one dies at once).

One sentence says what will happen, a warning what looks wrong (finalising before the planned date,
publishing with empty priorities). With JavaScript the form's data attributes open a dialog
(static/js/confirm.js); without it, a post without `bevestigd=ja` gets a confirmation page that
posts the same fields again. The server is the one that insists: a script that skips the dialog
still gets the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext

from ..i18n import meeting_time
from ..models import Conversation, Participation
from ..models.types import utcnow

CONFIRMED = "bevestigd"


@dataclass(frozen=True)
class Confirmation:
    title: str
    sentence: str
    button: str
    warning: str | None = None


def is_confirmed() -> bool:
    return request.form.get(CONFIRMED) == "ja"


def confirmation_page(confirmation: Confirmation, cancel_url: str):
    """The no-JavaScript confirmation: the same post again, with `bevestigd=ja`."""
    fields = [(k, v) for k, v in request.form.items(multi=True) if k not in ("csrf_token", CONFIRMED)]
    return render_template("confirm.html", confirmation=confirmation, fields=fields, action=request.path,
                           cancel_url=cancel_url)


def finalise_confirmation(conversation: Conversation, now: datetime | None = None) -> Confirmation:
    warning = None
    if conversation.starts_at is not None and conversation.starts_at > (now or utcnow()):
        warning = _("Dit gesprek is gepland op %(when)s en is dus nog niet gehouden.",
                    when=meeting_time(conversation.starts_at))
    return Confirmation(
        _("Verslag vaststellen?"),
        _("Na het vaststellen kan niemand de antwoorden nog wijzigen, tot het verslag met opgave van een reden "
          "wordt heropend."),
        _("Ja, verslag vaststellen"), warning)


def publish_confirmation(version: int, empty_titles: list[str], total: int) -> Confirmation:
    warning = None
    if empty_titles:
        warning = ngettext("Bij %(num)s van de %(total)s prioriteiten is nog niets samengesteld: %(names)s.",
                           "Bij %(num)s van de %(total)s prioriteiten is nog niets samengesteld: %(names)s.",
                           len(empty_titles), total=total, names=", ".join(empty_titles))
    return Confirmation(
        _("Versie %(version)s publiceren?", version=version),
        _("Versie %(version)s wordt openbaar op de openbare pagina en in het rapport; daarna kunt u haar alleen "
          "nog intrekken.", version=version),
        _("Ja, publiceer versie %(version)s", version=version), warning)


def reissue_confirmation(participation: Participation) -> Confirmation:
    return Confirmation(
        _("Nieuwe link voor %(name)s?", name=participation.person.name),
        _("De huidige link van %(name)s werkt direct niet meer; u downloadt een brief met de nieuwe link.",
          name=participation.person.name),
        _("Ja, maak een nieuwe link"))


def withdraw_confirmation(version: int) -> Confirmation:
    return Confirmation(
        _("Versie %(version)s intrekken?", version=version),
        _("De inhoud van versie %(version)s verdwijnt van de openbare pagina, uit het rapport en uit de export; "
          "dit kan niet ongedaan worden gemaakt.", version=version),
        _("Ja, versie %(version)s intrekken", version=version))


def purge_confirmation() -> Confirmation:
    return Confirmation(
        _("Ruwe gegevens definitief verwijderen?"),
        _("De antwoorden, markeringen en persoonlijke links van deze ronde verdwijnen voorgoed; gepubliceerde "
          "versies blijven."),
        _("Ja, definitief verwijderen"))


def init_app(app: Flask) -> None:
    """The templates ask for the same sentences the views use for the page without JavaScript."""
    app.jinja_env.globals.update(finalise_confirmation=finalise_confirmation, publish_confirmation=publish_confirmation,
                                 reissue_confirmation=reissue_confirmation,
                                 withdraw_confirmation=withdraw_confirmation, purge_confirmation=purge_confirmation)
