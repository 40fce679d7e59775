"""The experience of mayors and project leaders in a real browser (issue 14): controls that look like
what they are, confirmations before what cannot be undone, the answering page on a phone."""
import pytest

from tests.e2e.conftest import open_link
from tests.e2e.test_accessibility import demo_world  # noqa: F401  (a fixture: the demo round)

pytestmark = pytest.mark.e2e

PROJECT_LEADER, DEMO_PASSWORD = "projectleider@example.org", "demo-wachtwoord-2024"

# Per <select>: does it show an arrow? Either the browser draws its own (appearance not "none") or
# the stylesheet draws one (a background image), or it is a list box (multiple) that needs none.
SELECT_ARROWS = """() => [...document.querySelectorAll('select')].map(s => {
    const style = getComputedStyle(s);
    return {name: s.name || s.id, multiple: s.multiple, appearance: style.appearance,
            image: style.backgroundImage, width: s.getBoundingClientRect().width};
})"""


def sign_in(page, live_server):
    page.goto(live_server + "/inloggen")
    page.fill("input[name=email]", PROJECT_LEADER)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)


def test_every_select_on_the_main_pages_shows_an_arrow(page, live_server, demo_world):  # noqa: F811
    sign_in(page, live_server)
    r, c = demo_world["round"], demo_world["conversation"]
    paths = ["/rondes/nieuw", f"/rondes/{r}/bewerken", f"/planning/rondes/{r}/voorstel",
             f"/planning/rondes/{r}/uitnodigingen", f"/planning/rondes/{r}/gesprekken/nieuw",
             f"/planning/gesprekken/{c}", f"/rondes/{r}/opbrengst/cijfers", f"/gesprekken/{c}/thema/1",
             f"/planning/rondes/{r}/gemeenten"]
    seen, without_arrow = 0, []
    for path in paths:
        response = page.goto(live_server + path)
        assert response.status == 200, path
        for select in page.evaluate(SELECT_ARROWS):
            if select["width"] == 0:
                continue  # hidden (e.g. a closed <details>): nothing to see
            seen += 1
            drawn = select["image"].startswith("url(") and "svg" in select["image"]
            if not (select["multiple"] or select["appearance"] != "none" or drawn):
                without_arrow.append(f"{path} {select['name']}")
    assert seen >= 8, f"only {seen} visible selects on the main pages: the page list no longer covers them"
    assert without_arrow == []
