"""The nginx site of deploy/ is valid as shipped: `nginx -t` on it, with only the names of the
certificate files and snippets pointed at a test folder (a throw-away self-signed certificate)."""
import subprocess
from pathlib import Path

import pytest

from tests.server.conftest import NGINX, REPO


def test_the_nginx_site_passes_nginx_t(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: `make test` installs it (apt-get install nginx-light)")
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=visitatie.example.org", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    site = (REPO / "deploy/nginx/visitatie.conf").read_text()
    site = (site.replace("/etc/letsencrypt/live/visitatie.example.org/", f"{tmp_path}/")
                .replace("/etc/nginx/snippets/", f"{REPO}/deploy/nginx/")
                .replace("/var/log/nginx/", f"{tmp_path}/"))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ }}
http {{ include {tmp_path}/site.conf; }}
""")
    result = subprocess.run([NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_proxy_accepts_what_the_app_accepts(tmp_path):
    """client_max_body_size in the proxy snippet equals the app's MAX_CONTENT_LENGTH."""
    from visitatie.config import load_config

    snippet = (REPO / "deploy/nginx/visitatie-proxy.conf").read_text()
    size = next(line.split()[1].rstrip(";") for line in snippet.splitlines()
                if line.strip().startswith("client_max_body_size"))
    assert size.endswith("m")
    assert int(size[:-1]) * 1024 * 1024 == load_config(str(tmp_path))["MAX_CONTENT_LENGTH"]


def test_the_env_file_counts_the_one_proxy_that_sets_forwarded_for():
    """deploy/ puts exactly one proxy (nginx) in front, and that proxy sets X-Forwarded-For: the env
    example trusts one entry of it, no more (more would let a visitor choose their own address)."""
    snippet = (REPO / "deploy/nginx/visitatie-proxy.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in snippet
    env = (REPO / "deploy/visitatie.env.example").read_text().splitlines()
    assert "PROXY_FIX_X_FOR=1" in env
