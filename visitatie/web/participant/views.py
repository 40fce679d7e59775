"""What participants touch: the invitation link, the guide form, autosave, marks, finalising.

Every view asks permissions.capabilities() through `load_conversation`: a conversation that does
not exist and one the principal may not read give the same 404, so nobody learns which
conversations exist.
"""

from flask import Response, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...accounts.auth import security_actor
from ...accounts.browser_sessions import start_participant
from ...conversations import answers as answer_domain
from ...conversations.answers import AnswerError, ConversationLocked, VersionConflict
from ...conversations.invitations import verify
from ...conversations.permissions import ParticipantPrincipal, actor_name
from ...conversations.verslag import verslag_docx, verslag_filename
from ...extensions import db
from ...guides.registry import round_guides
from ...i18n import local_time
from ...models import Answer
from ...models.types import utcnow
from ...pdf import PdfError
from ...pdf.guide import answers_for, guide_pdf
from ...public_links import calendar_page_url  # the same page link as the project leader's .ics
from ...scheduling.mailmerge import participant_calendar
from ...security import events as security_events
from ...throttling import autosave_limit, limiter, link_limit, per_participant
from ...visits import is_visit
from . import pages as conversation_pages
from .access import bp, conversation_page, load_conversation, signed_in_required


@bp.get("/uitnodiging/<token>")
def open_invitation(token: str):
    """A page with one button that posts the token: it never reaches an access log again, and the
    address the browser keeps afterwards has no token (the POST answers with a redirect)."""
    return render_template("participant/invitation_open.html", token=token)


@bp.post("/uitnodiging")
@limiter.limit(link_limit)
def accept_invitation():
    invitation = verify(db.session, request.form.get("token", ""))
    if invitation is None:  # unknown, expired and revoked links look the same
        return render_template("participant/invitation_invalid.html"), 404
    principal = ParticipantPrincipal(invitation.participation)
    # A fresh participant part, bound to this link's person and conversation; a project leader's
    # account signed in in the same browser stays signed in, and keeps its own rights apart.
    start_participant(principal)
    db.session.commit()
    return redirect(conversation_page(principal.participation.conversation))


@bp.get("/gesprekken/<int:conversation_id>")
@signed_in_required
def show_conversation(conversation_id: int):
    conversation, caps = load_conversation(conversation_id)
    return render_template("conversations/show.html",
                           **conversation_pages.overview(db.session, round_guides(conversation.round), conversation,
                                                         caps))


@bp.route("/gesprekken/<int:conversation_id>/thema/<int:number>", methods=["GET", "POST"])
@signed_in_required
def edit_theme(conversation_id: int, number: int):
    conversation, caps = load_conversation(conversation_id)
    guides = answer_domain.conversation_guides(round_guides(conversation.round), conversation)
    guide = next((g for g in guides if g.number == number), None) or abort(404)
    if request.method == "GET":
        return render_template("conversations/theme.html",
                               **conversation_pages.theme(db.session, guides, guide, conversation, caps))
    if conversation_pages.posts_foreign_fields(request.form, conversation, caps):
        abort(403)
    typed, errors = conversation_pages.save_theme_form(
        db.session, round_guides(conversation.round), guide, conversation, caps, request.form, actor_name(current_user))
    if not errors:
        flash(_("Uw antwoorden zijn opgeslagen om %(time)s.", time=local_time(utcnow(), "HH:mm")), "success")
        target = request.form.get("next_theme", type=int)
        target = target if any(g.number == target for g in guides) else number
        return redirect(url_for(".edit_theme", conversation_id=conversation.id, number=target))
    context = conversation_pages.theme(db.session, guides, guide, conversation, caps, typed, errors)
    status = 409 if any(isinstance(e, (VersionConflict, ConversationLocked)) for e in errors.values()) else 400
    return render_template("conversations/theme.html", **context), status


@bp.post("/gesprekken/<int:conversation_id>/antwoord")
@limiter.limit(autosave_limit, key_func=per_participant)
@signed_in_required
def save_answer(conversation_id: int):
    conversation, caps = load_conversation(conversation_id)
    data = request.get_json(silent=True)
    parsed = conversation_pages.parse_autosave(round_guides(conversation.round), conversation, data)
    if parsed is None:
        return jsonify(error="bad_request", message=_("Dit antwoord kon niet worden gelezen.")), 400
    municipality_id, change = parsed
    if not caps.can_edit_municipality(municipality_id):
        return jsonify(error="forbidden", message=_("U kunt alleen de antwoorden van uw eigen gemeente wijzigen.")), 403
    try:
        answer = answer_domain.save_answer(db.session, conversation, municipality_id, change,
                                           actor_name(current_user), round_guides(conversation.round))
    except AnswerError as error:
        return conversation_pages.autosave_error(error)
    return jsonify(conversation_pages.autosave_result(db.session, round_guides(conversation.round), conversation,
                                                      change.question, answer))


@bp.get("/gesprekken/<int:conversation_id>/antwoorden/<int:answer_id>/geschiedenis")
@signed_in_required
def show_answer_history(conversation_id: int, answer_id: int):
    conversation, _caps = load_conversation(conversation_id, require="can_see_history")
    answer = db.session.get(Answer, answer_id)
    if answer is None or answer.conversation_id != conversation.id:
        abort(404)
    security_events.record(db.session, "history_view", actor=security_actor(current_user), ip=request.remote_addr,
                           round_id=conversation.round_id, detail=f"gesprek {conversation.id}, antwoord {answer.id}")
    db.session.commit()
    return render_template("conversations/history.html", conversation=conversation, answer=answer,
                           question=round_guides(conversation.round).question(answer.question_id),
                           versions=answer_domain.history(answer))


@bp.get("/gesprekken/<int:conversation_id>/verslag.docx")
@signed_in_required
def download_verslag(conversation_id: int):
    conversation, _caps = load_conversation(conversation_id)
    if is_visit(conversation):  # a visit's report is the visitatierapport, not a conversation's verslag
        return redirect(url_for("visits.download_report", visit_id=conversation_id))
    stream = verslag_docx(db.session, round_guides(conversation.round), conversation)
    return send_file(stream, as_attachment=True, download_name=verslag_filename(conversation),
                     mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@bp.get("/gesprekken/<int:conversation_id>.ics")
@signed_in_required
def download_calendar(conversation_id: int):
    """The conversation's calendar entry for a participant: the same permission check as every page
    of the conversation; it holds the page link and place, never the personal invitation link."""
    conversation, _caps = load_conversation(conversation_id)
    content = participant_calendar(conversation, calendar_page_url) or abort(404)  # no date yet
    filename = f"gesprek-{conversation.id}.ics"
    security_events.record(db.session, "export", actor=security_actor(current_user), ip=request.remote_addr,
                           round_id=conversation.round_id, detail=filename)
    db.session.commit()
    return Response(content, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/gesprekken/<int:conversation_id>/leidraad.pdf")
@signed_in_required
def download_guide_pdf(conversation_id: int):
    """The participant's own guide with the answers of the municipalities they answer for; the same
    permission check as every page of the conversation. Confidential, so the download is logged."""
    conversation, caps = load_conversation(conversation_id)
    own = sorted((m for m in conversation.municipalities if caps.can_edit_municipality(m)), key=lambda m: m.name)
    if not own:
        abort(403)
    guides = round_guides(conversation.round)
    try:
        content = guide_pdf(answer_domain.conversation_guides(guides, conversation), guides,
                            title=f"Gespreksleidraad {conversation.title}", subtitle=conversation.round.title,
                            answers=answers_for(db.session, guides, conversation, own),
                            municipalities=[m.name for m in own])
    except PdfError:
        abort(503)
    filename = f"gespreksleidraad-gesprek-{conversation.id}.pdf"
    security_events.record(db.session, "export", actor=security_actor(current_user), ip=request.remote_addr,
                           round_id=conversation.round_id, detail=filename)
    db.session.commit()
    return Response(content, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})
