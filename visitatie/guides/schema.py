"""JSON schemas of the guide and maturity files; guides/model.py validates against them.

Only the structure is checked here; rules that span fields (ids, conditions, scale levels)
are checked in guides/model.py, where they can name the line of the offending question.
"""
from ..vocabulary import MUNICIPAL_ROLES

QUESTION_TYPES = ("open", "scale", "ja_nee_deels", "multiple_choice")
QUESTION_ROLES = tuple(role.value for role in MUNICIPAL_ROLES)  # plain strings: the schema is data
MATURITY_LEVEL_COUNT = 5

_TEXT = {"type": "string", "minLength": 1}
_ID = {"type": "string", "pattern": r"^[a-z0-9-]+\.[a-z0-9_]+$", "maxLength": 80}

GUIDE_SCHEMA = {
    "type": "object",
    "required": ["version", "theme", "questions"],
    "additionalProperties": False,
    "properties": {
        "version": {"type": "string", "pattern": r"^\d{4}\.\d+$"},
        "theme": {
            "type": "object",
            "required": ["number", "slug", "title", "recommendation", "findings", "quote", "practice_example"],
            "additionalProperties": False,
            "properties": {
                "number": {"type": "integer", "minimum": 1, "maximum": 5},
                "slug": {"type": "string", "pattern": r"^[a-z0-9-]+$"},
                "title": _TEXT,
                "recommendation": _TEXT,
                "introduction": _TEXT,
                "findings": {"type": "array", "minItems": 1, "items": _TEXT},
                "quote": {
                    "type": "object",
                    "required": ["text", "speaker", "function"],
                    "additionalProperties": False,
                    "properties": {"text": _TEXT, "speaker": _TEXT, "function": _TEXT, "source": _TEXT},
                },
                "practice_example": {
                    "type": "object",
                    "required": ["municipality", "title"],
                    "additionalProperties": False,
                    "properties": {
                        "municipality": _TEXT,
                        "title": _TEXT,
                        "url": {"type": "string", "pattern": r"^https?://"},
                    },
                },
            },
        },
        "questions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "type", "text", "roles"],
                "additionalProperties": False,
                "properties": {
                    "id": _ID,
                    "type": {"enum": list(QUESTION_TYPES)},
                    "text": _TEXT,
                    "help": _TEXT,
                    "doorvragen": {"type": "array", "items": _TEXT},
                    "roles": {"type": "array", "minItems": 1, "uniqueItems": True,
                              "items": {"enum": list(QUESTION_ROLES)}},
                    "headline": _TEXT,
                    "scale": {"type": "object"},
                    "multiple": {"type": "boolean"},
                    "options": {
                        "type": "array",
                        "minItems": 2,
                        "items": {
                            "type": "object",
                            "required": ["value", "label"],
                            "additionalProperties": False,
                            "properties": {
                                "value": {"type": "string", "pattern": r"^[a-z0-9_]+$"},
                                "label": _TEXT,
                            },
                        },
                    },
                    "condition": {
                        "type": "object",
                        "required": ["question", "in"],
                        "additionalProperties": False,
                        "properties": {
                            "question": _ID,
                            "in": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                        },
                    },
                },
            },
        },
    },
}

MATURITY_SCHEMA = {
    "type": "object",
    "required": ["version", "theme", "levels", "checklist"],
    "additionalProperties": False,
    "properties": {
        "version": {"type": "string", "pattern": r"^\d{4}\.\d+$"},
        "theme": {"type": "string", "pattern": r"^[a-z0-9-]+$"},
        "levels": {
            "type": "array",
            "minItems": MATURITY_LEVEL_COUNT,
            "maxItems": MATURITY_LEVEL_COUNT,
            "items": {
                "type": "object",
                "required": ["level", "name", "description"],
                "additionalProperties": False,
                "properties": {
                    "level": {"type": "integer", "minimum": 1, "maximum": MATURITY_LEVEL_COUNT},
                    "name": _TEXT,
                    "description": _TEXT,
                },
            },
        },
        "checklist": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "label"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z0-9_]+$"},
                    "label": _TEXT,
                    "help": _TEXT,
                },
            },
        },
    },
}
