"""Guide sets and versions in the browser: list, new topic, copy, edit themes and questions,
vaststellen (freeze), preview and diff. Views parse, call guide_versions, render."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...guides import versions as domain
from ...guides.diff import diff
from ...guides.documents import build_set
from ...guides.files import GuideError
from ...guides.maturity import remove_maturity, save_maturity, theme_maturity
from ...guides.schema import MATURITY_LEVEL_COUNT
from ...models.guide_versions import FrozenGuideVersion, GuideSetRecord, GuideVersion
from ..planning.lookup import actor
from . import bp
from .forms import ActionForm, ImportForm, MaturityForm, NewGuideSetForm, QuestionForm, ThemeForm
from .preview import preview_context


def _meaning_label(what: str) -> str:
    return {"type": _("soort vraag"), "options": _("opties"), "text": _("tekst, meer dan een tikfout")}.get(what, what)


def _version(version_id: int) -> GuideVersion:
    return db.session.get(GuideVersion, version_id) or abort(404)


def _theme_doc(version: GuideVersion, index: int) -> dict:
    guides = version.content.get("guides") or []
    return guides[index] if 0 <= index < len(guides) else abort(404)


def _problem(version: GuideVersion) -> GuideError | None:
    """The first reason why a concept cannot be vastgesteld yet, as the loader words it."""
    if version.frozen:
        return None
    try:
        build_set(version.content)
    except GuideError as error:
        return error
    return None


def _version_page(version: GuideVersion, status: int = 200):
    record = version.guide_set
    return render_template("guide_editor/version.html", version=version, record=record,
                           problem=_problem(version), rounds=domain.rounds_using(db.session, version),
                           action=ActionForm(lock=version.lock), import_form=ImportForm(),
                           others=[v for v in record.versions if v.id != version.id]), status


def _refused_frozen(version: GuideVersion):
    """A crafted POST to a frozen version: nothing changes; the page says why."""
    db.session.rollback()
    flash(_("Versie %(number)s is vastgesteld en kan niet meer veranderen. Maak een kopie om verder te werken.",
            number=version.number), "error")
    return _version_page(version, 409)


def _stale(form, version: GuideVersion) -> bool:
    if form.lock.data and form.lock.data.isdigit() and int(form.lock.data) != version.lock:
        form.lock.data = str(version.lock)
        flash(_("Iemand anders heeft deze versie intussen gewijzigd. Uw invoer staat hieronder nog; "
                "controleer het en sla opnieuw op."), "error")
        return True
    return False


def _save(version: GuideVersion, form, fields: dict, page, save):
    """The POST of an edit form: (refusal, None), or (None, what `save` returned) once committed. A
    refusal keeps everything typed: a stale lock (409), a frozen version (409), or the loader's
    reason on the field it is about (400)."""
    if not form.validate_on_submit():
        return page(400), None
    if _stale(form, version):
        return page(409), None
    try:
        saved = save()
    except FrozenGuideVersion:
        return _refused_frozen(version), None
    except domain.GuideVersionError as failed:
        db.session.rollback()
        _show_error(form, fields, failed.error)
        return page(400), None
    db.session.commit()
    return None, saved


def _show_error(form, fields: dict, error: GuideError, strip: str = "") -> None:
    """The loader's message on the form field it is about (the longest known prefix of its field)."""
    path = error.field[len(strip):].lstrip(".") if strip and error.field.startswith(strip) else error.field
    if error.reason.startswith("verplicht veld ontbreekt ("):
        path = f"{path}.{error.reason.split('(', 1)[1].rstrip(')').strip(chr(39))}".lstrip(".")
    key = path
    while key and key not in fields:
        cut = max(key.rfind("."), key.rfind("["))
        key = key[:cut] if cut > 0 else ""
    target = getattr(form, fields.get(key, next(iter(fields.values()))))
    target.errors = list(target.errors or []) + [_("%(reason)s (veld %(field)s)", reason=error.reason,
                                                   field=error.field or error.file)]


@bp.get("/")
def list_guide_sets():
    records = db.session.scalars(select(GuideSetRecord).order_by(GuideSetRecord.title)).all()
    return render_template("guide_editor/index.html", records=records, form=NewGuideSetForm(), action=ActionForm())


@bp.post("/nieuw")
def create_guide_set():
    form = NewGuideSetForm()
    if form.validate_on_submit():
        try:
            version = domain.create_guide_set(db.session, form.slug.data, form.title.data, actor())
        except domain.GuideVersionError as failed:
            db.session.rollback()
            _show_error(form, {"slug": "slug", "title": "title"}, failed.error)
        else:
            db.session.commit()
            flash(_("De leidraad %(title)s is aangemaakt, met een conceptversie.", title=version.guide_set.title),
                  "success")
            return redirect(url_for("guide_editor.show_version", version_id=version.id))
    records = db.session.scalars(select(GuideSetRecord).order_by(GuideSetRecord.title)).all()
    return render_template("guide_editor/index.html", records=records, form=form, action=ActionForm()), 400


@bp.get("/versies/<int:version_id>")
def show_version(version_id: int):
    return _version_page(_version(version_id))


@bp.post("/versies/<int:version_id>/kopie")
def copy_version(version_id: int):
    source = _version(version_id)
    ActionForm().validate_on_submit() or abort(400)
    copy = domain.copy_version(db.session, source, actor())
    db.session.commit()
    flash(_("Versie %(number)s is een nieuw concept op basis van versie %(source)s.", number=copy.number,
            source=source.number), "success")
    return redirect(url_for("guide_editor.show_version", version_id=copy.id))


@bp.post("/versies/<int:version_id>/vaststellen")
def freeze_version(version_id: int):
    version = _version(version_id)
    form = ActionForm()
    form.validate_on_submit() or abort(400)
    if _stale(form, version):
        return _version_page(version, 409)
    try:
        domain.freeze(db.session, version, actor())
    except FrozenGuideVersion:
        return _refused_frozen(version)
    except domain.GuideVersionError as failed:
        db.session.rollback()
        flash(_("Versie %(number)s kan nog niet worden vastgesteld: %(error)s", number=version.number,
                error=str(failed.error)), "error")
        return _version_page(version, 400)
    db.session.commit()
    flash(_("Versie %(number)s is vastgesteld; rondes kunnen haar nu kiezen.", number=version.number), "success")
    return redirect(url_for("guide_editor.show_version", version_id=version.id))


def _theme_page(version, index, form, status=200):
    return render_template("guide_editor/theme_form.html", version=version, index=index, form=form,
                           doc=_theme_doc(version, index) if index is not None else None), status


@bp.route("/versies/<int:version_id>/themas/nieuw", methods=["GET", "POST"], endpoint="new_theme")
@bp.route("/versies/<int:version_id>/themas/<int:index>", methods=["GET", "POST"])
def edit_theme(version_id: int, index: int | None = None):
    version = _version(version_id)
    doc = _theme_doc(version, index) if index is not None else None
    form = ThemeForm()
    if request.method == "GET":
        form.lock.data = str(version.lock)
        if doc:
            form.fill(doc["theme"])
        else:
            form.number.data = len(version.content.get("guides") or []) + 1
        return _theme_page(version, index, form)
    refused, saved = _save(version, form, ThemeForm.FIELDS, lambda status: _theme_page(version, index, form, status),
                           lambda: domain.save_theme(db.session, version, index, form.to_fields()))
    if refused:
        return refused
    flash(_("Het thema is opgeslagen."), "success")
    return redirect(url_for("guide_editor.show_version", version_id=version.id, _anchor=f"thema-{saved}"))


@bp.post("/versies/<int:version_id>/themas/<int:index>/verwijderen")
def delete_theme(version_id: int, index: int):
    return _remove(version_id, index, domain.remove_theme, _("Het thema is verwijderd."), None)


def _remove(version_id: int, index: int, remove, done: str, anchor: str | None):
    """Remove a theme or a theme's framework: a button with the concept's lock (when the page
    carried one); a frozen version refuses, also a crafted POST."""
    version = _version(version_id)
    _theme_doc(version, index)
    form = ActionForm()
    form.validate_on_submit() or abort(400)
    if _stale(form, version):
        return _version_page(version, 409)
    try:
        remove(db.session, version, index)
    except FrozenGuideVersion:
        return _refused_frozen(version)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("guide_editor.show_version", version_id=version.id, _anchor=anchor))


def _question_page(version, index, position, form, status=200):
    return render_template("guide_editor/question_form.html", version=version, index=index, position=position,
                           form=form, doc=_theme_doc(version, index)), status


@bp.route("/versies/<int:version_id>/themas/<int:index>/vragen/nieuw", methods=["GET", "POST"], endpoint="new_question")
@bp.route("/versies/<int:version_id>/themas/<int:index>/vragen/<int:position>", methods=["GET", "POST"])
def edit_question(version_id: int, index: int, position: int | None = None):
    version = _version(version_id)
    questions = _theme_doc(version, index)["questions"]
    if position is not None and not 0 <= position < len(questions):
        abort(404)
    form = QuestionForm()
    if request.method == "GET":
        form.lock.data = str(version.lock)
        if position is not None:
            form.fill(questions[position])
        else:
            form.id.data, form.roles.data = f"{_theme_doc(version, index)['theme'].get('slug', '')}.", ["burgemeester"]
        return _question_page(version, index, position, form)
    if not form.validate_on_submit():
        return _question_page(version, index, position, form, 400)
    if _stale(form, version):
        return _question_page(version, index, position, form, 409)
    try:
        saved = domain.save_question(db.session, version, index, position, form.to_question())
    except FrozenGuideVersion:
        return _refused_frozen(version)
    except domain.GuideVersionError as failed:
        db.session.rollback()
        _show_error(form, QuestionForm.FIELDS, failed.error, failed.error.field.split(".")[0])
        return _question_page(version, index, position, form, 400)
    except domain.MeaningChanged as changed:
        db.session.rollback()
        form.id.errors = list(form.id.errors or []) + [_(
            "De betekenis van deze vraag verandert ten opzichte van versie %(version)s (%(what)s). Antwoorden "
            "worden over rondes heen op vraag-id vergeleken: geef de vraag daarom een nieuw id.",
            version=changed.version, what=_meaning_label(changed.what))]
        return _question_page(version, index, position, form, 400)
    db.session.commit()
    flash(_("De vraag is opgeslagen."), "success")
    return redirect(url_for("guide_editor.show_version", version_id=version.id, _anchor=f"thema-{index}-vraag-{saved}"))


def _question_action(version_id: int, index: int, position: int, act, refused: str, done: str | None):
    """Move or remove one question: the same checks, the same answers to a frozen version or a refusal."""
    version = _version(version_id)
    if not 0 <= position < len(_theme_doc(version, index)["questions"]):
        abort(404)
    ActionForm().validate_on_submit() or abort(400)
    try:
        act(version)
    except FrozenGuideVersion:
        return _refused_frozen(version)
    except domain.GuideVersionError as failed:
        db.session.rollback()
        flash(refused % {"error": failed.error.reason}, "error")
        return _version_page(version, 400)
    db.session.commit()
    if done:
        flash(done, "success")
    return redirect(url_for("guide_editor.show_version", version_id=version.id, _anchor=f"thema-{index}"))


@bp.post("/versies/<int:version_id>/themas/<int:index>/vragen/<int:position>/verplaatsen")
def move_question(version_id: int, index: int, position: int):
    step = -1 if request.form.get("richting") == "omhoog" else 1
    return _question_action(version_id, index, position,
                            lambda version: domain.move_question(db.session, version, index, position, step),
                            _("De vraag kan daar niet staan: %(error)s"), None)


@bp.post("/versies/<int:version_id>/themas/<int:index>/vragen/<int:position>/verwijderen")
def delete_question(version_id: int, index: int, position: int):
    return _question_action(version_id, index, position,
                            lambda version: domain.remove_question(db.session, version, index, position),
                            _("De vraag is niet verwijderd: %(error)s"), _("De vraag is verwijderd."))


def _maturity_page(version, index, form, status=200):
    doc = _theme_doc(version, index)
    return render_template("guide_editor/maturity_form.html", version=version, index=index, form=form, doc=doc,
                           stored=theme_maturity(version.content, index), action=ActionForm(lock=version.lock),
                           levels=range(1, MATURITY_LEVEL_COUNT + 1)), status


@bp.route("/versies/<int:version_id>/themas/<int:index>/volwassenheid", methods=["GET", "POST"])
def edit_maturity(version_id: int, index: int):
    version = _version(version_id)
    _theme_doc(version, index)
    form = MaturityForm()
    if request.method == "GET":
        form.lock.data = str(version.lock)
        # A theme without a framework starts from the level names the other themes use.
        form.fill(theme_maturity(version.content, index), next(iter(version.content.get("maturity") or []), None))
        return _maturity_page(version, index, form)
    refused, _nothing = _save(version, form, MaturityForm.FIELDS,
                              lambda status: _maturity_page(version, index, form, status),
                              lambda: save_maturity(db.session, version, index, form.to_levels(), form.to_checklist()))
    if refused:
        return refused
    flash(_("Het volwassenheidsmodel en de checklist zijn opgeslagen."), "success")
    return redirect(url_for("guide_editor.show_version", version_id=version.id, _anchor=f"thema-{index}"))


@bp.post("/versies/<int:version_id>/themas/<int:index>/volwassenheid/verwijderen")
def delete_maturity(version_id: int, index: int):
    return _remove(version_id, index, remove_maturity, _("Het volwassenheidsmodel van dit thema is verwijderd."),
                   f"thema-{index}")


@bp.get("/versies/<int:version_id>/themas/<int:index>/voorbeeld")
def preview_theme(version_id: int, index: int):
    version = _version(version_id)
    return render_template("guide_editor/preview.html", version=version, index=index,
                           **preview_context(version, _theme_doc(version, index), index))


@bp.get("/versies/<int:version_id>/verschil")
def show_diff(version_id: int):
    version = _version(version_id)
    other_id = request.args.get("met", type=int) or version.based_on_id
    other = db.session.get(GuideVersion, other_id) if other_id else None
    if other is not None and other.guide_set_id != version.guide_set_id:
        other = None
    changes = diff(other.content, version.content) if other else []
    return render_template("guide_editor/diff.html", version=version, other=other, changes=changes,
                           others=[v for v in version.guide_set.versions if v.id != version.id])
