"""Absolute links on PUBLIC_BASE_URL, for what leaves the site (letters, reminders, calendars).

Outside the web package so that a command (the daily reminders) builds the same links as the
planning pages without importing the views. Needs an app context with a request context (a
command opens app.test_request_context()).
"""
from flask import current_app, url_for

from .models import Conversation
from .vocabulary import RoundKind


def public_url(endpoint: str, **values) -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def conversation_page_url(conversation: Conversation) -> str:
    endpoint = ("participant.show_conversation" if "participant.show_conversation" in current_app.view_functions
                else "rounds.show_conversation")
    return public_url(endpoint, conversation_id=conversation.id)


def guide_url() -> str:
    return public_url("themes.list_themes")


def calendar_page_url(conversation: Conversation) -> str:
    """The page a calendar entry links to: a visit's own page (where the host prepares), else the
    conversation's page."""
    if conversation.round.kind == RoundKind.VISITATIERONDE and "visits.show_visit" in current_app.view_functions:
        return public_url("visits.show_visit", visit_id=conversation.id)
    return conversation_page_url(conversation)
