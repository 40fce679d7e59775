"""Planning a round: rounds, enrolment and self-scans, pairing suggestions, conversations with
their validation and history, invitation letters, calendars, the dashboard and its exports.

No Flask in here: views, commands and the visitatieronde call these functions with plain values.
The names below are the public interface; a visitatieronde (one host municipality, a committee
of commissielid/secretaris) uses save_conversation, validate_conversation, change_status,
issue_letters and calendar_bytes as they are.
"""
from .conversations import TRANSITIONS, change_status, describe_time, find_or_create_person, save_conversation
from .errors import InvalidTransition, Problem, SchedulingError, StaleEdit, ValidationFailed
from .ics import calendar_bytes, conversation_event
from .inputs import AMSTERDAM, ConversationInput, ParticipantInput, RoundInput, in_amsterdam, local_datetime
from .mailmerge import Letter, invitation_url, issue_letters, letters_zip, mailmerge_csv
from .rounds import round_input, save_round
from .validation import OUTSIDER_ROLES, validate_conversation, validate_round

__all__ = [
    "AMSTERDAM", "OUTSIDER_ROLES", "TRANSITIONS", "ConversationInput", "InvalidTransition", "Letter",
    "ParticipantInput", "Problem", "RoundInput", "SchedulingError", "StaleEdit", "ValidationFailed",
    "calendar_bytes", "change_status", "conversation_event", "describe_time", "find_or_create_person",
    "in_amsterdam", "invitation_url", "issue_letters", "letters_zip", "local_datetime", "mailmerge_csv",
    "round_input", "save_conversation", "save_round", "validate_conversation", "validate_round",
]
