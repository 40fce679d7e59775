"""Reminders for unanswered themes: who would get one and why, the round's letter with a preview,
sending after a confirmation, and the schedule the daily command follows (cli/reminders.py).

The rules are in scheduling/reminders.py; this module parses the form and words the outcome."""
from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, SubmitField, TextAreaField

from ...extensions import db
from ...guides.registry import round_guides
from ...models.types import utcnow
from ...public_links import conversation_page_url, guide_url
from ...scheduling import ValidationFailed
from ...scheduling import reminders as domain
from ...scheduling.mail import MailSettings
from ...wording import problem_message
from ..confirmation import Confirmation, confirmation_page, is_confirmed
from . import bp
from .forms import ConfirmForm
from .lookup import actor, get_round


class ReminderLetterForm(FlaskForm):
    subject = StringField(_l("Onderwerp"))
    body = TextAreaField(_l("Tekst van de brief"), render_kw={"rows": 22})
    scheduled = BooleanField(_l("Dagelijks automatisch herinneren tot het gesprek begint"))
    # Text, parsed here: a wrong number gets the domain's Dutch message, not WTForms' English one.
    interval_days = StringField(_l("Opnieuw herinneren na (dagen)"), render_kw={"inputmode": "numeric"})
    show_preview = SubmitField(_l("Voorbeeld bekijken"))
    save = SubmitField(_l("Opslaan"))


def _days(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 4 else None


def reminder_confirmation(due: int, interval_days: int) -> Confirmation:
    return Confirmation(
        _("Herinneringen versturen?"),
        ngettext("%(num)s deelnemer krijgt nu een herinnering per e-mail met een eigen link naast de link die "
                 "hij of zij al heeft; een volgende herinnering kan pas na %(days)s dagen.",
                 "%(num)s deelnemers krijgen nu een herinnering per e-mail met een eigen link naast de link die "
                 "zij al hebben; een volgende herinnering kan pas na %(days)s dagen.", due, days=interval_days),
        ngettext("Ja, verstuur %(num)s herinnering", "Ja, verstuur %(num)s herinneringen", due))


def _render(round_, form, settings, text: domain.LetterText, status=200, previewing=False):
    now = utcnow()
    found = domain.candidates(db.session, round_guides(round_), round_, settings.interval_days, now)
    due = [c for c in found if c.due]
    sample = next((c for c in due), None) or next((c for c in found if c.link_valid_until), None)
    preview = (domain.preview(sample, text, conversation_page_url(sample.participation.conversation), guide_url())
               if sample is not None else None)
    errors = [(f.id, str(f.label.text), str(m)) for f in form if f.errors for m in f.errors]
    return render_template(
        "planning/reminders.html", round=round_, form=form, settings=settings, candidates=found, due=due,
        preview=preview, previewing=previewing, errors=errors, placeholders=domain.PLACEHOLDERS,
        confirmation=reminder_confirmation(len(due), settings.interval_days), confirm_form=ConfirmForm(),
        mail_configured=MailSettings.from_config(current_app.config) is not None, now=now), status


@bp.get("/rondes/<int:round_id>/herinneringen")
def show_reminders(round_id: int):
    round_ = get_round(round_id)
    settings = domain.reminder_settings(db.session, round_)
    text = domain.letter_text(settings)
    form = ReminderLetterForm(formdata=None, data={"subject": text.subject, "body": text.body,
                                                   "scheduled": settings.scheduled,
                                                   "interval_days": settings.interval_days})
    return _render(round_, form, settings, text)


@bp.post("/rondes/<int:round_id>/herinneringen")
def save_reminder_letter(round_id: int):
    """Save the letter and schedule, or (Voorbeeld bekijken) show the typed letter without saving."""
    round_ = get_round(round_id)
    form = ReminderLetterForm()
    settings = domain.reminder_settings(db.session, round_)
    if not form.validate_on_submit():
        return _render(round_, form, settings, domain.letter_text(settings), 400)
    try:
        if form.show_preview.data:
            text = domain.check_letter(form.subject.data, form.body.data, _days(form.interval_days.data))
            return _render(round_, form, settings, text, previewing=True)
        domain.save_settings(db.session, round_, form.subject.data, form.body.data, form.scheduled.data,
                             _days(form.interval_days.data), actor())
    except ValidationFailed as failed:
        db.session.rollback()
        for problem in failed.problems:
            field = form[problem.field]
            field.errors = list(field.errors) + [problem_message(problem)]
        return _render(round_, form, domain.reminder_settings(db.session, round_),
                       domain.letter_text(domain.reminder_settings(db.session, round_)), 400)
    db.session.commit()
    flash(_("De herinneringsbrief en de instellingen zijn opgeslagen."), "success")
    return redirect(url_for("planning.show_reminders", round_id=round_id))


@bp.post("/rondes/<int:round_id>/herinneringen/versturen")
def send_reminders(round_id: int):
    round_ = get_round(round_id)
    back = url_for("planning.show_reminders", round_id=round_id)
    mail = MailSettings.from_config(current_app.config)
    if not ConfirmForm().validate_on_submit() or mail is None:
        return redirect(back)
    settings, now = domain.reminder_settings(db.session, round_), utcnow()
    due = [c for c in domain.candidates(db.session, round_guides(round_), round_, settings.interval_days, now)
           if c.due]
    if not due:
        flash(_("Er is op dit moment niemand aan wie een herinnering kan worden verstuurd."), "info")
        return redirect(back)
    if not is_confirmed():
        return confirmation_page(reminder_confirmation(len(due), settings.interval_days), back)
    run = domain.send_reminders(db.session, due, domain.letter_text(settings), mail,
                                base_url=current_app.config["PUBLIC_BASE_URL"], page_url=conversation_page_url,
                                guide_url=guide_url(), sent_by=actor(), now=now)
    db.session.commit()
    _flash_run(run)
    return redirect(back)


def _flash_run(run: domain.ReminderRun) -> None:
    result, total = run.result, len(run.letters)
    if run.error and not result.sent:
        flash(_("De mailserver is niet bereikbaar (%(error)s); er is geen herinnering verstuurd.",
                error=run.error), "error")
    elif run.error:
        flash(_("De mailserver brak af (%(error)s) na %(sent)s van de %(total)s herinneringen. Wie niets "
                "ontving, staat nog in de lijst; verstuur later opnieuw.",
                error=run.error, sent=len(result.sent), total=total), "error")
    else:
        flash(ngettext("%(num)s herinnering verstuurd; geweigerd: %(refused)s.",
                       "%(num)s herinneringen verstuurd; geweigerd: %(refused)s.", len(result.sent),
                       refused=", ".join(result.refused) or _("geen")),
              "success" if not result.refused else "error")
