"""Who may call the API: browser extensions and same-origin pages, with the token when one is set.

A news page the user visits must not be able to make the local server analyze or record
anything on its behalf, so any request that a browser marks as coming from another web origin
is refused unless that origin is an extension's (or listed in EXTRA_ORIGINS).
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import SecurityError

from .errors import ApiError

EXTENSION_SCHEMES = frozenset({"chrome-extension", "moz-extension", "safari-web-extension"})
API_PREFIX = "/api/"
# Fetch metadata values that mean "another site started this request".
CROSS_SITE_FETCH_VALUES = frozenset({"cross-site", "same-site"})
CORS_MAX_AGE_SECONDS = "600"
# The header that carries an issued client's token (see clients.py).
CLIENT_TOKEN_HEADER = "X-Winnow-Client"


def _host_trusted() -> bool:
    """Whether the request's Host is one this server answers to (TRUSTED_HOSTS)."""
    try:
        request.host  # noqa: B018 - reading it is the check: werkzeug raises for other hosts
    except SecurityError:
        return False
    return True


def _same_origin(origin: str) -> bool:
    return _host_trusted() and origin.rstrip("/") == request.host_url.rstrip("/")


def origin_allowed(origin: str) -> bool:
    scheme = urlsplit(origin).scheme.lower()
    if scheme in EXTENSION_SCHEMES:
        return True
    return _same_origin(origin) or origin in current_app.config["EXTRA_ORIGINS"]


def _check_origin() -> None:
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        if not origin_allowed(origin):
            raise ApiError(
                403, "forbidden_origin", f"Requests from {origin} are not accepted by this server."
            )
        return
    if origin == "null" or request.headers.get("Sec-Fetch-Site") in CROSS_SITE_FETCH_VALUES:
        raise ApiError(403, "forbidden_origin", "Cross-site requests are not accepted.")


def _bearer_is(token: str | None) -> bool:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return (
        bool(token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(value.strip().encode(), token.encode())
    )


def is_admin() -> bool:
    """Whether the request carries the maintainers' token (`Authorization: Bearer ...`)."""
    return _bearer_is(current_app.config["ADMIN_TOKEN"])


def _check_token() -> None:
    """With API_TOKEN set, every call needs it (or the admin token, which can do more)."""
    token = current_app.config["API_TOKEN"]
    if not token or _bearer_is(token) or is_admin():
        return
    raise ApiError(
        401, "unauthorized", "This server requires an API token (Authorization: Bearer ...)."
    )


def _guard_api() -> Response | None:
    if not request.path.startswith(API_PREFIX):
        return None
    if not _host_trusted():
        raise ApiError(400, "bad_request", "This server does not answer to that host name.")
    _check_origin()
    if request.method == "OPTIONS":
        return current_app.make_default_options_response()
    _check_token()
    return None


def _add_cors_headers(response: Response) -> Response:
    origin = request.headers.get("Origin")
    if not (request.path.startswith(API_PREFIX) and origin and _host_trusted()):
        return response
    if origin_allowed(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = (
            f"Content-Type, Authorization, {CLIENT_TOKEN_HEADER}"
        )
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE_SECONDS
        response.vary.add("Origin")
    return response


def init_app(app: Flask) -> None:
    app.before_request(_guard_api)
    app.after_request(_add_cors_headers)
