"""The README's pictures of the extension, made in headless Chromium against the real
`winnow serve`, the way the browser tests and bench/extension.py drive it:

    python -m bench.screenshots            # writes docs/screenshot-*.png

The seed page with the panel open and folded to its badge, a clean page, the reader view in
light, sepia and dark, and the seed page on a phone-width screen (badge, then panel open).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .browser import ROOT, Extension, PageServer, WinnowUI, wait_settled
from .server import WinnowServer

DOCS = ROOT / "docs"
SEED = ROOT / "tests" / "pages" / "seed" / "page.html"
CLEAN = ROOT / "tests" / "e2e" / "pages" / "clean-article.html"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
READER_THEMES = ("light", "sepia", "dark")


def press_in_panel(page, selector: str) -> None:
    """A real click on a control of Winnow's panel (its handlers take no scripted click)."""
    WinnowUI(page).click(selector)
    page.wait_for_timeout(300)


def shoot(page, name: str) -> None:
    path = DOCS / f"screenshot-{name}.png"
    page.screenshot(path=str(path))
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


def analyzed(extension: Extension, served: PageServer, html: str, path: str, viewport: dict):
    page = extension.context.new_page()
    page.set_viewport_size(viewport)
    page.goto(served.add(path, html))
    extension.press(page)
    if wait_settled(page) != "done":
        raise RuntimeError(f"Winnow failed on {path}")
    page.wait_for_timeout(300)
    return page


def main() -> int:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    seed, clean = SEED.read_text(encoding="utf-8"), CLEAN.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        server = WinnowServer(Path(tmp))
        served = PageServer()
        extension = Extension.launch(playwright, chromium, Path(tmp) / "profile")
        try:
            extension.set_options(serverUrl=server.url)
            page = analyzed(extension, served, seed, "/seed.html", DESKTOP)
            shoot(page, "annotated")
            press_in_panel(page, "button.collapse")
            shoot(page, "collapsed")
            with extension.context.expect_page() as opened:
                press_in_panel(page, "button.badge-reader")
            reader = opened.value
            reader.set_viewport_size(DESKTOP)
            reader.wait_for_selector("#article:not([hidden])")
            for theme in READER_THEMES:
                reader.get_by_role("button", name=theme.capitalize()).click()
                shoot(reader, f"reader-{theme}")
            shoot_clean = analyzed(extension, served, clean, "/clean.html", DESKTOP)
            shoot(shoot_clean, "clean")
            phone = analyzed(extension, served, seed, "/phone.html", PHONE)
            shoot(phone, "phone")
            press_in_panel(phone, "button.badge")
            shoot(phone, "phone-open")
        finally:
            extension.close()
            served.stop()
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
