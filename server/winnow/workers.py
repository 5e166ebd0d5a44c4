"""Analyses in worker processes: one deadline per request, a bounded wait for a worker, and a
server process whose memory does not grow with the pages it is sent.

A request thread borrows an idle worker (waiting at most `wait` seconds, else the server is
busy), streams it the raw request body in chunks, answers its question for the site's rules and
takes back the response as bytes: the server process never holds the page, its tree or the
response as objects. A worker past the request's deadline is killed and replaced (a thread
cannot be stopped; a process can), and every worker is replaced after MAX_JOBS_PER_WORKER pages
so that memory lxml leaves fragmented is handed back to the system. Two processes also use both
cores, which the GIL would not.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import queue
import threading
import time
import traceback
from multiprocessing.connection import Connection
from typing import BinaryIO

from . import jobs
from .errors import ApiError
from .site_rules import SiteRules

log = logging.getLogger(__name__)

# Workers are forked from a fork server that warmed itself up (`warm`): forking the server
# process itself would copy its request threads' locks mid-use, and a fresh interpreter per
# worker ("spawn", where there is no fork server) pays the warm-up again for each one.
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
CONTEXT = multiprocessing.get_context(START_METHOD)
if START_METHOD == "forkserver":
    CONTEXT.set_forkserver_preload(["winnow.warm"])
# A worker lives this many pages: long enough that what it loads for a page's language and the
# caches it fills pay off (replacing one every 200 pages cost 6% of the throughput), short
# enough that memory lxml leaves fragmented goes back to the system (a 10,000-page soak with
# hostile pages: no growth).
MAX_JOBS_PER_WORKER = 1000
# The request body goes to the worker in pieces of this size (never whole in this process).
CHUNK_BYTES = 64 * 1024
# A request waits for a worker only while this share of its budget is left for the analysis.
MIN_ANALYSIS_SHARE = 0.5
READY = "ready"
# How long a new worker may take to start; one that takes longer is replaced.
START_SECONDS = 120.0


class ServerBusy(Exception):
    """No worker became free in time; one will be in about `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"every analysis worker is busy; try again in {retry_after} s")
        self.retry_after = retry_after


class AnalysisTimeout(Exception):
    """The page was not analyzed by the request's deadline; its worker was killed."""


class AnalysisFailed(Exception):
    """The worker died or failed unexpectedly; it was replaced."""


def _receive_body(conn: Connection) -> bytes:
    parts = []
    while chunk := conn.recv_bytes():
        parts.append(chunk)
    return b"".join(parts)


def _serve(conn: Connection) -> None:
    """A worker's life: warm up, say it is ready, then answer requests until told to stop
    (None) or the pipe closes."""
    # Already imported in a forked worker; a spawned one warms up here, before it takes a
    # request, so that what the pipeline loads on first use is never paid by a request's budget.
    from . import warm  # noqa: F401

    conn.send(READY)

    def rules_for(url: str) -> SiteRules:
        conn.send(("rules", url))
        return conn.recv()

    while True:
        try:
            settings = conn.recv()
        except EOFError:
            return
        if settings is None:
            return
        try:
            answer = jobs.perform(_receive_body(conn), settings, rules_for)
            conn.send(("ok", answer))
        except ApiError as exc:
            conn.send(("refused", (exc.status, exc.code, exc.message)))
        except (EOFError, OSError):
            return
        except Exception:
            conn.send(("error", traceback.format_exc()))


class _Worker:
    def __init__(self) -> None:
        self.conn, child = CONTEXT.Pipe()
        self.process = CONTEXT.Process(
            target=_serve, args=(child,), daemon=True, name="winnow-analysis"
        )
        self.process.start()
        child.close()
        self.jobs = 0

    def wait_ready(self) -> bool:
        """Whether the worker started and warmed up within START_SECONDS."""
        try:
            return self.conn.poll(START_SECONDS) and self.conn.recv() == READY
        except (EOFError, OSError):
            return False

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def worker_wait(wait: float, deadline: float, budget: float, now: float) -> float:
    """Seconds a request may wait for a worker: at most `wait`, and never past the point where
    less than `MIN_ANALYSIS_SHARE` of its budget would be left for the analysis."""
    latest = deadline - budget * MIN_ANALYSIS_SHARE
    return max(0.0, min(wait, latest - now))


class AnalysisPool:
    """`size` worker processes; `run` answers one analyze request by its deadline, after
    waiting at most `wait` seconds for a free worker."""

    def __init__(self, size: int, wait: float) -> None:
        self.size = size
        self.wait = wait
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._deadlines: dict[_Worker, float] = {}
        self._closed = False
        starting = [_Worker() for _ in range(size)]
        for worker in starting:
            self._ready(worker)

    def run(
        self,
        body: BinaryIO,
        settings: jobs.JobSettings,
        rules_for: jobs.RulesFor,
        deadline: float,
        budget: float,
    ) -> jobs.Answer:
        """The answer to one request whose deadline is `deadline` (`budget` seconds after it
        began)."""
        worker = self._acquire(deadline, budget)
        broken = True
        try:
            answer = self._converse(worker, body, settings, rules_for, deadline)
            broken = False
            return answer
        except ApiError:
            broken = False
            raise
        finally:
            self._release(worker, broken)

    def _acquire(self, deadline: float, budget: float) -> _Worker:
        """An idle worker, waited for at most `wait` seconds and never past half the budget:
        a page that gets a worker has at least the other half to itself."""
        wait = worker_wait(self.wait, deadline, budget, time.monotonic())
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise ServerBusy(self._retry_after()) from None
        with self._lock:
            self._deadlines[worker] = deadline
        return worker

    def _retry_after(self) -> int:
        """Seconds until a worker is surely free: the soonest deadline of the busy ones."""
        with self._lock:
            soonest = min(self._deadlines.values(), default=time.monotonic())
        return max(1, math.ceil(soonest - time.monotonic()))

    def _converse(
        self,
        worker: _Worker,
        body: BinaryIO,
        settings: jobs.JobSettings,
        rules_for: jobs.RulesFor,
        deadline: float,
    ) -> jobs.Answer:
        try:
            worker.conn.send(settings)
            while chunk := body.read(CHUNK_BYTES):
                worker.conn.send_bytes(chunk)
            worker.conn.send_bytes(b"")
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not worker.conn.poll(remaining):
                    raise AnalysisTimeout("the page was not analyzed in time")
                kind, payload = worker.conn.recv()
                if kind == "rules":
                    worker.conn.send(rules_for(payload))
                elif kind == "ok":
                    return payload
                elif kind == "refused":
                    raise ApiError(*payload)
                else:
                    log.error("analysis failed in a worker:\n%s", payload)
                    raise AnalysisFailed("the analysis failed unexpectedly")
        except (EOFError, BrokenPipeError, OSError) as exc:
            log.error("an analysis worker died: %s", exc)
            raise AnalysisFailed("the analysis worker stopped unexpectedly") from exc

    def _release(self, worker: _Worker, broken: bool) -> None:
        """Back to the idle workers; a broken or worn-out worker is replaced in the background,
        its successor idle only once it is ready (a request never waits on a start)."""
        with self._lock:
            self._deadlines.pop(worker, None)
        worker.jobs += 1
        if not broken and (worker.jobs < MAX_JOBS_PER_WORKER or self._closed):
            self._idle.put(worker)
            return
        threading.Thread(target=self._replace, args=(worker, broken), daemon=True).start()

    def _replace(self, worker: _Worker, kill: bool) -> None:
        worker.stop(kill=kill)
        self._ready(_Worker())

    def _ready(self, worker: _Worker) -> None:
        while not worker.wait_ready():
            log.error("an analysis worker did not start; starting another")
            worker.stop(kill=True)
            worker = _Worker()
        if self._closed:
            worker.stop()
            return
        self._idle.put(worker)

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
