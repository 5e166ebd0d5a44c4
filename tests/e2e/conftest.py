"""Fixtures for the browser tests: Chromium with the unpacked extension, the real `winnow serve`
started here, and the test pages served as http://news.test:PORT/..."""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

# Test helpers come from this worktree; the winnow package stays the installed one.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import Playwright, sync_playwright
from support import Extension, PageServer, PageUrl, chromium_path

from servers import WinnowServer


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path:
        return path
    message = "Chromium is not installed (/usr/bin/chromium or $CHROMIUM)"
    if os.environ.get("WINNOW_TEST_STRICT"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright(chromium: str) -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def winnow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WinnowServer]:
    server = WinnowServer(tmp_path_factory.mktemp("winnow-serve"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pages() -> Iterator[PageServer]:
    server = PageServer()
    yield server
    server.stop()


@pytest.fixture
def extension(
    playwright: Playwright, chromium: str, tmp_path: Path, winnow_server: WinnowServer
) -> Iterator[Extension]:
    """Winnow in a fresh profile, pointed at the real server."""
    ext = Extension.launch(playwright, chromium, tmp_path / "profile")
    ext.set_options(serverUrl=winnow_server.url)
    yield ext
    ext.close()


@pytest.fixture
def page_url(request: pytest.FixtureRequest, pages: PageServer) -> PageUrl:
    """Serve some HTML at a path of this test's own; its URL."""

    def serve(html: str, name: str = "page.html") -> str:
        return pages.add(f"/{request.node.name}/{name}", html)

    return serve


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    server = item.funcargs.get("winnow_server") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(server, WinnowServer):
        report.sections.append(("winnow serve output", server.log()[-8000:]))
    ext = item.funcargs.get("extension") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(ext, Extension) and ext.errors:
        report.sections.append(("page errors", "\n".join(ext.errors)))
    return report
