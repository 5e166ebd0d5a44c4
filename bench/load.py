"""Load on the real `winnow serve`: throughput and latency at several concurrencies, errors, and
resident memory over a long soak.

    python -m bench.load                 # concurrency 1, 4, 16; then a 10,000-request soak
    python -m bench.load --quick         # a smoke run (the tests run this)

The server runs with its default settings (analysis worker processes and threads) on a fresh
SQLite store; the client is this process, one keep-alive connection per concurrent user, sending
the dev corpus's pages (stamped as the extension sends them) round-robin.
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
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

from .corpus import load_cases, stamp
from .server import WinnowServer, resident_kib

CONCURRENCY = (1, 4, 16)
REQUESTS_PER_LEVEL = 400
SOAK_REQUESTS = 10_000
SOAK_CONCURRENCY = 4
SOAK_SAMPLES = 10
QUICK_REQUESTS_PER_LEVEL = 24
QUICK_SOAK_REQUESTS = 120
REQUEST_TIMEOUT_SECONDS = 60
# Memory may grow while caches warm; past this share of the warm figure it is a leak.
MAX_MEMORY_GROWTH = 0.5


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


def _user(port: int, work: cycle, remaining: list[int], lock: threading.Lock, level: Level) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS)
    headers = {"Content-Type": "application/json"}
    while True:
        with lock:
            if remaining[0] <= 0:
                break
            remaining[0] -= 1
            body = next(work)
        started = time.perf_counter()
        try:
            connection.request("POST", "/api/analyze", body, headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if response.status == 200:
                    level.latencies_ms.append(elapsed)
                else:
                    level.errors.append(f"HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            with lock:
                level.errors.append(repr(exc))
            connection.close()
            connection = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS
            )
    connection.close()


def run_level(server: WinnowServer, pages: list[bytes], concurrency: int, requests: int) -> Level:
    level = Level(concurrency)
    work, lock, remaining = cycle(pages), threading.Lock(), [requests]
    users = [
        threading.Thread(target=_user, args=(server.port, work, remaining, lock, level))
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for user in users:
        user.start()
    for user in users:
        user.join()
    level.seconds = time.perf_counter() - started
    return level


def soak(
    server: WinnowServer, pages: list[bytes], requests: int
) -> tuple[list[tuple[int, int]], Level]:
    """(requests done, resident KiB) samples, and the soak's totals."""
    chunk = max(1, requests // SOAK_SAMPLES)
    samples, total = [], Level(SOAK_CONCURRENCY)
    for done in range(0, requests, chunk):
        part = run_level(server, pages, SOAK_CONCURRENCY, min(chunk, requests - done))
        total.latencies_ms += part.latencies_ms
        total.errors += part.errors
        total.seconds += part.seconds
        samples.append((done + part.requests, resident_kib(server.process.pid)))
        print(
            f"  soak: {samples[-1][0]} requests, {samples[-1][1] / 1024:.0f} MiB resident",
            file=sys.stderr,
            flush=True,
        )
    return samples, total


def report(levels: list[Level], samples: list[tuple[int, int]], soak_level: Level) -> str:
    lines = [
        "Load on winnow serve (default workers and threads)",
        "=" * 50,
        f"  {'concurrency':>11} {'requests':>9} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}"
        f" {'errors':>7}",
    ]
    lines += [level.line() for level in levels]
    warm, last = samples[0][1], samples[-1][1]
    growth = (last - warm) / warm if warm else 0.0
    lines += [
        "",
        f"Soak: {soak_level.requests} requests at concurrency {SOAK_CONCURRENCY}, "
        f"{len(soak_level.errors)} errors",
        "  resident memory (server and its workers): "
        + ", ".join(f"{n}: {kib / 1024:.0f} MiB" for n, kib in samples),
        f"  growth from the first sample to the last: {growth:+.1%} (bound "
        f"{MAX_MEMORY_GROWTH:.0%}: {'within' if growth <= MAX_MEMORY_GROWTH else 'EXCEEDED'})",
    ]
    return "\n".join(lines)


def measure(quick: bool) -> tuple[list[Level], list[tuple[int, int]], Level]:
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
            samples, soak_level = soak(
                server, pages, QUICK_SOAK_REQUESTS if quick else SOAK_REQUESTS
            )
        finally:
            server.stop()
    return levels, samples, soak_level


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    args = parser.parse_args(argv)
    levels, samples, soak_level = measure(args.quick)
    print(report(levels, samples, soak_level))
    errors = sum(len(level.errors) for level in levels) + len(soak_level.errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
