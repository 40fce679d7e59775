"""Rounds for project leaders: the list, creating and editing a round, and the round's page,
which is its planning dashboard (counts, what is missing, the sortable schedule)."""
from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.auth import projectleider_required
from ..extensions import db
from ..guides import versions as guide_versions
from ..guides.registry import current_guides, guides_for, round_guides, theme_titles
from ..models import Round, Theme
from ..models.guide_versions import DEFAULT_GUIDE_SET_TITLE
from ..scheduling import RoundInput, StaleEdit, ValidationFailed, round_input, save_round
from ..scheduling.dashboard import DIRECTIONS, SORT_KEYS, overview, schedule
from ..scheduling.tracking import round_tracking
from ..wording import problem_message
from .planning.forms import RoundForm, options

bp = Blueprint("rounds", __name__, url_prefix="/rondes")


@bp.get("/")
@projectleider_required
def list_rounds():
    rounds = db.session.scalars(select(Round).order_by(Round.period_start.desc())).all()
    return render_template("rounds/index.html", rounds=rounds)


@bp.get("/<int:round_id>")
@projectleider_required
def show_round(round_id: int):
    round_ = db.session.get(Round, round_id) or abort(404)
    sort, direction = request.args.get("sort", ""), request.args.get("richting", "")
    sort = sort if sort in SORT_KEYS else "datum"
    direction = direction if direction in DIRECTIONS else "op"
    status, query = request.args.get("status") or "", request.args.get("q", "").strip()
    return render_template(
        "rounds/show.html", round=round_, overview=overview(db.session, round_), titles=theme_titles(round_),
        rows=schedule(round_, sort, direction, status, query), sort=sort, direction=direction,
        status=status, query=query, tracking=round_tracking(db.session, round_guides(round_), round_))


def _prepare(form: RoundForm, round_: Round | None = None) -> None:
    choices = guide_versions.frozen_choices(db.session)
    form.themes.choices = options(guide_versions.theme_choices(
        db.session, [(t.number, t.title) for t in db.session.scalars(select(Theme).order_by(Theme.number))],
        choices))
    # Only vastgesteld versions: a crafted POST with a concept is refused by the choice check.
    versions = {c.key: c.label for c in choices}
    versions.setdefault(current_guides().version, f"{DEFAULT_GUIDE_SET_TITLE} {current_guides().version}")
    if round_:
        key = guide_versions.version_key(round_.guide_set, round_.guide_version)
        versions.setdefault(key, key)
    form.guide_version.choices = sorted(versions.items(), key=lambda item: item[1])


def _save_form(form: RoundForm, round_: Round | None):
    """Save a valid form; the page to show again (with a status code) when it cannot be saved."""
    guide_set, number = guide_versions.parse_version_key(form.guide_version.data)
    unknown = guide_versions.unknown_themes(guides_for(guide_set, number), form.themes.data or [])
    if unknown:
        form.themes.errors.append(_("Thema %(numbers)s hoort niet bij de gekozen gespreksleidraad.",
                                    numbers=", ".join(map(str, unknown))))
        return None, 400
    data = RoundInput(kind=form.kind.data, title=form.title.data, period_start=form.period_start.data,
                      period_end=form.period_end.data, theme_numbers=form.themes.data or [],
                      guide_version=number, status=form.status.data, guide_set=guide_set)
    expected = datetime.fromisoformat(form.updated_at.data) if round_ and form.updated_at.data else None
    try:
        saved = save_round(db.session, data, round_, expected)
    except ValidationFailed as failed:
        db.session.rollback()
        targets = {"kind": form.kind, "status": form.status, "period_end": form.period_end,
                   "period_start": form.period_start, "themes": form.themes}
        for problem in failed.problems:
            targets.get(problem.field or "", form.title).errors.append(problem_message(problem))
        return None, 400
    except StaleEdit:  # only an edit of an existing round can be stale
        db.session.rollback()
        form.updated_at.data = round_.updated_at.isoformat() if round_ is not None else ""
        flash(_("Iemand anders heeft deze ronde intussen gewijzigd. Uw invoer staat hieronder nog; "
                "controleer de ronde en sla opnieuw op om uw versie te bewaren."), "error")
        return None, 409
    db.session.commit()
    flash(_("De ronde %(title)s is opgeslagen.", title=saved.title), "success")
    return saved, 302


def _form_page(form: RoundForm, round_: Round | None):
    status = 200
    if form.validate_on_submit():
        saved, status = _save_form(form, round_)
        if saved:
            return redirect(url_for("rounds.show_round", round_id=saved.id))
    elif form.errors:
        status = 400
    return render_template("rounds/form.html", form=form, round=round_), status


@bp.route("/nieuw", methods=["GET", "POST"])
@projectleider_required
def new_round():
    form = RoundForm(data=None if request.method == "POST" else {
        "themes": [1, 2, 3, 4, 5], "guide_version": current_guides().version})
    _prepare(form)
    return _form_page(form, None)


@bp.route("/<int:round_id>/bewerken", methods=["GET", "POST"])
@projectleider_required
def edit_round(round_id: int):
    round_ = db.session.get(Round, round_id) or abort(404)
    data = vars(round_input(round_)) | {"themes": [t.number for t in round_.themes],
                                        "guide_version": guide_versions.version_key(round_.guide_set,
                                                                                    round_.guide_version),
                                        "updated_at": round_.updated_at.isoformat()}
    form = RoundForm(data=None if request.method == "POST" else data)
    _prepare(form, round_)
    return _form_page(form, round_)


@bp.get("/gesprekken/<int:conversation_id>")
@projectleider_required
def show_conversation(conversation_id: int):
    # The conversation page moved to the participant blueprint (/gesprekken/<id>); old links keep working.
    return redirect(url_for("participant.show_conversation", conversation_id=conversation_id))
