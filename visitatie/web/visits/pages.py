"""What the visit pages show, and the save-or-show-again step of their forms: kept out of the
views so those stay a dozen lines. Flask-Babel for messages; no SQL strings."""
from __future__ import annotations

from ...conversations import answers as answer_domain
from ...conversations.finalising import last_finalised
from ...guides.model import GuideSet
from ...models import Conversation
from ...models.types import DbSession
from ...visits import (
    ChecklistInput,
    InvalidInput,
    StaleEdit,
    VisitLocked,
    assessments,
    committee,
    ensure_visit,
    findings_of,
    follow_up,
    host_of,
    host_participants,
    recommendations_of,
    response_of,
    save_assessment,
    visit_as_it_stands,
    visit_guides,
)
from ...vocabulary import ConversationStatus
from ...wording.visits import field_messages, locked_message, stale_message
from .forms import (
    ConfirmForm,
    ConsentForm,
    FindingForm,
    RecommendationForm,
    ResponseForm,
    ScoreForm,
    StatusForm,
    read_checklist,
    stored_checklist,
)


def prepare(session: DbSession, conversation: Conversation) -> None:
    """Before a save: the visit's own row exists (and links the host's previous visit as it is now).
    Pages that only read use visit_as_it_stands and write nothing."""
    ensure_visit(session, conversation)
    session.commit()


def _guide_progress(session, guides, conversation):
    answers = answer_domain.answers_by_question(session, conversation)
    values = answer_domain.values_by_municipality(answers)
    return answer_domain.conversation_progress(visit_guides(guides, conversation), values, [host_of(conversation).id])


def overview(session: DbSession, guides: GuideSet, conversation: Conversation, rights, *,
             response_form: ResponseForm | None = None, notice: str | None = None) -> dict:
    response = response_of(session, conversation)
    if response_form is None:
        response_form = ResponseForm(data={"text": response.text if response else "",
                                           "version": str(response.version if response else 0)})
    visit = visit_as_it_stands(session, conversation)
    recommendations = recommendations_of(session, conversation)
    per_theme, total = _guide_progress(session, guides, conversation)
    return {
        "conversation": conversation, "rights": rights, "visit": visit, "host": host_of(conversation),
        "committee": committee(conversation), "host_people": host_participants(conversation),
        "assessments": assessments(session, guides, conversation),
        "follow_up": follow_up(session, guides, conversation),
        "recommendations": recommendations, "findings": findings_of(session, conversation),
        "response": response, "response_form": response_form,
        "consent_form": ConsentForm(data={"consent": visit.consent_named}), "confirm_form": ConfirmForm(),
        "locked": answer_domain.is_locked(conversation), "finalised": last_finalised(conversation),
        "guide_progress": per_theme, "guide_total": total, "notice": notice,
    }


def theme(session: DbSession, guides: GuideSet, conversation: Conversation, rights, number: int, *,
          forms: dict | None = None, checklist_typed: dict | None = None, checklist_errors: dict | None = None,
          notice: str | None = None, unsaved: str | None = None) -> dict:
    """The theme page: its levels, both scores side by side, the checklist, findings, recommendations."""
    items = assessments(session, guides, conversation)
    assessment = next(a for a in items if a.number == number)
    forms = forms or {}
    for source, score in (("self", assessment.self_score), ("committee", assessment.committee_score)):
        if source not in forms:
            forms[source] = ScoreForm(prefix=source, formdata=None, data={
                "level": str(score.level) if score else None, "justification": score.justification if score else "",
                "version": str(score.version if score else 0)})
    forms.setdefault("finding", FindingForm(prefix="finding", formdata=None))
    if "recommendation" not in forms:
        forms["recommendation"] = RecommendationForm(prefix="recommendation", formdata=None,
                                                     data={"theme_number": str(number)})
    forms["recommendation"].prepare(visit_guides(guides, conversation))
    previous = follow_up(session, guides, conversation)
    numbers = [a.number for a in items]
    index = numbers.index(number)
    per_theme, _total = _guide_progress(session, guides, conversation)
    return {
        "conversation": conversation, "rights": rights, "host": host_of(conversation), "assessment": assessment,
        "themes": items, "forms": forms, "confirm_form": ConfirmForm(),
        "checklist": checklist_typed or stored_checklist(assessment.checklist),
        "checklist_errors": checklist_errors or {},
        "findings": [f for f in findings_of(session, conversation) if f.theme_number == number],
        "recommendations": [r for r in recommendations_of(session, conversation) if r.theme_number == number],
        "previous": next((t for t in previous.themes if t.number == number), None) if previous else None,
        "previous_visit": previous.previous if previous else None,
        "locked": answer_domain.is_locked(conversation), "notice": notice, "unsaved": unsaved,
        "guide_progress": per_theme[number],
        "previous_number": numbers[index - 1] if index > 0 else None,
        "next_number": numbers[index + 1] if index + 1 < len(numbers) else None,
    }


def apply_problems(form, error: InvalidInput, names: dict[str, str] | None = None) -> list[str]:
    """Attach each problem to its form field; return the messages that belong to no field."""
    general = []
    for field, message in field_messages(error).items():
        target = getattr(form, (names or {}).get(field, field), None)
        if target is None:
            general.append(message)
        else:
            target.errors = list(target.errors) + [message]
    return general


def refusal(form, error) -> tuple[str | None, int]:
    """Why a save was refused, in Dutch, with its HTTP status. The problems go beside the form's
    fields; after a conflict the form carries the newer version, so saving again keeps what was typed."""
    if isinstance(error, InvalidInput):
        return " ".join(apply_problems(form, error)) or None, 400
    if isinstance(error, StaleEdit):
        form.version.data = str(error.current.version)
        return stale_message(error), 409
    return locked_message(error), 409


def save_score(session: DbSession, guides: GuideSet, conversation: Conversation, rights, number: int,
               source: str, posted, actor: str) -> tuple[dict | None, int]:
    """Save a posted score (with the self-assessment: the checklist): (None, 302) or (page context, status)."""
    form = ScoreForm(prefix=source)
    checklist: list[ChecklistInput] = []
    checklist_problems: dict[str, str] = {}
    typed: dict[str, dict] | None = None
    if source == "self":
        scale = guides.maturity_for(guides.theme(number).slug)
        checklist, checklist_problems, typed = read_checklist(posted, scale.checklist if scale else ())
    checklist_errors = {key: field_messages(InvalidInput({key: code})).get(key)
                        for key, code in checklist_problems.items()}
    notice, status, unsaved = None, 400, None
    if not checklist_problems:
        try:
            save_assessment(session, guides, conversation, number, source, form.to_input(), actor, checklist)
            return None, 302
        except InvalidInput as error:
            for key, message in field_messages(error).items():
                if key.startswith("checklist-"):
                    checklist_errors[key] = message
            apply_problems(form, InvalidInput({k: v for k, v in error.by_field.items()
                                               if not k.startswith("checklist-")}, error.params))
        except (StaleEdit, VisitLocked) as error:
            notice, status = refusal(form, error)
            unsaved = form.justification.data if isinstance(error, VisitLocked) else None
    context = theme(session, guides, conversation, rights, number, forms={source: form}, checklist_typed=typed,
                    checklist_errors=checklist_errors, notice=notice, unsaved=unsaved)
    context["failed"] = source
    return context, status


def follow_up_page(session: DbSession, guides: GuideSet, conversation: Conversation, rights, failed=None) -> dict:
    """This visit's recommendations and those of the host's previous visit, each with its status form.

    `failed` is (recommendation id, posted form, notice) when a status change was refused.
    """
    def rows(recommendations):
        result = []
        for r in recommendations:
            if failed and failed[0] == r.id:
                result.append((r, failed[1], failed[2]))
            else:
                result.append((r, StatusForm(prefix=f"r{r.id}", formdata=None, data={
                    "status": r.status, "reason": r.status_reason, "version": str(r.version)}), None))
        return result

    previous = follow_up(session, guides, conversation)
    return {
        "conversation": conversation, "rights": rights, "host": host_of(conversation),
        "guides": {g.number: g for g in visit_guides(guides, conversation)},
        "current": rows(recommendations_of(session, conversation)),
        "previous_visit": previous.previous if previous else None,
        "previous": rows(previous.recommendations) if previous else [],
        "closed": conversation.status == ConversationStatus.GEANNULEERD,
    }
