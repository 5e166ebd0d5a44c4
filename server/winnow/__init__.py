"""Winnow: a reader view that finds and removes what spam farms splice into news pages."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import settings

__version__ = "0.1.0"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The Winnow application: settings from WINNOW_* variables, or `test_config` in tests."""
    app = Flask(__name__)
    app.config.from_mapping(settings.defaults())
    app.config.update(settings.from_environ() if test_config is None else test_config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]
    app.config["TRUSTED_HOSTS"] = app.config["TRUSTED_HOSTS"] or None
    app.json.sort_keys = False
    if app.config["TRUSTED_PROXIES"] > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"])  # type: ignore[method-assign]

    from . import api, clients, errors, limits, review, security

    errors.register_error_handlers(app)
    security.init_app(app)
    clients.init_app(app)
    limits.limiter.init_app(app)
    app.register_blueprint(api.bp)
    review.init_app(app)
    return app
