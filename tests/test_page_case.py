"""scripts/new-page-case turns a page into a tests/pages/ case that the page tests can read."""

from __future__ import annotations

import json
import subprocess

from helpers import PAGES, ROOT, SEED_URL
from winnow.pipeline import analyze


def test_a_page_becomes_a_case_drafted_from_todays_analysis(tmp_path):
    subprocess.run(
        [
            str(ROOT / "scripts" / "new-page-case"),
            "seed-again",
            str(PAGES / "seed" / "page.html"),
            "--url",
            SEED_URL,
            "--pages",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    folder = tmp_path / "seed-again"
    html = (folder / "page.html").read_text(encoding="utf-8")
    assert html == (PAGES / "seed" / "page.html").read_text(encoding="utf-8")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    seed = json.loads((PAGES / "seed" / "expected.json").read_text(encoding="utf-8"))
    assert (expected["url"], expected["title"]) == (SEED_URL, seed["title"])
    assert expected["paragraphs"] == seed["paragraphs"]
    spam = [
        a["quote"] for a in analyze(html, SEED_URL)["annotations"] if a["kind"] == "injected_spam"
    ]
    assert [s["text"] for s in expected["injected_spam"]] == spam


def test_an_existing_case_is_never_overwritten(tmp_path):
    (tmp_path / "taken").mkdir()
    result = subprocess.run(
        [
            str(ROOT / "scripts" / "new-page-case"),
            "taken",
            str(PAGES / "seed" / "page.html"),
            "--url",
            SEED_URL,
            "--pages",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "exists already" in result.stderr
    assert list((tmp_path / "taken").iterdir()) == []
