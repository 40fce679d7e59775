"""The participant's pages: a conversation opened through a personal link, answering, marking,
consent to quotes, finalising, and "Mijn gesprekken".

- access.py            the blueprint, `signed_in_required` and `load_conversation` (rights on every view)
- views.py             signing in through a link, the conversation, its themes, autosave, downloads
- actions.py           marks, consent, finalising and reopening
- my_conversations.py  a person's open conversations and visits, and signing out as participant
- pages.py             what the conversation and theme pages show
- answer_form.py       reading the answer form and wording its errors
"""
from . import actions, my_conversations, views  # noqa: F401  (the routes register on access.bp)
from .access import bp

__all__ = ["bp"]
