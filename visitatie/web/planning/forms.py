"""Forms of the planning pages (Flask-WTF). They only check shape; the planning rules live in
visitatie/scheduling/validation.py and come back as Problems (see messages.py)."""
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ...i18n import lazy_label
from ...scheduling.pairing import CONSTRAINTS
from ...vocabulary import Role, RoundKind
from ..required import input_required, required


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


EMPTY_ROWS = 3  # blank participant rows under the filled ones; "Regel toevoegen" adds more
_ROUND_ROLES = {
    RoundKind.GESPREKSRONDE: (Role.BURGEMEESTER, Role.CISO, Role.ADVISEUR_OOV, Role.NOTULIST, Role.PROJECTLEIDER),
    RoundKind.VISITATIERONDE: (Role.COMMISSIELID, Role.SECRETARIS, Role.BURGEMEESTER, Role.CISO, Role.ADVISEUR_OOV,
                               Role.NOTULIST, Role.PROJECTLEIDER),
}
# Keyed by RoundKind, looked up with a round's kind (a plain str): a StrEnum member equals its str.
ROLE_CHOICES: dict[str, list[Any]] = {kind: options((role, lazy_label(Role, role)) for role in roles)
                                      for kind, roles in _ROUND_ROLES.items()}
# Municipality names are typed with suggestions from one shared <datalist id="gemeenten">.
TOWN_INPUT = {"list": "gemeenten", "autocomplete": "off"}
SCORE_CHOICES = options([("", _l("niet ingevuld"))] + [(str(s), str(s)) for s in range(1, 6)])


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RoundForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[required(), Length(max=200)])
    kind = SelectField(_l("Soort ronde"),
                       choices=options((kind.value, lazy_label(RoundKind, kind)) for kind in RoundKind))
    period_start = DateField(_l("Eerste dag"), validators=[input_required()])
    period_end = DateField(_l("Laatste dag"), validators=[input_required()])
    themes = MultiCheckboxField(_l("Thema's in deze ronde"), coerce=int)
    guide_version = SelectField(_l("Versie van de gespreksleidraad"))
    status = SelectField(_l("Status"), choices=options([("concept", _l("concept")), ("lopend", _l("lopend")),
                                                       ("afgerond", _l("afgerond"))]))
    updated_at = HiddenField()


class ParticipantForm(FlaskForm):
    class Meta:
        csrf = False  # one row of the conversation form, which carries the token; Dutch messages

    name = StringField(_l("Naam"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("E-mailadres"), validators=[Optional(), Email(), Length(max=254)])
    # checked by the domain
    role = SelectField(_l("Rol"), choices=ROLE_CHOICES[RoundKind.VISITATIERONDE], validate_choice=False)
    municipality = StringField(_l("Gemeente"), validators=[Optional(), Length(max=80)], render_kw=TOWN_INPUT)


class ConversationForm(FlaskForm):
    municipality_1 = SelectField(_l("Gemeente"), validators=[required()])
    municipality_2 = SelectField(_l("Tweede gemeente"), validators=[Optional()])
    municipality_3 = SelectField(_l("Derde gemeente (optioneel)"), validators=[Optional()])
    allow_repeat = BooleanField(_l("Toch toestaan: een gemeente mag in deze ronde vaker meedoen"))
    day = DateField(_l("Datum"), validators=[Optional()])
    time = TimeField(_l("Begintijd"), validators=[Optional()])
    duration_minutes = IntegerField(_l("Duur in minuten"), default=120,
                                    validators=[input_required(), NumberRange(min=15, max=720)])
    place = StringField(_l("Plaats"), validators=[Optional(), Length(max=200)])
    online_url = URLField(_l("Link voor online deelname"), validators=[Optional(), Length(max=500)])
    leader_name = StringField(_l("Naam gespreksleider"), validators=[Optional(), Length(max=120)])
    leader_email = EmailField(_l("E-mailadres gespreksleider"),
                              validators=[Optional(), Email(), Length(max=254)])
    leader_municipality = StringField(_l("Gemeente van de gespreksleider"),
                                      validators=[Optional(), Length(max=80)], render_kw=TOWN_INPUT)
    participants = FieldList(FormField(ParticipantForm), min_entries=EMPTY_ROWS, max_entries=60)
    version = HiddenField()

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if bool(self.day.data) != bool(self.time.data) and not (self.day.errors or self.time.errors):
            missing = self.time if self.day.data else self.day
            missing.errors.append(_l("Vul datum én begintijd in, of laat beide leeg zolang de datum nog niet "
                                     "vaststaat."))
            valid = False
        if bool(self.leader_name.data) != bool(self.leader_email.data):
            target = self.leader_email if self.leader_name.data else self.leader_name
            target.errors.append(_l("Vul naam én e-mailadres van de gespreksleider in."))
            valid = False
        for row in self.participants:
            if bool(row.form.name.data) != bool(row.form.email.data):
                target = row.form.email if row.form.name.data else row.form.name
                target.errors.append(_l("Vul naam én e-mailadres in, of laat de regel leeg."))
                valid = False
        return valid


class StatusForm(FlaskForm):
    status = HiddenField(validators=[required()])
    reason = StringField(_l("Toelichting (optioneel)"), validators=[Optional(), Length(max=500)])
    version = HiddenField()


class EnrolForm(FlaskForm):
    municipality = StringField(_l("Gemeente"), validators=[required(), Length(max=80)], render_kw=TOWN_INPUT)
    score_1 = SelectField(_l("Prioriteit 1"), choices=SCORE_CHOICES, default="")
    score_2 = SelectField(_l("Prioriteit 2"), choices=SCORE_CHOICES, default="")
    score_3 = SelectField(_l("Prioriteit 3"), choices=SCORE_CHOICES, default="")
    score_4 = SelectField(_l("Prioriteit 4"), choices=SCORE_CHOICES, default="")
    score_5 = SelectField(_l("Prioriteit 5"), choices=SCORE_CHOICES, default="")


class SelfScanForm(FlaskForm):
    file = FileField(_l("Zelfscan (CSV)"), validators=[FileRequired()])


class PairForm(FlaskForm):
    first = HiddenField(validators=[required()])
    second = HiddenField(validators=[required()])


class SuggestForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: only chooses what to show

    beperking = SelectField(_l("Voorwaarde"), default="geen", choices=options(zip(CONSTRAINTS, (
        _l("geen"), _l("andere veiligheidsregio"), _l("zelfde veiligheidsregio"),
        _l("andere provincie"), _l("zelfde provincie")), strict=True)))


class IssueForm(FlaskForm):
    scope = SelectField(_l("Voor wie"), default="ontbrekend", choices=options([
        ("ontbrekend", _l("Deelnemers zonder geldige link")),
        ("alle", _l("Alle deelnemers (bestaande links vervallen)"))]))
    conversation = HiddenField()
    send = BooleanField(_l("Ook per e-mail versturen"))


class ConfirmForm(FlaskForm):
    """A bare POST with CSRF token: revoke, re-issue, remove."""


class UploadForm(FlaskForm):
    """One file: the contacts register, a gespreksleiders pool or the planning spreadsheet."""
    file = FileField(_l("Bestand (Excel of CSV)"), validators=[FileRequired()])


class ContactRoleForm(FlaskForm):
    class Meta:
        csrf = False  # one role of the contacts form, which carries the token

    name = StringField(_l("Naam"), validators=[Optional(), Length(max=120)])
    function = StringField(_l("Functie"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("E-mailadres"), validators=[Optional(), Email(), Length(max=254)])


class ContactsForm(FlaskForm):
    burgemeester = FormField(ContactRoleForm, label=_l("Burgemeester"))
    ciso = FormField(ContactRoleForm, label=_l("CISO"))
    adviseur_oov = FormField(ContactRoleForm, label=_l("Adviseur OOV"))
    confirmed = BooleanField(_l("Vandaag bevestigd: deze gegevens kloppen"), default=True)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        for role in (self.burgemeester, self.ciso, self.adviseur_oov):
            if bool(role.form.name.data) != bool(role.form.email.data):
                target = role.form.email if role.form.name.data else role.form.name
                target.errors = list(target.errors) + [_l("Vul naam én e-mailadres in, of laat beide leeg.")]
                valid = False
        return valid


class VolunteerForm(FlaskForm):
    name = StringField(_l("Naam"), validators=[required(), Length(max=120)])
    email = EmailField(_l("E-mailadres"), validators=[required(), Email(), Length(max=254)])
    municipality = StringField(_l("Gemeente"), validators=[required(), Length(max=80)], render_kw=TOWN_INPUT)
    max_conversations = IntegerField(_l("Ten hoogste aantal gesprekken"), default=3,
                                     validators=[input_required(), NumberRange(min=1, max=50)])
    unavailable = StringField(_l("Niet beschikbaar op (datums, gescheiden door komma's)"),
                              validators=[Optional(), Length(max=2000)])


class LeaderPreferenceForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: only chooses what to show

    voorkeur = SelectField(_l("Voorkeur"), default="geen", choices=options((
        ("geen", _l("geen")), ("zelfde_veiligheidsregio", _l("zelfde veiligheidsregio als een van de gemeenten")),
        ("zelfde_provincie", _l("zelfde provincie als een van de gemeenten")))))


class PlanningConfirmForm(FlaskForm):
    """The checked upload, carried from the preview to the save (checked again on saving)."""
    content = HiddenField(validators=[required()])
    filename = HiddenField()
