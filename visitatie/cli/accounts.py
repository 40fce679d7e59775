"""Account commands, the CLI equivalents of the account pages: list, invite, reset, disable, 2FA."""
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from ..accounts import auth
from ..accounts import links as account_links
from ..extensions import db
from ..models import User
from ..models.types import utcnow

CLI_ACTOR = "beheer (opdrachtregel)"


def _user(email: str) -> User:
    user = auth.find_user(db.session, email)
    if user is None:
        click.echo(f"Fout: geen account voor {email}", err=True)
        sys.exit(1)
    return user


def _link(user: User, purpose: str) -> None:
    token = account_links.issue(db.session, user, purpose, current_app.config["ACCOUNT_LINK_HOURS_VALID"], utcnow())
    kind = "account_invited" if purpose == "uitnodiging" else "password_reset_link"
    auth.security_events.record(db.session, kind, actor=CLI_ACTOR, detail=f"account {user.email}")
    db.session.commit()
    click.echo(f"Eenmalige link (geldig {current_app.config['ACCOUNT_LINK_HOURS_VALID']} uur), geef hem veilig door:")
    click.echo(account_links.url(current_app.config["PUBLIC_BASE_URL"], token))


@click.command("list-users")
@with_appcontext
def list_users_command():
    """List the accounts with their state."""
    for user in db.session.scalars(select(User).order_by(User.email)):
        state = "uitgeschakeld" if not user.active else "uitgenodigd" if not user.password_hash else "actief"
        click.echo(f"{user.email}\t{user.role}\t{state}\t2FA {'aan' if user.has_two_factor else 'uit'}")


@click.command("invite-user")
@click.argument("email")
@click.option("--name", default="", help="Naam zoals getoond in de geschiedenis.")
@with_appcontext
def invite_user_command(email, name):
    """Create a project leader without a password and print a one-time link to set it."""
    try:
        user = auth.create_user(db.session, email, None, "projectleider", name, actor=CLI_ACTOR)
    except auth.AccountError as error:
        click.echo(f"Fout: {error}", err=True)
        sys.exit(1)
    _link(user, "uitnodiging")


@click.command("reset-password")
@click.argument("email")
@with_appcontext
def reset_password_command(email):
    """Print a one-time link to set a new password."""
    _link(_user(email), "herstel")


@click.command("disable-user")
@click.argument("email")
@with_appcontext
def disable_user_command(email):
    """Disable an account; its sessions end at once."""
    auth.set_active(db.session, _user(email), False, CLI_ACTOR, None)
    click.echo(f"Account {email} uitgeschakeld.")


@click.command("enable-user")
@click.argument("email")
@with_appcontext
def enable_user_command(email):
    """Enable an account again (and lift a lock after failed sign-ins)."""
    auth.set_active(db.session, _user(email), True, CLI_ACTOR, None)
    click.echo(f"Account {email} ingeschakeld.")


@click.command("reset-2fa")
@click.argument("email")
@with_appcontext
def reset_two_factor_command(email):
    """Wipe an account's two-factor sign-in (a lost phone); it enrols again at its next sign-in."""
    auth.reset_two_factor(db.session, _user(email), CLI_ACTOR, None)
    click.echo(f"Tweestapsverificatie van {email} gewist; bij de volgende keer inloggen opnieuw instellen.")


COMMANDS = [list_users_command, invite_user_command, reset_password_command, disable_user_command,
            enable_user_command, reset_two_factor_command]
