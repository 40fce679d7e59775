"""Commands of the opbrengst capability: `export` (Excel or CSV) and `report` (Word)."""
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..guide_registry import current_guides
from ..opbrengst import Filters, export
from ..opbrengst.frame import POPULATION_CLASS_NAMES
from ..opbrengst.report import round_report
from .scheduling import _round  # the round, or a Dutch error and exit status 1


@click.command("export")
@click.argument("round_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.xlsx (Excel, één werkblad per tabel) of FILE.zip (CSV-bestanden).")
@click.option("--also", "also", multiple=True, type=int,
              help="Nog een ronde voor de jaarvergelijking (herhaalbaar).")
@click.option("--provincie", "province", default=None, help="Alleen gemeenten in deze provincie.")
@click.option("--veiligheidsregio", "safety_region", default=None, help="Alleen gemeenten in deze veiligheidsregio.")
@click.option("--inwonersklasse", "population_class", default=None,
              type=click.Choice(POPULATION_CLASS_NAMES),
              help="Alleen gemeenten in deze CBS-gemeentegrootteklasse, bijvoorbeeld 20000-50000.")
@with_appcontext
def export_command(round_id, out, also, province, safety_region, population_class):
    """Export the aggregated tables and the raw answers of a round (confidential sheets marked)."""
    _round(round_id)
    for other in also:
        _round(other)
    if out.suffix.lower() not in (".xlsx", ".zip"):
        click.echo("Fout: --out moet eindigen op .xlsx (Excel) of .zip (CSV).", err=True)
        sys.exit(1)
    tables = export.tables(db.session, current_guides(), [round_id, *also],
                           Filters(province, safety_region, population_class))
    out.write_bytes(export.to_excel(tables) if out.suffix.lower() == ".xlsx" else export.to_csv_zip(tables))
    confidential = [t.name for t in tables if not t.public]
    click.echo(f"{out} geschreven: {len(tables)} tabellen. Vertrouwelijk: {', '.join(confidential)}.")


@click.command("report")
@click.argument("round_id", type=int)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.docx")
@with_appcontext
def report_command(round_id, out):
    """Write the round's Word report: the latest published version, else a concept."""
    _round(round_id)
    content, snapshot = round_report(db.session, current_guides(), round_id)
    out.write_bytes(content)
    if snapshot.get("version"):
        click.echo(f"{out} geschreven: versie {snapshot['version']}, gepubliceerd {snapshot['published_at'][:10]}.")
    else:
        click.echo(f"{out} geschreven als CONCEPT: er is voor deze ronde nog niets gepubliceerd.")


COMMANDS: list = [export_command, report_command]
