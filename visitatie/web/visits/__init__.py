"""Visitatieronde pages: visits, self-assessment, committee scores, recommendations and follow-up.

- access.py   the blueprint and `load_visit` (rights checked on every view)
- views.py    the visit list, the national picture, a visit and its themes, findings
- actions.py  editing recommendations, follow-up, the response, consent and the report
- pages.py    what each page shows (no Flask request handling)
- forms.py    the forms
"""
from . import actions, views  # noqa: F401  (the routes register on access.bp)
from .access import bp

__all__ = ["bp"]
