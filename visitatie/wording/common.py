"""Words for the refusals every domain shares (visitatie/errors.py): a newer version, a read-only
record, a mail server that would not take the letters."""
from flask_babel import gettext as _

from ..vocabulary import ConversationStatus
from . import register


@register("stale_edit")
def stale_edit_words(p: dict) -> str:
    return _("Iemand anders heeft dit intussen gewijzigd. Uw invoer staat er nog; controleer en sla opnieuw op.")


@register("locked")
def locked_words(p: dict) -> str:
    if p.get("status") == ConversationStatus.GEANNULEERD:
        return _("Dit is geannuleerd; er kan niets meer worden gewijzigd.")
    return _("Dit is vastgesteld en kan niet meer worden gewijzigd.")


@register("mail_failed")
def mail_failed_words(p: dict) -> str:
    return _("De mailserver nam de berichten niet aan (%(reason)s). Probeer het later opnieuw.", reason=p["reason"])
