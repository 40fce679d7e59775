"""A selection in the rendered answer maps back to the words of the stored answer."""
import pytest

from visitatie.conversations.answers import Change, save_answer
from visitatie.conversations.marks import MarkError, add_mark, locate_passage

STORED = "Wij oefenen  twee keer per jaar.\nDe driehoek doet mee;\n\nde raad krijgt een verslag."


@pytest.mark.parametrize("selection,expected", [
    ("twee keer per jaar", "twee keer per jaar"),
    # the page collapses the double space; the stored text keeps it
    ("Wij oefenen twee", "Wij oefenen  twee"),
    # a line end shown as a space, and a space where the page broke a line
    ("jaar. De driehoek", "jaar.\nDe driehoek"),
    ("jaar.\r\nDe driehoek", "jaar.\nDe driehoek"),  # a form post sends CRLF
    ("mee; de raad", "mee;\n\nde raad"),  # an empty line between paragraphs
    ("  DE DRIEHOEK doet  ", "De driehoek doet"),  # case and surrounding space do not matter
    ("verslag.", "verslag."),
])
def test_a_selection_is_found_in_the_stored_text(selection, expected):
    assert locate_passage(STORED, selection) == expected


@pytest.mark.parametrize("selection", ["", "   ", "drie keer per jaar", "oefenen twee keer  per maand",
                                       "twee.keer", "Wij oefenen (twee"])
def test_words_not_in_the_answer_are_not_found(selection):
    assert locate_passage(STORED, selection) is None


def test_regex_characters_in_a_selection_are_literal():
    assert locate_passage("Kosten (ca. 10%) + BTW?", "(ca. 10%) + BTW?") == "(ca. 10%) + BTW?"
    assert locate_passage("Kosten ca 10", "ca. 10") is None


def test_a_mark_holds_the_stored_words_of_a_selection(session, world, guides):
    question = guides.question("eigen-huis.losgeld")
    answer = save_answer(session, world.a, world.haarlem.id, Change(question, STORED, 0), "Jos Wiersma", guides)
    mark = add_mark(session, answer, "citaat", "Peter van Elst", passage="jaar. De driehoek doet mee;",
                    speaker=world.mayor)
    assert mark.passage == "jaar.\nDe driehoek doet mee;" and mark.consent == "gevraagd"
    with pytest.raises(MarkError) as caught:
        add_mark(session, answer, "les", "P", passage="De driehoek doet niet mee")
    assert caught.value.reason == "passage_not_in_answer"


def test_a_lesson_ignores_a_speaker_sent_along_even_from_another_conversation(session, world, guides):
    question = guides.question("eigen-huis.losgeld")
    answer = save_answer(session, world.a, world.haarlem.id, Change(question, STORED, 0), "Jos Wiersma", guides)
    lesson = add_mark(session, answer, "les", "P", speaker=world.other_mayor)
    assert (lesson.speaker_participation_id, lesson.speaker_name, lesson.consent) == (None, None, "niet_publiceren")
