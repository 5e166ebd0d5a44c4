"""Analyses in worker processes: same answers, a hard time budget, recovery from a dead worker."""

from __future__ import annotations

import pytest

from conftest import make_app
from helpers import SEED_URL, assert_error
from winnow import pipeline
from winnow.page import Limits, PageError
from winnow.site_rules import NO_RULES
from winnow.workers import AnalysisFailed, AnalysisPool, AnalysisTimeout, Job

pytestmark = pytest.mark.slow

# Several megabytes of article: far more than a quarter of a second's work.
SLOW_PAGE = (
    "<html><body><article>"
    + "<p>"
    + "lorem ipsum dolor sit amet " * 400
    + "</p>" * 1
    + ("<p>" + "consectetur adipiscing elit sed do eiusmod " * 40 + "</p>") * 4000
    + "</article></body></html>"
)


def job(html: str) -> Job:
    return Job(html, SEED_URL, NO_RULES, Limits(), frozenset())


@pytest.fixture
def pool():
    running = AnalysisPool(size=1, timeout=20.0)
    yield running
    running.close()


def test_a_worker_answers_as_the_pipeline_does(pool, seed_html):
    assert (
        pool.run(job(seed_html))["annotations"]
        == pipeline.analyze(seed_html, SEED_URL)["annotations"]
    )


def test_a_page_error_comes_back_as_a_page_error(pool):
    with pytest.raises(PageError, match="empty"):
        pool.run(job("   "))


def test_a_page_over_the_budget_is_abandoned_and_the_worker_replaced(seed_html):
    pool = AnalysisPool(size=1, timeout=0.25)
    try:
        with pytest.raises(AnalysisTimeout, match=r"longer than 0\.25 seconds"):
            pool.run(job(SLOW_PAGE))
        pool.timeout = 20.0
        assert pool.run(job(seed_html))["annotations"]
    finally:
        pool.close()


def test_a_dead_worker_is_replaced(pool, seed_html):
    worker = pool._idle.queue[0]
    worker.process.kill()
    worker.process.join()
    with pytest.raises(AnalysisFailed):
        pool.run(job(seed_html))
    assert pool.run(job(seed_html))["annotations"]


def test_over_budget_is_a_422_over_http(tmp_path, seed_html):
    app = make_app(
        tmp_path, ANALYSIS_WORKERS=1, ANALYSIS_TIMEOUT=0.25, MAX_BODY_BYTES=64 * 1024 * 1024
    )
    client = app.test_client()
    slow = client.post("/api/analyze", json={"url": SEED_URL, "html": SLOW_PAGE})
    assert_error(slow, 422, "analysis_timeout")
    app.extensions["winnow.analysis_pool"].timeout = 20.0
    assert client.post("/api/analyze", json={"url": SEED_URL, "html": seed_html}).status_code == 200
    app.extensions["winnow.analysis_pool"].close()
