"""The maturity framework (interview_guides/volwassenheid/) is validated like the guides: every
rejection names the file, the line, the field and the reason."""
import shutil
from pathlib import Path

import pytest

from visitatie.guides.model import GuideError, load_guides, load_maturity_scale

REPO = Path(__file__).resolve().parents[3]
GUIDES = REPO / "interview_guides"


@pytest.fixture
def guides_dir(tmp_path) -> Path:
    target = tmp_path / "guides"
    shutil.copytree(GUIDES, target)
    return target


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_number(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if fragment in line)


def test_the_shipped_framework_has_five_named_levels_and_a_checklist_per_theme():
    guides = load_guides(GUIDES)
    for guide in guides:
        scale = guides.maturity_for(guide.slug)
        assert [level.name for level in scale.levels] == ["Startend", "Bewust", "Ingericht", "Geborgd", "Voorlopend"]
        assert all(len(level.description) > 40 for level in scale.levels), guide.slug
        assert scale.checklist
    ids = [item.id for scale in guides.maturity for item in scale.checklist]
    assert len(ids) == len(set(ids))
    # The documents the issue names are all asked for somewhere.
    assert {"ivp", "bcp", "ensia_uitkomst", "nis2_registratie", "laatste_cyberoefening"} <= set(ids)


def test_wrong_level_count_names_file_line_and_reason(guides_dir):
    path = guides_dir / "volwassenheid" / "03-eigen-huis.yaml"
    text = path.read_text(encoding="utf-8")
    fifth = text.index("  - level: 5")
    path.write_text(text[:fifth] + text[text.index("checklist:"):], encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_maturity_scale(path)
    error = caught.value
    assert error.file == str(path)
    assert error.field == "levels"
    assert error.line == line_number(path, "levels:")
    assert "minItems 5" in error.reason
    assert str(error).startswith(f"{path}:{error.line}: levels: ")


def test_levels_out_of_order_are_refused_with_the_line(guides_dir):
    path = edit(guides_dir / "volwassenheid" / "01-leiderschap.yaml", "  - level: 2", "  - level: 4")
    with pytest.raises(GuideError) as caught:
        load_maturity_scale(path)
    assert caught.value.line == line_number(path, "levels:")
    assert "1 tot en met 5 op volgorde" in caught.value.reason and "[1, 4, 3, 4, 5]" in caught.value.reason


def test_duplicate_checklist_id_within_a_file(guides_dir):
    path = edit(guides_dir / "volwassenheid" / "01-leiderschap.yaml", "  - id: kadernota", "  - id: ivp")
    with pytest.raises(GuideError) as caught:
        load_guides(guides_dir)
    error = caught.value
    assert error.file == str(path)
    assert error.field == "checklist[1].id"
    assert error.line == line_number(path, "label: Kadernota") - 1
    assert error.reason == "checklist-id 'ivp' komt twee keer voor"


def test_duplicate_checklist_id_across_themes_names_the_other_file(guides_dir):
    path = edit(guides_dir / "volwassenheid" / "05-crises.yaml", "  - id: regionaal_crisisplan", "  - id: bcp")
    with pytest.raises(GuideError) as caught:
        load_guides(guides_dir)
    error = caught.value
    assert error.file == str(path)
    assert error.line == line_number(path, "- id: bcp")
    assert "checklist-id 'bcp' staat ook in" in error.reason and "03-eigen-huis.yaml" in error.reason


def test_unknown_theme_names_file_line_and_the_known_themes(guides_dir):
    path = edit(guides_dir / "volwassenheid" / "04-weerbaarheid.yaml", "theme: weerbaarheid", "theme: onbekend")
    with pytest.raises(GuideError) as caught:
        load_guides(guides_dir)
    error = caught.value
    assert error.file == str(path)
    assert error.field == "theme"
    assert error.line == line_number(path, "theme: onbekend")
    assert error.reason.startswith("onbekend thema 'onbekend'; kies uit ")
    assert "weerbaarheid" in error.reason


def test_checklist_item_without_label(guides_dir):
    path = edit(guides_dir / "volwassenheid" / "02-europa.yaml",
                "    label: Uitkomst van de laatste ENSIA-verantwoording\n", "")
    with pytest.raises(GuideError) as caught:
        load_maturity_scale(path)
    assert caught.value.field == "checklist[1]"
    assert "verplicht veld ontbreekt ('label')" in caught.value.reason
    assert caught.value.line == line_number(path, "- id: ensia_uitkomst")


def test_two_scales_for_one_theme(guides_dir):
    shutil.copy(guides_dir / "volwassenheid" / "01-leiderschap.yaml", guides_dir / "volwassenheid" / "06-kopie.yaml")
    edit(guides_dir / "volwassenheid" / "06-kopie.yaml", "  - id: ivp", "  - id: ivp_kopie")
    edit(guides_dir / "volwassenheid" / "06-kopie.yaml", "  - id: kadernota", "  - id: kadernota_kopie")
    edit(guides_dir / "volwassenheid" / "06-kopie.yaml", "  - id: uitvoeringsplan_digitale_veiligheid",
         "  - id: uitvoeringsplan_kopie")
    with pytest.raises(GuideError) as caught:
        load_guides(guides_dir)
    assert "thema 'leiderschap' staat ook in" in caught.value.reason
