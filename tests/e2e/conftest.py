"""End-to-end fixtures: the real app served on a loopback port, driven by Debian's Chromium.

Playwright cannot download its own browser here, so it launches /usr/bin/chromium through
executable_path. The flags keep Chromium from calling home on this machine's closed network.
"""
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_app(tmp_path, database):
    """The app with CSRF on, as in production."""
    app = make_app(tmp_path, database, WTF_CSRF_ENABLED=True)
    yield app
    from visitatie.extensions import db

    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    page.close()


def open_link(page, url: str) -> None:
    """Open a personal link as a participant does: the page, then its one button (the token is
    posted, so the address the browser keeps has none)."""
    page.goto(url)
    page.get_by_role("button", name="Open mijn gesprek").click()
    page.wait_for_load_state()
