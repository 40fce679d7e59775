"""Word-level differences between two versions of an answer, and a merge that loses neither.

Used when a save conflicts: the page shows "Uw versie" and "Nieuwere versie" with the words only
one of them has marked, and offers a merged text to edit and save. Words are compared without
their surrounding whitespace, so a changed line end or a double space is not a difference; the
text itself keeps every character as typed. Plain data in, plain data out: the web layer renders
the segments through the template's autoescape (never as markup).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

# A word, or a run of punctuation, with the whitespace that follows it ("driehoek." is two tokens,
# so a full stop moving to the end of a longer sentence is not a changed word). Leading
# whitespace is a token of its own.
_TOKEN = re.compile(r"\s+|\w+\s*|[^\w\s]+\s*")
# After these, a word that follows needs a space between (a merge puts runs side by side).
_NEEDS_SPACE_AFTER = re.compile(r"[\w.,;:!?)\]]$")

EQUAL, INSERTED, DELETED = "equal", "inserted", "deleted"


@dataclass(frozen=True)
class Segment:
    kind: str  # EQUAL, INSERTED (only in this side) or DELETED (only in the other side)
    text: str


@dataclass(frozen=True)
class WordDiff:
    """The two sides of a conflict: each holds its own text, with the words the other lacks marked."""

    mine: tuple[Segment, ...]  # INSERTED: words only in my version
    theirs: tuple[Segment, ...]  # DELETED: words only in the newer version (they would go if mine were saved)

    @property
    def differs(self) -> bool:
        return any(s.kind != EQUAL for s in self.mine + self.theirs)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall((text or "").replace("\r\n", "\n"))


def _key(token: str) -> str:
    return token.strip()


def _opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    # autojunk off: answers repeat short words ("de", "het") and must not lose them as "popular".
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], autojunk=False)
    return matcher.get_opcodes()


def _segments(parts: list[tuple[str, str]]) -> tuple[Segment, ...]:
    """Neighbours of one kind joined; the whitespace after a marked run stays outside the mark,
    and two marked runs with only whitespace between them become one mark."""
    split: list[Segment] = []
    for kind, text in parts:
        word = text.rstrip() if kind != EQUAL else text
        split += [Segment(kind, word), Segment(EQUAL, text[len(word):])]
    out: list[Segment] = []
    for segment in (s for s in split if s.text):
        if out and out[-1].kind == segment.kind:
            out[-1] = Segment(segment.kind, out[-1].text + segment.text)
        elif segment.kind != EQUAL and len(out) > 1 and out[-2].kind == segment.kind and not out[-1].text.strip():
            space = out.pop()
            out[-1] = Segment(segment.kind, out[-1].text + space.text + segment.text)
        else:
            out.append(segment)
    return tuple(out)


def word_diff(mine: str, theirs: str) -> WordDiff:
    a, b = tokens(mine), tokens(theirs)
    mine_parts: list[tuple[str, str]] = []
    theirs_parts: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        mine_text, theirs_text = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            mine_parts.append((EQUAL, mine_text))
            theirs_parts.append((EQUAL, theirs_text))
        else:
            mine_parts.append((INSERTED, mine_text))
            theirs_parts.append((DELETED, theirs_text))
    return WordDiff(_segments(mine_parts), _segments(theirs_parts))


def merge(mine: str, theirs: str) -> str:
    """The newer text with my words added where they differ: every word of both stays.

    Where both sides changed the same words, the newer words come first, then mine, so the
    person merging only has to delete what should go. Identical texts merge to themselves.
    """
    mine = (mine or "").replace("\r\n", "\n")
    theirs = (theirs or "").replace("\r\n", "\n")
    if not mine.strip():
        return theirs
    if not theirs.strip() or mine.strip() == theirs.strip():
        return mine
    a, b = tokens(mine), tokens(theirs)
    out = ""
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            out = _joined(out, "".join(b[j1:j2]))
            continue
        for run in ("".join(b[j1:j2]), "".join(a[i1:i2])):
            if run.strip():
                out = _joined(out, run)
    return out


def _joined(text: str, run: str) -> str:
    """`run` after `text`, with a space between two words that would otherwise touch."""
    if text and run and not text[-1].isspace() and _NEEDS_SPACE_AFTER.search(text) and (run[0].isalnum()):
        return text + " " + run
    return text + run
