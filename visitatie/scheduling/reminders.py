"""Reminders to participants who have not answered all questions of their themes yet.

Who is due: a burgemeester, CISO or adviseur OOV of a planned or held conversation (not finalised,
not cancelled) with questions for their role and municipality still open — counted exactly as their
own page counts them (answers.progress_scope and conversation_progress) — who has an e-mail address,
holds a valid personal link, and was not reminded within the round's interval. A participant taken
off a conversation has no participation any more, so is never a candidate.

The letter is the round's own text (or the default below) with the invitation letter's merge fields
as placeholders ({naam}, {gesprek}, {persoonlijke_link}, ...; mailmerge.compose_letter fills them),
plus {ronde} and {onbeantwoorde_themas}. It carries a link of its own, issued beside the one the
participant holds (invitations.issue_alongside): the plain tokens of earlier links are not kept, and
replacing them would break a bookmarked link. It leaves through the invitations' mail path
(mail.deliver_letters), which withdraws the link of a letter that did not get out.

No Flask here: the view and the daily command pass the guides, the addresses and the clock.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..conversations import answers as answer_domain
from ..conversations import invitations
from ..guides.model import GuideSet
from ..models import MUNICIPAL_ROLES, Answer, Conversation, Participation, Round
from ..models.invitations import Invitation
from ..models.reminders import INTERVAL_DAYS_DEFAULT, Reminder, ReminderSettings
from ..models.types import DbSession
from ..text_input import clean_text
from ..vocabulary import OPEN_STATUSES, RoundKind
from .errors import Problem, ValidationFailed
from .mail import MailSettings, SendResult, deliver_letters
from .mailmerge import MAILMERGE_COLUMNS, Letter, compose_letter, invitation_url

# Conversations whose participants can still answer: not finalised, not cancelled.
SCHEDULED_SENDER = "dagelijkse opdracht"  # sent_by of a reminder the daily command sent
SUBJECT_MAX = 200
BODY_MAX = 5000
INTERVAL_RANGE = (1, 60)

# The placeholders a letter may use: the invitation letter's merge fields, the round and the themes.
EXTRA_FIELDS = ("ronde", "onbeantwoorde_themas")
PLACEHOLDERS = tuple(name for name in MAILMERGE_COLUMNS if name != "onderwerp") + EXTRA_FIELDS
PLACEHOLDER = re.compile(r"\{([^{}\s]{1,40})\}")
# Shown in the preview where the personal link will be: the preview issues nothing.
PREVIEW_LINK = "[persoonlijke link, wordt bij het versturen aangemaakt]"

DEFAULT_SUBJECT = "Herinnering: uw antwoorden voor het gesprek {gesprek}"
# One line per paragraph: mail programs wrap lines themselves, hard breaks would leave ragged ones.
DEFAULT_BODY = """Beste {naam},

Voor het bestuurlijk gesprek {gesprek} staan nog vragen voor u als {rol} open. Uw antwoorden helpen de gespreksleider het gesprek voor te bereiden. Het gaat om deze prioriteiten:

{onbeantwoorde_themas}

Datum van het gesprek: {datum} {tijd}

Met uw persoonlijke link opent u het gesprek en de vragen; inloggen is niet nodig:
{persoonlijke_link}

De link is persoonlijk en geldig tot {geldig_tot}. Stuur hem niet door. Een link die u eerder kreeg, blijft ook werken.

Hebt u de vragen al beantwoord of bespreekt u ze liever in het gesprek zelf? Dan kunt u deze herinnering als niet verzonden beschouwen.

Met vriendelijke groet,

De projectleiding van de {ronde}
"""  # noqa: E501 (one line per paragraph, see above)


@dataclass(frozen=True)
class OpenTheme:
    number: int
    title: str
    answered: int
    total: int

    def line(self) -> str:
        return f"- {self.title} ({self.answered} van {self.total} vragen beantwoord)"


@dataclass(frozen=True)
class Candidate:
    """A participant who answers for a municipality, and whether a reminder is due now."""

    participation: Participation
    open_themes: tuple[OpenTheme, ...]
    last_reminded_at: datetime | None
    link_valid_until: datetime | None
    skip: str | None  # None: due; else alles_beantwoord, geen_email, geen_link, onlangs_herinnerd
    again_at: datetime | None = None  # onlangs_herinnerd: when the interval has passed

    @property
    def due(self) -> bool:
        return self.skip is None


@dataclass(frozen=True)
class LetterText:
    subject: str
    body: str


@dataclass
class ReminderRun:
    letters: list[Letter]
    result: SendResult
    error: str | None  # the mail server broke off or was not reachable


def reminder_settings(session: DbSession, round_: Round) -> ReminderSettings:
    """The round's stored settings, or unsaved defaults (added to the session only when saved)."""
    stored = session.scalar(select(ReminderSettings).where(ReminderSettings.round_id == round_.id))
    return stored or ReminderSettings(round_id=round_.id, scheduled=False, interval_days=INTERVAL_DAYS_DEFAULT)


def letter_text(settings: ReminderSettings) -> LetterText:
    return LetterText(settings.subject or DEFAULT_SUBJECT, settings.body or DEFAULT_BODY)


def check_letter(subject: str, body: str, interval_days: int | None) -> LetterText:
    """The letter as it will be stored, or ValidationFailed naming each problem and its field."""
    subject = clean_text(subject or "").strip()
    body = clean_text(body or "").replace("\r\n", "\n").replace("\r", "\n").strip()  # a textarea sends CRLF
    problems = []
    if not subject:
        problems.append(Problem("subject_missing", "subject"))
    elif "\n" in subject or "\r" in subject or len(subject) > SUBJECT_MAX:
        problems.append(Problem("subject_form", "subject", {"max": SUBJECT_MAX}))
    if not body:
        problems.append(Problem("body_missing", "body"))
    elif len(body) > BODY_MAX:
        problems.append(Problem("body_too_long", "body", {"max": BODY_MAX}))
    for field, text in (("subject", subject), ("body", body)):
        unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
        if unknown:
            problems.append(Problem("unknown_placeholder", field, {"names": unknown}))
    if "{persoonlijke_link}" not in body and body:
        problems.append(Problem("link_missing", "body"))
    if interval_days is None or not INTERVAL_RANGE[0] <= interval_days <= INTERVAL_RANGE[1]:
        problems.append(Problem("interval_range", "interval_days",
                                {"low": INTERVAL_RANGE[0], "high": INTERVAL_RANGE[1]}))
    if problems:
        raise ValidationFailed(problems)
    return LetterText(subject, body + "\n")


def save_settings(session: DbSession, round_: Round, subject: str, body: str, scheduled: bool,
                  interval_days: int | None, actor: str) -> ReminderSettings:
    """Store the round's letter and schedule (checked by check_letter). Flushes; the caller commits.
    The default text is stored as None, so a better default later reaches rounds that never changed it."""
    text = check_letter(subject, body, interval_days)
    settings = reminder_settings(session, round_)
    settings.subject = None if text.subject == DEFAULT_SUBJECT else text.subject
    settings.body = None if text.body.strip() == DEFAULT_BODY.strip() else text.body
    settings.scheduled, settings.updated_by = scheduled, actor
    if interval_days is not None:  # check_letter refuses a missing interval; this tells mypy so
        settings.interval_days = interval_days
    session.add(settings)
    session.flush()
    return settings


def candidates(session: DbSession, guides: GuideSet, round_: Round, interval_days: int,
               now: datetime) -> list[Candidate]:
    """Everyone who answers for a municipality in the round's open conversations, due or not and why.

    A fixed number of queries whatever the size of the round: conversations with their municipalities
    and participants (loaded together), answers, valid links and last reminders."""
    if round_.kind != RoundKind.GESPREKSRONDE:
        return []  # a visit's self-evaluation is the host's joint work, followed on the visit's page
    conversations = list(session.scalars(select(Conversation).where(
        Conversation.round_id == round_.id, Conversation.status.in_(OPEN_STATUSES))
        .options(selectinload(Conversation.municipalities),
                 selectinload(Conversation.participations).selectinload(Participation.person),
                 selectinload(Conversation.participations).selectinload(Participation.municipality))
        .order_by(Conversation.starts_at, Conversation.id)))
    participations = [p for c in conversations for p in c.participations
                      if p.role in MUNICIPAL_ROLES and p.municipality_id is not None]
    ids = [p.id for p in participations]
    answers: dict[int, dict[tuple[int, str], Answer]] = {c.id: {} for c in conversations}
    for answer in session.scalars(select(Answer).where(Answer.conversation_id.in_(list(answers)))):
        answers[answer.conversation_id][(answer.municipality_id, answer.question_id)] = answer
    valid_until = dict(session.execute(
        select(Invitation.participation_id, func.max(Invitation.expires_at))
        .where(Invitation.participation_id.in_(ids), Invitation.revoked_at.is_(None), Invitation.expires_at > now)
        .group_by(Invitation.participation_id)).all())
    last = dict(session.execute(
        select(Reminder.participation_id, func.max(Reminder.sent_at))
        .where(Reminder.participation_id.in_(ids)).group_by(Reminder.participation_id)).all())
    result = []
    for participation in participations:
        conversation = participation.conversation
        open_themes = _open_themes(guides, conversation, participation, answers[conversation.id])
        until, reminded = valid_until.get(participation.id), last.get(participation.id)
        skip = ("alles_beantwoord" if not open_themes else "geen_email" if not participation.person.email
                else "geen_link" if until is None
                else "onlangs_herinnerd" if reminded is not None and now < reminded + timedelta(days=interval_days)
                else None)
        again = reminded + timedelta(days=interval_days) if reminded is not None else None
        result.append(Candidate(participation, open_themes, reminded, until, skip, again))
    return result


def scheduled_due(session: DbSession, guides: GuideSet, round_: Round, now: datetime) -> list[Candidate]:
    """Who the daily command reminds: the due candidates of a round with scheduled reminders on, and
    only until their conversation starts (after it, answers are the conversation's own work)."""
    settings = reminder_settings(session, round_)
    if not settings.scheduled:
        return []
    return [c for c in candidates(session, guides, round_, settings.interval_days, now)
            if c.due and (c.participation.conversation.starts_at is None
                          or c.participation.conversation.starts_at > now)]


def compose_reminder(candidate: Candidate, text: LetterText, link: str, expires_at: datetime, page: str,
                     guide_url: str) -> Letter:
    """The reminder for one candidate: the invitation letter's merge fields in the round's text."""
    participation = candidate.participation
    invitation = compose_letter(participation, link, expires_at, page, guide_url)
    fields = dict(invitation.fields, ronde=participation.conversation.round.title,
                  onbeantwoorde_themas="\n".join(theme.line() for theme in candidate.open_themes))
    subject = " ".join(merge(text.subject, fields).split())  # a header is one line, whatever a name holds
    body = "\n".join(line.rstrip() for line in merge(text.body, fields).split("\n"))  # "{datum} {tijd}" without a time
    return replace(invitation, subject=subject, body=body, fields=fields, calendar=None)


def preview(candidate: Candidate, text: LetterText, page: str, guide_url: str) -> Letter:
    """The reminder as it would read, with a marker instead of a link: a preview issues nothing.
    For a candidate with a valid link (the link's expiry is in the letter)."""
    if candidate.link_valid_until is None:
        raise ValueError("a preview is for a candidate with a valid link")
    return compose_reminder(candidate, text, PREVIEW_LINK, candidate.link_valid_until, page, guide_url)


def send_reminders(session: DbSession, due: list[Candidate], text: LetterText, settings: MailSettings, *,
                   base_url: str, page_url: Callable[[Conversation], str], guide_url: str, sent_by: str,
                   now: datetime) -> ReminderRun:
    """Issue a link beside each candidate's own, send the reminders as the invitations are sent, and
    record each one the server took. Flushes; the caller commits."""
    letters = []
    for candidate in due:
        issued = invitations.issue_alongside(session, candidate.participation, now)
        if issued is None:  # the link ran out or was revoked since the list was made
            continue
        invitation, token = issued
        letters.append(compose_reminder(candidate, text, invitation_url(base_url, token), invitation.expires_at,
                                        page_url(candidate.participation.conversation), guide_url))
    if not letters:
        return ReminderRun([], SendResult(), None)
    result, error = deliver_letters(session, letters, settings, now)
    by_id = {c.participation.id: c.participation for c in due}
    for participation_id in sorted(result.delivered):
        session.add(Reminder(participation_id=participation_id, sent_at=now, sent_by=sent_by,
                             conversation_id=by_id[participation_id].conversation_id))
    session.flush()
    return ReminderRun(letters, result, error)


def merge(text: str, fields: dict[str, object]) -> str:
    """Fill in the known placeholders in one pass: a value that itself holds "{naam}" stays as typed."""
    return PLACEHOLDER.sub(lambda m: str(fields[m.group(1)]) if m.group(1) in fields else m.group(0), text)


def _open_themes(guides: GuideSet, conversation: Conversation, participation: Participation,
                 answers: dict[tuple[int, str], Answer]) -> tuple[OpenTheme, ...]:
    """The themes with questions still open for this participant, counted as their own page counts."""
    values = answer_domain.values_by_municipality(answers)
    municipality_ids, role = answer_domain.progress_scope(conversation, participation)
    theme_guides = answer_domain.conversation_guides(guides, conversation)
    per_theme, _total = answer_domain.conversation_progress(theme_guides, values, municipality_ids, role)
    titles = {guide.number: guide.title for guide in theme_guides}
    return tuple(OpenTheme(number, titles[number], progress.answered, progress.total)
                 for number, progress in per_theme.items() if progress.answered < progress.total)
