"""Forms of the guide editor. They only carry the fields; the rules are the YAML loader's
(guides/model.py), applied by the domain (guides/versions.py), whose errors name the field they concern."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from ...guides.schema import MATURITY_LEVEL_COUNT, QUESTION_ROLES
from ...i18n import lazy_label
from ...vocabulary import Role
from ..planning.forms import MultiCheckboxField, options

TYPE_LABELS = {"open": _l("open vraag"), "scale": _l("schaal 1 tot en met 5"), "ja_nee_deels": _l("ja / nee / deels"),
               "multiple_choice": _l("meerkeuze")}


def lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class NewGuideSetForm(FlaskForm):
    slug = StringField(_l("Korte naam (slug)"))
    title = StringField(_l("Titel van de leidraad"))


class ThemeForm(FlaskForm):
    lock = HiddenField()
    number = IntegerField(_l("Themanummer"), validators=[Optional()])
    slug = StringField(_l("Korte naam (slug)"))
    title = StringField(_l("Titel"))
    recommendation = TextAreaField(_l("Aanbeveling"))
    introduction = TextAreaField(_l("Introductie"))
    findings = TextAreaField(_l("Bevindingen (één per regel)"))
    quote_text = TextAreaField(_l("Citaat"))
    quote_speaker = StringField(_l("Spreker van het citaat"))
    quote_function = StringField(_l("Functie van de spreker"))
    quote_source = StringField(_l("Bron van het citaat"))
    example_municipality = StringField(_l("Praktijkvoorbeeld: gemeente"))
    example_title = StringField(_l("Praktijkvoorbeeld: titel"))
    example_url = StringField(_l("Praktijkvoorbeeld: webadres"))

    # Loader field -> form field, so an error of the loader lands on the field it is about.
    FIELDS = {"theme.number": "number", "theme.slug": "slug", "theme.title": "title",
              "theme.recommendation": "recommendation", "theme.introduction": "introduction",
              "theme.findings": "findings", "theme.quote.text": "quote_text", "theme.quote.speaker": "quote_speaker",
              "theme.quote.function": "quote_function", "theme.quote.source": "quote_source",
              "theme.quote": "quote_text",
              "theme.practice_example.municipality": "example_municipality",
              "theme.practice_example.title": "example_title", "theme.practice_example.url": "example_url",
              "theme.practice_example": "example_municipality", "theme": "title"}

    def fill(self, theme: dict) -> None:
        quote, example = theme.get("quote") or {}, theme.get("practice_example") or {}
        self.number.data, self.slug.data, self.title.data = theme.get("number"), theme.get("slug"), theme.get("title")
        self.recommendation.data, self.introduction.data = theme.get("recommendation"), theme.get("introduction")
        self.findings.data = "\n".join(theme.get("findings") or [])
        self.quote_text.data, self.quote_speaker.data = quote.get("text"), quote.get("speaker")
        self.quote_function.data, self.quote_source.data = quote.get("function"), quote.get("source")
        self.example_municipality.data, self.example_title.data = example.get("municipality"), example.get("title")
        self.example_url.data = example.get("url")

    def to_fields(self) -> dict:
        def text(field):
            return (field.data or "").strip() or None

        quote = {k: v for k, v in (("text", text(self.quote_text)), ("speaker", text(self.quote_speaker)),
                                   ("function", text(self.quote_function)),
                                   ("source", text(self.quote_source))) if v}
        example = {k: v for k, v in (("municipality", text(self.example_municipality)),
                                     ("title", text(self.example_title)), ("url", text(self.example_url))) if v}
        return {"number": self.number.data, "slug": text(self.slug), "title": text(self.title),
                "recommendation": text(self.recommendation), "introduction": text(self.introduction),
                "findings": lines(self.findings.data), "quote": quote, "practice_example": example}


class QuestionForm(FlaskForm):
    lock = HiddenField()
    id = StringField(_l("Vraag-id"))
    type = SelectField(_l("Soort vraag"), choices=options(TYPE_LABELS.items()))
    text = TextAreaField(_l("Vraag"))
    help = TextAreaField(_l("Toelichting"))
    roles = MultiCheckboxField(_l("Voor wie"),
                               choices=options((role, lazy_label(Role, role)) for role in QUESTION_ROLES))
    doorvragen = TextAreaField(_l("Doorvragen (één per regel)"))
    options = TextAreaField(_l("Opties (één per regel: waarde | label)"))
    multiple = BooleanField(_l("Meerdere antwoorden mogelijk"))
    scale_1 = StringField(_l("Schaal 1"))
    scale_2 = StringField(_l("Schaal 2"))
    scale_3 = StringField(_l("Schaal 3"))
    scale_4 = StringField(_l("Schaal 4"))
    scale_5 = StringField(_l("Schaal 5"))
    headline = StringField(_l("Kerncijfer (alleen bij ja/nee/deels)"))
    condition_question = StringField(_l("Alleen tonen als vraag (id)"))
    condition_values = StringField(_l("… een van deze antwoorden heeft (gescheiden door komma's)"))

    FIELDS = {"id": "id", "type": "type", "text": "text", "help": "help", "roles": "roles", "doorvragen": "doorvragen",
              "options": "options", "multiple": "multiple", "headline": "headline", "scale": "scale_1",
              "condition": "condition_question", "condition.question": "condition_question",
              "condition.in": "condition_values", **{f"scale.{n}": f"scale_{n}" for n in range(1, 6)}}

    def fill(self, question: dict) -> None:
        condition, scale = question.get("condition") or {}, question.get("scale") or {}
        self.id.data, self.type.data, self.text.data = question.get("id"), question.get("type"), question.get("text")
        self.help.data, self.roles.data = question.get("help"), list(question.get("roles") or [])
        self.doorvragen.data = "\n".join(question.get("doorvragen") or [])
        self.options.data = "\n".join(f"{o['value']} | {o['label']}" for o in question.get("options") or [])
        self.multiple.data = bool(question.get("multiple"))
        for level in range(1, 6):
            getattr(self, f"scale_{level}").data = scale.get(level, scale.get(str(level)))
        self.headline.data = question.get("headline")
        self.condition_question.data = condition.get("question")
        self.condition_values.data = ", ".join(condition.get("in") or [])

    def to_question(self) -> dict:
        def text(field):
            return (field.data or "").strip() or None

        question = {"id": text(self.id), "type": self.type.data, "text": text(self.text), "help": text(self.help),
                    "roles": [r for r in QUESTION_ROLES if r in (self.roles.data or [])],
                    "doorvragen": lines(self.doorvragen.data), "headline": text(self.headline)}
        if self.type.data == "multiple_choice":
            question["multiple"] = True if self.multiple.data else None
            question["options"] = [{"value": value.strip(), "label": label.strip()}
                                   for value, _sep, label in (line.partition("|") for line in lines(self.options.data))]
        if self.type.data == "scale":
            question["scale"] = {level: text(getattr(self, f"scale_{level}")) for level in range(1, 6)
                                 if text(getattr(self, f"scale_{level}"))}
        if text(self.condition_question) or text(self.condition_values):
            question["condition"] = {"question": text(self.condition_question) or "",
                                     "in": [v.strip() for v in (self.condition_values.data or "")
                                            .split(",") if v.strip()]}
        return question


class MaturityForm(FlaskForm):
    """The five levels (name and description each) and the checklist of one theme. The level
    fields are added below, one pair per level, so the form follows MATURITY_LEVEL_COUNT."""
    lock = HiddenField()
    checklist = TextAreaField(_l("Checklist (één per regel: id | omschrijving | toelichting)"))

    FIELDS = {"checklist": "checklist", "levels": "level_1_name",
              **{f"levels[{n - 1}]": f"level_{n}_name" for n in range(1, MATURITY_LEVEL_COUNT + 1)},
              **{f"levels[{n - 1}].{part}": f"level_{n}_{part}" for n in range(1, MATURITY_LEVEL_COUNT + 1)
                 for part in ("name", "description")}}

    def fill(self, doc: dict | None, names_from: dict | None = None) -> None:
        """The stored framework; a theme without one gets the level names of another theme."""
        levels = {level.get("level"): level for level in ((doc or names_from or {}).get("levels") or [])}
        for n in range(1, MATURITY_LEVEL_COUNT + 1):
            level = levels.get(n) or {}
            self[f"level_{n}_name"].data = level.get("name")
            if doc:
                self[f"level_{n}_description"].data = level.get("description")
        self.checklist.data = "\n".join(
            " | ".join([item.get("id", ""), item.get("label", "")] + ([item["help"]] if item.get("help") else []))
            for item in (doc or {}).get("checklist") or [])

    def to_levels(self) -> list[dict]:
        levels = []
        for n in range(1, MATURITY_LEVEL_COUNT + 1):
            level = {"level": n, "name": (self[f"level_{n}_name"].data or "").strip(),
                     "description": (self[f"level_{n}_description"].data or "").strip()}
            levels.append({key: value for key, value in level.items() if value != ""})
        return levels

    def to_checklist(self) -> list[dict]:
        items = []
        for line in lines(self.checklist.data):
            parts = [part.strip() for part in line.split("|", 2)]
            item = dict(zip(("id", "label", "help"), parts, strict=False))
            items.append({key: value for key, value in item.items() if value})
        return items


for _level in range(1, MATURITY_LEVEL_COUNT + 1):
    setattr(MaturityForm, f"level_{_level}_name", StringField(_l("Niveau %(level)s: naam", level=_level)))
    setattr(MaturityForm, f"level_{_level}_description",
            TextAreaField(_l("Niveau %(level)s: beschrijving", level=_level)))


class ImportForm(FlaskForm):
    file = FileField(_l("Werkmap (.xlsx) of YAML-bestanden (.zip)"), validators=[FileRequired()])


class ActionForm(FlaskForm):
    """Buttons that change something: only the CSRF token (and the concept's lock)."""
    lock = HiddenField()
