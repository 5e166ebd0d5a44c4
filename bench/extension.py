"""How long a reader waits: from the press of Winnow's toolbar button to the first mark on the
page, and to the whole page being done, in headless Chromium against the real `winnow serve`.

    python -m bench.extension              # the seed page and a 2 MB page, median of 5 presses
    python -m bench.extension --runs 9

Each page is pressed once to warm up (the server's workers, the extension's service worker),
then `--runs` times; between presses a second press removes Winnow from the page. The clock is
the page's own (performance.now()): it starts just before the press is sent through the
DevTools protocol, and the first mark is the first animation frame in which a highlight or a
flagged block exists.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .browser import ROOT, Extension, PageServer, wait_removed, wait_settled
from .pages import long_page
from .server import WinnowServer

SEED = ROOT / "tests" / "pages" / "seed" / "page.html"
DEFAULT_RUNS = 5
VIEWPORT = {"width": 1280, "height": 900}
SETTLE_TIMEOUT_MS = 60_000

# Starts the page's clock and watches every frame for Winnow's first mark and for "done".
WATCH_JS = """() => {
    const times = { start: performance.now(), mark: null, done: null };
    window.__winnowTimes = times;
    const frame = () => {
        const now = performance.now();
        const marked = CSS.highlights.has('winnow-spam')
            || document.querySelector('[data-winnow-flag]') !== null;
        if (marked && times.mark === null) times.mark = now;
        if (document.documentElement.getAttribute('data-winnow-status') === 'done') {
            times.done = now;
            return;
        }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
}"""
TIMES_JS = """() => {
    const t = window.__winnowTimes;
    return { mark: t.mark - t.start, done: t.done - t.start };
}"""


@dataclass
class Timing:
    page: str
    size: int
    marks: list[float]
    dones: list[float]


def press_and_time(extension: Extension, page) -> tuple[float, float]:
    page.evaluate(WATCH_JS)
    extension.press(page)
    if wait_settled(page, timeout=SETTLE_TIMEOUT_MS) != "done":
        raise RuntimeError(f"Winnow failed on {page.url}")
    page.wait_for_function("() => window.__winnowTimes.done !== null")
    times = page.evaluate(TIMES_JS)
    extension.press(page)
    wait_removed(page, timeout=SETTLE_TIMEOUT_MS)
    return times["mark"], times["done"]


def measure(extension: Extension, url: str, name: str, size: int, runs: int) -> Timing:
    page = extension.open(url)
    page.set_viewport_size(VIEWPORT)
    press_and_time(extension, page)
    timing = Timing(name, size, [], [])
    for run in range(1, runs + 1):
        mark, done = press_and_time(extension, page)
        timing.marks.append(mark)
        timing.dones.append(done)
        print(
            f"  {name}: press {run}/{runs}: first mark {mark:.0f} ms, done {done:.0f} ms",
            file=sys.stderr,
        )
    page.close()
    return timing


def report(timings: list[Timing], runs: int) -> str:
    lines = [
        f"Click to first mark and to done, median of {runs} presses (min–max), ms:",
        f"{'page':<12} {'size':>9}  {'first mark':>20}  {'done':>20}",
    ]
    for t in timings:
        mark = f"{statistics.median(t.marks):.0f} ({min(t.marks):.0f}–{max(t.marks):.0f})"
        done = f"{statistics.median(t.dones):.0f} ({min(t.dones):.0f}–{max(t.dones):.0f})"
        lines.append(f"{t.page:<12} {t.size / 1e6:>7.2f} MB  {mark:>20}  {done:>20}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    seed = SEED.read_text(encoding="utf-8")
    pages = {"seed": seed, "long (2 MB)": long_page(seed)}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        server = WinnowServer(Path(tmp))
        served = PageServer()
        extension = Extension.launch(playwright, chromium, Path(tmp) / "profile")
        try:
            extension.worker.evaluate(
                "(url) => chrome.storage.local.set({ serverUrl: url })", server.url
            )
            timings = []
            for i, (name, html) in enumerate(pages.items()):
                print(
                    f"{name}: {len(html.encode()) / 1e6:.2f} MB, {args.runs} presses",
                    file=sys.stderr,
                )
                url = served.add(f"/bench/{i}.html", html)
                timings.append(measure(extension, url, name, len(html.encode()), args.runs))
        finally:
            extension.close()
            served.stop()
            server.stop()
    print(report(timings, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
