"""Forms of the visit pages (Flask-WTF) and reading the self-assessment's checklist from a post.

They check shape only; the rules live in visitatie/visits and come back as InvalidInput codes,
worded by wording/visits.py."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import Optional

from ...i18n import lazy_label
from ...models.visits import OWNER_ROLES, PRIORITIES, RECOMMENDATION_STATUSES
from ...visits import ChecklistInput, RecommendationInput, ScoreInput
from ...vocabulary import Priority, RecommendationOwner, RecommendationStatus
from ..planning.forms import options


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _version(value) -> int:
    return _int_or_none(value) or 0


class ScoreForm(FlaskForm):
    # The levels are drawn by the template with their names and descriptions; the domain checks them.
    level = RadioField(_l("Niveau"), choices=options((str(n), str(n)) for n in range(1, 6)), validate_choice=False,
                       validators=[Optional()])
    justification = TextAreaField(_l("Toelichting"))
    version = HiddenField()

    def to_input(self) -> ScoreInput:
        return ScoreInput(_int_or_none(self.level.data), self.justification.data or "", _version(self.version.data))


class FindingForm(FlaskForm):
    text = TextAreaField(_l("Bevinding"))


class RecommendationForm(FlaskForm):
    theme_number = SelectField(_l("Prioriteit"), validate_choice=False)
    priority = SelectField(_l("Prioriteit"), validate_choice=False,
                           choices=options([("", _l("— kies —"))] + [(p, lazy_label(Priority, p)) for p in PRIORITIES]))
    owner_role = SelectField(_l("Eigenaar in de gemeente"), validate_choice=False,
                             choices=options([("", _l("— kies —"))] + [(o, lazy_label(RecommendationOwner, o))
                                                                       for o in OWNER_ROLES]))
    deadline = DateField(_l("Uiterlijk gereed op"), validators=[Optional()])
    text = TextAreaField(_l("Aanbeveling"))
    version = HiddenField()

    def prepare(self, guides) -> None:
        self.theme_number.choices = options([(str(g.number), f"{g.number}. {g.title}") for g in guides])

    def to_input(self) -> RecommendationInput:
        return RecommendationInput(_int_or_none(self.theme_number.data), self.priority.data or "",
                                   self.owner_role.data or "", self.deadline.data, self.text.data or "")


class StatusForm(FlaskForm):
    status = RadioField(_l("Status"),
                        choices=options((s, lazy_label(RecommendationStatus, s)) for s in RECOMMENDATION_STATUSES),
                        validate_choice=False, validators=[Optional()])
    reason = TextAreaField(_l("Toelichting"))
    version = HiddenField()


class ResponseForm(FlaskForm):
    text = TextAreaField(_l("Bestuurlijke reactie"))
    version = HiddenField()


class ConsentForm(FlaskForm):
    consent = BooleanField(_l("Wij geven toestemming om de scores van de visitatiecommissie met de naam van onze "
                              "gemeente te tonen in het landelijk beeld."))


class ConfirmForm(FlaskForm):
    """A bare POST with its CSRF token: finalise, delete."""


def read_checklist(form, items) -> tuple[list[ChecklistInput], dict[str, str], dict[str, dict]]:
    """The checklist rows of a posted self-assessment: inputs, date problems, and what was typed.

    Fields per item: checklist-<id>-present (ja/nee/empty), -date (YYYY-MM-DD), -remark.
    """
    inputs, problems, typed = [], {}, {}
    for item in items:
        prefix = f"checklist-{item.id}"
        present_raw = form.get(f"{prefix}-present", "")
        date_raw = form.get(f"{prefix}-date", "").strip()
        remark = form.get(f"{prefix}-remark", "")
        typed[item.id] = {"present": present_raw, "date": date_raw, "remark": remark}
        day = None
        if date_raw:
            try:
                day = date.fromisoformat(date_raw)
            except ValueError:
                problems[f"{prefix}-date"] = "invalid_date"
        present = {"ja": True, "nee": False}.get(present_raw)
        inputs.append(ChecklistInput(item.id, present, day, remark))
    return inputs, problems, typed


def stored_checklist(checklist) -> dict[str, dict]:
    """What the checklist fields show for the stored entries: (item, entry) pairs -> typed shape."""
    shown = {}
    for item, entry in checklist:
        present = "" if entry is None or entry.present is None else ("ja" if entry.present else "nee")
        shown[item.id] = {"present": present,
                          "date": entry.document_date.isoformat() if entry and entry.document_date else "",
                          "remark": entry.remark if entry else ""}
    return shown
