"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for the mail tests."""
import socket
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class Collect:
    """Accepts every message; refuses recipients in `refused_domain`; with `fail_after`, breaks
    off (421, as a server shutting down does) once it has accepted that many messages."""

    def __init__(self, refused_domain: str | None = None, fail_after: int | None = None):
        self.envelopes, self.refused_domain, self.fail_after = [], refused_domain, fail_after

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refused_domain and address.endswith("@" + self.refused_domain):
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.envelopes) >= self.fail_after:
            return "421 Service not available, closing transmission channel"
        self.envelopes.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def local_smtp(refused_domain: str | None = None, fail_after: int | None = None, starttls=None, implicit_tls=None):
    """Yields (port, handler) while the server runs. `starttls`: an ssl.SSLContext offered with
    STARTTLS (and required before mail); `implicit_tls`: one the connection starts with."""
    handler = Collect(refused_domain, fail_after)
    tls = {"tls_context": starttls, "require_starttls": True} if starttls else {}
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), ssl_context=implicit_tls, **tls)
    controller.start()
    try:
        yield controller.port, handler
    finally:
        controller.stop()
