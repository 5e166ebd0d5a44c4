"""Browser tests of the extension (headless Chromium, the real winnow serve)."""
