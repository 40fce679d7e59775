"""Whether the client asked for JSON: the autosave does (Content-Type and Accept), pages do not."""
from flask import request


def wants_json() -> bool:
    return request.is_json or request.accept_mimetypes.best == "application/json"
