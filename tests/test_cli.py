"""The `winnow` command: analyze a file or a URL, list the settings."""

from __future__ import annotations

import json

from click.testing import CliRunner

from helpers import PAGES, SEED_URL, assert_contract
from winnow.cli import main

SEED = str(PAGES / "seed" / "page.html")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_analyze_file_prints_the_exact_api_json():
    result = run("analyze", SEED, "--url", SEED_URL, "--json")
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert_contract(body)
    assert body["url"] == SEED_URL


def test_analyze_file_prints_a_readable_summary():
    result = run("analyze", SEED, "--url", SEED_URL)
    assert result.exit_code == 0
    assert result.output.startswith("Title:")
    assert "Reader text:" in result.output
    assert "KCNA" in result.output


def test_analyze_without_url_uses_the_file_location():
    body = json.loads(run("analyze", SEED, "--json").output)
    assert body["url"].startswith("file://")


def test_missing_file_is_a_clear_error():
    result = CliRunner().invoke(main, ["analyze", "no/such/file.html"])
    assert result.exit_code != 0
    assert "No such file" in result.output


def test_binary_file_is_refused(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    result = CliRunner().invoke(main, ["analyze", str(binary)])
    assert result.exit_code != 0
    assert "not an HTML page" in result.output


def test_url_on_loopback_is_refused():
    result = CliRunner().invoke(main, ["analyze", "http://127.0.0.1:9/page.html"])
    assert result.exit_code != 0
    assert "non-public address" in result.output


def test_non_http_url_is_refused():
    result = CliRunner().invoke(main, ["analyze", "ftp://example.com/page.html"])
    assert result.exit_code != 0
    assert "Only http and https" in result.output


def test_settings_markdown_lists_every_variable():
    from winnow.settings import SETTINGS

    output = run("settings", "--markdown").output
    assert all(f"`{s.env_var}`" in output for s in SETTINGS)


def test_latin1_file_is_decoded(tmp_path):
    page = tmp_path / "latin1.html"
    page.write_bytes(
        "<html><head><meta charset='iso-8859-1'><title>Caf\u00e9</title></head><body>"
        "<p>Le caf\u00e9 de la place a rouvert ses portes apr\u00e8s des mois de travaux.</p>"
        "</body></html>".encode("latin-1")
    )
    body = json.loads(run("analyze", str(page), "--json", "--url", "https://x.example/").output)
    assert "caf\u00e9 de la place" in body["reader"]["text"]


def feedback_env(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WINNOW_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")


def test_db_upgrade_migrates_then_reports_the_version(tmp_path, monkeypatch):
    feedback_env(tmp_path, monkeypatch)
    assert "Migrated to version" in run("db", "upgrade").output
    assert "Already at version" in run("db", "upgrade").output


def add_reports(count: int) -> None:
    from winnow import create_app, store

    with create_app().app_context():
        for n in range(count):
            store.record(
                store.Report(
                    url=f"https://site.example/{n}.html",
                    verdict="missed",
                    kind="injected_spam",
                    quote=f"phrase {n}",
                    client="client-00000001",
                )
            )


def test_feedback_list_and_export(tmp_path, monkeypatch):
    feedback_env(tmp_path, monkeypatch)
    add_reports(3)
    listed = run("feedback", "list").output.splitlines()
    assert len(listed) == 3 and "'phrase 2'" in listed[0]
    result = CliRunner().invoke(main, ["feedback", "export"], catch_exceptions=False)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["quote"] for r in lines] == ["phrase 0", "phrase 1", "phrase 2"]
    assert "Exported 3 reports as jsonl." in result.stderr


def test_feedback_export_as_csv_to_a_file(tmp_path, monkeypatch):
    feedback_env(tmp_path, monkeypatch)
    add_reports(2)
    out = tmp_path / "reports.csv"
    run("feedback", "export", "--format", "csv", "--output", str(out))
    rows = out.read_text().splitlines()
    assert rows[0].startswith("id,created_at,host,url,verdict,kind,quote")
    assert len(rows) == 3


def test_analyze_teaches_the_site_what_its_page_shows(tmp_path, monkeypatch):
    """The pipeline says what a page's site should remember; the CLI stores it as the server
    does (site memory of the phrase spliced into the seed page)."""
    feedback_env(tmp_path, monkeypatch)
    for page in ("one", "two"):
        run("analyze", SEED, "--url", f"https://nextfrontier-finance.example/{page}.html")
    from winnow import create_app, store

    with create_app().app_context():
        rules = store.rules_for("https://nextfrontier-finance.example/three.html")
    assert rules.remembered_phrases == {"finlogic finlogic quantitative think tank center": 2}
