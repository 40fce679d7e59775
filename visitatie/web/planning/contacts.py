"""The contacts register: per municipality its burgemeester, CISO and adviseur OOV, imported from
VNG's lists and edited here, with the day each entry was last confirmed."""
from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from ...extensions import db
from ...models import Municipality, Round
from ...models.contacts import CONTACT_ROLES, Contact
from ...scheduling import contacts as domain
from . import bp
from .forms import ContactsForm, UploadForm
from .lookup import municipality_by_code


def _came_from():
    """The round the project leader came from (?ronde=), for the way back; None when none."""
    number = request.args.get("ronde", "")
    return db.session.get(Round, int(number)) if number.isdigit() else None


def _render(form=None, problems=None, status=200):
    query = (request.args.get("q") or "").strip().lower()
    municipalities = list(db.session.scalars(select(Municipality).order_by(Municipality.name)))
    if query:
        municipalities = [m for m in municipalities if query in m.name.lower()]
    register = domain.contacts_of(db.session, [m.id for m in municipalities])
    return render_template("planning/contacts.html", municipalities=municipalities, register=register,
                           roles=CONTACT_ROLES, form=form or UploadForm(formdata=None), problems=problems,
                           query=query, filled=sum(len(v) for v in register.values()),
                           came_from=_came_from()), status


@bp.get("/contacten")
def list_contacts():
    return _render()


@bp.post("/contacten")
def import_contacts():
    form = UploadForm()
    if not form.validate_on_submit():
        return _render(form, status=400)
    upload = form.file.data
    try:
        result = domain.import_contacts(db.session, upload.read(), date.today(), upload.filename or "contacten")
    except domain.ContactImportError as error:
        db.session.rollback()
        return _render(form, error, status=400)
    db.session.commit()
    flash(ngettext("Contactenregister ingelezen: %(num)s vermelding toegevoegd, %(replaced)s vervangen.",
                   "Contactenregister ingelezen: %(num)s vermeldingen toegevoegd, %(replaced)s vervangen.",
                   result.added, replaced=result.replaced), "success")
    return redirect(url_for("planning.list_contacts", ronde=request.args.get("ronde")))


@bp.route("/contacten/<code>", methods=["GET", "POST"])
def edit_contacts(code: str):
    municipality = municipality_by_code(code)
    if municipality is None:
        return redirect(url_for("planning.list_contacts"))
    current = {c.role: c for c in db.session.scalars(select(Contact).where(Contact.municipality_id == municipality.id))}
    data = {role: {"name": c.name, "function": c.function or "", "email": c.email} for role, c in current.items()}
    form = ContactsForm(data=None if request.method == "POST" else data)
    if request.method == "GET" or not form.validate_on_submit():
        status = 200 if request.method == "GET" else 400
        return render_template("planning/contact_form.html", form=form, municipality=municipality,
                               current=current, roles=CONTACT_ROLES), status
    for role in CONTACT_ROLES:
        entry = form[role].form
        if entry.name.data and entry.email.data:
            contact, _new = domain.save_contact(db.session, domain.ContactInput(
                municipality, role, entry.name.data, entry.email.data, entry.function.data), date.today())
            if not form.confirmed.data:  # changed, but not confirmed: keep the earlier day, if any
                contact.confirmed_on = current[role].confirmed_on if role in current else None
        elif role in current:
            domain.remove_contact(db.session, municipality, role)
    db.session.commit()
    flash(_("De contactpersonen van %(name)s zijn opgeslagen.", name=municipality.name), "success")
    return redirect(url_for("planning.list_contacts", q=municipality.name))
