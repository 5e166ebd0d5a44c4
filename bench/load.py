"""Load on the real `winnow serve`: throughput and latency at several concurrencies, a long soak
with hostile requests mixed in (errors, and resident memory of the server process and of its
workers), and normal pages while hostile pages hold the workers.

    python -m bench.load                 # concurrency 1, 4, 16; the soak; hostile pages in flight
    python -m bench.load --quick         # a smoke run (the tests run this)

The server runs with its default settings (analysis worker processes and threads) on a fresh
SQLite store; the client is this process, one keep-alive connection per concurrent user, sending
the dev corpus's pages (stamped as the extension sends them) round-robin.

The soak makes one request in SOAK_HOSTILE_EVERY a hostile one (a page near the body limit, one
over it, binary data, broken JSON, a tree too deep, too many elements): the server process must
stay within MAX_MAIN_GROWTH of its size after the first SOAK_WARM requests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

from .corpus import load_cases, stamp
from .server import WinnowServer, resident_kib, tree_kib

CONCURRENCY = (1, 4, 16)
REQUESTS_PER_LEVEL = 400
SOAK_REQUESTS = 10_000
SOAK_CONCURRENCY = 4
SOAK_SAMPLES = 10
SOAK_WARM = 100
SOAK_HOSTILE_EVERY = 100
# The hostile request of each hundred is its fiftieth: memory is sampled at round numbers of
# requests, and a sample taken as a hostile page's buffers are being let go measures that
# moment (+24 MiB once, gone 20 requests later), not what the process keeps.
SOAK_HOSTILE_AT = SOAK_HOSTILE_EVERY // 2
QUICK_REQUESTS_PER_LEVEL = 24
QUICK_SOAK_REQUESTS = 300
REQUEST_TIMEOUT_SECONDS = 60
# Memory may grow while caches warm; past this share of the warm figure it is a leak.
MAX_MEMORY_GROWTH = 0.5
# The server process itself holds no page and no response: it stays this close to its size
# after the first SOAK_WARM requests.
MAX_MAIN_GROWTH = 0.2
# Statuses a hostile request may get: refused (400, 413, 422) or analyzed (200).
HOSTILE_STATUSES = frozenset({200, 400, 413, 422})
# Hostile pages in flight at once, the budget the server gets for them, and how many normal
# pages are timed meanwhile; each must be answered (200, or 503 with Retry-After) within the
# budget plus FAIR_SLACK_SECONDS.
HOSTILE_IN_FLIGHT = 3
HOSTILE_BUDGET_SECONDS = 5.0
FAIR_SLACK_SECONDS = 5.0
NORMAL_PAGES_DURING_HOSTILE = 20
QUICK_NORMAL_PAGES_DURING_HOSTILE = 6
BODY_LIMIT = 10 * 1024 * 1024


@dataclass
class Level:
    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    def line(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0.0
        median = statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")
        return (
            f"  {self.concurrency:>11} {self.requests:>9} {rate:>9.1f} {median:>9.1f} "
            f"{self.percentile(0.99):>9.1f} {len(self.errors):>7}"
        )


def bodies(limit: int | None = None) -> list[bytes]:
    cases = list(load_cases())[:limit]
    return [json.dumps({"url": c.url, "html": stamp(c.raw_html)[1]}).encode() for c in cases]


def slow_page_body(megabytes: float = 6.5) -> bytes:
    """A page of plain paragraphs that takes the analysis many seconds."""
    paragraph = "<p>" + "consectetur adipiscing elit sed do eiusmod " * 40 + "</p>"
    count = int(megabytes * 1024 * 1024 / len(paragraph))
    html = f"<html><body><article>{paragraph * count}</article></body></html>"
    return json.dumps({"url": "https://hostile.example/slow.html", "html": html}).encode()


def hostile_bodies() -> list[bytes]:
    """Requests that hurt: near and over the body limit, binary, broken, too deep, too wide."""
    url = "https://hostile.example/page.html"

    def page(html: str) -> bytes:
        return json.dumps({"url": url, "html": html}).encode()

    near_limit = BODY_LIMIT - 64 * 1024
    filler = "<p>" + "word " * 200 + "</p>"
    return [
        page("<html><body>" + filler * (near_limit // len(filler) - 1) + "</body></html>"),
        page("x" * (BODY_LIMIT + 1024)),
        page("\x00\x01\x02\x03" * (near_limit // 4 // 6)),
        b'{"url": "' + url.encode() + b'", "html": "' + b"<p>broken" * (near_limit // 10),
        page("<div>" * 5000 + "deep" + "</div>" * 5000),
        page("<html><body>" + "<i></i>" * 250_000 + "</body></html>"),
    ]


def _connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS)


def post(connection: http.client.HTTPConnection, body: bytes) -> http.client.HTTPResponse:
    connection.request("POST", "/api/analyze", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    return response


def _user(
    port: int,
    next_body: Callable[[], tuple[bytes, bool] | None],
    lock: threading.Lock,
    level: Level,
) -> None:
    connection = _connect(port)
    while (item := next_body()) is not None:
        body, hostile = item
        started = time.perf_counter()
        try:
            response = post(connection, body)
            elapsed = (time.perf_counter() - started) * 1000
            allowed = HOSTILE_STATUSES if hostile else {200}
            with lock:
                if response.status in allowed:
                    level.latencies_ms.append(elapsed)
                else:
                    level.errors.append(f"HTTP {response.status}")
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = _connect(port)
        except (OSError, http.client.HTTPException) as exc:
            with lock:
                level.errors.append(repr(exc))
            connection.close()
            connection = _connect(port)
    connection.close()


def run_level(
    server: WinnowServer,
    pages: list[bytes],
    concurrency: int,
    requests: int,
    hostile: list[bytes] | None = None,
    first: int = 0,
) -> Level:
    """`requests` requests from `concurrency` users; request number n (counting from `first`)
    is hostile when hostile pages are given and n is SOAK_HOSTILE_AT past a multiple of
    SOAK_HOSTILE_EVERY."""
    level = Level(concurrency)
    work, lock, sent = cycle(pages), threading.Lock(), [first]
    bad = cycle(hostile or [b""])

    def next_body() -> tuple[bytes, bool] | None:
        with lock:
            if sent[0] >= first + requests:
                return None
            sent[0] += 1
            if hostile and sent[0] % SOAK_HOSTILE_EVERY == SOAK_HOSTILE_AT:
                return next(bad), True
            return next(work), False

    users = [
        threading.Thread(target=_user, args=(server.port, next_body, lock, level))
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for user in users:
        user.start()
    for user in users:
        user.join()
    level.seconds = time.perf_counter() - started
    return level


@dataclass
class Soak:
    level: Level
    samples: list[tuple[int, int, int]]
    """(requests done, resident KiB of the server process, `tree_kib` of it and its workers)."""

    @property
    def main_growth(self) -> float:
        warm, last = self.samples[0][1], self.samples[-1][1]
        return (last - warm) / warm if warm else 0.0

    @property
    def total_growth(self) -> float:
        warm, last = self.samples[0][2], self.samples[-1][2]
        return (last - warm) / warm if warm else 0.0


def soak(server: WinnowServer, pages: list[bytes], requests: int) -> Soak:
    """The soak, with a memory sample after the first SOAK_WARM requests and then at even
    steps."""
    hostile = hostile_bodies()
    steps = [SOAK_WARM] + [
        SOAK_WARM + (requests - SOAK_WARM) * k // SOAK_SAMPLES for k in range(1, SOAK_SAMPLES + 1)
    ]
    result, done = Soak(Level(SOAK_CONCURRENCY), []), 0
    for step in steps:
        part = run_level(server, pages, SOAK_CONCURRENCY, step - done, hostile, first=done)
        done = step
        result.level.latencies_ms += part.latencies_ms
        result.level.errors += part.errors
        result.level.seconds += part.seconds
        pid = server.process.pid
        main_kib, total_kib = resident_kib(pid), tree_kib(pid)
        result.samples.append((done, main_kib, total_kib))
        print(
            f"  soak: {done} requests, server process {main_kib / 1024:.0f} MiB, "
            f"with workers {total_kib / 1024:.0f} MiB",
            file=sys.stderr,
            flush=True,
        )
    return result


@dataclass
class Fairness:
    budget: float
    seconds: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    missing_retry_after: int = 0
    hostile_statuses: Counter = field(default_factory=Counter)

    @property
    def bound(self) -> float:
        return self.budget + FAIR_SLACK_SECONDS

    @property
    def holds(self) -> bool:
        return (
            bool(self.seconds)
            and max(self.seconds) <= self.bound
            and set(self.statuses) <= {200, 503}
            and not self.missing_retry_after
        )


def fairness(workdir: Path, pages: list[bytes], normal_pages: int, budget: float) -> Fairness:
    """Normal pages, one after another, while HOSTILE_IN_FLIGHT pages that run past the
    budget keep arriving."""
    server = WinnowServer(workdir, WINNOW_ANALYSIS_TIMEOUT=str(budget))
    result = Fairness(budget)
    stop = threading.Event()
    slow = slow_page_body()

    def attacker() -> None:
        connection = _connect(server.port)
        while not stop.is_set():
            try:
                result.hostile_statuses[post(connection, slow).status] += 1
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = _connect(server.port)
        connection.close()

    attackers = [threading.Thread(target=attacker) for _ in range(HOSTILE_IN_FLIGHT)]
    try:
        for thread in attackers:
            thread.start()
        time.sleep(1.0)
        connection = _connect(server.port)
        for body in pages[:normal_pages]:
            started = time.perf_counter()
            response = post(connection, body)
            result.seconds.append(time.perf_counter() - started)
            result.statuses[response.status] += 1
            if response.status == 503 and not response.getheader("Retry-After"):
                result.missing_retry_after += 1
        connection.close()
    finally:
        stop.set()
        for thread in attackers:
            thread.join()
        server.stop()
    return result


def _verdict(holds: bool) -> str:
    return "within" if holds else "EXCEEDED"


def report(levels: list[Level], soaked: Soak, fair: Fairness) -> str:
    lines = [
        "Load on winnow serve (default workers and threads)",
        "=" * 50,
        f"  {'concurrency':>11} {'requests':>9} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}"
        f" {'errors':>7}",
    ]
    lines += [level.line() for level in levels]
    hostile = soaked.level.requests // SOAK_HOSTILE_EVERY
    lines += [
        "",
        f"Soak: {soaked.level.requests} requests ({hostile} hostile) at concurrency "
        f"{SOAK_CONCURRENCY}, {len(soaked.level.errors)} errors",
        "  server process:  "
        + ", ".join(f"{n}: {main / 1024:.0f} MiB" for n, main, _ in soaked.samples),
        f"  growth after the first {SOAK_WARM} requests: {soaked.main_growth:+.1%} (bound "
        f"{MAX_MAIN_GROWTH:.0%}: {_verdict(soaked.main_growth <= MAX_MAIN_GROWTH)})",
        "  with its workers (proportional set size): "
        + ", ".join(f"{n}: {total / 1024:.0f} MiB" for n, _, total in soaked.samples),
        f"  growth: {soaked.total_growth:+.1%} (bound {MAX_MEMORY_GROWTH:.0%}: "
        f"{_verdict(soaked.total_growth <= MAX_MEMORY_GROWTH)})",
        "",
        f"Normal pages with {HOSTILE_IN_FLIGHT} hostile pages in flight "
        f"(budget {fair.budget:g} s):",
        f"  {len(fair.seconds)} pages, statuses {dict(sorted(fair.statuses.items()))}, "
        f"slowest {max(fair.seconds, default=float('nan')):.1f} s, median "
        f"{statistics.median(fair.seconds) if fair.seconds else float('nan'):.2f} s "
        f"(bound {fair.bound:g} s: {_verdict(fair.holds)})",
        f"  the hostile pages got {dict(sorted(fair.hostile_statuses.items()))}",
    ]
    return "\n".join(lines)


def measure(
    quick: bool, budget: float = HOSTILE_BUDGET_SECONDS
) -> tuple[list[Level], Soak, Fairness]:
    pages = bodies(limit=60 if quick else None)
    per_level = QUICK_REQUESTS_PER_LEVEL if quick else REQUESTS_PER_LEVEL
    with tempfile.TemporaryDirectory() as workdir:
        server = WinnowServer(Path(workdir))
        try:
            run_level(server, pages, 2, min(len(pages), per_level))  # warm up both workers
            levels = []
            for concurrency in CONCURRENCY:
                print(f"  concurrency {concurrency}…", file=sys.stderr, flush=True)
                levels.append(run_level(server, pages, concurrency, per_level))
            soaked = soak(server, pages, QUICK_SOAK_REQUESTS if quick else SOAK_REQUESTS)
        finally:
            server.stop()
        print("  hostile pages in flight…", file=sys.stderr, flush=True)
        normal = QUICK_NORMAL_PAGES_DURING_HOSTILE if quick else NORMAL_PAGES_DURING_HOSTILE
        fair = fairness(Path(workdir), pages, normal, budget)
    return levels, soaked, fair


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument(
        "--budget",
        type=float,
        default=HOSTILE_BUDGET_SECONDS,
        help="WINNOW_ANALYSIS_TIMEOUT for the hostile-pages run (seconds)",
    )
    args = parser.parse_args(argv)
    levels, soaked, fair = measure(args.quick, args.budget)
    print(report(levels, soaked, fair))
    errors = sum(len(level.errors) for level in levels) + len(soaked.level.errors)
    return 1 if errors or not fair.holds else 0


if __name__ == "__main__":
    sys.exit(main())
