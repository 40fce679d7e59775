"""Forms of the curation pages. They check shape only; the curation rules live in
visitatie/opbrengst/curation.py and come back as Problems (see messages.py)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ...opbrengst import curation
from ..required import REQUIRED_MESSAGE

# Municipality names are typed with suggestions from one shared <datalist id="gemeenten">.
TOWN_INPUT = {"list": "gemeenten", "autocomplete": "off"}
# The server checks required fields and says why in Dutch; the browser's own check would style an
# empty field as invalid before anyone typed.
NOT_NATIVE = {"required": False}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RoundCurationForm(FlaskForm):
    title = StringField(_l("Titel van de opbrengst"), validators=[Optional(), Length(max=curation.TITLE_MAX)])
    main_lesson = TextAreaField(_l("De belangrijkste les"),
                                validators=[Optional(), Length(max=curation.MAIN_LESSON_MAX)])
    introduction = TextAreaField(_l("Inleiding"), validators=[Optional(), Length(max=curation.INTRODUCTION_MAX)])
    version = IntegerField(widget=HiddenField.widget, default=0)


class ThemeCurationForm(FlaskForm):
    recommendation = TextAreaField(_l("Aanbeveling"), validators=[
        DataRequired(_l("Vul de aanbeveling in.")), Length(max=curation.RECOMMENDATION_MAX)], render_kw=NOT_NATIVE)
    findings = TextAreaField(_l("Bevindingen"), validators=[Optional()])
    quote = RadioField(_l("Citaat"), choices=[], validate_choice=False, default="")  # checked by the domain
    practice_municipality = StringField(_l("Gemeente"), validators=[Optional(), Length(max=curation.MUNICIPALITY_MAX)],
                                        render_kw=TOWN_INPUT)
    practice_title = StringField(_l("Titel"), validators=[Optional(), Length(max=curation.TITLE_MAX)])
    practice_url = StringField(_l("Webadres"), validators=[Optional(), Length(max=curation.URL_MAX)],
                               render_kw={"inputmode": "url", "autocomplete": "url"})
    practice_consent = BooleanField(_l("De gemeente stemt in met publicatie van dit praktijkvoorbeeld"))
    version = IntegerField(widget=HiddenField.widget, default=0)


class LessonForm(FlaskForm):
    text = TextAreaField(_l("De les in eigen woorden"), validators=[
        DataRequired(_l("Schrijf de les in eigen woorden.")), Length(max=curation.LESSON_MAX)], render_kw=NOT_NATIVE)
    sources = MultiCheckboxField(_l("Gemarkeerde passages waar de les uit komt"), coerce=int,
                                 validate_choice=False)  # checked by the domain
    version = IntegerField(widget=HiddenField.widget, default=0)


class ActionForm(FlaskForm):
    """A button that changes something (publish, delete): only the CSRF token, and a version."""

    version = IntegerField(widget=HiddenField.widget, default=0)


class WithdrawForm(FlaskForm):
    """Withdrawing a published version: the reason is kept for project leaders, not shown publicly."""

    reason = TextAreaField(_l("Reden van intrekken"), validators=[DataRequired(message=REQUIRED_MESSAGE),
                                                                 Length(max=1000)])
