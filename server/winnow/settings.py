"""Every setting Winnow reads, declared once: name, default, type and help.

A setting `FOO` is read from the environment variable `WINNOW_FOO` and lands in
`app.config["FOO"]`. The README's settings table is checked against this list by a test.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

ENV_PREFIX = "WINNOW_"


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


def _parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def _parse_optional_str(raw: str) -> str | None:
    return raw or None


def _parse_networks(raw: str) -> list[str]:
    networks = _parse_list(raw)
    for network in networks:
        ipaddress.ip_network(network, strict=False)
    return networks


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL of the feedback store (`sqlite:///path.db`, "
        "`postgresql+psycopg://user:pw@host/db`). Default: `winnow.db` in the user's data "
        "directory (`~/.local/share/winnow` on Linux); `winnow serve` prints which.",
        _parse_optional_str,
    ),
    Setting(
        "MAX_BODY_BYTES",
        10 * 1024 * 1024,
        "Largest request body accepted; larger requests get 413.",
        int,
    ),
    Setting(
        "MAX_ELEMENTS",
        200_000,
        "Largest number of elements in a submitted page; more gets 422.",
        int,
    ),
    Setting(
        "MAX_DEPTH",
        1_000,
        "Deepest element nesting in a submitted page; deeper gets 422.",
        int,
    ),
    Setting(
        "ANALYSIS_TIMEOUT",
        20.0,
        "Seconds one analyze request may take in all, waiting for a worker included; a page "
        "still being analyzed then is abandoned with 422 `analysis_timeout`.",
        float,
    ),
    Setting(
        "ANALYSIS_WAIT",
        10.0,
        "Longest wait for a free analysis worker, and never more than half of "
        "ANALYSIS_TIMEOUT (a page that gets a worker has the other half); a request that "
        "gets none in time is answered 503 `server_busy` with `Retry-After`.",
        float,
    ),
    Setting(
        "ANALYSIS_WORKERS",
        2,
        "Processes that run analyses for `winnow serve` (0 runs them in the request thread, "
        "with no hard timeout).",
        int,
    ),
    Setting(
        "API_TOKEN",
        None,
        "When set, every /api call must send `Authorization: Bearer <token>`.",
        _parse_optional_str,
    ),
    Setting(
        "ADMIN_TOKEN",
        None,
        "When set, enables the /review page for maintainers, who log in with this token, and "
        "lets `GET /api/feedback` with `Authorization: Bearer <token>` list every report.",
        _parse_optional_str,
    ),
    Setting(
        "FEEDBACK_RATE_LIMIT",
        "30/minute;500/day",
        "Feedback reports allowed per client and per IP address (Flask-Limiter syntax); more "
        "get 429 with `Retry-After`.",
    ),
    Setting(
        "ANALYZE_RATE_LIMIT",
        "120/minute;5000/day",
        "Analyze requests allowed per client and per IP address, outside UNLIMITED_NETWORKS "
        "(Flask-Limiter syntax); more get 429 with `Retry-After`.",
    ),
    Setting(
        "CLIENT_RATE_LIMIT",
        "10/hour;50/day",
        "Clients that POST /api/clients issues per IP address, outside UNLIMITED_NETWORKS "
        "(Flask-Limiter syntax); more get 429 with `Retry-After`.",
    ),
    Setting(
        "UNLIMITED_NETWORKS",
        ["127.0.0.0/8", "::1/128"],
        "Comma-separated networks whose analyze requests and client registrations are never "
        "rate limited: by default the server's own machine, so one person's local use is "
        "never throttled.",
        _parse_networks,
    ),
    Setting(
        "TRUSTED_PROXIES",
        0,
        "How many reverse proxies in front of the server append to `X-Forwarded-For`; the "
        "client's address (for rate limits and networks) is then the one the outermost proxy "
        "saw. 0 trusts no such header. Behind a proxy, set it: otherwise every request is the "
        "proxy's own (loopback) address.",
        int,
    ),
    Setting(
        "RATELIMIT_STORAGE_URI",
        "memory://",
        "Where rate-limit counters live (`memory://`, or `redis://...` when several server "
        "processes must share them).",
    ),
    Setting(
        "TRUSTED_HOSTS",
        ["localhost", "127.0.0.1", "[::1]", "::1"],
        "Comma-separated host names the server answers to (guards against DNS rebinding). "
        "Add your host name when serving beyond loopback.",
        _parse_list,
    ),
    Setting(
        "EXTRA_ORIGINS",
        [],
        "Comma-separated web origins allowed to call the API besides browser extensions "
        "(chrome-extension://, moz-extension://), which are always allowed.",
        _parse_list,
    ),
    Setting(
        "ALLOW_FETCH",
        False,
        "Let POST /api/analyze fetch `url` itself when no `html` is sent (off by default).",
        _parse_bool,
    ),
    Setting(
        "FETCH_TIMEOUT",
        10.0,
        "Seconds allowed for fetching a page in all (connecting, redirects and every byte of "
        "the body), however slowly the other server sends it.",
        float,
    ),
    Setting(
        "FETCH_MAX_BYTES",
        5 * 1024 * 1024,
        "Largest page body a fetch downloads.",
        int,
    ),
)


def default(name: str) -> Any:
    """One setting's default: the one place the rest of the code takes it from."""
    return next(s.default for s in SETTINGS if s.name == name)


def defaults() -> dict[str, Any]:
    """Every setting at its default value."""
    return {s.name: s.default for s in SETTINGS}


def from_environ(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings given in the environment, parsed; absent ones are left out."""
    environ = os.environ if environ is None else environ
    found: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env_var)
        if raw is None:
            continue
        try:
            found[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise ValueError(f"{setting.env_var}: {exc}") from exc
    return found
