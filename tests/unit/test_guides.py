"""Loading the interview guides, and every way a guide file can be rejected."""
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import make_app
from visitatie.guides.model import GuideError, load_guide, load_guides

REPO = Path(__file__).resolve().parents[2]
GUIDES = REPO / "interview_guides"

VALID = textwrap.dedent("""\
    version: "2024.1"
    theme:
      number: 1
      slug: leiderschap
      title: Leiderschap en professionalisering
      recommendation: Verken de publieke waarden, voer het gesprek met de raad
      findings:
        - Bestuurders beseffen dat digitale veiligheid een brede maatschappelijke opgave is.
      quote:
        text: Digitale veiligheid krijgt bestuurlijk plek door deze op te nemen in de kadernota.
        speaker: Rian van Dam
        function: burgemeester van Hollands Kroon
      practice_example:
        municipality: Breda
        title: Praktijkvoorbeeld uit Breda
        url: https://vng.nl/digitale-veiligheid
    questions:
      - id: leiderschap.ivp
        type: ja_nee_deels
        text: Staat digitale veiligheid in het IVP?
        headline: Digitale veiligheid staat in het IVP
        roles: [burgemeester]
      - id: leiderschap.ivp_waarom_niet
        type: open
        text: Wat houdt opname tegen?
        condition: {question: leiderschap.ivp, in: [nee, deels]}
        roles: [burgemeester]
      - id: leiderschap.niveau
        type: scale
        text: Hoe ver bent u?
        scale: {1: Niet, 2: Begin, 3: Half, 4: Ver, 5: Klaar}
        roles: [ciso]
      - id: leiderschap.kanalen
        type: multiple_choice
        multiple: true
        text: Welke kanalen?
        options:
          - {value: raad, label: De raad}
          - {value: college, label: Het college}
        roles: [adviseur_oov]
    """)


def write(tmp_path: Path, text: str, name: str = "01-test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rejected(tmp_path, text) -> GuideError:
    with pytest.raises(GuideError) as caught:
        load_guide(write(tmp_path, text))
    return caught.value


# --- The shipped guides ------------------------------------------------------------------


def test_the_five_shipped_guides_load_in_theme_order():
    guides = load_guides(GUIDES)
    assert [g.number for g in guides] == [1, 2, 3, 4, 5]
    assert [g.title for g in guides] == [
        "Leiderschap en professionalisering", "Europa en digitale veiligheid", "Eigen huis op orde",
        "Versterken weerbaarheid inwoners en ondernemers",
        "Voorbereiding op digitale ontwrichting, incidenten en crises",
    ]
    assert guides.by_number(3).recommendation == "Borg de bedrijfscontinuïteit"
    assert guides.by_number(4).quote.speaker == "Sharon Dijksma"
    assert guides.by_number(5).practice_example.municipality == "De Bilt"


def test_each_shipped_guide_has_the_required_question_mix():
    for guide in load_guides(GUIDES):
        types = [q.type for q in guide.questions]
        assert 6 <= len(types) <= 10, guide.slug
        assert {"open", "scale", "ja_nee_deels", "multiple_choice"} <= set(types), guide.slug
        assert guide.headline_questions, f"{guide.slug} has no headline figure"
        assert any(q.condition for q in guide.questions), guide.slug
        assert guide.findings and guide.version


def test_question_ids_are_unique_and_resolvable_across_guides():
    guides = load_guides(GUIDES)
    ids = [q.id for g in guides for q in g.questions]
    assert len(ids) == len(set(ids))
    assert guides.question("leiderschap.ivp").headline
    assert guides.guide_of("leiderschap.ivp").number == 1


def test_the_maturity_framework_loads_beside_the_guides():
    guides = load_guides(GUIDES)
    assert [m.theme_slug for m in guides.maturity] == [g.slug for g in guides]
    for scale in guides.maturity:
        assert [level.level for level in scale.levels] == [1, 2, 3, 4, 5]
        assert scale.checklist


# --- Question behaviour -----------------------------------------------------------------


def test_conditions_values_and_encoding(tmp_path):
    guide = load_guide(write(tmp_path, VALID))
    follow_up = guide.question("leiderschap.ivp_waarom_niet")
    assert not follow_up.is_shown({})
    assert not follow_up.is_shown({"leiderschap.ivp": "ja"})
    assert follow_up.is_shown({"leiderschap.ivp": "deels"})
    channels = guide.question("leiderschap.kanalen")
    stored = channels.encode(["college", "raad"])
    assert stored == '["raad", "college"]'  # guide order, whatever order was ticked
    assert channels.decode(stored) == ["raad", "college"]
    assert channels.validation_error(["raad", "anders"]) == "Ongeldige keuze: anders."
    scale = guide.question("leiderschap.niveau")
    assert [c.label for c in scale.choices] == ["Niet", "Begin", "Half", "Ver", "Klaar"]
    assert scale.validation_error("6") == "Ongeldige keuze: 6."
    assert guide.question("leiderschap.ivp").validation_error("ja") is None
    assert "maximum is 5000" in follow_up.validation_error("x" * 5001)


# --- Every rejection names file, line, field and reason ---------------------------------


def test_valid_sample_loads(tmp_path):
    assert len(load_guide(write(tmp_path, VALID)).questions) == 4


def test_broken_yaml_reports_the_line(tmp_path):
    error = rejected(tmp_path, VALID.replace("  number: 1", "  number: [1"))
    assert error.file.endswith("01-test.yaml")
    assert error.line is not None and "geen geldige YAML" in error.reason


def test_file_that_is_not_a_mapping(tmp_path):
    error = rejected(tmp_path, "- alleen\n- een lijst\n")
    assert "mapping" in error.reason


def test_missing_required_field_names_field_and_line(tmp_path):
    error = rejected(tmp_path, VALID.replace(
        "  recommendation: Verken de publieke waarden, voer het gesprek met de raad\n", ""))
    assert error.field == "theme"
    assert "verplicht veld ontbreekt ('recommendation')" in error.reason
    assert error.line == 2
    assert str(error).startswith(f"{error.file}:2: theme: ")


def test_unknown_question_type(tmp_path):
    error = rejected(tmp_path, VALID.replace("type: open", "type: essay"))
    assert error.field == "questions[1].type"
    assert error.line == 24
    assert "'essay' is niet toegestaan" in error.reason


def test_unknown_field_is_refused(tmp_path):
    error = rejected(tmp_path, VALID.replace("    roles: [ciso]", "    roles: [ciso]\n    kleur: rood"))
    assert "onbekend veld" in error.reason and error.field == "questions[2]"


def test_unknown_role(tmp_path):
    error = rejected(tmp_path, VALID.replace("roles: [ciso]", "roles: [wethouder]"))
    assert error.field == "questions[2].roles[0]" and "wethouder" in error.reason


def test_scale_needs_exactly_five_levels(tmp_path):
    error = rejected(tmp_path, VALID.replace(", 5: Klaar}", "}"))
    assert error.field == "questions[2].scale"
    assert "precies 1 tot en met 5" in error.reason
    assert error.line == 31


def test_scale_levels_only_on_scale_questions(tmp_path):
    error = rejected(tmp_path, VALID.replace(
        "    text: Wat houdt opname tegen?", "    text: Wat houdt opname tegen?\n    scale: {1: a}"))
    assert error.field == "questions[1].scale" and "alleen een schaalvraag" in error.reason


def test_multiple_choice_needs_options(tmp_path):
    text = VALID.split("    options:")[0] + "    roles: [adviseur_oov]\n"
    error = rejected(tmp_path, text)
    assert "heeft 'options' nodig" in error.reason and error.field == "questions[3].type"


def test_option_values_must_be_unique(tmp_path):
    error = rejected(tmp_path, VALID.replace("{value: college,", "{value: raad,"))
    assert "eigen waarde" in error.reason and error.field == "questions[3].options"


def test_headline_only_on_yes_no_partly_questions(tmp_path):
    error = rejected(tmp_path, VALID.replace(
        "    text: Hoe ver bent u?", "    text: Hoe ver bent u?\n    headline: Kerncijfer"))
    assert "headline" in error.field and "ja/nee/deels" in error.reason


def test_duplicate_question_id(tmp_path):
    error = rejected(tmp_path, VALID.replace("id: leiderschap.niveau", "id: leiderschap.ivp"))
    assert "komt twee keer voor" in error.reason and error.line == 28


def test_question_id_starts_with_theme_slug(tmp_path):
    error = rejected(tmp_path, VALID.replace("id: leiderschap.niveau", "id: europa.niveau"))
    assert "slug van het thema" in error.reason


def test_condition_must_point_to_an_earlier_question(tmp_path):
    error = rejected(tmp_path, VALID.replace("{question: leiderschap.ivp,", "{question: leiderschap.kanalen,"))
    assert "geen eerdere vraag" in error.reason and error.field == "questions[1].condition.question"


def test_condition_cannot_point_to_an_open_question(tmp_path):
    text = VALID.replace("{question: leiderschap.ivp, in: [nee, deels]}", "{question: leiderschap.ivp, in: [nee]}")
    text += "  - id: leiderschap.vervolg\n    type: open\n    text: Vervolg?\n" \
            "    condition: {question: leiderschap.ivp_waarom_niet, in: [nee]}\n    roles: [ciso]\n"
    error = rejected(tmp_path, text)
    assert "ja/nee/deels- of meerkeuzevraag" in error.reason


def test_condition_values_must_be_possible_answers(tmp_path):
    error = rejected(tmp_path, VALID.replace("in: [nee, deels]", "in: [nee, misschien]"))
    assert "misschien is geen antwoord" in error.reason and error.field == "questions[1].condition.in"


def test_two_guides_with_the_same_theme_number(tmp_path):
    write(tmp_path, VALID, "01-a.yaml")
    write(tmp_path, VALID.replace("slug: leiderschap", "slug: anders").replace("leiderschap.", "anders."),
          "02-b.yaml")
    with pytest.raises(GuideError) as caught:
        load_guides(tmp_path)
    assert "themanummer 1 staat ook in" in caught.value.reason


def test_empty_guide_directory(tmp_path):
    with pytest.raises(GuideError) as caught:
        load_guides(tmp_path)
    assert "geen gespreksleidraden" in caught.value.reason


def test_a_malformed_guide_stops_the_app_from_starting(tmp_path):
    guides = tmp_path / "guides"
    shutil.copytree(GUIDES, guides)
    broken = guides / "03-eigen-huis-op-orde.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: scale", "type: schaal", 1), encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        make_app(tmp_path, tmp_path / "db.sqlite", GUIDES_DIR=str(guides))
    assert "03-eigen-huis-op-orde.yaml:" in str(caught.value)
    assert "'schaal' is niet toegestaan" in str(caught.value)
