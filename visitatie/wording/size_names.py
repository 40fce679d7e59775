"""The CBS size classes (visitatie/municipality_size.py) in the interface language.

One wording for every page: filters, pairing reasons and the public opbrengst. Numbers follow
the locale (20.000 in Dutch, 20,000 in English)."""
from collections.abc import Mapping

from flask_babel import format_decimal
from flask_babel import gettext as _

from ..municipality_size import SIZE_CLASS_KEYS, UNKNOWN, class_by_key, span


def size_range_name(low: int, high: int | None) -> str:
    """'20.000–50.000 inwoners' for a class or for adjacent classes merged into one group."""
    wording, values = span(low, high, number=format_decimal)
    if wording == "below":
        return _("minder dan %(high)s inwoners", **values)
    if wording == "all":
        return _("alle gemeenten")
    if wording == "from":
        return _("%(low)s inwoners of meer", **values)
    return _("%(low)s–%(high)s inwoners", **values)


def size_class_name(key: str) -> str:
    cls = class_by_key(key)
    return size_range_name(cls.low, cls.high) if cls else _("inwonertal onbekend")


class SizeClassNames(Mapping):
    """key -> name, worded when read (so in the language of the request)."""

    def __getitem__(self, key: str) -> str:
        return size_class_name(key)

    def __iter__(self):
        return iter(SIZE_CLASS_KEYS + (UNKNOWN,))

    def __len__(self) -> int:
        return len(SIZE_CLASS_KEYS) + 1
