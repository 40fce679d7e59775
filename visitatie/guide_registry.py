"""The guides of the running app: loaded once at start-up, so a bad file stops the start."""
from flask import Flask, current_app

from .guides import GuideSet, load_guides


def init_app(app: Flask) -> None:
    app.extensions["visitatie.guides"] = load_guides(app.config["GUIDES_DIR"])


def current_guides() -> GuideSet:
    return current_app.extensions["visitatie.guides"]
