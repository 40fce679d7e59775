"""The production command (README "In productie") started for real: gunicorn with
deploy/gunicorn.conf.py on a free loopback port, on the test's own SQLite database."""
import contextlib
import functools
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped with {process.returncode}")
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise TimeoutError("gunicorn did not answer in time")


@contextlib.contextmanager
def serve_production(folder: Path, database: Path, **settings: str):
    """The README's production command on a free port, with environment `settings` on top of the
    test's own; yields (base url, log file). Stops only the gunicorn it started."""
    port = free_port()
    log = folder / f"gunicorn-{port}.log"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", SECRET_KEY="test-secret-for-gunicorn",
               GUNICORN_BIND=f"127.0.0.1:{port}", PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", **settings)
    with log.open("w") as out:
        process = subprocess.Popen([str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "visitatie:create_app()"],
                                   cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process)
        yield url, log
    finally:
        process.send_signal(signal.SIGTERM)  # only the process this helper started
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def production_server(tmp_path, database):
    """Start the README's production command; yields (base url, log file)."""
    # Every load client comes from 127.0.0.1: the per-IP limits (tested in tests/web/accounts and,
    # behind nginx, in test_client_addresses.py) would measure themselves here instead of the
    # storage and slow-client behaviour.
    with serve_production(tmp_path, database, RATELIMIT_ENABLED="false") as served:
        yield served


class _FromAddress(urllib.request.HTTPHandler):
    """Plain http connections from a chosen local address (all of 127.0.0.0/8 is this machine)."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def http_open(self, request):
        return self.do_open(functools.partial(http.client.HTTPConnection, source_address=(self.address, 0)),
                            request)


class Client:
    """A browser-like client without a browser: cookies, the CSRF token from the page, JSON posts."""

    def __init__(self, base: str, source: str | None = None):
        """`source`: the loopback address to connect from (127.0.0.2, ...), so that one test has
        clients with different addresses without leaving the machine."""
        self.base = base
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
        if source:
            handlers.append(_FromAddress(source))
        self.opener = urllib.request.build_opener(*handlers)
        self.csrf = ""

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=timeout) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        # The token sits in a <meta> on pages with autosave and in a hidden field in every form.
        found = re.search(r'name="csrf-token" content="([^"]+)"', text) or re.search(
            r'name="csrf_token" value="([^"]+)"', text)
        if found:
            self.csrf = found.group(1)
        return status, text

    def post(self, path: str, data: bytes, headers: dict, timeout: float = 10) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(self.base + path, data=data, method="POST",
                                         headers={"X-CSRFToken": self.csrf, **headers})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def post_json(self, path: str, body: dict, timeout: float = 10) -> tuple[int, dict, dict | None]:
        status, headers, raw = self.post(path, json.dumps(body).encode(), {
            "Content-Type": "application/json", "Accept": "application/json"}, timeout)
        is_json = (headers.get("Content-Type") or "").startswith("application/json")
        return status, headers, json.loads(raw) if is_json else None

    def sign_in(self, token: str) -> int:
        """Open a personal link as a browser does (tests/conftest.py `redeem`): the page, then its
        button, which posts the token with the CSRF token to the form's action. Returns the status
        at the end (200 once the redirect to the conversation is followed; 404 for a bad link)."""
        status, text = self.get(f"/uitnodiging/{token}")
        # The page's own form, not the language switch in the header that every page has.
        form = re.search(r'<form method="post" action="([^"]+)"[^>]*>(?:(?!</form>).)*name="token"', text, re.S)
        assert status == 200 and form, (status, text[:300])
        status, _headers, _body = self.post(form.group(1), urllib.parse.urlencode(
            {"csrf_token": self.csrf, "token": token}).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
        return status


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(folder: Path, listen_port: int, app_port: int) -> Path:
    """An nginx.conf that serves plain http on a loopback port with the deploy/ proxy snippet
    unchanged (buffering, timeouts, body size) in front of gunicorn. TLS is left out: the test is
    about slow clients, and the site file's TLS part is checked by `nginx -t` elsewhere."""
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir(exist_ok=True)
    user = "user root;" if os.geteuid() == 0 else ""  # root: workers may write the test's temp folders
    config = folder / "nginx.conf"
    config.write_text(f"""
{user}
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {REPO}/deploy/nginx/visitatie-logging.conf;
    upstream visitatie_app {{ server 127.0.0.1:{app_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{listen_port};
        access_log {folder}/access.log visitatie;
        include {REPO}/deploy/nginx/visitatie-proxy.conf;
    }}
}}
""")
    return config


@contextlib.contextmanager
def serve_nginx(folder: Path, app_url: str):
    """nginx with the deploy/ snippet in front of the gunicorn at `app_url`; yields nginx's url.
    Stops only the nginx it started."""
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: `make test` installs it (apt-get install nginx-light)")
    folder.mkdir()
    port = free_port()
    config = nginx_config(folder, port, int(app_url.rsplit(":", 1)[1]))
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(folder)], stdout=subprocess.DEVNULL,
                               stderr=(folder / "stderr.log").open("w"))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, seconds=20)
        yield url
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful stop of the nginx this helper started
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def proxied_server(production_server, tmp_path):
    """nginx with the deploy/ snippet in front of the production gunicorn; yields (url, folder)."""
    app_url, _log = production_server
    with serve_nginx(tmp_path / "nginx", app_url) as url:
        yield url, tmp_path / "nginx"
