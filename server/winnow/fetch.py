"""Fetching a page from the web without letting anyone point the fetch at private addresses.

Every connection (the first and each redirect hop) resolves the host itself and connects only
to a public address, so neither a redirect nor a DNS answer can reach loopback, the LAN, link-
local or cloud metadata addresses. Bodies are capped in size and in total time.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

from . import settings
from .encoding import decode_html, looks_binary

ALLOWED_SCHEMES = frozenset({"http", "https"})
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024
USER_AGENT = "Winnow/0.1 (+https://github.com/winnow-reader/winnow)"
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# IPv6 prefixes whose last 32 bits are an IPv4 address that the traffic reaches: NAT64 (well-known
# and local-use), IPv4-translated (SIIT) and the deprecated IPv4-compatible form (::a.b.c.d).
# A private IPv4 address inside one of them is as private as it is alone.
IPV4_EMBEDDING_NETWORKS = tuple(
    ipaddress.IPv6Network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "::ffff:0:0:0/96", "::/96")
)


class FetchError(Exception):
    """The page was not fetched; the message says why, for the person who asked."""


class _Watchdog:
    """Ends a fetch at its deadline, whatever the server does: socket timeouts count per read,
    so a server that sends a byte now and then would otherwise hold a fetch for ever. At the
    deadline every socket the fetch opened is shut down, which ends any read in progress."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                _shut(sock)
            self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _ConnectionRefused(NewConnectionError):
    """No allowed address to connect to; `detail` is the sentence for the user."""

    def __init__(self, conn: HTTPConnection, detail: str) -> None:
        super().__init__(conn, detail)
        self.detail = detail


@dataclass(frozen=True)
class Fetched:
    url: str
    html: str


def reached_addresses(ip: IpAddress) -> list[IpAddress]:
    """The address itself, and every IPv4 address an IPv6 address carries inside it and
    reaches through a translator or tunnel (mapped, NAT64, SIIT, IPv4-compatible, 6to4, Teredo)."""
    if isinstance(ip, ipaddress.IPv4Address):
        return [ip]
    found: list[IpAddress] = [ip]
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if any(ip in net for net in IPV4_EMBEDDING_NETWORKS) and ip not in (
        ipaddress.IPv6Address("::"),
        ipaddress.IPv6Address("::1"),
    ):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF))
    return found


def address_allowed(address: str, extra_allowed: Iterable[IpNetwork] = ()) -> bool:
    """Public unicast addresses only (plus networks a caller explicitly allows); an IPv6 address
    that embeds an IPv4 one is allowed only when that one is too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in extra_allowed):
        return True
    return all(a.is_global and not a.is_multicast for a in reached_addresses(ip))


def _guarded_connection(base: type[HTTPConnection]) -> type[HTTPConnection]:
    class Guarded(base):  # type: ignore[misc, valid-type]
        allowed_networks: tuple[IpNetwork, ...] = ()
        on_connect: Callable[[socket.socket], None] = staticmethod(lambda sock: None)

        def _new_conn(self) -> socket.socket:
            try:
                infos = socket.getaddrinfo(self._dns_host, self.port, type=socket.SOCK_STREAM)
            except OSError as exc:
                raise _ConnectionRefused(self, f"{self._dns_host} could not be resolved") from exc
            refused = []
            for family, kind, proto, _name, sockaddr in infos:
                if not address_allowed(sockaddr[0], self.allowed_networks):
                    refused.append(sockaddr[0])
                    continue
                sock = socket.socket(family, kind, proto)
                try:
                    sock.settimeout(self.timeout)
                    self.on_connect(sock)
                    sock.connect(sockaddr)
                    return sock
                except OSError:
                    sock.close()
            if refused:
                raise _ConnectionRefused(
                    self,
                    f"{self._dns_host} is a non-public address ({refused[0]}), which is refused",
                )
            raise _ConnectionRefused(self, f"could not connect to {self._dns_host}")

    return Guarded


class _GuardedAdapter(HTTPAdapter):
    def __init__(self, allowed_networks: tuple[IpNetwork, ...]) -> None:
        self._allowed = allowed_networks
        self.watchdog: _Watchdog | None = None
        super().__init__(max_retries=0)

    def _on_connect(self, sock: socket.socket) -> None:
        if self.watchdog is not None:
            self.watchdog.watch(sock)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        http_conn = _guarded_connection(HTTPConnection)
        https_conn = _guarded_connection(HTTPSConnection)
        http_conn.allowed_networks = https_conn.allowed_networks = self._allowed
        http_conn.on_connect = https_conn.on_connect = staticmethod(self._on_connect)
        http_pool = type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
        https_pool = type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
        self.poolmanager.key_fn_by_scheme = dict(self.poolmanager.key_fn_by_scheme)


class Fetcher:
    """Downloads one page at a time under a total time limit, a size cap and the address guard."""

    def __init__(
        self,
        timeout: float = settings.default("FETCH_TIMEOUT"),
        max_bytes: int = settings.default("FETCH_MAX_BYTES"),
        allowed_networks: Iterable[IpNetwork] = (),
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.max_redirects = MAX_REDIRECTS
        self.session.headers["User-Agent"] = USER_AGENT
        self._adapter = _GuardedAdapter(tuple(allowed_networks))
        self.session.mount("http://", self._adapter)
        self.session.mount("https://", self._adapter)

    def fetch(self, url: str) -> Fetched:
        """The page at `url`, redirects followed, within `timeout` seconds in all."""
        if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
            raise FetchError(f"Only http and https URLs can be fetched, not {url!r}.")
        late = FetchError(f"The page did not arrive within {self.timeout:g} seconds.")
        with _Watchdog(self.timeout) as watchdog:
            self._adapter.watchdog = watchdog
            try:
                body, content_type, final_url = self._get(url)
            except FetchError:
                if watchdog.expired:
                    raise late from None
                raise
            finally:
                self._adapter.watchdog = None
                # A pooled connection would outlive this fetch's watchdog.
                self._adapter.poolmanager.clear()
        if watchdog.expired:
            raise late
        if looks_binary(body):
            raise FetchError("The URL did not return an HTML page (binary content).")
        return Fetched(final_url, decode_html(body, content_type))

    def _get(self, url: str) -> tuple[bytes, str | None, str]:
        try:
            with self.session.get(url, timeout=self.timeout, stream=True) as response:
                if urlsplit(response.url).scheme.lower() not in ALLOWED_SCHEMES:
                    raise FetchError("The page redirected to a URL that is not http(s).")
                response.raise_for_status()
                body = self._read_capped(response)
                return body, response.headers.get("Content-Type"), response.url
        except requests.exceptions.InvalidSchema as exc:
            raise FetchError("The page redirected to a URL that is not http(s).") from exc
        except requests.exceptions.TooManyRedirects as exc:
            raise FetchError(f"The page redirected more than {MAX_REDIRECTS} times.") from exc
        except requests.exceptions.Timeout as exc:
            raise FetchError(f"The page did not answer within {self.timeout:g} seconds.") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"The page could not be fetched: {_reason(exc)}") from exc

    def _read_capped(self, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"The page is larger than the limit of {self.max_bytes} bytes.")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(CHUNK_BYTES):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"The page is larger than the limit of {self.max_bytes} bytes.")
            chunks.append(chunk)
        return b"".join(chunks)


def _reason(exc: Exception) -> str:
    """The sentence our connection guard left deep in a requests/urllib3 error chain, if any."""
    seen: Exception | None = exc
    while seen is not None:
        if isinstance(seen, _ConnectionRefused):
            return seen.detail
        nested = getattr(seen, "reason", None)
        if not isinstance(nested, Exception) and seen.args and isinstance(seen.args[0], Exception):
            nested = seen.args[0]
        seen = nested if isinstance(nested, Exception) else None
    return str(exc)
