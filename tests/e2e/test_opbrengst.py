"""A project leader curates a theme of the demo round and publishes it in a real browser; a visitor
without login then reads it on the public page. Screenshots go to the test's tmp_path."""
import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_round(live_app):
    from visitatie.accounts.auth import create_user
    from visitatie.demo.gespreksronde import load_demo
    from visitatie.extensions import db
    from visitatie.guides.registry import current_guides

    with live_app.app_context():
        round_, _ = load_demo(db.session, current_guides(), publish_opbrengst=False)
        create_user(db.session, "pl@example.org", PASSWORD, "projectleider", "Petra Publiceer")
        return round_.id


def test_curate_a_theme_publish_and_read_it_publicly(page, browser, live_server, demo_round, tmp_path):
    page.goto(live_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("pl@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto(f"{live_server}/rondes/{demo_round}")
    page.get_by_role("navigation", name="Planning van deze ronde").get_by_role("link", name="Opbrengst").click()
    assert page.locator("h1").inner_text() == "Opbrengst samenstellen"
    page.get_by_label("De belangrijkste les", exact=True).fill("Digitale veiligheid is chefsache.")
    page.get_by_role("button", name="Opslaan").click()
    assert "zijn opgeslagen" in page.get_by_role("status").first.inner_text()

    page.get_by_role("link", name="3. Eigen huis op orde").click()
    page.get_by_label("Aanbeveling", exact=True).fill("Borg de bedrijfscontinuïteit, ook bij een cyberaanval")
    page.get_by_label("Bevindingen", exact=True).fill("Alles is digitaal.\nOefen het uitvallen van de systemen.")
    quotes = page.get_by_role("group", name="Citaat")
    quotes.locator("input[type=radio]:not([disabled])").nth(1).check()  # the first consented quote
    page.get_by_label("Gemeente", exact=True).fill("Dalfsen")
    page.get_by_label("Titel", exact=True).fill("Praktijkvoorbeeld uit Dalfsen: bedrijfscontinuïteit borgen")
    page.get_by_label("Webadres").fill("https://vng.nl/praktijkvoorbeelden/dalfsen")
    page.get_by_role("button", name="Opslaan").click()
    # Consent for the practice example was not ticked: refused, and everything typed is still there.
    assert "vink aan dat de gemeente daarmee instemt" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Webadres").input_value() == "https://vng.nl/praktijkvoorbeelden/dalfsen"
    assert "Oefen het uitvallen" in page.get_by_label("Bevindingen", exact=True).input_value()
    page.get_by_label("De gemeente stemt in met publicatie van dit praktijkvoorbeeld").check()
    chosen_quote = quotes.locator("input[type=radio]:checked").get_attribute("id")
    assert chosen_quote != "quote-none"
    page.get_by_role("button", name="Opslaan").click()
    assert "Prioriteit 3 is opgeslagen." in page.get_by_role("status").first.inner_text()

    passages = page.get_by_role("group", name="Gemarkeerde passages waar de les uit komt")
    passages.locator("input[type=checkbox]").first.check()
    page.get_by_label("De les in eigen woorden").fill("Ruim oude gegevens actief op.")
    page.get_by_role("button", name="Les toevoegen").click()
    assert "Ruim oude gegevens actief op." in page.locator("#lessen").inner_text()
    page.screenshot(path=str(tmp_path / "curation-theme.png"), full_page=True)

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Opbrengst").click()
    page.get_by_role("button", name="Publiceer versie 1").click()
    page.get_by_role("dialog", name="Versie 1 publiceren?").get_by_role("button", name="Ja, publiceer versie 1").click()
    assert "Versie 1 is gepubliceerd." in page.get_by_role("status").first.inner_text()

    visitor = browser.new_context(locale="nl-NL").new_page()
    visitor.goto(live_server + "/")
    visitor.get_by_role("link", name="Opbrengst").first.click()
    visitor.get_by_role("link", name="Opbrengst bestuurlijke gespreksronde digitale veiligheid 2024 (demo)").click()
    assert "Digitale veiligheid is chefsache." in visitor.locator(".yield-main-lesson").inner_text()
    theme = visitor.locator("#prioriteit-3")
    text = theme.inner_text()
    assert "Borg de bedrijfscontinuïteit, ook bij een cyberaanval" in text
    assert "Oefen het uitvallen van de systemen." in text
    # One municipality raised it: the count is coarsened (opbrengst/disclosure.py).
    assert "Ruim oude gegevens actief op." in text and "genoemd door minder dan 3 gemeenten" in text
    assert "Praktijkvoorbeeld uit Dalfsen" in text
    assert theme.locator("figure.yield-quote figcaption").inner_text().strip()
    assert theme.get_by_role("img").count() >= 2  # charts, each with a table beside it
    theme.get_by_text("De cijfers als tabel").first.click()
    assert theme.get_by_role("table").first.is_visible()
    visitor.screenshot(path=str(tmp_path / "public-opbrengst.png"), full_page=True)
    visitor.context.close()
