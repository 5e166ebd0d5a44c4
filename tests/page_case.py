"""Make a tests/pages/ case from a page: the page, and expected.json drafted from today's
analysis (title, site name, date, reader paragraphs, each spliced occurrence with its element,
each unrelated block with its heading and links). The draft is what Winnow does now; the person
adding the case corrects it to what Winnow should do. Run through `scripts/new-page-case`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from winnow.encoding import decode_html
from winnow.pipeline import analyze

PAGES = Path(__file__).parent / "pages"
# Pages larger than this are stored gzipped, as the page tests can read them.
GZIP_OVER_BYTES = 200_000


def draft(html: str, url: str) -> dict:
    result = analyze(html, url)
    reader = result["reader"]
    expected: dict = {"url": url, "title": reader["title"]}
    for field in ("site_name", "published"):
        if reader.get(field):
            expected[field] = reader[field]
    expected["paragraphs"] = reader["text"].split("\n") if reader["text"] else []
    expected["injected_spam"] = [
        {"xpath": a["xpath"], "text": a["quote"]}
        for a in result["annotations"]
        if a["kind"] == "injected_spam"
    ]
    expected["unrelated_link_blocks"] = [
        {"heading": a["label"], "links": []}
        for a in result["annotations"]
        if a["kind"] == "unrelated_links"
    ]
    return expected


def write_case(slug: str, page: Path, url: str, pages: Path = PAGES) -> Path:
    folder = pages / slug
    if folder.exists():
        raise SystemExit(f"{folder} exists already: choose another name.")
    data = page.read_bytes()
    html = decode_html(data)
    folder.mkdir(parents=True)
    if len(data) > GZIP_OVER_BYTES:
        (folder / "page.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    else:
        (folder / "page.html").write_text(html, encoding="utf-8")
    expected = json.dumps(draft(html, url), ensure_ascii=False, indent=2) + "\n"
    (folder / "expected.json").write_text(expected, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slug", help="the case's folder name, e.g. pipe-title-brand-line")
    parser.add_argument("page", type=Path, help="the saved page (HTML)")
    parser.add_argument("--url", required=True, help="the page's address (its site matters)")
    parser.add_argument("--pages", type=Path, default=PAGES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = write_case(args.slug, args.page, args.url, args.pages)
    print(
        f"Wrote {folder}/. Its expected.json says what Winnow does today: correct it to what it "
        f"should do, then run: .venv/bin/python -m pytest tests/test_pages.py -k {args.slug}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
