"""One wording for an empty required field, the same word the form labels use ("verplicht").

WTForms' own Dutch says "Dit veld is vereist."; our labels and the opbrengst forms say
"verplicht", so every form asks for a required field in the same words.
"""
from wtforms.validators import DataRequired, InputRequired

from ..wording import REQUIRED_MESSAGE


def required() -> DataRequired:
    return DataRequired(message=REQUIRED_MESSAGE)


def input_required() -> InputRequired:
    """For fields whose empty value is not falsy-checked the same way (dates, numbers)."""
    return InputRequired(message=REQUIRED_MESSAGE)
