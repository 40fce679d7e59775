"""Opbrengst: aggregation views, curation, publication, the public page and the exports."""
from flask import Blueprint

bp = Blueprint("opbrengst", __name__)
