"""Between the conversation form and the scheduling domain: fill the form from a conversation,
turn a posted form into a ConversationInput, and put the domain's Problems next to the fields."""
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ...extensions import db
from ...models import Conversation, Round
from ...scheduling import ConversationInput, ParticipantInput, Problem, in_amsterdam, local_datetime
from ...scheduling.contacts import contacts_of, register_participants
from ...vocabulary import RoundKind
from ...wording import problem_message
from .forms import EMPTY_ROWS, ROLE_CHOICES, ConversationForm, options
from .lookup import all_municipalities, municipality_by_code, municipality_by_name


def prepare(form: ConversationForm, round_: Round, municipalities=None) -> None:
    """Choices depend on the round: its kind decides the roles and the municipality fields."""
    municipalities = municipalities if municipalities is not None else all_municipalities()
    choices = options([("", _("— kies een gemeente —"))] + [(m.code, m.name) for m in municipalities])
    for field in (form.municipality_1, form.municipality_2, form.municipality_3):
        field.choices = choices
    if round_.kind == RoundKind.VISITATIERONDE:
        form.municipality_1.label.text = _l("Gastgemeente")
    for row in form.participants:
        row.form.role.choices = ROLE_CHOICES[round_.kind]


def initial_data(conversation: Conversation | None, codes: list[str] | None = None) -> dict:
    """Form data for GET: the conversation as saved, or a new one with preselected municipalities."""
    if conversation is None:
        codes = (codes or [])[:3]
        chosen = {f"municipality_{i}": code for i, code in enumerate(codes, start=1)}
        return {**chosen, "participants": _from_register(codes) + [{}] * EMPTY_ROWS}
    data: dict[str, Any] = {f"municipality_{i}": m.code
                            for i, m in enumerate(conversation.municipalities[:3], start=1)}
    if conversation.starts_at:
        local = in_amsterdam(conversation.starts_at)
        data.update(day=local.date(), time=local.time().replace(tzinfo=None))
    data.update(duration_minutes=conversation.duration_minutes, place=conversation.place or "",
                online_url=conversation.online_url or "", version=str(conversation.version))
    rows = []
    for p in conversation.participations:
        if p.role == "gespreksleider":
            data.update(leader_name=p.person.name, leader_email=p.person.email or "",
                        leader_municipality=p.municipality.name if p.municipality else "")
        else:
            rows.append({"name": p.person.name, "email": p.person.email or "", "role": p.role,
                         "municipality": p.municipality.name if p.municipality else ""})
    data["participants"] = rows + [{}] * EMPTY_ROWS
    return data


def _from_register(codes: list[str]) -> list[dict]:
    """Participant rows of the chosen municipalities from the contacts register (to change freely)."""
    towns = [m for m in (municipality_by_code(c) for c in codes) if m is not None]
    register = contacts_of(db.session, [m.id for m in towns])
    return [{"name": p.name, "email": p.email, "role": p.role,
             "municipality": p.municipality.name if p.municipality else ""}
            for p in register_participants(towns, register)]


def to_input(form: ConversationForm) -> tuple[ConversationInput | None, list]:
    """The posted form as domain input, with the form field each participant came from.

    Returns (None, []) and marks the fields when a typed municipality name is unknown.
    """
    unknown = False

    def town(field):
        nonlocal unknown
        municipality = municipality_by_name(field.data)
        if field.data and municipality is None:
            field.errors.append(_("Onbekende gemeente ‘%(name)s’; kies een naam uit de lijst.", name=field.data))
            unknown = True
        return municipality

    participants, targets = [], []
    if form.leader_name.data:
        participants.append(ParticipantInput(form.leader_name.data, form.leader_email.data, "gespreksleider",
                                             town(form.leader_municipality)))
        targets.append(form.leader_name)
    for row in form.participants:
        if row.form.name.data:
            participants.append(ParticipantInput(row.form.name.data, row.form.email.data, row.form.role.data,
                                                 town(row.form.municipality)))
            targets.append(row.form.name)
    if unknown:
        return None, targets
    codes = [f.data for f in (form.municipality_1, form.municipality_2, form.municipality_3) if f.data]
    starts_at = local_datetime(form.day.data, form.time.data) if form.day.data and form.time.data else None
    data = ConversationInput(
        municipalities=[m for m in (municipality_by_code(c) for c in codes) if m is not None],
        starts_at=starts_at, duration_minutes=form.duration_minutes.data,
        place=(form.place.data or "").strip() or None, online_url=(form.online_url.data or "").strip() or None,
        participants=participants, allow_repeat=form.allow_repeat.data)
    return data, targets


def show_problems(form: ConversationForm, problems: list[Problem], targets: list) -> list[str]:
    """Attach each problem to its field; return the messages that belong to no single field."""
    fields = {"municipalities": form.municipality_1, "starts_at": form.day,
              "duration_minutes": form.duration_minutes, "online_url": form.online_url}
    general = []
    for problem in problems:
        text = problem_message(problem)
        field = fields.get(problem.field or "")
        if problem.field and problem.field.startswith("participants-"):
            field = targets[int(problem.field.split("-")[1])]
        if field is None:
            general.append(text)
        else:
            field.errors = list(field.errors) + [text]
    return general


def error_summary(form) -> list[tuple[str, str, str]]:
    """(field id, label, message) for every error, also inside the participant rows."""
    found = []

    def walk(fields, prefix=""):
        for field in fields:
            if field.type == "FieldList":
                for number, entry in enumerate(field, start=1):
                    walk(entry.form, _("Deelnemer %(number)s", number=number) + ": ")
            elif field.errors and field.name != "csrf_token":
                for message in field.errors:
                    found.append((field.id, prefix + str(field.label.text), str(message)))

    walk(form)
    return found
