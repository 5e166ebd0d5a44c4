"""Nothing acknowledged is lost: concurrent writers, and a server killed mid-stream, against the
real `winnow serve` on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.server import WinnowServer
from live import call

pytestmark = pytest.mark.slow

WRITERS = 8
REPORTS = 500
CLIENTS = 13
# High enough that the test measures the store, not the rate limiter.
UNLIMITED = "1000000/minute"
ADMIN = "durability-admin-token"


def post_report(server: WinnowServer, tokens: list[str], n: int) -> int | None:
    """POST report number n; its status, or None when the server was not there to answer."""
    body = json.dumps(
        {
            "url": f"https://site{n % 7}.example/page-{n}.html",
            "verdict": "missed",
            "kind": "injected_spam",
            "quote": f"phrase number {n}",
        }
    ).encode()
    headers = {"Content-Type": "application/json", "X-Winnow-Client": tokens[n % len(tokens)]}
    request = urllib.request.Request(f"{server.url}/api/feedback", body, headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def stored(server: WinnowServer) -> set[str]:
    quotes, cursor = set(), None
    while True:
        query = "limit=500" + (f"&before={cursor}" if cursor else "")
        request = urllib.request.Request(
            f"{server.url}/api/feedback?{query}", headers={"Authorization": f"Bearer {ADMIN}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            page = json.load(response)
        quotes |= {item["quote"] for item in page["items"]}
        cursor = page["next"]
        if cursor is None:
            return quotes


@pytest.fixture
def server(tmp_path, database_url):
    running = WinnowServer(
        tmp_path, database_url, WINNOW_FEEDBACK_RATE_LIMIT=UNLIMITED, WINNOW_ADMIN_TOKEN=ADMIN
    )
    yield running
    running.stop()


@pytest.fixture
def tokens(server) -> list[str]:
    return [call(server, "POST", "/api/clients", {}).body["token"] for _ in range(CLIENTS)]


def test_concurrent_writers_lose_nothing(server, tokens):
    with ThreadPoolExecutor(WRITERS) as pool:
        statuses = list(pool.map(lambda n: post_report(server, tokens, n), range(REPORTS)))
    assert statuses.count(201) == REPORTS, server.log()[-3000:]
    assert len(stored(server)) == REPORTS


def test_every_acknowledged_report_survives_a_killed_server(server, tokens):
    acknowledged: list[int] = []
    lock = threading.Lock()
    killed = threading.Event()

    def writer(first: int) -> None:
        for n in range(first, REPORTS, WRITERS):
            if post_report(server, tokens, n) == 201:
                with lock:
                    acknowledged.append(n)
            if n >= REPORTS // 2 and first == 0 and not killed.is_set():
                server.kill()
                killed.set()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert killed.is_set()
    server.restart()
    kept = stored(server)
    missing = [n for n in acknowledged if f"phrase number {n}" not in kept]
    assert acknowledged, "no report was acknowledged before the kill"
    assert missing == [], server.log()[-3000:]
