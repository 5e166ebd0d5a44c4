"""The extension passes Firefox's linter, so one manifest serves Chromium and Firefox."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

from conftest import missing
from helpers import ROOT

LINT_TIMEOUT_SECONDS = 300


def test_web_ext_lint_passes() -> None:
    npx = shutil.which("npx")
    if npx is None:
        missing("npm is not installed: web-ext lint cannot run")
    command = [npx, "--no-install", "web-ext", "lint", "--source-dir", "extension"]
    result = subprocess.run(
        [*command, "--output", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=LINT_TIMEOUT_SECONDS,
        env={**os.environ, "CI": "true"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["summary"]["errors"] == 0


def test_firefox_background_scripts_match_the_service_worker_imports() -> None:
    """Firefox loads `background.scripts`, Chromium the worker's importScripts: the same files,
    in the same order, or one browser runs a different extension."""
    extension = ROOT / "extension"
    manifest = json.loads((extension / "manifest.json").read_text(encoding="utf-8"))
    worker = (extension / "background.js").read_text(encoding="utf-8")
    imports = re.search(r"importScripts\(([^)]*)\)", worker)
    assert imports is not None, "background.js no longer imports its files"
    imported = re.findall(r'"([^"]+)"', imports.group(1))
    assert manifest["background"]["scripts"] == [*imported, "background.js"]
    for script in imported:
        assert (extension / script).is_file(), script
