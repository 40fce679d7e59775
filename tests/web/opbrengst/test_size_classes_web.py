"""The public opbrengst's block of headline figures per CBS size class (templates/opbrengst/_size_classes.html)."""
import re

from flask import render_template
from flask_babel import force_locale

from tests.unit.test_round_report import SIZE_CLASSES


def text(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def test_the_block_shows_merged_groups_suppressed_cells_and_the_source(app):
    with app.test_request_context():
        dutch = text(render_template("opbrengst/_size_classes.html", snapshot={"size_classes": SIZE_CLASSES}))
        with force_locale("en"):
            english = text(render_template("opbrengst/_size_classes.html", snapshot={"size_classes": SIZE_CLASSES}))
    assert "Kerncijfers naar gemeentegrootte" in dutch
    assert "minder dan 20.000 inwoners (6 gemeenten)" in dutch and "20.000 inwoners of meer (7 gemeenten)" in dutch
    row = dutch.split("De CISO en de adviseur OOV kennen elkaar</th>")[1].split("</tr>")[0]
    assert re.findall(r">([^<]+)</td>", row) == ["–", "33%"]
    assert "50%" in dutch and "80%" in dutch
    assert "Bron: CBS, inwoners op 1 januari 2024." in dutch
    assert "fewer than 20,000 inhabitants (6 municipalities)" in english
    assert "Source: CBS (Statistics Netherlands), inhabitants on 1 January 2024." in english


def test_nothing_without_groups_and_the_demo_is_too_small_for_it(app, client, published):
    with app.test_request_context():
        assert render_template("opbrengst/_size_classes.html", snapshot={}).strip() == ""
    page = client.get(f"/opbrengst/{published}").get_data(as_text=True)
    assert "Kerncijfers naar gemeentegrootte" not in page  # 8 municipalities: one group, nothing to compare
