"""Nothing acknowledged is lost: concurrent writers, and a server killed mid-stream, against the
real `winnow serve` on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.server import WinnowServer, get_json

pytestmark = pytest.mark.slow

WRITERS = 8
REPORTS = 500
# High enough that the test measures the store, not the rate limiter.
UNLIMITED = "1000000/minute"


def post_report(server: WinnowServer, n: int) -> int | None:
    """POST report number n; its status, or None when the server was not there to answer."""
    body = json.dumps(
        {
            "url": f"https://site{n % 7}.example/page-{n}.html",
            "verdict": "missed",
            "kind": "injected_spam",
            "quote": f"phrase number {n}",
            "client": f"client-{n % 13:08d}",
        }
    ).encode()
    request = urllib.request.Request(
        f"{server.url}/api/feedback", body, {"Content-Type": "application/json"}
    )
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
        page = get_json(f"{server.url}/api/feedback?{query}")
        quotes |= {item["quote"] for item in page["items"]}
        cursor = page["next"]
        if cursor is None:
            return quotes


@pytest.fixture
def server(tmp_path, database_url):
    running = WinnowServer(tmp_path, database_url, WINNOW_FEEDBACK_RATE_LIMIT=UNLIMITED)
    yield running
    running.stop()


def test_concurrent_writers_lose_nothing(server):
    with ThreadPoolExecutor(WRITERS) as pool:
        statuses = list(pool.map(lambda n: post_report(server, n), range(REPORTS)))
    assert statuses.count(201) == REPORTS, server.log()[-3000:]
    assert len(stored(server)) == REPORTS


def test_every_acknowledged_report_survives_a_killed_server(server):
    acknowledged: list[int] = []
    lock = threading.Lock()
    killed = threading.Event()

    def writer(first: int) -> None:
        for n in range(first, REPORTS, WRITERS):
            if post_report(server, n) == 201:
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
