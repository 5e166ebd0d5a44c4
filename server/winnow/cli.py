"""The `winnow` command: serve the API, analyze a page, manage the feedback store."""

from __future__ import annotations

import json
import logging
import sys
import textwrap
from pathlib import Path

import click

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
    app = create_app()
    click.echo(f"Winnow {__version__} listening on http://{host}:{port}", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="winnow")


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
        from .analysis import limits_from_config, site_rules

        try:
            result = pipeline.analyze(
                html, page_url, site_rules(page_url), limits_from_config(app.config)
            )
        except PageError as exc:
            raise click.ClickException(str(exc)) from exc
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
