"""Mail goes only to a server that proves, over TLS, that it is MAIL_SERVER (issue 11, point 7)."""
import ssl
import subprocess

import pytest

from tests.local_smtp import local_smtp
from visitatie.scheduling.mail import MailError, MailSettings, send_message


def _certificate(folder, name: str, san: str):
    """A self-signed certificate made with the openssl command line (no network)."""
    cert, key = folder / f"{name}.pem", folder / f"{name}.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName={san}", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


@pytest.mark.parametrize("mode", ["starttls", "implicit"])
def test_a_certificate_for_another_host_is_refused_without_sending(tmp_path, mode):
    cert, context = _certificate(tmp_path, "mail.elders.example", "DNS:mail.elders.example")
    with local_smtp(**{mode if mode == "starttls" else "implicit_tls": context}) as (port, handler):
        # The certificate is even trusted (as a private CA): only its host name is wrong.
        settings = MailSettings(server="127.0.0.1", port=port, ca_file=str(cert), use_ssl=mode == "implicit", timeout=5)
        with pytest.raises(MailError, match="certificate verify failed|Hostname mismatch|doesn't match"):
            send_message(settings, "Anna", "anna@example.org", "Onderwerp", "Een persoonlijke link.")
        assert handler.envelopes == []


def test_an_untrusted_certificate_is_refused_and_the_right_one_is_used(tmp_path):
    cert, context = _certificate(tmp_path, "localhost", "IP:127.0.0.1")
    with local_smtp(starttls=context) as (port, handler):
        with pytest.raises(MailError):  # not trusted: not in the system store, no MAIL_CA_FILE
            send_message(MailSettings(server="127.0.0.1", port=port, timeout=5), "Anna", "anna@example.org", "O", "B")
        assert handler.envelopes == []
        send_message(MailSettings(server="127.0.0.1", port=port, ca_file=str(cert), timeout=5),
                     "Anna", "anna@example.org", "Onderwerp", "Een persoonlijke link.")
        assert len(handler.envelopes) == 1
