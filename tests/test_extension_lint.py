"""The extension passes Firefox's linter, so one manifest serves Chromium and Firefox."""

from __future__ import annotations

import json
import os
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
