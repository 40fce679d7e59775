"""Sending invitation letters and account mails over SMTP (smtplib), when a mail server is configured.

Always over verified TLS unless switched off on purpose: STARTTLS or implicit TLS (MAIL_USE_SSL)
with ssl.create_default_context(), which checks the certificate chain and the host name. A server
that cannot prove it is MAIL_SERVER gets no letter, no password and no personal link.
"""
import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any

from ..conversations import invitations
from ..models.types import DbSession
from .errors import Problem, SchedulingError
from .mailmerge import Letter


class MailError(SchedulingError):
    """The mail server could not be reached or broke off; `result` says what got out before that."""

    def __init__(self, message: str, result: "SendResult"):
        super().__init__([Problem("mail_failed", params={"reason": message})], message)
        self.result = result


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int = 25
    username: str = ""
    password: str = ""
    use_tls: bool = True
    sender: str = "visitatie@localhost"
    timeout: float = 30
    use_ssl: bool = False
    ca_file: str = ""  # a private CA to trust besides the system's (MAIL_CA_FILE)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "MailSettings | None":
        if not config.get("MAIL_SERVER"):
            return None
        return cls(config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_USERNAME"],
                   config["MAIL_PASSWORD"], config["MAIL_USE_TLS"], config["MAIL_SENDER"],
                   use_ssl=config.get("MAIL_USE_SSL", False), ca_file=config.get("MAIL_CA_FILE", ""))

    def tls_context(self) -> ssl.SSLContext:
        # Certificate chain and host name checked (check_hostname, CERT_REQUIRED), TLS 1.2 or later.
        context = ssl.create_default_context(cafile=self.ca_file or None)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context


@dataclass
class SendResult:
    sent: list[str] = field(default_factory=list)  # e-mail addresses
    refused: list[str] = field(default_factory=list)
    delivered: set[int] = field(default_factory=set)  # participation ids whose letter the server took

    def undelivered(self, letters: list[Letter]) -> list[Letter]:
        """Letters refused, or never sent because the connection broke off."""
        return [letter for letter in letters if letter.participation_id not in self.delivered]


def message_for(letter: Letter, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((letter.name, letter.email))
    message["Subject"] = letter.subject
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "visitatie")
    message.set_content(letter.body)
    if letter.calendar:  # the calendar entry as an attachment, so a mail program offers to add it
        # As UTF-8 text: titles hold "–" and place names accents, which a bare text part would mangle.
        message.add_attachment(letter.calendar.decode("utf-8"), subtype="calendar", charset="utf-8",
                               filename=letter.calendar_filename, params={"method": "PUBLISH"})
    return message


@contextmanager
def connect(settings: MailSettings) -> Iterator[smtplib.SMTP]:
    """An SMTP connection, over verified TLS as configured, logged in when a user name is set.

    The TLS handshake comes before anything is sent: with a wrong certificate smtplib raises
    (ssl.SSLCertVerificationError) and not one message leaves."""
    smtp: smtplib.SMTP
    if settings.use_ssl:
        smtp = smtplib.SMTP_SSL(settings.server, settings.port, timeout=settings.timeout,
                                context=settings.tls_context())
    else:
        smtp = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
    with smtp:
        if settings.use_tls and not settings.use_ssl:
            smtp.starttls(context=settings.tls_context())
        if settings.username:
            smtp.login(settings.username, settings.password)
        yield smtp


def send_message(settings: MailSettings, to_name: str, to_email: str, subject: str, body: str) -> None:
    """One plain-text mail (an account link); raises MailError when it did not get out."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = formataddr((to_name, to_email))
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or "visitatie")
    message.set_content(body)
    try:
        with connect(settings) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(str(error) or type(error).__name__, SendResult()) from error


def send_letters(letters: list[Letter], settings: MailSettings) -> SendResult:
    """Send each letter as its own message over one connection; report refused addresses."""
    result = SendResult()
    try:
        with connect(settings) as smtp:
            for letter in letters:
                try:
                    smtp.send_message(message_for(letter, settings.sender))
                    result.sent.append(letter.email)
                    result.delivered.add(letter.participation_id)
                except smtplib.SMTPRecipientsRefused:
                    result.refused.append(letter.email)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(str(error) or type(error).__name__, result) from error
    return result


def deliver_letters(session: DbSession, letters: list[Letter], settings: MailSettings,
                    issued_at: datetime) -> tuple[SendResult, str | None]:
    """Send letters whose links were issued at `issued_at` (invitations and reminders alike); a link
    whose letter did not get out is withdrawn, so the participant keeps the link they had. Returns
    what the server took and the error that broke the connection, if any. Flushes; the caller commits."""
    try:
        result, error = send_letters(letters, settings), None
    except MailError as failure:
        result, error = failure.result, str(failure)
    for letter in result.undelivered(letters):
        invitations.withdraw(session, letter.participation_id, issued_at)
    session.flush()
    return result, error
