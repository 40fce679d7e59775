"""The English catalogue: every UI string extracted from the code has a translation that keeps its
placeholders. Guards against new Dutch text that `make messages` was never run for."""
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "visitatie" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
METHODS = [("visitatie/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}


def catalogue():
    with CATALOGUE.open("rb") as handle:
        return read_po(handle)


def test_every_message_is_translated_and_keeps_its_placeholders():
    problems = []
    for message in catalogue():
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(targets):
            problems.append(f"untranslated: {sources[0]!r}")
            continue
        for source, target in zip(sources[-1:] * len(targets), targets, strict=False):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                problems.append(f"placeholders differ: {source!r} -> {target!r}")
    assert problems == []


def test_every_string_in_the_code_is_in_the_catalogue():
    known = {m.id if not isinstance(m.id, tuple) else m.id[0] for m in catalogue() if m.id}
    missing, extracted = set(), 0
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=METHODS, keywords=KEYWORDS,
            options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}}):
        singular = message[0] if isinstance(message, tuple) else message
        extracted += 1
        if singular and singular not in known:
            missing.add(f"{filename}: {singular!r}")
    assert extracted > len(known) // 2  # the extraction did find the templates and the code
    assert sorted(missing) == [], "run `make messages` and translate the new strings"
