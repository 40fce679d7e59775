"""The guide form of one theme: what each answer field shows, and reading a plain form post.

One field per (municipality, question). Field names: `answer-<municipality id>-<question id>`
(several values for multiple choice) and `version-<municipality id>-<question id>`, the version
the page was showing. Only fields of municipalities the principal may edit are read.

After a conflict the field keeps the version the user started from, so the general "Opslaan"
cannot save their text over the newer one (it is refused again). Only the conflict's own buttons
resolve it: `merged=<key>` saves the answer box (the merged text) and `keep_mine=<key>` the text
in `mine-<key>`, both on top of `resolved-version-<key>`, the newer version they were shown;
`take_theirs=<key>` leaves the newer version as it is.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from ...conversations.answers import (
    AnswerError,
    Change,
    ConversationLocked,
    QuestionHidden,
    VersionConflict,
    answer_text,
    shown_values,
)
from ...conversations.word_diff import WordDiff, merge, word_diff
from ...guides.model import Guide, Question
from ...i18n import local_time
from ...models import Answer, Municipality
from ...vocabulary import ConversationStatus
from ...wording import problem_message


def field_key(municipality_id: int, question_id: str) -> str:
    return f"{municipality_id}-{question_id}"


def dom_id(municipality_id: int, question_id: str) -> str:
    return "a-" + field_key(municipality_id, question_id).replace(".", "_")


@dataclass
class FieldState:
    municipality: Municipality
    question: Question
    answer: Answer | None
    value: list[str] | str | None  # decoded: str, or a list for multiple choice
    version: int
    editable: bool
    shown: bool
    error: str | None = None
    conflict: VersionConflict | None = None

    @property
    def key(self) -> str:
        return field_key(self.municipality.id, self.question.id)

    @property
    def id(self) -> str:
        return dom_id(self.municipality.id, self.question.id)

    def display(self, value) -> str:
        """A decoded value (or what was typed) as text: option labels, or the text itself."""
        if self.question.type == "open":
            return value if isinstance(value, str) else ""
        return answer_text(self.question, self.question.encode(value))

    @property
    def theirs(self):
        """In a conflict: the version now stored, decoded."""
        return self.question.decode(self.conflict.current.value) if self.conflict else None

    @property
    def resolved_version(self) -> int | None:
        """In a conflict: the newer version a deliberate choice saves on top of."""
        return self.conflict.current.version if self.conflict else None

    @property
    def diff(self) -> WordDiff | None:
        """In a conflict: both versions as text, with the words only one of them has marked."""
        return word_diff(self.display(self.value), self.display(self.theirs)) if self.conflict else None

    @property
    def merged(self) -> str | None:
        """In a conflict about an open answer: the newer text with the user's words added."""
        if not self.conflict or self.question.type != "open":
            return None
        return merge(self.display(self.value), self.display(self.theirs))

    @property
    def chosen(self) -> set[str]:
        if isinstance(self.value, list):
            return set(self.value)
        return {self.value} if self.value else set()


def read_changes(form: MultiDict, guide: Guide, municipality_id: int) -> list[Change]:
    """The answers of one municipality in a posted form; fields not on the page are skipped."""
    skip = form.get("take_theirs")  # "take theirs" in a conflict: leave that answer as it is
    resolving = {form.get("merged"), form.get("keep_mine")} - {None}
    changes = []
    for question in guide.questions:
        key = field_key(municipality_id, question.id)
        if f"version-{key}" not in form or key == skip:
            continue
        version = _number(form.get(f"version-{key}"))
        if key in resolving and f"resolved-version-{key}" in form:
            version = _number(form.get(f"resolved-version-{key}"))
        name = f"answer-{key}"
        value = form.getlist(name) if question.multiple else form.get(name, "")
        if form.get("keep_mine") == key and f"mine-{key}" in form and not question.multiple:
            value = form.get(f"mine-{key}", "")
        changes.append(Change(question, value, version))
    return changes


def _number(text: str | None) -> int:
    try:
        return int(text or "0")
    except ValueError:
        return 0


def error_message(error: AnswerError) -> str:
    """The message for a domain error about one answer: a locked conversation and a conflict are
    worded here, with the page's context; the rest comes from the one registry (wording/)."""
    if isinstance(error, ConversationLocked):
        return locked_message(error.status)
    if isinstance(error, VersionConflict):
        return conflict_message(error)
    if not error.problems:  # a save that failed for another reason (a storage fault): kept, not refused
        return _("Dit antwoord kon niet worden opgeslagen.")
    return problem_message(error.problems[0])


def locked_message(status: str) -> str:
    if status == ConversationStatus.GEANNULEERD:
        return _("Dit gesprek is geannuleerd; er kunnen geen antwoorden meer worden vastgelegd.")
    return _("Het verslag van dit gesprek is vastgesteld. De antwoorden kunnen niet meer worden gewijzigd.")


def conflict_message(conflict: VersionConflict) -> str:
    current = conflict.current
    if not current.updated_by:
        return _("Dit antwoord is intussen gewijzigd. Vergelijk beide versies en kies wat blijft.")
    return _("%(who)s heeft dit antwoord om %(time)s gewijzigd. Vergelijk beide versies en kies wat blijft.",
             who=current.updated_by, time=local_time(current.updated_at, "HH:mm"))


def field_states(guide: Guide, municipalities, capabilities, locked: bool,
                 answers: dict[tuple[int, str], Answer],
                 typed: dict[tuple[int, str], list[str] | str | None] | None = None,
                 errors: dict[tuple[int, str], AnswerError] | None = None) -> dict[tuple[int, str], FieldState]:
    """Every field of the theme as the page shows it.

    After a failed post, `typed` holds what the user sent and `errors` what went wrong: those
    fields show the typed value (nothing typed is lost), a conflict shows both versions.
    """
    typed, errors = typed or {}, errors or {}
    states = {}
    for municipality in municipalities:
        stored = {qid: a.value for (mid, qid), a in answers.items() if mid == municipality.id}
        visible = shown_values([guide], stored)
        editable = capabilities.can_edit_municipality(municipality) and not locked
        for question in guide.questions:
            slot = (municipality.id, question.id)
            answer = answers.get(slot)
            error = errors.get(slot)
            value = question.decode(answer.value if answer else None)
            if slot in typed and error is not None:
                value = typed[slot]
            state = FieldState(municipality, question, answer, value, answer.version if answer else 0,
                               editable, question.is_shown(visible))
            if error is not None and not isinstance(error, (QuestionHidden, ConversationLocked)):
                state.error = error_message(error)
                if isinstance(error, VersionConflict):
                    state.conflict = error
                    state.version = error.base_version  # only the conflict's own buttons save over it
                    state.shown = True
            states[slot] = state
    return states
