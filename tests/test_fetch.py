"""The guarded fetcher, against servers these tests start on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import make_app
from helpers import assert_error
from winnow.fetch import Fetcher, FetchError, address_allowed

LOOPBACK = [ipaddress.ip_network("127.0.0.0/8")]
PAGE = (
    b"<html><head><meta charset='windows-1252'></head>"
    b"<body><p>Caf\xe9 society is back.</p></body></html>"
)

Handler = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], str]]:
    """Start a server on 127.0.0.1 that answers GET with `handler`; its base URL."""
    servers = []

    def start(handler: Handler) -> str:
        class Answer(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                handler(self)

            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def page(body: bytes = PAGE, headers: dict | None = None) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        for name, value in (headers or {"Content-Type": "text/html"}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def redirect(location: str) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("Location", location)
        request.end_headers()

    return handler


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fd00:ec2::254",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
    ],
)
def test_private_loopback_link_local_and_metadata_addresses_are_refused(address):
    assert not address_allowed(address)


# IPv6 addresses that carry a private IPv4 address to a translator or tunnel.
EMBEDDED_PRIVATE = [
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254 (cloud metadata)
    "64:ff9b:1::a00:1",  # local-use NAT64 of 10.0.0.1
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    "::127.0.0.1",  # IPv4-compatible
    "::10.0.0.1",
    "::ffff:0:127.0.0.1",  # IPv4-translated (SIIT)
    "::ffff:7f00:1",  # IPv4-mapped, hex spelling
    "::ffff:169.254.169.254",
]


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
def test_ipv6_forms_that_embed_a_private_address_are_refused(address):
    assert not address_allowed(address)


def test_public_addresses_are_allowed():
    assert address_allowed("93.184.216.34") and address_allowed("2606:2800:220:1::1")
    assert address_allowed("64:ff9b::5db8:d822")  # NAT64 of a public address


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
def test_the_fetcher_refuses_a_name_resolving_to_an_embedded_private_address(address, monkeypatch):
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host == "news.example":
            return real(address, port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match="non-public address"):
        Fetcher(timeout=5).fetch("http://news.example/story.html")


def test_loopback_server_is_refused(serve):
    url = serve(page())
    with pytest.raises(FetchError, match="non-public address"):
        Fetcher(timeout=5).fetch(url)


def test_a_name_resolving_to_loopback_is_refused(serve, monkeypatch):
    port = serve(page()).rsplit(":", 1)[1]
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        return real("127.0.0.1" if host == "news.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match="non-public address"):
        Fetcher(timeout=5).fetch(f"http://news.example:{port}/story.html")


def test_a_redirect_to_a_private_address_is_refused(serve):
    url = serve(redirect("http://169.254.169.254/latest/meta-data/"))
    with pytest.raises(FetchError, match="non-public address"):
        Fetcher(timeout=5, allowed_networks=LOOPBACK).fetch(url)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError, match="Only http and https"):
        Fetcher().fetch(url)


def test_a_redirect_to_another_scheme_is_refused(serve):
    url = serve(redirect("file:///etc/passwd"))
    with pytest.raises(FetchError, match="not http"):
        Fetcher(timeout=5, allowed_networks=LOOPBACK).fetch(url)


def test_a_page_from_an_allowed_server_is_fetched_and_decoded(serve):
    fetched = Fetcher(timeout=5, allowed_networks=LOOPBACK).fetch(serve(page()))
    assert "Café society" in fetched.html


def test_a_declared_oversized_body_is_refused(serve):
    url = serve(page(b"x" * 2048))
    with pytest.raises(FetchError, match="larger than the limit of 1000 bytes"):
        Fetcher(timeout=5, max_bytes=1000, allowed_networks=LOOPBACK).fetch(url)


def test_an_undeclared_oversized_body_is_cut_off(serve):
    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        for _ in range(100):
            request.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")

    with pytest.raises(FetchError, match="larger than the limit"):
        Fetcher(timeout=5, max_bytes=10_000, allowed_networks=LOOPBACK).fetch(serve(endless))


# How long past its deadline a fetch may give up on a slow machine: far short of the time the
# silent and dripping servers would keep it waiting.
DEADLINE_SLACK_SECONDS = 5.0
SILENT_SECONDS = 30


def test_a_server_that_does_not_answer_times_out(serve):
    def silent(request: BaseHTTPRequestHandler) -> None:
        time.sleep(SILENT_SECONDS)

    started = time.monotonic()
    with pytest.raises(FetchError, match=r"did not (answer|arrive) within 0\.5 seconds"):
        Fetcher(timeout=0.5, allowed_networks=LOOPBACK).fetch(serve(silent))
    assert time.monotonic() - started < 0.5 + DEADLINE_SLACK_SECONDS


def test_a_body_dripping_in_past_the_deadline_is_abandoned(serve):
    def drip(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        for _ in range(40):
            request.wfile.write(b"<p>slow</p>" * 100)
            request.wfile.flush()
            time.sleep(0.1)

    with pytest.raises(FetchError, match="within 1 seconds"):
        Fetcher(timeout=1, allowed_networks=LOOPBACK).fetch(serve(drip))


# A server that sends one byte now and then: every read finishes well within the socket
# timeout, so only a deadline for the whole fetch stops it.
DRIP_SECONDS = 1.5


def dripping(headers_first: bool) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        if headers_first:
            request.send_response(200)
            request.send_header("Content-Type", "text/html")
            request.send_header("Content-Length", "1000")
            request.end_headers()
            request.wfile.flush()
            drip = b"<p>" + b"x" * 100
        else:
            drip = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 100
        for byte in drip:
            request.wfile.write(bytes([byte]))
            request.wfile.flush()
            time.sleep(DRIP_SECONDS)

    return handler


@pytest.mark.parametrize("headers_first", [True, False], ids=["body", "headers"])
def test_a_server_dripping_a_byte_at_a_time_cannot_outlast_the_deadline(serve, headers_first):
    url = serve(dripping(headers_first))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"within 3 seconds"):
        Fetcher(timeout=3, allowed_networks=LOOPBACK).fetch(url)
    assert time.monotonic() - started < 3 + DEADLINE_SLACK_SECONDS


def test_binary_content_is_refused(serve):
    url = serve(
        page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), {"Content-Type": "image/png"})
    )
    with pytest.raises(FetchError, match="not return an HTML page"):
        Fetcher(timeout=5, allowed_networks=LOOPBACK).fetch(url)


def test_the_server_url_mode_is_off_by_default(client):
    error = assert_error(
        client.post("/api/analyze", json={"url": "https://example.com/"}), 400, "bad_request"
    )
    assert "does not fetch" in error["message"]


def test_the_server_url_mode_uses_the_guarded_fetcher(serve, tmp_path):
    app = make_app(tmp_path, ALLOW_FETCH=True)
    response = app.test_client().post("/api/analyze", json={"url": serve(page())})
    error = assert_error(response, 422, "fetch_failed")
    assert "non-public address" in error["message"]


def test_the_fetch_setting_bounds_the_servers_fetches(serve, tmp_path, monkeypatch):
    """FETCH_TIMEOUT and FETCH_MAX_BYTES reach the fetcher of the API's URL mode (allowed here
    to reach this test's server on 127.0.0.1)."""
    from winnow import jobs

    class LoopbackFetcher(Fetcher):
        def __init__(self, timeout: float, max_bytes: int) -> None:
            super().__init__(timeout, max_bytes, allowed_networks=LOOPBACK)

    monkeypatch.setattr(jobs, "Fetcher", LoopbackFetcher)
    app = make_app(tmp_path, ALLOW_FETCH=True, FETCH_TIMEOUT=1.0, FETCH_MAX_BYTES=1000)
    client = app.test_client()
    slow = client.post("/api/analyze", json={"url": serve(dripping(headers_first=True))})
    assert "within 1 seconds" in assert_error(slow, 422, "fetch_failed")["message"]
    large = client.post("/api/analyze", json={"url": serve(page(b"x" * 2048))})
    assert "limit of 1000 bytes" in assert_error(large, 422, "fetch_failed")["message"]
    fine = client.post("/api/analyze", json={"url": serve(page())})
    assert "Café society" in fine.get_json()["reader"]["text"]
