"""Honest progress (issue 14): a mayor counts only their own municipality's questions meant for a
mayor; whoever leads the conversation counts everything; overview, theme page and autosave agree.

Theme 1 of the guide, counted by hand from interview_guides/01-leiderschap-en-professionalisering.yaml:
9 questions; for a burgemeester 7 of them without a condition (eigenaarschap, portefeuilles, ivp,
uitvoering, raad, publieke_waarden, voorbeeldgedrag), plus ivp_waarom_niet once ivp is "nee";
ciso_oov is for the CISO and adviser OOV only. For every role: 8 per municipality without a condition.
"""
import re

from .conftest import OPEN

IVP, WHY_NOT, CISO_OOV = "leiderschap.ivp", "leiderschap.ivp_waarom_niet", "leiderschap.ciso_oov"
COUNT = re.compile(r"(\d+) van (\d+)")


def overview_count(client, world, number=1):
    page = client.get(f"/gesprekken/{world.a}").get_data(as_text=True)
    item = page.split(f'/gesprekken/{world.a}/thema/{number}"', 1)[1]
    return tuple(map(int, re.search(r"(\d+) van (\d+) antwoorden ingevuld", item).groups()))


def theme_counts(client, world, number=1):
    """(the theme's step in the stepper, the theme's meter) as (answered, total)."""
    page = client.get(f"/gesprekken/{world.a}/thema/{number}").get_data(as_text=True)
    step = re.search(r"data-theme-count>(\d+) van (\d+)<", page).groups()
    meter = page.split('id="progress-theme"', 1)[1]
    meter = re.search(r"data-progress-text>(\d+) van (\d+) antwoorden ingevuld", meter).groups()
    return tuple(map(int, step)), tuple(map(int, meter))


def test_a_mayor_counts_only_their_own_questions_and_every_page_agrees(client, world, sign_in, answer):
    # Work that is not the Haarlem mayor's: the other municipality, and a question for the CISO.
    answer(world.a, world.maastricht, OPEN, "Maastricht: de burgemeester.")
    answer(world.a, world.haarlem, CISO_OOV, "ja")
    sign_in(world.mayor)
    assert overview_count(client, world) == (0, 7)
    assert theme_counts(client, world) == ((0, 7), (0, 7))

    saved = client.post(f"/gesprekken/{world.a}/antwoord",
                        json={"municipality": world.haarlem, "question": IVP, "value": "nee", "version": 0})
    assert saved.status_code == 200
    assert saved.get_json()["progress"]["theme"] == {"answered": 1, "total": 8}  # ivp_waarom_niet appeared
    assert overview_count(client, world) == (1, 8)
    assert theme_counts(client, world) == ((1, 8), (1, 8))


def test_whoever_leads_the_conversation_counts_both_municipalities_and_every_role(client, world, sign_in, answer):
    answer(world.a, world.maastricht, OPEN, "Maastricht: de burgemeester.")
    answer(world.a, world.haarlem, CISO_OOV, "ja")
    answer(world.a, world.haarlem, IVP, "nee")
    for participation in (world.leader, world.note_taker):
        sign_in(participation)
        # 8 + 8 shown, plus ivp_waarom_niet for Haarlem; three answered.
        assert overview_count(client, world) == (3, 17)
        assert theme_counts(client, world) == ((3, 17), (3, 17))


def test_a_ciso_counts_the_questions_for_a_ciso_of_their_own_municipality(client, world, sign_in, answer):
    answer(world.a, world.haarlem, OPEN, "Haarlem: de burgemeester.")
    sign_in(world.ciso)
    # Maastricht, for a CISO: eigenaarschap, ciso_oov, uitvoering.
    assert overview_count(client, world) == (0, 3)
    answer(world.a, world.maastricht, OPEN, "Maastricht: de burgemeester.")
    assert theme_counts(client, world) == ((1, 3), (1, 3))
