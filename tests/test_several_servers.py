"""Several `winnow serve` processes on one PostgreSQL database, as the README describes: they
migrate it once between them, and a report sent to one takes effect on the other within the
rules cache's lifetime."""

from __future__ import annotations

import time

import psycopg
import pytest

import postgres
from bench.server import WinnowServer
from helpers import PAGES
from live import call
from winnow.store import RULES_CACHE_SECONDS

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

SEED = (PAGES / "seed" / "page.html").read_text(encoding="utf-8")
PHRASE = "FinLogic FinLogic Quantitative Think Tank Center"
URL = "https://shared.example/story.html"
MIGRATED = "database migrated to version"
# Past the cache's lifetime, how long a slow machine may take to answer with the new rules.
ARRIVAL_SLACK_SECONDS = 10


@pytest.fixture
def pair(tmp_path, postgres_server):
    database = postgres.create_database(postgres_server, f"winnow_pair_{tmp_path.name}")
    servers = []
    for name in ("one", "two"):
        workdir = tmp_path / name
        workdir.mkdir()
        servers.append(WinnowServer(workdir, database, wait=False))
    try:
        for server in servers:
            server.wait_until_up()
        yield servers, database
    finally:
        for server in servers:
            server.stop()


def spam(server: WinnowServer, token: str) -> list[str]:
    answer = call(
        server, "POST", "/api/analyze", {"url": URL, "html": SEED}, {"X-Winnow-Client": token}
    )
    assert answer.status == 200
    return [a["quote"] for a in answer.body["annotations"] if a["kind"] == "injected_spam"]


def test_servers_started_together_migrate_the_database_once(pair):
    (one, two), database = pair
    logs = [one.log(), two.log()]
    assert sum(MIGRATED in log for log in logs) == 1, logs
    plain = database.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain) as conn:
        versions = [v for (v,) in conn.execute("SELECT version FROM winnow_schema ORDER BY 1")]
    assert versions == [1, 2, 3]


def test_a_report_to_one_server_takes_effect_on_the_other(pair):
    (one, two), _ = pair
    token = call(one, "POST", "/api/clients", {}).body["token"]
    assert PHRASE in spam(two, token)  # the other server now holds the site in its cache
    body = {"url": URL, "verdict": "false_positive", "kind": "injected_spam", "quote": PHRASE}
    assert call(one, "POST", "/api/feedback", body, {"X-Winnow-Client": token}).status == 201
    assert PHRASE not in spam(one, token)
    reported = time.monotonic()
    while PHRASE in spam(two, token):
        assert time.monotonic() - reported < RULES_CACHE_SECONDS + ARRIVAL_SLACK_SECONDS, (
            "the report never arrived"
        )
        time.sleep(0.25)
