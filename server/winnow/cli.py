"""The `winnow` command: serve the API, analyze a page, manage the feedback store."""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from pathlib import Path

import click
from flask import Flask

from . import __version__, create_app, settings
from .encoding import decode_html, looks_binary
from .fetch import Fetcher, FetchError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_THREADS = 8
SUMMARY_WIDTH = 100
QUOTE_CHARS = 70


@click.group()
@click.version_option(package_name="winnow")
def main() -> None:
    """Winnow: find what spam farms spliced into a news page and read it without."""


@main.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port to listen on."
)
@click.option(
    "--threads",
    default=DEFAULT_THREADS,
    show_default=True,
    type=int,
    help="Request threads of the WSGI server.",
)
def serve(host: str, port: int, threads: int) -> None:
    """Run the API with the production WSGI server (waitress)."""
    import waitress

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if host not in (DEFAULT_HOST, "localhost", "::1"):
        click.echo(
            f"warning: listening on {host}: add its host name to WINNOW_TRUSTED_HOSTS.", err=True
        )
    from . import db as database
    from .memory import pin_mmap_threshold

    pin_mmap_threshold()
    app = create_app()
    _migrate_or_warn(app)

    click.echo(f"Feedback store: {database.describe(database.database_url(app))}", err=True)
    click.echo(f"Winnow {__version__} listening on http://{host}:{port}", err=True)
    waitress.serve(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="winnow",
        # Far larger bodies are refused before they are spooled to disk; up to this size the
        # app answers its own JSON 413.
        max_request_body_size=2 * app.config["MAX_BODY_BYTES"],
        # With TRUSTED_PROXIES set the app reads X-Forwarded-For itself (ProxyFix); waitress
        # would otherwise drop it before the app sees it.
        clear_untrusted_proxy_headers=app.config["TRUSTED_PROXIES"] == 0,
    )


def _migrate_or_warn(app: Flask) -> None:
    """Bring the schema up to date before serving; without a database Winnow still analyzes."""
    from sqlalchemy.exc import SQLAlchemyError

    from . import db as database

    with app.app_context():
        try:
            database.engine()
        except SQLAlchemyError as exc:
            click.echo(
                f"warning: the feedback store is unavailable ({exc.__class__.__name__}); "
                "analysis works, feedback answers 503 until it is back.",
                err=True,
            )


def _read_source(source: str, url: str | None) -> tuple[str, str]:
    """(html, url) for a file path or an http(s) URL given on the command line."""
    path = Path(source)
    if path.is_file():
        data = path.read_bytes()
        if looks_binary(data):
            raise click.ClickException(f"{source} is not an HTML page (binary content).")
        return decode_html(data), url or path.resolve().as_uri()
    if "://" not in source:
        raise click.ClickException(f"No such file: {source}")
    app = create_app()
    fetcher = Fetcher(app.config["FETCH_TIMEOUT"], app.config["FETCH_MAX_BYTES"])
    try:
        fetched = fetcher.fetch(source)
    except FetchError as exc:
        raise click.ClickException(str(exc)) from exc
    return fetched.html, url or fetched.url


def _summary(result: dict) -> str:
    reader = result["reader"]
    lines = [f"Title:     {reader['title']}"]
    facts = [
        reader.get("site_name"),
        reader.get("byline") and f"by {reader['byline']}",
        reader.get("published"),
    ]
    if any(facts):
        lines.append("Source:    " + " · ".join(f for f in facts if f))
    lines.append(f"Length:    {reader['word_count']} words, {reader['reading_minutes']} min")
    stats = result.get("stats", {})
    notes = list(stats.get("reader_steps", []))
    if stats.get("reader") == "readability":
        notes.insert(0, "readability-lxml's own choice of article (the safety net refused a step)")
    for i, note in enumerate(notes):
        lines.append(("Reader:    " if i == 0 else " " * 11) + note)
    annotations = result["annotations"]
    lines.append("")
    lines.append(f"Findings ({len(annotations)}):" if annotations else "Findings: none")
    for ann in annotations:
        quote = " ".join(ann["quote"].split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        label = f" [{ann['label']}]" if ann.get("label") else ""
        lines.append(f"  {ann['kind']:<16} {ann['score']:.2f}  {quote!r}{label}")
        lines.append(f"  {'':<16}       at {ann['xpath']} ({ann['rule']})")
        for reason in ann.get("reasons", []):
            lines.append(f"  {'':<16}       - {reason}")
    lines.append("")
    lines.append("Reader text:")
    for paragraph in reader["text"].splitlines():
        lines.extend(
            textwrap.wrap(paragraph, SUMMARY_WIDTH, initial_indent="  ", subsequent_indent="  ")
            or [""]
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


@main.command()
@click.argument("source")
@click.option("--url", help="The page's real URL (base for links and key for site rules).")
@click.option("--json", "as_json", is_flag=True, help="Print the exact API response as JSON.")
def analyze(source: str, url: str | None, as_json: bool) -> None:
    """Analyze SOURCE (an HTML file or an http(s) URL) and print what Winnow finds."""
    from . import pipeline
    from .page import PageError

    html, page_url = _read_source(source, url)
    app = create_app()
    with app.app_context():
        from .analysis import limits_from_config, remember, site_rules

        try:
            analysis = pipeline.run(
                html, page_url, site_rules(page_url), limits_from_config(app.config)
            )
        except PageError as exc:
            raise click.ClickException(str(exc)) from exc
        remember(page_url, analysis.remember)
    result = analysis.response
    if as_json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        click.echo(_summary(result), nl=False)


@main.command("settings")
@click.option("--markdown", is_flag=True, help="Print the table the README carries.")
def list_settings(markdown: bool) -> None:
    """List every setting with its environment variable, default and meaning."""
    if markdown:
        click.echo("| variable | default | meaning |")
        click.echo("| --- | --- | --- |")
    for setting in settings.SETTINGS:
        default = setting.default
        if isinstance(default, list):
            default = ",".join(default)
        if markdown:
            shown = "(none)" if default in (None, "") else f"`{default}`"
            click.echo(f"| `{setting.env_var}` | {shown} | {setting.help} |")
            continue
        click.echo(f"{setting.env_var}  (default: {default!r})")
        click.echo(
            textwrap.fill(
                setting.help, SUMMARY_WIDTH, initial_indent="    ", subsequent_indent="    "
            )
        )


@main.group()
def db() -> None:
    """The feedback store's database."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema (winnow serve does this too when it starts)."""
    from . import db as database

    app = create_app()
    with app.app_context():
        engine = database.make_engine(database.database_url(app))
        applied = database.upgrade(engine)
        with engine.connect() as conn:
            version = database.current_version(conn)
    click.echo(
        f"Migrated to version {version} (applied {', '.join(map(str, applied))})."
        if applied
        else f"Already at version {version}."
    )


@main.group()
def feedback() -> None:
    """Users' reports, for maintainers."""


@feedback.command("list")
@click.option("--host", help="Only reports about this site.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 500))
def feedback_list(host: str | None, limit: int) -> None:
    """The latest reports, newest first."""
    from . import store

    with create_app().app_context():
        items, _ = store.list_reports(host, limit)
    if not items:
        click.echo("No reports.")
    for item in items:
        quote = " ".join(item["quote"].split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        click.echo(
            f"{item['created_at'][:19]}  {item['host']:<28} {item['verdict']:<14} "
            f"{item['kind']:<16} {quote!r}"
        )


EXPORT_FIELDS = (
    "id",
    "created_at",
    "host",
    "url",
    "verdict",
    "kind",
    "quote",
    "rule",
    "label",
    "comment",
    "client",
)
EXPORT_PROGRESS_EVERY = 1000


@feedback.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of to standard output.",
)
@click.option("--host", help="Only reports about this site.")
def feedback_export(fmt: str, output: str | None, host: str | None) -> None:
    """Every report (oldest first): the dataset for improving the detectors."""
    import csv

    from . import store

    written = 0
    with (
        click.open_file(output or "-", "w", encoding="utf-8") as stream,
        create_app().app_context(),
    ):
        writer = csv.DictWriter(stream, EXPORT_FIELDS) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        for item in store.iter_reports(host):
            if writer:
                writer.writerow(item)
            else:
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
            written += 1
            if written % EXPORT_PROGRESS_EVERY == 0:
                click.echo(f"  {written} reports…", err=True)
    where = f" to {output}" if output else ""
    click.echo(f"Exported {written} report{'s' if written != 1 else ''} as {fmt}{where}.", err=True)
