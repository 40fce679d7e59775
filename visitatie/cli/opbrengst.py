"""Commands of the opbrengst capability: `export` (public or confidential, Excel or CSV) and `report` (Word or PDF)."""
import getpass
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..guides.registry import round_guides
from ..models.types import utcnow
from ..opbrengst import Filters, export, public_export
from ..opbrengst.frame import POPULATION_CLASS_NAMES
from ..opbrengst.publication import latest, report_snapshot, version_of
from ..opbrengst.report import round_report, snapshot_pdf
from ..pdf import PdfError
from ..scheduling.inputs import in_amsterdam
from ..security import events as security_events
from ..spreadsheets import DIALECTS
from ..visits import VISIT_KIND, round_export
from ..visits import round_report as visit_round
from ..visits.errors import TooFewVisits
from .scheduling import _round  # the round, or a Dutch error and exit status 1


def cli_actor() -> str:
    """Who runs a command, for the cover sheet and the security log: the operating-system user."""
    return f"commandoregel ({getpass.getuser()})"


DIALECT = click.option("--dialect", type=click.Choice(DIALECTS), default="nl", show_default=True,
                       help="CSV: nl (';' en decimale komma, voor Nederlandse Excel) of international (',' en '.').")


@click.command("export")
@click.argument("round_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.xlsx (Excel, één werkblad per tabel) of FILE.zip (CSV-bestanden).")
@click.option("--openbaar", "public", is_flag=True,
              help="De openbare cijfers uit de laatste gepubliceerde versie in plaats van het vertrouwelijke bestand.")
@click.option("--versie", "version", type=int, default=None, help="Met --openbaar: deze gepubliceerde versie.")
@click.option("--also", "also", multiple=True, type=int,
              help="Nog een ronde voor de jaarvergelijking (herhaalbaar).")
@click.option("--provincie", "province", default=None, help="Alleen gemeenten in deze provincie.")
@click.option("--veiligheidsregio", "safety_region", default=None, help="Alleen gemeenten in deze veiligheidsregio.")
@click.option("--inwonersklasse", "population_class", default=None,
              type=click.Choice(POPULATION_CLASS_NAMES),
              help="Alleen gemeenten in deze CBS-gemeentegrootteklasse, bijvoorbeeld 20000-50000.")
@DIALECT
@with_appcontext
def export_command(round_id, out, public, version, also, province, safety_region, population_class, dialect):
    """Export a round: the confidential file (raw answers, marks, figures of the selection), or with
    --openbaar the public figures of a published version. Every export is logged."""
    _round(round_id)
    for other in also:
        _round(other)
    if out.suffix.lower() not in (".xlsx", ".zip"):
        click.echo("Fout: --out moet eindigen op .xlsx (Excel) of .zip (CSV).", err=True)
        sys.exit(1)
    excel = out.suffix.lower() == ".xlsx"
    if public:
        publication = version_of(db.session, round_id, version) if version else latest(db.session, round_id)
        if publication is None:
            missing = f"geen gepubliceerde versie {version}" if version else "nog geen gepubliceerde versie"
            click.echo(f"Fout: ronde {round_id} heeft {missing}; de openbare cijfers komen alleen uit een "
                       "publicatie.", err=True)
            sys.exit(1)
        sheets = public_export.public_sheets(publication.snapshot, round_guides(_round(round_id)))
        content = public_export.to_excel(sheets) if excel else public_export.to_csv_zip(sheets, dialect)
        summary = f"openbare cijfers van versie {publication.version}"
    elif _round(round_id).kind == VISIT_KIND:  # a visitatieronde: its visits' scores and recommendations
        sheets = round_export.sheets(db.session, round_guides(_round(round_id)), _round(round_id),
                                     exported_by=cli_actor())
        content = round_export.to_excel(sheets) if excel else round_export.to_csv_zip(sheets, dialect)
        summary = f"VERTROUWELIJK, {len(sheets)} werkbladen met de visitaties"
    else:
        tables = export.tables(db.session, round_guides(_round(round_id)), [round_id, *also],
                               Filters(province, safety_region, population_class),
                               exported_by=cli_actor(), exported_at=utcnow(),
                               compared=[round_guides(_round(r)) for r in (round_id, *also)])
        content = export.to_excel(tables) if excel else export.to_csv_zip(tables, dialect)
        summary = f"VERTROUWELIJK, {len(tables)} tabellen"
    out.write_bytes(content)
    security_events.record(db.session, "export", actor=cli_actor(), round_id=round_id, detail=out.name)
    db.session.commit()
    click.echo(f"{out} geschreven: {summary}.")


@click.command("report")
@click.argument("round_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.docx (Word) of FILE.pdf (toegankelijke PDF).")
@with_appcontext
def report_command(round_id, out):
    """Write the round's report, Word or PDF by the file's extension: the latest published version, else a concept."""
    _round(round_id)
    if out.suffix.lower() not in (".docx", ".pdf"):
        click.echo("Fout: --out moet eindigen op .docx (Word) of .pdf (PDF).", err=True)
        sys.exit(1)
    guides = round_guides(_round(round_id))
    if _round(round_id).kind == VISIT_KIND:
        _visit_round_report(_round(round_id), guides, out)
        return
    if out.suffix.lower() == ".pdf":
        snapshot = report_snapshot(db.session, guides, round_id)
        try:
            content = snapshot_pdf(snapshot, guides)
        except PdfError as error:
            click.echo(f"Fout: {error}", err=True)
            sys.exit(1)
    else:
        content, snapshot = round_report(db.session, guides, round_id)
    out.write_bytes(content)
    if snapshot.get("version"):
        click.echo(f"{out} geschreven: versie {snapshot['version']}, gepubliceerd {snapshot['published_at'][:10]}.")
    else:
        click.echo(f"{out} geschreven als CONCEPT: er is voor deze ronde nog niets gepubliceerd.")


def _visit_round_report(round_, guides, out: Path) -> None:
    """A visitatieronde's own report (maturity, recurring findings and recommendations, follow-up)."""
    try:
        content = visit_round.round_report_content(db.session, guides, round_, in_amsterdam(utcnow()).date())
        data = (visit_round.round_report_pdf(content) if out.suffix.lower() == ".pdf"
                else visit_round.round_report_docx(content))
    except TooFewVisits as error:
        click.echo(f"Fout: het rapport van een visitatieronde wordt pas gemaakt vanaf {error.minimum} vastgestelde "
                   f"visitaties; ronde {round_.id} heeft er {error.visits}. Met minder zijn de cijfers tot een "
                   "gemeente te herleiden.", err=True)
        sys.exit(1)
    except PdfError as error:
        click.echo(f"Fout: {error}", err=True)
        sys.exit(1)
    out.write_bytes(data)
    click.echo(f"{out} geschreven: rapport van de visitatieronde, {content['visits']} vastgestelde visitaties, "
               f"stand per {content['as_of']}.")


COMMANDS: list = [export_command, report_command]
