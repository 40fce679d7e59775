"""The verslag of one conversation, built from the database and read back with python-docx."""
import docx
import pytest

from visitatie.conversations.answers import Change, save_answer
from visitatie.conversations.finalising import finalise
from visitatie.conversations.marks import add_mark
from visitatie.conversations.verslag import verslag_content, verslag_docx, verslag_filename
from visitatie.opbrengst.consent import give_consent

PAYLOAD = "<script>alert('x')</script> en {{ 7*7 }}"


@pytest.fixture
def answered(session, world, guides):
    def save(municipality, question_id, value):
        return save_answer(session, world.a, municipality.id, Change(guides.question(question_id), value, 0),
                           "Peter van Elst", guides)

    owner = save(world.haarlem, "leiderschap.eigenaarschap", "De burgemeester, samen met de wethouder bedrijfsvoering.")
    save(world.maastricht, "leiderschap.eigenaarschap", PAYLOAD)
    save(world.haarlem, "leiderschap.uitvoering", "4")
    save(world.haarlem, "leiderschap.ivp", "ja")
    save(world.maastricht, "leiderschap.ivp", "deels")
    save(world.maastricht, "leiderschap.ivp_waarom_niet", "Het IVP loopt nog tot 2025.")
    save(world.haarlem, "leiderschap.portefeuilles", ["burgemeester", "digitalisering"])
    add_mark(session, owner, "les", "Peter van Elst", passage="samen met de wethouder bedrijfsvoering")
    quote = save(world.haarlem, "eigen-huis.losgeld", "Wij betalen geen losgeld.")
    proposed = add_mark(session, quote, "citaat", "Peter van Elst", speaker=world.mayor)
    give_consent(session, proposed, world.mayor, "anoniem")  # the speaker's own choice
    session.commit()
    finalise(session, world.a, "Pieter Dekker")
    return world


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_content_lists_shown_questions_with_both_municipalities(session, guides, answered):
    content = verslag_content(session, guides, answered.a)
    assert content["conversation"] == "Haarlem – Maastricht"
    assert content["date"] == "18 januari 2024" and content["time"] == "14:00–16:00 uur"
    assert content["status"].startswith("vastgesteld op ") and content["status"].endswith("door Pieter Dekker")
    assert [t["number"] for t in content["themes"]] == [1, 2, 3, 4, 5]
    leiderschap = content["themes"][0]
    by_id = {q["id"]: q for q in leiderschap["questions"]}
    assert by_id["leiderschap.uitvoering"]["answers"][0] == {
        "municipality": "Haarlem", "text": "4 – Plannen in uitvoering en belegd", "applicable": True}
    assert by_id["leiderschap.uitvoering"]["answers"][1]["text"] == ""  # not answered yet
    why_not = by_id["leiderschap.ivp_waarom_niet"]["answers"]
    assert why_not[0] == {"municipality": "Haarlem", "text": "", "applicable": False}
    assert why_not[1]["text"] == "Het IVP loopt nog tot 2025."
    assert by_id["leiderschap.portefeuilles"]["answers"][0]["text"] == (
        "De burgemeester (openbare orde en veiligheid); Een wethouder digitalisering")
    assert leiderschap["lessons"] == [{"text": "samen met de wethouder bedrijfsvoering", "municipality": "Haarlem"}]
    assert content["themes"][2]["quotes"][0]["consent"] == "anoniem publiceren"
    roles = {(p["name"], p["role"]) for p in content["participants"]}
    assert ("Pieter Dekker", "gespreksleider") in roles and ("Peter van Elst", "notulist") in roles


def test_a_question_hidden_for_every_municipality_is_left_out(session, guides, world):
    content = verslag_content(session, guides, world.a)
    ids = [q["id"] for q in content["themes"][0]["questions"]]
    assert "leiderschap.ivp_waarom_niet" not in ids and "leiderschap.ivp" in ids


def test_the_word_file_has_the_answers_lessons_and_confidential_marking(session, guides, answered):
    document = docx.Document(verslag_docx(session, guides, answered.a))
    text = all_text(document)
    assert "Haarlem – Maastricht" in text
    assert "De burgemeester, samen met de wethouder bedrijfsvoering." in text
    assert PAYLOAD in text  # literal, never interpreted
    assert "Het IVP loopt nog tot 2025." in text and "niet van toepassing" in text
    assert "samen met de wethouder bedrijfsvoering (Haarlem)" in text  # the marked lesson
    assert "Wij betalen geen losgeld." in text and "Toestemming: anoniem publiceren" in text
    assert "Jos Wiersma" in text and "gespreksleider" in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Leiderschap en professionalisering", "Europa en digitale veiligheid", "Eigen huis op orde",
                        "Versterken weerbaarheid inwoners en ondernemers",
                        "Voorbereiding op digitale ontwrichting, incidenten en crises"]
    section = document.sections[0]
    assert "Vertrouwelijk" in section.header.paragraphs[0].text
    footer_xml = section.footer._element.xml
    assert "Vertrouwelijk" in section.footer.paragraphs[0].text and "PAGE" in footer_xml
    assert document.core_properties.title == "Verslag bestuurlijk gesprek Haarlem – Maastricht"


def test_the_file_name_is_readable_and_safe(world):
    assert verslag_filename(world.a) == "verslag-haarlem-maastricht-2024-01-18.docx"
