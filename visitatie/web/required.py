"""One wording for an empty required field, the same word the form labels use ("verplicht").

WTForms' own Dutch says "Dit veld is vereist."; our labels and the opbrengst forms say
"verplicht", so every form asks for a required field in the same words.
"""
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, InputRequired

REQUIRED_MESSAGE = _l("Dit veld is verplicht.")


def required() -> DataRequired:
    return DataRequired(message=REQUIRED_MESSAGE)


def input_required() -> InputRequired:
    """For fields whose empty value is not falsy-checked the same way (dates, numbers)."""
    return InputRequired(message=REQUIRED_MESSAGE)
