"""Fixtures for the browser tests: Chromium with the unpacked extension, the real `winnow serve`
started here, and the test pages served as http://news.test:PORT/..."""

from __future__ import annotations

import sys
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Test helpers come from this folder; the winnow package stays the installed one.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import Playwright
from support import ADMIN_TOKEN, Extension, PageServer, PageUrl, RecordingProxy

from bench.server import WinnowServer


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
def own_server(tmp_path: Path) -> Iterator[WinnowServer]:
    """A real server with an empty database of this test's own. Every test that sends a report
    needs one: on the session's server a report would teach rules about news.test (stop flagging
    the seed's title, flag its navigation) to every test that runs after it."""
    workdir = tmp_path / "own-server"
    workdir.mkdir()
    server = WinnowServer(workdir, WINNOW_ADMIN_TOKEN=ADMIN_TOKEN)
    yield server
    server.stop()


@contextmanager
def _proxied(extension: Extension, server: WinnowServer) -> Iterator[RecordingProxy]:
    """The extension's server becomes a recording proxy in front of `server`."""
    recorder = RecordingProxy(server.url)
    extension.set_options(serverUrl=recorder.url)
    try:
        yield recorder
    finally:
        recorder.stop()


@pytest.fixture
def proxy(extension: Extension, winnow_server: WinnowServer) -> Iterator[RecordingProxy]:
    """A recording proxy in front of the session's real server."""
    with _proxied(extension, winnow_server) as recorder:
        yield recorder


@pytest.fixture
def own_proxy(extension: Extension, own_server: WinnowServer) -> Iterator[RecordingProxy]:
    """A recording proxy in front of this test's own real server."""
    with _proxied(extension, own_server) as recorder:
        yield recorder


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
    funcargs = getattr(item, "funcargs", {})
    for name in ("winnow_server", "own_server"):
        server = funcargs.get(name)
        if report.failed and isinstance(server, WinnowServer):
            report.sections.append((f"{name} output", server.log()[-8000:]))
    ext = funcargs.get("extension")
    if report.failed and isinstance(ext, Extension) and ext.errors:
        report.sections.append(("page errors", "\n".join(ext.errors)))
    return report
