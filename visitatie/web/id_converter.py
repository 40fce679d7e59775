"""`<int:…>` in every route, bounded to what the database can hold.

Werkzeug's own int converter takes any number of digits; an id beyond a 64-bit integer then
fails inside the database driver (a 500 on SQLite, a DataError on PostgreSQL). Bounded here, such
a URL simply matches no route: the same 404 as an id that does not exist.
"""
from flask import Flask
from werkzeug.routing import IntegerConverter

DATABASE_INT_MAX = 2**63 - 1


class DatabaseIdConverter(IntegerConverter):
    # At most 19 digits in the pattern itself: a longer number matches no rule at all (a plain 404;
    # a value refused only by `max` would let Werkzeug answer 405 where another method matches).
    regex = r"\d{1,19}"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", DATABASE_INT_MAX)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    # Before any blueprint is registered: rules pick their converter when they are added.
    app.url_map.converters["int"] = DatabaseIdConverter
