"""Keeping and deleting a round's data: the retention setting, the purge (after a typed
confirmation, with the same list of counts the dry run prints), and the erasure of one person."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, StringField
from wtforms.validators import NumberRange

from ...extensions import db
from ...lifecycle import erasure, purge, storage
from ...models import Conversation, Participation, Person
from ..required import input_required, required
from . import bp
from .lookup import get_participation, get_round

PURGE_WORD = "verwijderen"


class RetentionForm(FlaskForm):
    retention_months = IntegerField(_l("Bewaartermijn in maanden na de laatste publicatie"),
                                    validators=[input_required(), NumberRange(min=1, max=120, message=_l(
                                        "Kies een termijn van 1 tot en met 120 maanden."))])


class PurgeForm(FlaskForm):
    confirmation = StringField(_l("Typ ‘verwijderen’ om te bevestigen"), validators=[required()])


class EraseForm(FlaskForm):
    email = StringField(_l("Typ het e-mailadres van de deelnemer om te bevestigen"), validators=[required()])


def _people(round_) -> list[Person]:
    return list(db.session.scalars(
        select(Person).join(Participation, Participation.person_id == Person.id)
        .join(Conversation, Conversation.id == Participation.conversation_id)
        .where(Conversation.round_id == round_.id).distinct().order_by(Person.name)))


def _page(round_, retention_form=None, purge_form=None, status=200):
    first = {p.person_id: p.id for p in db.session.scalars(
        select(Participation).join(Conversation).where(Conversation.round_id == round_.id)
        .order_by(Participation.id.desc()))}
    return render_template(
        "planning/data_lifecycle.html", round=round_, plan=purge.plan(db.session, round_),
        expires_on=purge.expires_on(db.session, round_), people=_people(round_), participation_of=first,
        retention_form=retention_form or RetentionForm(data={"retention_months": round_.retention_months}),
        purge_form=purge_form or PurgeForm(formdata=None)), status


@bp.get("/rondes/<int:round_id>/gegevens")
def show_data_lifecycle(round_id: int):
    return _page(get_round(round_id))


@bp.post("/rondes/<int:round_id>/bewaartermijn")
def save_retention(round_id: int):
    round_ = get_round(round_id)
    form = RetentionForm()
    if not form.validate_on_submit():
        return _page(round_, retention_form=form, status=400)
    round_.retention_months = form.retention_months.data
    db.session.commit()
    flash(_("De bewaartermijn is opgeslagen."), "success")
    return redirect(url_for("planning.show_data_lifecycle", round_id=round_id))


@bp.post("/rondes/<int:round_id>/opschonen")
def purge_round_data(round_id: int):
    round_ = get_round(round_id)
    form = PurgeForm()
    valid = form.validate_on_submit()
    if valid and form.confirmation.data.strip().lower() != PURGE_WORD:
        form.confirmation.errors.append(_("Typ precies ‘verwijderen’; er is niets verwijderd."))
        valid = False
    if not valid:
        return _page(round_, purge_form=form, status=400)
    counts = purge.purge(db.session, round_, current_user.email, request.remote_addr)
    db.session.commit()
    storage.scrub(db.engine)
    flash(_("De ruwe gegevens van deze ronde zijn verwijderd (%(total)s onderdelen). Gepubliceerde versies "
            "blijven bestaan.", total=counts.total), "success")
    return redirect(url_for("planning.show_data_lifecycle", round_id=round_id))


@bp.route("/deelnames/<int:participation_id>/wissen", methods=["GET", "POST"])
def erase_participant(participation_id: int):
    participation = get_participation(participation_id)
    person, round_ = participation.person, participation.conversation.round
    form = EraseForm()
    if form.validate_on_submit():
        if (form.email.data or "").strip().lower() == (person.email or "").lower() and person.email:
            counts = erasure.erase_person(db.session, person, current_user.email, request.remote_addr)
            db.session.commit()
            storage.scrub(db.engine)
            flash(_("De deelnemer is gewist: %(quotes)s citaten ingetrokken, %(links)s links ingetrokken.",
                    quotes=counts.quotes, links=counts.links), "success")
            return redirect(url_for("planning.show_data_lifecycle", round_id=round_.id))
        form.email.errors.append(_("Dit is niet het e-mailadres van deze deelnemer; er is niets gewist."))
    status = 400 if request.method == "POST" else 200
    return render_template("planning/erase_person.html", round=round_, person=person, form=form), status
