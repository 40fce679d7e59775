"""The participant's pages: a conversation opened through a personal link, answering, marking,
consent to quotes, finalising.

- views.py        the blueprint, signing in through a link, the conversation and its themes
- actions.py      marks, consent, finalising and reopening
- pages.py        what the conversation and theme pages show
- answer_form.py  reading the answer form and wording its errors
"""
from .views import bp

__all__ = ["bp"]
