"""Issued clients: who sent a report is decided by the token the server issued, never by a
string the sender makes up.

`POST /api/clients` issues a client id and a secret token, noting the network the request came
from (a /24 for IPv4, a /48 for IPv6, loopback as one network). Requests name their client with
the `X-Winnow-Client: <token>` header; the server keeps only the token's SHA-256.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask, current_app, g, request

from . import store
from .errors import ApiError
from .security import CLIENT_TOKEN_HEADER

TOKEN_HEADER = CLIENT_TOKEN_HEADER
TOKEN_BYTES = 32
IPV4_NETWORK_PREFIX = 24
IPV6_NETWORK_PREFIX = 48
LOOPBACK_NETWORK = "loopback"
# Tokens known to this process, so that an analysis with a token costs no database read.
MAX_CACHED_TOKENS = 10_000
CACHE_KEY = "winnow.client_tokens"
_MISSING = object()


@dataclass(frozen=True)
class Client:
    id: str
    network: str


def network_of(address: str) -> str:
    """The network an address belongs to, as the scopes count them: its /24 (IPv4) or /48
    (IPv6); every loopback address is one network."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"unknown:{address[:40]}"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return LOOPBACK_NETWORK
    prefix = IPV4_NETWORK_PREFIX if ip.version == 4 else IPV6_NETWORK_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(address: str) -> tuple[Client, str]:
    """A new client for a request from `address`, and its token (shown once, never stored)."""
    client = Client(uuid.uuid4().hex, network_of(address))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    store.issue_client(client.id, token_hash(token), client.network)
    return client, token


class _TokenCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Client] = OrderedDict()

    def get(self, key: str) -> Client | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, client: Client) -> None:
        with self._lock:
            self._entries[key] = client
            while len(self._entries) > MAX_CACHED_TOKENS:
                self._entries.popitem(last=False)


def _cache() -> _TokenCache:
    return current_app.extensions.setdefault(CACHE_KEY, _TokenCache())


def _lookup(token: str) -> Client | None:
    digest = token_hash(token)
    cache = _cache()
    found = cache.get(digest)
    if found is None:
        row = store.client_by_token_hash(digest)
        if row is None:
            return None
        found = Client(*row)
        cache.put(digest, found)
    return found


def current() -> Client | None:
    """The client the request's token names, or None without a token. An unknown token is a
    401; when the store cannot be read the request goes on as anonymous."""
    found = g.get("winnow_client", _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    token = request.headers.get(TOKEN_HEADER, "").strip()
    client = None
    if token:
        try:
            client = _lookup(token)
        except sa.exc.SQLAlchemyError:
            g.winnow_token_unchecked = True
        else:
            if client is None:
                raise ApiError(
                    401,
                    "invalid_client_token",
                    f"The {TOKEN_HEADER} token is not one this server issued; register again "
                    "with POST /api/clients.",
                )
    g.winnow_client = client
    return client


def required() -> Client:
    """The request's client; a 401 when the request names none."""
    client = current()
    if client is None and g.get("winnow_token_unchecked"):
        raise ApiError(
            503,
            "database_unavailable",
            "The client store is unavailable right now, so the token cannot be checked; "
            "nothing was recorded. Try again later (analysis keeps working).",
        )
    if client is None:
        raise ApiError(
            401,
            "client_token_required",
            f"Send the token from POST /api/clients in the {TOKEN_HEADER} header.",
        )
    return client


def _identify() -> None:
    if request.path.startswith("/api/") and request.method != "OPTIONS":
        current()


def init_app(app: Flask) -> None:
    app.before_request(_identify)
