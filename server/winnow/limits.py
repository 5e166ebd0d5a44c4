"""Rate limits: on what clients may write (reports, registrations) and on analyses, per client
and per IP address. Addresses in UNLIMITED_NETWORKS (the server's own machine by default) are
exempt from the limits that exist to share a server between people."""

from __future__ import annotations

import ipaddress

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import clients

limiter = Limiter(key_func=get_remote_address, headers_enabled=True, default_limits=[])


def feedback_limit() -> str:
    return current_app.config["FEEDBACK_RATE_LIMIT"]


def analyze_limit() -> str:
    return current_app.config["ANALYZE_RATE_LIMIT"]


def client_issue_limit() -> str:
    return current_app.config["CLIENT_RATE_LIMIT"]


def client_key() -> str:
    """The issued client the request's token names (requests without one are exempt from the
    per-client limits: the per-address ones count them)."""
    client = clients.current()
    return f"client:{client.id}" if client else "client:-"


def anonymous() -> bool:
    return clients.current() is None


def unlimited_address() -> bool:
    """Whether the request comes from a network the sharing limits do not apply to."""
    try:
        address = ipaddress.ip_address(get_remote_address())
    except ValueError:
        return False
    networks = current_app.config["UNLIMITED_NETWORKS"]
    return any(address in ipaddress.ip_network(n, strict=False) for n in networks)


def anonymous_or_unlimited() -> bool:
    return unlimited_address() or anonymous()
