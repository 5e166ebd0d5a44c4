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


def test_firefox_loads_the_scripts_the_chromium_worker_imports() -> None:
    """Firefox runs `background.scripts` from the manifest, Chromium the worker's
    importScripts(...): both must load the same files, in the same order."""
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text(encoding="utf-8"))
    source = (ROOT / "extension" / "background.js").read_text(encoding="utf-8")
    imported = re.search(r"importScripts\(([^)]*)\)", source)
    assert imported is not None, "background.js no longer calls importScripts"
    scripts = re.findall(r'"([^"]+\.js)"', imported.group(1))
    assert manifest["background"]["scripts"] == [*scripts, manifest["background"]["service_worker"]]
