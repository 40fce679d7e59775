"""Languages: Dutch first, English second, chosen with the switch in the page header."""
from datetime import datetime

from babel.lists import format_list
from flask import Flask
from flask_babel import format_date, format_datetime, get_locale, gettext, lazy_gettext, ngettext

from . import vocabulary
from .dutch_time import AMSTERDAM
from .extensions import babel, select_locale
from .text_input import paragraphs


def local_time(value: datetime | None, fmt: str = "EEEE d MMMM y, HH:mm") -> str:
    """A stored UTC datetime shown in Europe/Amsterdam, in the user's language."""
    if value is None:
        return ""
    return format_datetime(value.astimezone(AMSTERDAM), fmt)


def meeting_time(value: datetime | None, minutes: int | None = None) -> str:
    """A meeting's start as people write it: "7 december 2026, 14.00 uur (120 minuten)"."""
    if value is None:
        return ""
    local = value.astimezone(AMSTERDAM)
    dutch = str(get_locale()) == "nl"
    text = gettext("%(date)s, %(time)s uur", date=format_datetime(local, "d MMMM y"),
                   time=format_datetime(local, "HH.mm" if dutch else "HH:mm"))
    if minutes:
        text += " " + ngettext("(%(num)s minuut)", "(%(num)s minuten)", minutes)
    return text


def history_value(text: str | None) -> str:
    """A value in a conversation's history as people read it: a kept time as a meeting time."""
    from .scheduling.conversations import read_time  # the history's storage format lives there

    kept = read_time(text)
    return meeting_time(*kept) if kept else (text or "")


def in_words(names) -> str:
    """Names as a sentence lists them: "Deventer en Zwolle", "Haarlem, Delft en Oss" (English: "and")."""
    names = list(names)
    return format_list(names, locale=get_locale()) if names else ""


def label(kind, code: str | None, form: str = "short") -> str:
    """The words for a stored code in the user's language (the one table is visitatie/vocabulary.py).

    ``kind`` is a vocabulary class; templates reach them as ``vocab.Role``, ``vocab.ConversationStatus``."""
    return vocabulary.label(kind, code, form, translate=gettext)


def lazy_label(kind, code: str, form: str = "short"):
    """The same words, translated when shown: for form choices built when a module loads."""
    return lazy_gettext(vocabulary.msgid(kind, code, form))


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.filters["meeting_time"] = meeting_time
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["history_value"] = history_value
    app.jinja_env.filters["in_words"] = in_words
    app.jinja_env.filters["date_nl"] = lambda value, fmt="d MMMM y": format_date(value, fmt) if value else ""
    app.jinja_env.globals["current_locale"] = select_locale
    app.jinja_env.globals.update(label=label, vocab=vocabulary)
