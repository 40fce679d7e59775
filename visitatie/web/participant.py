"""What participants touch: the invitation link, the guide form, autosave, marks, finalising."""
from flask import Blueprint

bp = Blueprint("participant", __name__)
