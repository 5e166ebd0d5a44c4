"""Edges of the HTTP API over the real `winnow serve`: odd arguments and headers are 400s in the
one error shape, never 500s."""

from __future__ import annotations

import pytest

from bench.server import WinnowServer
from live import call

pytestmark = pytest.mark.slow

ADMIN = "edge-admin-token"
AS_ADMIN = {"Authorization": f"Bearer {ADMIN}"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = WinnowServer(tmp_path_factory.mktemp("edges"), WINNOW_ADMIN_TOKEN=ADMIN)
    yield running
    running.stop()


@pytest.mark.parametrize(
    "query", ["limit=%C2%B9", "before=%C2%B2", "limit=%D9%A3", "limit=+5", "before=-1", "limit=1e3"]
)
def test_digits_that_are_not_ascii_digits_are_400(server, query):
    answer = call(server, "GET", f"/api/feedback?{query}", headers=AS_ADMIN)
    assert answer.status == 400, answer.body
    assert answer.error_code() == "bad_request"


@pytest.mark.parametrize("origin", ["chrome-extension://abcdef", "https://news.example", "null"])
def test_an_untrusted_host_with_an_origin_is_400(server, origin):
    answer = call(server, "GET", "/api/health", headers={"Host": "evil.example", "Origin": origin})
    assert answer.status == 400, answer.body
    assert answer.error_code() == "bad_request"
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_an_untrusted_host_without_an_origin_is_400(server):
    answer = call(server, "GET", "/api/health", headers={"Host": "evil.example"})
    assert answer.status == 400
    assert answer.error_code() == "bad_request"
