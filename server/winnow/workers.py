"""Analyses in worker processes: a hard wall-clock budget, and memory that cannot creep.

A request thread borrows an idle worker, sends it the page and waits at most the budget. A
worker past its budget is killed and replaced (a thread cannot be stopped; a process can), and
every worker is replaced after MAX_JOBS_PER_WORKER pages so that memory lxml leaves fragmented
is handed back to the system. Two processes also use both cores, which the GIL would not.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

from . import pipeline
from .page import Limits, PageError
from .site_rules import SiteRules

log = logging.getLogger(__name__)

# Fresh interpreters: forking a process that runs request threads copies their locks mid-use.
CONTEXT = multiprocessing.get_context("spawn")
MAX_JOBS_PER_WORKER = 200


class AnalysisTimeout(Exception):
    """The page was not analyzed within the budget; its worker was killed."""


class AnalysisFailed(Exception):
    """The worker died or failed unexpectedly; it was replaced."""


@dataclass(frozen=True)
class Job:
    html: str
    url: str
    rules: SiteRules
    limits: Limits
    hidden: frozenset[str]


def _serve(conn: Connection) -> None:
    """A worker's life: analyze what arrives until told to stop (None) or the pipe closes."""
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            result = pipeline.analyze(job.html, job.url, job.rules, job.limits, job.hidden)
            conn.send(("ok", result))
        except PageError as exc:
            conn.send(("page_error", str(exc)))
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


class AnalysisPool:
    """`size` worker processes; `run` analyzes one page within `timeout` seconds."""

    def __init__(self, size: int, timeout: float) -> None:
        self.size = size
        self.timeout = timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(_Worker())

    def run(self, job: Job) -> dict:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty as exc:
            raise AnalysisTimeout(
                f"every analysis worker stayed busy for {self.timeout:g} seconds"
            ) from exc
        try:
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout):
                worker.stop(kill=True)
                worker = _Worker()
                raise AnalysisTimeout(f"the page took longer than {self.timeout:g} seconds")
            status, payload = worker.conn.recv()
        except (EOFError, BrokenPipeError, OSError) as exc:
            log.error("an analysis worker died: %s", exc)
            worker.stop(kill=True)
            worker = _Worker()
            raise AnalysisFailed("the analysis worker stopped unexpectedly") from exc
        finally:
            worker = self._recycled(worker)
            self._idle.put(worker)
        if status == "page_error":
            raise PageError(payload)
        if status == "error":
            log.error("analysis failed in a worker:\n%s", payload)
            raise AnalysisFailed("the analysis failed unexpectedly")
        return payload

    def _recycled(self, worker: _Worker) -> _Worker:
        worker.jobs += 1
        if worker.jobs < MAX_JOBS_PER_WORKER or self._closed:
            return worker
        worker.stop()
        return _Worker()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
