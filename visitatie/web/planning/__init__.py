"""Planning a round: rounds, conversations, pairing suggestions, invitations, calendars, dashboard.

One blueprint, its views split by concern over the modules imported at the bottom. Every view is
for project leaders only (checked once, in before_request, so no route can forget it).
"""
from flask import Blueprint

from ...accounts.auth import projectleider_required

bp = Blueprint("planning", __name__, url_prefix="/planning")


@bp.before_request
@projectleider_required
def _only_project_leaders():
    return None


from . import contacts, conversations, data_lifecycle, enrolment, exports  # noqa: E402,F401  isort:skip
from . import invitations, leaders, pairing, planning_sheet, reminders  # noqa: E402,F401  isort:skip
