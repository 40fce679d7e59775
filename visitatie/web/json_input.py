"""JSON bodies read with limits: nesting no deeper than a form needs, no lone surrogates.

Python's parser recurses, so a body of a few thousand '[' raises RecursionError (a 500), and
"\\ud800" parses to a string the database driver cannot encode (another 500). Here both are
ValueError, which Flask turns into a 400 (or None with get_json(silent=True)): the autosave
then answers its own "could not be read" 400 as JSON.
"""
from flask import Flask
from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 8  # the autosave sends an object holding a list of strings: depth 2


def _check(value, depth: int = 1) -> None:
    if depth > MAX_DEPTH:
        raise ValueError("JSON nested too deeply")
    if isinstance(value, str):
        value.encode("utf-8")  # UnicodeEncodeError (a ValueError) on a lone surrogate
    elif isinstance(value, dict):
        for key, item in value.items():
            key.encode("utf-8")
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


class LimitedJSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error
        _check(value)
        return value


def init_app(app: Flask) -> None:
    app.json = LimitedJSONProvider(app)
