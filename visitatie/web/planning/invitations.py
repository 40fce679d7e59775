"""Personal invitation links: issue or re-issue them in a batch (the letters are handed over at
that moment, since the plain tokens are not kept), send them by e-mail when a server is set,
and revoke a participant's link."""
from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from ...conversations import invitations
from ...conversations.finalising import FINALISED
from ...extensions import db
from ...models import Conversation, Participation
from ...models.types import utcnow
from ...public_links import calendar_page_url, conversation_page_url, guide_url
from ...scheduling import issue_letters, letters_zip
from ...scheduling.loading import PARTICIPANT_LOADING
from ...scheduling.mail import MailSettings, deliver_letters
from ...vocabulary import OPEN_STATUSES as BATCH_STATUSES
from ..confirmation import confirmation_page, is_confirmed, reissue_confirmation
from . import bp
from .forms import ConfirmForm, IssueForm
from .lookup import get_participation, get_round

# A batch issues links for conversations still to come or being written up. The page also lists the
# finalised ones: their links stay valid until they expire (to read the verslag), so they must stay
# revocable.
LISTED_STATUSES = BATCH_STATUSES + (FINALISED,)


def _participations(round_, conversation_id: str | None, statuses=BATCH_STATUSES):
    query = (select(Participation).join(Conversation).where(
        Conversation.round_id == round_.id, Conversation.status.in_(statuses))
        .order_by(Conversation.starts_at, Conversation.id, Participation.id)
        .options(*PARTICIPANT_LOADING, contains_eager(Participation.conversation)
                 .selectinload(Conversation.municipalities)))
    if conversation_id and conversation_id.isdigit():
        query = query.where(Conversation.id == int(conversation_id))
    return list(db.session.scalars(query))


@bp.get("/rondes/<int:round_id>/uitnodigingen")
def list_invitations(round_id: int):
    round_ = get_round(round_id)
    participations = _participations(round_, None, LISTED_STATUSES)
    current = invitations.current_invitations(db.session, participations)
    now = utcnow()
    # The preview of the batch: who gets a link with "without a valid link" (the table lists them).
    without = [p for p in participations if p.conversation.status in BATCH_STATUSES
               and not ((invitation := current[p.id]) and invitation.is_valid(now))]
    return render_template("planning/invitations.html", round=round_, participations=participations,
                           current=current, now=now, without=len(without),
                           without_conversations=len({p.conversation_id for p in without}),
                           form=IssueForm(formdata=None), confirm_form=ConfirmForm(),
                           mail_configured=bool(current_app.config.get("MAIL_SERVER")))


def _download(letters, filename: str) -> Response:
    return Response(letters_zip(letters), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})


@bp.post("/rondes/<int:round_id>/uitnodigingen")
def issue_invitations(round_id: int):
    round_ = get_round(round_id)
    form = IssueForm()
    if not form.validate_on_submit():
        return redirect(url_for("planning.list_invitations", round_id=round_id))
    issued_at = utcnow()
    letters = issue_letters(
        db.session, _participations(round_, form.conversation.data), base_url=current_app.config["PUBLIC_BASE_URL"],
        days_valid=current_app.config["INVITATION_DAYS_VALID"], page_url=conversation_page_url,
        guide_url=guide_url(), only_missing=form.scope.data == "ontbrekend", now=issued_at,
        calendar_url=calendar_page_url)
    if not letters:
        flash(_("Iedereen heeft al een geldige link; er is niets nieuws uitgegeven."), "info")
        return redirect(url_for("planning.list_invitations", round_id=round_id))
    settings = MailSettings.from_config(current_app.config)
    if form.send.data and settings is not None:
        _send(letters, settings, issued_at)
        return redirect(url_for("planning.list_invitations", round_id=round_id))
    db.session.commit()
    return _download(letters, f"uitnodigingen-ronde-{round_id}.zip")


def _send(letters, settings: MailSettings, issued_at) -> None:
    """Send the letters; a link whose letter did not get out is withdrawn, the earlier one kept."""
    result, error = deliver_letters(db.session, letters, settings, issued_at)
    db.session.commit()
    if error and not result.sent:
        flash(_("De mailserver is niet bereikbaar (%(error)s); er is niets verstuurd of uitgegeven.",
                error=error), "error")
    elif error:
        flash(_("De mailserver brak af (%(error)s) na %(sent)s van de %(total)s uitnodigingen. Wie niets "
                "ontving, houdt de vorige link; verstuur opnieuw aan wie nog geen geldige link heeft.",
                error=error, sent=len(result.sent), total=len(letters)), "error")
    else:
        flash(ngettext("%(num)s uitnodiging verstuurd; geweigerd: %(refused)s.",
                       "%(num)s uitnodigingen verstuurd; geweigerd: %(refused)s.", len(result.sent),
                       refused=", ".join(result.refused) or _("geen")), "success" if not result.refused else "error")


@bp.post("/deelnames/<int:participation_id>/uitnodiging")
def reissue_invitation(participation_id: int):
    participation = get_participation(participation_id)
    back = url_for("planning.list_invitations", round_id=participation.conversation.round_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(back)
    current = invitations.current_invitation(db.session, participation)
    if current is not None and current.is_valid(utcnow()) and not is_confirmed():
        return confirmation_page(reissue_confirmation(participation), back)
    letters = issue_letters(db.session, [participation], base_url=current_app.config["PUBLIC_BASE_URL"],
                            days_valid=current_app.config["INVITATION_DAYS_VALID"],
                            page_url=conversation_page_url, guide_url=guide_url())
    db.session.commit()
    letter = letters[0]
    return Response(f"Onderwerp: {letter.subject}\n\n{letter.body}", mimetype="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{letter.filename}"',
                             "Cache-Control": "no-store"})


@bp.post("/deelnames/<int:participation_id>/intrekken")
def revoke_invitation(participation_id: int):
    participation = get_participation(participation_id)
    if ConfirmForm().validate_on_submit():
        invitations.revoke_all(db.session, participation)
        db.session.commit()
        flash(_("De link van %(name)s werkt niet meer.", name=participation.person.name), "success")
    return redirect(url_for("planning.list_invitations", round_id=participation.conversation.round_id))
