"""Languages: Dutch first, English second, chosen with the switch in the page header."""
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import format_date, format_datetime

from .extensions import babel, select_locale


def local_time(value: datetime | None, fmt: str = "EEEE d MMMM y, HH:mm") -> str:
    """A stored UTC datetime shown in Europe/Amsterdam, in the user's language."""
    if value is None:
        return ""
    return format_datetime(value.astimezone(ZoneInfo("Europe/Amsterdam")), fmt)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.filters["date_nl"] = lambda value, fmt="d MMMM y": format_date(value, fmt) if value else ""
    app.jinja_env.globals["current_locale"] = select_locale
