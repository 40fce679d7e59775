"""The snapshot a page, report or export reads has exactly the keys snapshot_format.py documents."""
from typing import get_type_hints

from visitatie.opbrengst import build_snapshot, curation
from visitatie.opbrengst.curation import ThemeCurationInput
from visitatie.opbrengst.snapshot_format import Figure, Lesson, Quote, Scale, Snapshot, Theme


def keys(typed) -> set[str]:
    return set(get_type_hints(typed))


def test_a_built_snapshot_has_the_documented_keys(session, guides, world):
    curation.save_theme_curation(session, guides, world.round_a, 3, ThemeCurationInput(
        recommendation="Borg de bedrijfscontinuïteit", quote_mark_id=world.quote_named.id), "Anna", 0)
    snapshot = build_snapshot(session, guides, [world.round_a.id])
    optional = Snapshot.__optional_keys__
    assert keys(Snapshot) - optional == set(snapshot) - optional
    themes = snapshot["themes"]
    assert themes and all(set(theme) == keys(Theme) for theme in themes)
    figures = [f for theme in themes for f in theme["figures"]]
    scales = [s for theme in themes for s in theme["scales"]]
    lessons = [lesson for theme in themes for lesson in theme["lessons"]]
    quotes = [theme["quote"] for theme in themes if theme["quote"]]
    assert figures and all(set(figure) == keys(Figure) for figure in figures)
    assert scales and all(set(scale) == keys(Scale) for scale in scales)
    assert all(set(lesson) == keys(Lesson) for lesson in lessons)
    assert quotes and all(set(quote) == keys(Quote) for quote in quotes)
