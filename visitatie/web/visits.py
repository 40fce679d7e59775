"""Visitatieronde: visits, self-assessment, committee scores, recommendations and follow-up."""
from flask import Blueprint

bp = Blueprint("visits", __name__)
