"""Flask extensions, created unbound here and bound to the app in create_app()."""
from typing import TYPE_CHECKING

from flask import current_app, session
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so that Alembic migrations can alter them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}



class Base(DeclarativeBase):
    """The typed declarative base (SQLAlchemy 2.x) that Flask-SQLAlchemy builds db.Model from."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
if TYPE_CHECKING:
    # mypy cannot take a class held in an attribute (db.Model) as a base class (python/mypy#8603).
    # db.Model is made from Base's bases and body, so it has Base's typed API: models subclass Model.
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()


def select_locale() -> str:
    """The language the user chose with the switch, else Dutch.

    The browser's Accept-Language is deliberately not followed: the product and its users are
    Dutch, and a mayor on an English-language laptop should still see Dutch first.
    """
    chosen = session.get("lang")
    default: str = current_app.config["BABEL_DEFAULT_LOCALE"]
    return chosen if isinstance(chosen, str) and chosen in current_app.config["LANGUAGES"] else default
