"""Rate limits on what clients may write: per client id and per IP address."""

from __future__ import annotations

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, headers_enabled=True, default_limits=[])


def feedback_limit() -> str:
    return current_app.config["FEEDBACK_RATE_LIMIT"]


def client_key() -> str:
    """The reporting install's id, from the JSON body (reports without one are refused later,
    but still counted here under one shared key)."""
    body = request.get_json(silent=True, cache=True)
    client = body.get("client") if isinstance(body, dict) else None
    return f"client:{client}" if isinstance(client, str) else "client:-"
