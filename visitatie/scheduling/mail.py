"""Sending invitation letters over SMTP (smtplib), when a mail server is configured."""
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from .errors import SchedulingError
from .mailmerge import Letter


class MailError(SchedulingError):
    """The mail server could not be reached or broke off; `result` says what got out before that."""

    def __init__(self, message: str, result: "SendResult"):
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int = 25
    username: str = ""
    password: str = ""
    use_tls: bool = False
    sender: str = "visitatie@localhost"
    timeout: float = 30

    @classmethod
    def from_config(cls, config) -> "MailSettings | None":
        if not config.get("MAIL_SERVER"):
            return None
        return cls(config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_USERNAME"],
                   config["MAIL_PASSWORD"], config["MAIL_USE_TLS"], config["MAIL_SENDER"])


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
    return message


def send_letters(letters: list[Letter], settings: MailSettings) -> SendResult:
    """Send each letter as its own message over one connection; report refused addresses."""
    result = SendResult()
    try:
        with smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout) as smtp:
            if settings.use_tls:
                smtp.starttls()
            if settings.username:
                smtp.login(settings.username, settings.password)
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
