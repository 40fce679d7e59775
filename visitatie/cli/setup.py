"""Set-up commands: init, import-gemeenten, demo, create-user."""
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from ..accounts import auth
from ..bootstrap import load_reference_data
from ..demo.gespreksronde import load_demo
from ..extensions import db
from ..guides.registry import current_guides
from ..importing.municipalities import MunicipalityImportError, import_file
from ..models import USER_ROLES


@click.command("init")
@with_appcontext
def init_command():
    """Create or migrate the database and load the themes and municipalities."""
    upgrade()
    result = load_reference_data(db.session, current_guides(), current_app.config["DATA_DIR"])
    m = result.municipalities
    click.echo(
        f"Database bijgewerkt. Thema's: {result.themes_created} nieuw, {result.themes_updated} gewijzigd. "
        f"Gemeenten: {m.created} nieuw, {m.updated} gewijzigd, {m.unchanged} ongewijzigd."
    )


@click.command("import-gemeenten")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_municipalities_command(csv_file):
    """Validate a CSV of municipalities and upsert it (all rows or none)."""
    try:
        result = import_file(db.session, csv_file)
    except MunicipalityImportError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Gemeenten: {result.created} nieuw, {result.updated} gewijzigd, {result.unchanged} ongewijzigd.")


@click.command("demo")
@with_appcontext
def demo_command():
    """Load the demo gespreksronde built from the magazine (once; a second run changes nothing)."""
    round_, created = load_demo(db.session, current_guides())
    if created:
        click.echo(f"Demoronde '{round_.title}' aangemaakt met {len(round_.conversations)} gesprekken "
                   "en een gepubliceerde opbrengst.")
    else:
        click.echo(f"Demoronde '{round_.title}' bestaat al; niets gewijzigd.")


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(USER_ROLES), default="projectleider", show_default=True)
@click.option("--name", default="", help="Naam zoals getoond in de geschiedenis.")
@click.password_option(help="Wachtwoord (minstens 12 tekens, geen veelgebruikt wachtwoord, niet uw e-mailadres of "
                            "naam); wordt gevraagd als het ontbreekt.")
@with_appcontext
def create_user_command(email, role, name, password):
    """Create an account that logs in with e-mail and password."""
    try:
        user = auth.create_user(db.session, email, password, role, name)
    except auth.AccountError as error:
        click.echo(f"Fout: {error}", err=True)
        sys.exit(1)
    click.echo(f"Account {user.email} aangemaakt met rol {user.role}.")
    grace = current_app.config["TWO_FACTOR_GRACE_DAYS"]
    click.echo(f"Volgende stap: tweestapsverificatie. Log in op {current_app.config['PUBLIC_BASE_URL']}/inloggen "
               f"en stel onder Account > Tweestapsverificatie een authenticator-app in (QR-code). Na {grace} "
               "dagen is dat verplicht: dan vraagt het inloggen er zelf om.")


COMMANDS = [init_command, import_municipalities_command, demo_command, create_user_command]
