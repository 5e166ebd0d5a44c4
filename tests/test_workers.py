"""Analyses in worker processes: the same answers, one deadline per request, a bounded wait for
a worker, and recovery from a dead worker; then the same over HTTP against `winnow serve`."""

from __future__ import annotations

import io
import json
import threading
import time

import pytest

from bench.server import WinnowServer
from helpers import SEED_URL
from live import call
from winnow import pipeline
from winnow.errors import ApiError
from winnow.jobs import JobSettings
from winnow.page import Limits
from winnow.site_rules import NO_RULES
from winnow.workers import (
    MIN_ANALYSIS_SHARE,
    AnalysisFailed,
    AnalysisPool,
    AnalysisTimeout,
    ServerBusy,
    worker_wait,
)

pytestmark = pytest.mark.slow

# Many megabytes of article: many seconds of work, far past the short budgets used here.
SLOW_PAGE = (
    "<html><body><article>"
    + "<p>"
    + "lorem ipsum dolor sit amet " * 400
    + "</p>"
    + ("<p>" + "consectetur adipiscing elit sed do eiusmod " * 40 + "</p>") * 8000
    + "</article></body></html>"
)
SETTINGS = JobSettings(Limits(), False, 1.0, 1000)
LONG = 60.0
SHORT_BUDGET = 1.0
# How late past its deadline an abandoned page's answer may come: room for a slow machine to kill
# the worker, yet far short of the minute the slow page's own analysis takes.
ABANDON_SLACK_SECONDS = 10.0
# How long a killed worker's successor may take to start and warm up.
REPLACEMENT_SECONDS = 60


def body(html: str) -> io.BytesIO:
    return io.BytesIO(json.dumps({"url": SEED_URL, "html": html}).encode())


def run(pool: AnalysisPool, html: str, seconds: float = LONG):
    return pool.run(body(html), SETTINGS, lambda url: NO_RULES, time.monotonic() + seconds, seconds)


def occupy(pool: AnalysisPool, seconds: float) -> threading.Thread:
    """Keep the pool's worker busy with the slow page until its deadline."""

    def hostile() -> None:
        with pytest.raises(AnalysisTimeout):
            run(pool, SLOW_PAGE, seconds)

    thread = threading.Thread(target=hostile)
    thread.start()
    time.sleep(0.5)
    return thread


@pytest.fixture
def pool():
    running = AnalysisPool(size=1, wait=LONG)
    yield running
    running.close()


def test_a_worker_answers_as_the_pipeline_does(pool, seed_html):
    answer = run(pool, seed_html)
    expected = pipeline.run(seed_html, SEED_URL)
    assert json.loads(answer.body)["annotations"] == expected.response["annotations"]
    assert answer.remember == expected.remember and answer.remember


def test_the_worker_asks_for_the_rules_of_the_page_it_reads(pool, seed_html):
    asked = []
    pool.run(
        body(seed_html),
        SETTINGS,
        lambda url: asked.append(url) or NO_RULES,
        time.monotonic() + LONG,
        LONG,
    )
    assert asked == [SEED_URL]


@pytest.mark.parametrize(
    ("data", "status"),
    [(b"{not json", 400), (b"[]", 400), (b'{"url": "ftp://x/"}', 400), (b"", 400)],
)
def test_a_bad_request_comes_back_as_its_error(pool, data, status):
    with pytest.raises(ApiError) as refused:
        pool.run(io.BytesIO(data), SETTINGS, lambda url: NO_RULES, time.monotonic() + LONG, LONG)
    assert refused.value.status == status


def test_a_page_error_comes_back_as_a_422(pool):
    with pytest.raises(ApiError, match="empty") as refused:
        run(pool, "   ")
    assert refused.value.status == 422


def test_a_page_past_the_deadline_is_abandoned_and_the_worker_replaced(seed_html):
    pool = AnalysisPool(size=1, wait=LONG)
    try:
        started = time.monotonic()
        with pytest.raises(AnalysisTimeout):
            run(pool, SLOW_PAGE, SHORT_BUDGET)
        assert time.monotonic() - started < SHORT_BUDGET + ABANDON_SLACK_SECONDS
        assert json.loads(run(pool, seed_html).body)["annotations"]
    finally:
        pool.close()


def test_a_request_waits_for_a_worker_only_so_long_and_learns_when_to_retry(seed_html):
    pool = AnalysisPool(size=1, wait=0.3)
    try:
        hostile = occupy(pool, 5.0)
        with pytest.raises(ServerBusy) as busy:
            run(pool, seed_html)
        assert hostile.is_alive(), "the request waited for the busy worker to come free"
        assert 1 <= busy.value.retry_after <= 5
        hostile.join()
    finally:
        pool.close()


def test_the_wait_for_a_worker_leaves_half_the_budget_to_the_page(seed_html):
    pool = AnalysisPool(size=1, wait=LONG)
    try:
        hostile = occupy(pool, 5.0)
        started = time.monotonic()
        with pytest.raises(ServerBusy):
            run(pool, seed_html, SHORT_BUDGET)
        assert time.monotonic() - started >= SHORT_BUDGET * MIN_ANALYSIS_SHARE - 0.1
        assert hostile.is_alive(), "the request waited for the busy worker to come free"
        hostile.join()
    finally:
        pool.close()


@pytest.mark.parametrize(
    ("wait", "deadline", "now", "expected"),
    [
        (0.3, 110.0, 100.0, 0.3),
        (60.0, 110.0, 100.0, 5.0),
        (60.0, 110.0, 104.0, 1.0),
        (60.0, 110.0, 106.0, 0.0),
    ],
    ids=["the pool's wait", "half the budget", "what is left of half", "nothing left"],
)
def test_a_request_waits_for_a_worker_at_most_the_pools_wait_and_half_its_budget(
    wait, deadline, now, expected
):
    assert worker_wait(wait, deadline, 10.0, now) == pytest.approx(expected)


def test_a_dead_worker_is_replaced(pool, seed_html):
    worker = pool._idle.queue[0]
    worker.process.kill()
    worker.process.join()
    with pytest.raises(AnalysisFailed):
        run(pool, seed_html)
    assert json.loads(run(pool, seed_html).body)["annotations"]


# -- over HTTP --------------------------------------------------------------------------------


@pytest.fixture
def one_worker(tmp_path):
    running = WinnowServer(
        tmp_path,
        WINNOW_ANALYSIS_WORKERS="1",
        WINNOW_ANALYSIS_TIMEOUT=str(SHORT_BUDGET * 2),
        WINNOW_ANALYSIS_WAIT="0.5",
        WINNOW_MAX_BODY_BYTES=str(64 * 1024 * 1024),
    )
    yield running
    running.stop()


def test_busy_is_a_503_with_retry_after_and_only_the_slow_page_is_a_422(one_worker, seed_html):
    answers = {}

    def hostile() -> None:
        started = time.monotonic()
        answers["slow"] = call(
            one_worker, "POST", "/api/analyze", {"url": SEED_URL, "html": SLOW_PAGE}
        )
        answers["slow_seconds"] = time.monotonic() - started

    thread = threading.Thread(target=hostile)
    thread.start()
    time.sleep(0.8)
    normal = call(one_worker, "POST", "/api/analyze", {"url": SEED_URL, "html": seed_html})
    assert (normal.status, normal.error_code()) == (503, "server_busy")
    assert int(normal.headers["Retry-After"]) >= 1
    thread.join()
    assert (answers["slow"].status, answers["slow"].error_code()) == (422, "analysis_timeout")
    assert answers["slow_seconds"] < SHORT_BUDGET * 2 + ABANDON_SLACK_SECONDS
    replaced = time.monotonic() + REPLACEMENT_SECONDS
    after = call(one_worker, "POST", "/api/analyze", {"url": SEED_URL, "html": seed_html})
    while after.status == 503 and time.monotonic() < replaced:
        time.sleep(int(after.headers["Retry-After"]))
        after = call(one_worker, "POST", "/api/analyze", {"url": SEED_URL, "html": seed_html})
    assert after.status == 200
