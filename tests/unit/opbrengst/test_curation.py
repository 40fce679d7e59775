"""Curation: what can be saved, version checks against silent overwrites, and quote consent."""
import pytest

from visitatie.opbrengst import CurationConflict, CurationInvalid, build_snapshot, curation
from visitatie.opbrengst.curation import RoundCurationInput, ThemeCurationInput
from visitatie.opbrengst.quotes import anonymous_speaker


def codes(error) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.value.problems}


def theme_input(**changes) -> ThemeCurationInput:
    values = {"recommendation": "Borg de bedrijfscontinuïteit", "findings": ("Eén.", "Twee.")}
    values.update(changes)
    return ThemeCurationInput(**values)


def test_round_curation_is_saved_and_versioned(session, guides, world):
    saved = curation.save_round_curation(session, world.round_a, RoundCurationInput(
        "", "  Digitale veiligheid is chefsache. ", "Inleiding."), "Anna", 0)
    assert (saved.version, saved.main_lesson, saved.updated_by) == (1, "Digitale veiligheid is chefsache.", "Anna")
    again = curation.save_round_curation(session, world.round_a, RoundCurationInput("Eigen titel", "Les", ""), "Bram",
                                         1)
    assert again.version == 2
    snapshot = build_snapshot(session, guides, [world.round_a.id])
    assert (snapshot["title"], snapshot["main_lesson"], snapshot["introduction"]) == ("Eigen titel", "Les", "")


def test_a_save_based_on_an_old_version_is_refused_and_overwrites_nothing(session, world):
    curation.save_round_curation(session, world.round_a, RoundCurationInput("", "Versie van Anna", ""), "Anna", 0)
    with pytest.raises(CurationConflict) as conflict:
        curation.save_round_curation(session, world.round_a, RoundCurationInput("", "Versie van Bram", ""), "Bram", 0)
    assert conflict.value.current.main_lesson == "Versie van Anna"
    assert curation.round_curation(session, world.round_a.id).main_lesson == "Versie van Anna"


def test_round_curation_limits(session, world):
    with pytest.raises(CurationInvalid) as invalid:
        curation.save_round_curation(session, world.round_a, RoundCurationInput("t" * 201, "l" * 1001, ""), "Anna", 0)
    assert codes(invalid) == {("title", "too_long"), ("main_lesson", "too_long")}


def test_theme_curation_goes_into_the_snapshot(session, guides, world):
    curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(
        quote_mark_id=world.quote_named.id, practice_municipality="Dalfsen", practice_title="BCP in Dalfsen",
        practice_url="https://vng.nl/dalfsen", practice_consent=True), "Anna", 0)
    theme = build_snapshot(session, guides, [world.round_a.id])["themes"][2]
    assert theme["recommendation"] == "Borg de bedrijfscontinuïteit"
    assert theme["findings"] == ["Eén.", "Twee."]
    assert theme["quote"] == {"text": "Wij betalen nooit losgeld.", "speaker": "Jos Wiersma",
                              "function": "burgemeester van Haarlem", "mark_id": world.quote_named.id}
    assert theme["practice_example"] == {"municipality": "Dalfsen", "title": "BCP in Dalfsen",
                                         "url": "https://vng.nl/dalfsen"}


def test_an_anonymous_quote_shows_only_the_kind_of_speaker(session, guides, world):
    curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(
        quote_mark_id=world.quote_anonymous.id), "Anna", 0)
    quote = build_snapshot(session, guides, [world.round_a.id])["themes"][2]["quote"]
    assert quote == {"text": "Wat je niet opslaat, kan ook niet lekken.", "speaker": "een CISO", "function": "",
                     "mark_id": world.quote_anonymous.id}


@pytest.mark.parametrize("mark, reason", [
    ("quote_secret", "not_consented"),
    ("quote_names_town", "names_municipality"),  # anonymous, yet it names Maastricht
])
def test_only_consented_quotes_can_be_chosen(session, guides, world, mark, reason):
    with pytest.raises(CurationInvalid) as invalid:
        curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(
            quote_mark_id=getattr(world, mark).id), "Anna", 0)
    assert codes(invalid) == {("quote", reason)}
    reasons = {m.id: r for m, r in curation.quote_candidates(session, guides, world.round_a.id, 3)}
    assert reasons[getattr(world, mark).id] == reason
    assert reasons[world.quote_named.id] is None and reasons[world.quote_anonymous.id] is None


def test_a_quote_of_another_theme_or_a_lesson_cannot_be_chosen(session, guides, world):
    for mark_id in (world.quote_named.id, world.lesson_haarlem.id, 99999):
        with pytest.raises(CurationInvalid) as invalid:
            curation.save_theme_curation(session, guides, world.round_a, 1, theme_input(quote_mark_id=mark_id),
                                         "Anna", 0)
        assert codes(invalid) == {("quote", "unknown")}


def test_a_withdrawn_consent_removes_the_quote_from_the_next_snapshot(session, guides, world):
    curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(
        quote_mark_id=world.quote_named.id), "Anna", 0)
    world.quote_named.consent = "niet_publiceren"
    session.commit()
    snapshot = build_snapshot(session, guides, [world.round_a.id])
    assert snapshot["themes"][2]["quote"] is None
    assert "nooit losgeld" not in str(snapshot)


def test_a_practice_example_needs_a_title_a_web_address_and_consent(session, guides, world):
    with pytest.raises(CurationInvalid) as invalid:
        curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(
            practice_municipality="Dalfsen", practice_url="vng.nl/dalfsen"), "Anna", 0)
    assert codes(invalid) == {("practice_title", "required"), ("practice_url", "not_a_web_address"),
                              ("practice_consent", "required")}


def test_theme_rules(session, guides, world):
    with pytest.raises(CurationInvalid) as invalid:
        curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(
            recommendation=" ", findings=tuple(f"b{i}" for i in range(13))), "Anna", 0)
    assert codes(invalid) == {("recommendation", "required"), ("findings", "too_many")}
    with pytest.raises(CurationInvalid) as invalid:
        curation.save_theme_curation(session, guides, world.round_b, 2, theme_input(), "Anna", 0)
    assert codes(invalid) == {("", "theme_not_in_round")}


def test_theme_curation_conflict(session, guides, world):
    first = curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(), "Anna", 0)
    curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(findings=("Van Anna.",)), "Anna",
                                 first.version)
    with pytest.raises(CurationConflict) as conflict:
        curation.save_theme_curation(session, guides, world.round_a, 3, theme_input(findings=("Van Bram.",)), "Bram", 1)
    assert conflict.value.current.findings == ["Van Anna."]


def test_findings_from_text():
    assert curation.findings_from_text("- Eén.\r\n\n• Twee.\n  * Drie.  \n") == ("Eén.", "Twee.", "Drie.")


def test_lessons_group_marked_passages_of_the_theme(session, guides, world):
    lesson = curation.add_lesson(session, guides, world.round_a, 1, " Maak de burgemeester eigenaar. ",
                                 [world.lesson_haarlem.id, world.lesson_delft.id], "Anna")
    assert (lesson.text, [m.id for m in lesson.sources]) == ("Maak de burgemeester eigenaar.",
                                                             [world.lesson_haarlem.id, world.lesson_delft.id])
    with pytest.raises(CurationInvalid) as invalid:
        curation.add_lesson(session, guides, world.round_a, 1, "", [], "Anna")
    assert codes(invalid) == {("text", "required"), ("sources", "required")}
    with pytest.raises(CurationInvalid) as invalid:  # a quote, a passage of a not-held conversation
        curation.add_lesson(session, guides, world.round_a, 1, "Les", [world.quote_named.id], "Anna")
    assert codes(invalid) == {("sources", "unknown")}
    with pytest.raises(CurationInvalid):
        curation.add_lesson(session, guides, world.round_a, 1, "Les", [world.lesson_breda.id], "Anna")

    updated = curation.update_lesson(session, guides, lesson, "Nieuwe woorden.", [world.lesson_utrecht.id], "Bram", 1)
    assert (updated.version, updated.text, [m.id for m in updated.sources]) == (2, "Nieuwe woorden.",
                                                                                [world.lesson_utrecht.id])
    with pytest.raises(CurationConflict):
        curation.update_lesson(session, guides, lesson, "Oud.", [world.lesson_utrecht.id], "Anna", 1)
    with pytest.raises(CurationConflict):
        curation.delete_lesson(session, lesson, 1)
    curation.delete_lesson(session, lesson, 2)
    assert curation.lessons_of(session, world.round_a.id, 1) == []


def test_a_deleted_mark_leaves_the_lesson_without_that_source(session, guides, world):
    lesson = curation.add_lesson(session, guides, world.round_a, 1, "Eigenaar.",
                                 [world.lesson_haarlem.id, world.lesson_delft.id], "Anna")
    session.delete(world.lesson_delft)
    session.commit()
    session.refresh(lesson)
    assert [m.id for m in lesson.sources] == [world.lesson_haarlem.id]
    # One municipality raised it: published as "fewer than 3", never the count (disclosure.py).
    assert build_snapshot(session, guides, [world.round_a.id])["themes"][0]["lessons"] == [
        {"lesson_id": lesson.id, "text": "Eigenaar.", "conversations": None, "municipalities": None,
         "fewer_than": 3}]


@pytest.mark.parametrize("role, function, expected", [
    ("burgemeester", "burgemeester van Delft", "een burgemeester"),
    ("gespreksleider", "burgemeester van Breda", "een burgemeester"),
    ("adviseur_oov", None, "een adviseur OOV"),
    (None, "CISO Haarlem", "een CISO"),
    (None, None, "een deelnemer"),
])
def test_anonymous_speakers(role, function, expected):
    assert anonymous_speaker(role, function) == expected
