"""A visitor browses the themes in a real browser; a keyboard user can skip to the content."""
import pytest

pytestmark = pytest.mark.e2e


def test_visitor_reads_a_theme_guide_and_switches_to_english(page, live_server, tmp_path):
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "Digitale veiligheid is chefsache"
    page.get_by_role("link", name="Eigen huis op orde").click()
    assert page.locator("h1").inner_text() == "Eigen huis op orde"
    assert page.get_by_text("Borg de bedrijfscontinuïteit").first.is_visible()
    page.screenshot(path=str(tmp_path / "theme.png"), full_page=True)
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Eigen huis op orde"  # guide content stays Dutch


def test_skip_link_is_the_first_tab_stop(page, live_server):
    page.goto(live_server + "/themas/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
