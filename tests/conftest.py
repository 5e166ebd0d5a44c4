"""Fixtures: a fresh app per test, with its own database (SQLite, and
PostgreSQL for the tests that run on both backends)."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

import postgres
from helpers import PAGES
from winnow import create_app, db

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

STRICT = os.environ.get("WINNOW_TEST_STRICT") == "1"
_database_names = itertools.count()


@pytest.fixture(autouse=True, scope="session")
def _private_data_directory(tmp_path_factory) -> Iterator[None]:
    """Nothing a test runs writes to the user's own data directory (the default store)."""
    data_home = tmp_path_factory.mktemp("xdg-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(data_home))
        yield


def missing(what: str) -> NoReturn:
    """A tool the tests need is absent: skip, or fail under WINNOW_TEST_STRICT (CI)."""
    if STRICT:
        pytest.fail(what)
    pytest.skip(what)


def make_app(tmp_path, database_url: str | None = None, **config):
    settings = {
        "TESTING": True,
        "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'winnow.db'}",
        # In the request thread: the worker pool has tests of its own.
        "ANALYSIS_WORKERS": 0,
        **config,
    }
    return create_app(settings)


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    yield app
    db.dispose(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for the session, or a skip (a failure under WINNOW_TEST_STRICT)."""
    if postgres.binaries() is None:
        missing("PostgreSQL binaries are not installed (apt-get install postgresql)")
    with postgres.running_server() as admin_url:
        yield admin_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'winnow.db'}"
    admin_url = request.getfixturevalue("postgres_server")
    return postgres.create_database(admin_url, f"winnow_test_{next(_database_names)}")


@pytest.fixture
def backend_app(tmp_path, database_url):
    """An app on each backend in turn."""
    app = make_app(tmp_path, database_url)
    yield app
    db.dispose(app)


@pytest.fixture
def backend_client(backend_app):
    return backend_app.test_client()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's path, or a skip (a failure under WINNOW_TEST_STRICT) when it is missing."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if Path(path).is_file():
        return path
    missing(f"Chromium is not installed ({path}; set $CHROMIUM)")


@pytest.fixture(scope="session")
def playwright(chromium: str) -> Iterator[Playwright]:
    """One Playwright for the whole run: its sync API cannot be started twice in one thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def seed_html() -> str:
    return (PAGES / "seed" / "page.html").read_text(encoding="utf-8")


@pytest.fixture
def seed_expected() -> dict:
    return json.loads((PAGES / "seed" / "expected.json").read_text(encoding="utf-8"))
