"""The per-IP limits count clients, not the proxy: the production gunicorn behind nginx with the
deploy/ snippet (which sets X-Forwarded-For) and PROXY_FIX_X_FOR=1, clients connecting from
different loopback addresses. Without the setting every visitor shares nginx's one budget; without
a proxy the header is ignored, so nobody escapes a limit by writing an address in it.

The limit used is the one on redeeming a personal link (POST /uitnodiging), lowered to 3 per
minute; an unknown token answers 404 until the address is over the limit, then 429."""
import urllib.parse

from tests.server.conftest import Client, serve_nginx, serve_production

LIMITED = {"RATELIMIT_ENABLED": "true", "LINK_RATE_LIMIT": "3 per minute",
           # memory:// counters are kept per worker process: with one worker the count is exact
           "GUNICORN_WORKERS": "1"}
FORGED = "198.51.100.7"  # documentation range (RFC 5737)


def redeem_unknown_link(client: Client, forged_address: str | None = None) -> int:
    """Open a link page and press its button with a token nobody issued; the status of the post."""
    status, _page = client.get("/uitnodiging/onbekende-link")
    assert status == 200
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if forged_address:
        headers["X-Forwarded-For"] = forged_address
    status, _headers, _body = client.post("/uitnodiging", urllib.parse.urlencode(
        {"csrf_token": client.csrf, "token": "onbekende-link"}).encode(), headers)
    return status


def test_behind_nginx_every_client_address_has_its_own_budget(tmp_path, database):
    with serve_production(tmp_path, database, PROXY_FIX_X_FOR="1", **LIMITED) as (app_url, log), \
            serve_nginx(tmp_path / "nginx", app_url) as url:
        first, second = Client(url, source="127.0.0.2"), Client(url, source="127.0.0.3")
        assert [redeem_unknown_link(first) for _ in range(3)] == [404, 404, 404]
        assert redeem_unknown_link(first) == 429
        # nginx appends the address it saw to whatever the client wrote: a forged one does not help
        assert redeem_unknown_link(first, forged_address=FORGED) == 429
        assert redeem_unknown_link(second) == 404   # another visitor is not blocked by the first
        assert "Traceback" not in log.read_text()


def test_behind_nginx_without_proxy_fix_all_visitors_share_the_proxys_budget(tmp_path, database):
    """Why PROXY_FIX_X_FOR is in the env file: left at 0 behind nginx, one visitor blocks all."""
    with serve_production(tmp_path, database, **LIMITED) as (app_url, _log), \
            serve_nginx(tmp_path / "nginx", app_url) as url:
        first, second = Client(url, source="127.0.0.2"), Client(url, source="127.0.0.3")
        assert [redeem_unknown_link(first) for _ in range(3)] == [404, 404, 404]
        assert redeem_unknown_link(second) == 429


def test_without_a_proxy_a_forged_forwarded_for_is_ignored(tmp_path, database):
    """The default (0) for a server that clients reach directly: the header changes nothing."""
    with serve_production(tmp_path, database, **LIMITED) as (url, _log):
        first, second = Client(url, source="127.0.0.2"), Client(url, source="127.0.0.3")
        assert [redeem_unknown_link(first) for _ in range(3)] == [404, 404, 404]
        assert redeem_unknown_link(first, forged_address=FORGED) == 429
        assert redeem_unknown_link(second) == 404
