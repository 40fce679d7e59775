"""visitatie: peer conversations and visitation rounds on municipal digital security."""
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import REPO_ROOT, load_config


def create_app(test_config: dict | None = None) -> Flask:
    # Tests give their own instance folder, so they never touch the developer's database or key.
    instance_path = (test_config or {}).get("INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=instance_path,
        instance_relative_config=True,
        template_folder=str(REPO_ROOT / "templates"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)

    if app.config["PROXY_FIX_X_FOR"] > 0:
        # request.remote_addr (and so the per-IP limits) from the last PROXY_FIX_X_FOR entries of
        # X-Forwarded-For; the scheme comes from gunicorn (forwarded_allow_ips), not from here.
        # Flask's stubs declare wsgi_app a method; replacing it with middleware is the documented way.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"],  # type: ignore[method-assign]
                                x_proto=0, x_host=0, x_port=0, x_prefix=0)

    from . import cli, database, i18n, throttling, web
    from .accounts import auth
    from .guides import registry as guide_registry

    database.init_app(app)
    guide_registry.init_app(app)
    i18n.init_app(app)
    auth.init_app(app)
    throttling.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app
