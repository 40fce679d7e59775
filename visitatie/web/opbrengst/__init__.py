"""Opbrengst: the public pages of the published yield, and for project leaders the curation,
publication, figures and downloads.

One blueprint, its views split by audience over the modules imported at the bottom: public.py
needs no login and reads only published snapshots; every view in curation.py and downloads.py is
for project leaders (projectleider_required on each view; tests check every route).
"""
from datetime import date, datetime

from flask import Blueprint
from flask_babel import format_date, format_decimal

from ...dutch_time import AMSTERDAM
from ...opbrengst.disclosure import SUPPRESSED_MARK
from ...reports.wording import half_up, percent
from ...wording.size_names import size_range_name

bp = Blueprint("opbrengst", __name__)


@bp.app_template_filter("percent_of")
def percent_of(part: int, whole: int) -> int:
    """Whole percent, rounded half up as in the Word report (7 of 8 is 88)."""
    return percent(part, whole)


@bp.app_template_filter("size_range")
def size_range(group: dict) -> str:
    """A size group of snapshot["size_classes"] in the page's language: '20.000–50.000 inwoners'."""
    return size_range_name(group["low"], group["high"])


@bp.app_template_filter("cell")
def cell(value) -> str:
    """A published number; a suppressed one (None) as the dash of the disclosure footnote."""
    return SUPPRESSED_MARK if value is None else str(value)


@bp.app_template_filter("decimal_nl")
def decimal_nl(value, digits: int = 1) -> str:
    """3.25 as '3,3' (Dutch) or '3.3' (English); None as a dash."""
    if value is None:
        return "–"
    return format_decimal(half_up(value, digits), format="#,##0." + "0" * digits)


@bp.app_template_filter("iso_date_nl")
def iso_date_nl(value) -> str:
    """An ISO date or timestamp from a snapshot as '18 januari 2024' (in the page's language)."""
    if not value:
        return ""
    if "T" in value:
        moment = datetime.fromisoformat(value)
        day = moment.astimezone(AMSTERDAM).date() if moment.tzinfo else moment.date()
    else:
        day = date.fromisoformat(value)
    return format_date(day, "d MMMM y")


from . import curation, downloads, public  # noqa: E402,F401  isort:skip
