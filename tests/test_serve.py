"""`winnow serve` itself: loopback only by default, and the origin and token rules over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bench.server import WinnowServer
from helpers import ROOT
from live import call

pytestmark = pytest.mark.slow

PAGE = {"url": "https://news.example/a.html", "html": "<p>A council met on Monday evening.</p>"}


def post(server: WinnowServer, path: str, body: dict, **headers: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        server.url + path,
        json.dumps(body).encode(),
        {"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = WinnowServer(tmp_path_factory.mktemp("serve"), WINNOW_API_TOKEN="s3cret-token")
    yield running
    running.stop()


def test_it_listens_on_loopback_only_by_default(server):
    assert f"Serving on http://127.0.0.1:{server.port}" in server.log()


def test_a_web_page_cannot_make_it_analyze(server):
    status, body = post(
        server,
        "/api/analyze",
        PAGE,
        Origin="https://news.example",
        Authorization="Bearer s3cret-token",
    )
    assert status == 403 and body["error"]["code"] == "forbidden_origin"


def test_a_web_page_cannot_make_it_record_feedback(server):
    report = {
        "url": PAGE["url"],
        "verdict": "missed",
        "kind": "injected_spam",
        "quote": "x",
        "client": "client-00000001",
    }
    status, _ = post(
        server,
        "/api/feedback",
        report,
        Origin="https://news.example",
        Authorization="Bearer s3cret-token",
    )
    assert status == 403


def test_the_token_is_required_on_every_call(server):
    assert post(server, "/api/analyze", PAGE)[0] == 401
    status, body = post(
        server,
        "/api/analyze",
        PAGE,
        Origin="chrome-extension://abcdef",
        Authorization="Bearer s3cret-token",
    )
    assert status == 200 and body["reader"]["text"].startswith("A council met")


INSTANCE = ROOT / "server" / "instance"


def test_the_default_database_lives_in_the_users_data_directory(tmp_path):
    """No WINNOW_DATABASE_URL: the store goes to $XDG_DATA_HOME/winnow, never into the
    checkout, and the server says where it is."""
    data_home = tmp_path / "data"
    default = WinnowServer(tmp_path, "", XDG_DATA_HOME=str(data_home))
    try:
        assert call(default, "POST", "/api/clients", {}).status == 201
        database = data_home / "winnow" / "winnow.db"
        assert database.is_file()
        assert f"Feedback store: sqlite:///{database}" in default.log()
    finally:
        default.stop()
    assert not INSTANCE.exists()


def test_a_configured_database_makes_no_folder_in_the_checkout(tmp_path):
    configured = WinnowServer(tmp_path, XDG_DATA_HOME=str(tmp_path / "unused"))
    try:
        assert call(configured, "POST", "/api/clients", {}).status == 201
        assert f"Feedback store: sqlite:///{tmp_path / 'winnow.db'}" in configured.log()
    finally:
        configured.stop()
    assert not INSTANCE.exists()
    assert not (tmp_path / "unused").exists()
