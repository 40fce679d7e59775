"""Planning a round: rounds, conversations, pairing suggestions, invitations, calendars, dashboard."""
from flask import Blueprint

bp = Blueprint("planning", __name__, url_prefix="/planning")
