"""Word-level differences between two versions of an answer, and the merge offered in a conflict."""
import pytest

from visitatie.conversations.word_diff import DELETED, EQUAL, INSERTED, Segment, merge, tokens, word_diff


def marked(segments, kind):
    return [s.text for s in segments if s.kind == kind]


def test_each_side_marks_the_words_the_other_lacks():
    diff = word_diff("Wij oefenen twee keer per jaar met de driehoek.",
                     "Wij oefenen één keer per jaar met de driehoek en de raad.")
    assert marked(diff.mine, INSERTED) == ["twee"]
    assert marked(diff.theirs, DELETED) == ["één", "en de raad"]
    assert "".join(s.text for s in diff.mine) == "Wij oefenen twee keer per jaar met de driehoek."
    assert "".join(s.text for s in diff.theirs) == "Wij oefenen één keer per jaar met de driehoek en de raad."
    assert diff.differs


def test_whitespace_and_line_ends_are_no_difference_but_are_kept():
    diff = word_diff("Eerste regel.\r\nTweede  regel.", "Eerste regel. Tweede regel.")
    assert not diff.differs
    assert "".join(s.text for s in diff.mine) == "Eerste regel.\nTweede  regel."


def test_a_mark_covers_neighbouring_words_but_not_the_space_after_them():
    diff = word_diff("a b c d", "a x y d")
    assert diff.mine == (Segment(EQUAL, "a "), Segment(INSERTED, "b c"), Segment(EQUAL, " d"))
    assert marked(diff.theirs, DELETED) == ["x y"]


def test_empty_sides():
    assert marked(word_diff("", "Nieuw antwoord").theirs, DELETED) == ["Nieuw antwoord"]
    assert word_diff("Mijn tekst", "").mine == (Segment(INSERTED, "Mijn tekst"),)
    assert word_diff("", "").mine == ()


def test_repeated_small_words_are_compared_not_dropped():
    text = " ".join(["de"] * 300)
    assert not word_diff(text, text).differs
    assert marked(word_diff(text + " raad", text).mine, INSERTED) == ["raad"]


@pytest.mark.parametrize("mine,theirs,merged", [
    ("Wij oefenen twee keer per jaar met de driehoek.",
     "Wij oefenen één keer per jaar met de driehoek en de raad.",
     "Wij oefenen één twee keer per jaar met de driehoek en de raad."),
    ("Eerste regel.\r\nTweede regel. Mijn aanvulling.", "Eerste regel.\nTweede regel.",
     "Eerste regel.\nTweede regel. Mijn aanvulling."),
    ("Gelijk", "Gelijk", "Gelijk"),
    ("", "Alleen de nieuwere", "Alleen de nieuwere"),
    ("Alleen de mijne", "  ", "Alleen de mijne"),
    ("Oorspronkelijk", "Gewijzigd door de notulist", "Gewijzigd door de notulist Oorspronkelijk"),
])
def test_the_merge_keeps_every_word_of_both(mine, theirs, merged):
    assert merge(mine, theirs) == merged
    kept = [w.strip() for w in tokens(merged)]
    for word in tokens(mine) + tokens(theirs):
        assert not word.strip() or word.strip() in kept
