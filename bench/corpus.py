"""Reading the evaluation data: the spam corpus (cases with truth) and the extraction benchmark."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

DATA_DIR = Path(__file__).parent / "data"
CORPUS_DIR = DATA_DIR / "corpus-dev"
EXTRACTION_DIR = DATA_DIR / "article-extraction-benchmark"
NODE_ID_ATTR = "data-winnow-id"
# Sources whose id starts with one of these hex digits are held out from tuning (a quarter).
HELD_OUT_PREFIXES = frozenset("0123")


@dataclass
class Case:
    name: str
    variant: str
    url: str
    truth: dict
    raw_html: str

    @property
    def held_out(self) -> bool:
        return self.truth.get("source", self.name)[:1] in HELD_OUT_PREFIXES


def stamp(html: str) -> tuple[lxml.html.HtmlElement, str]:
    """Give every element a data-winnow-id in document order, as the extension does."""
    tree = lxml.html.document_fromstring(html)
    for index, el in enumerate(tree.iter()):
        if isinstance(el.tag, str):
            el.set(NODE_ID_ATTR, str(index))
    return tree, lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def _read_gz_or_plain(folder: Path, name: str) -> str:
    plain = folder / name
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    return gzip.decompress((folder / f"{name}.gz").read_bytes()).decode("utf-8")


def load_cases(corpus: Path = CORPUS_DIR) -> Iterator[Case]:
    for folder in sorted(p for p in (corpus / "cases").iterdir() if p.is_dir()):
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        yield Case(
            folder.name,
            truth["variant"],
            truth["url"],
            truth,
            _read_gz_or_plain(folder, "page.html"),
        )


def load_extraction_pages(folder: Path = EXTRACTION_DIR) -> Iterator[Case]:
    """The article-extraction benchmark as cases of variant "benchmark" (no spam, no blocks)."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, item in sorted(truth.items()):
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode(
            "utf-8"
        )
        yield Case(
            page_id,
            "benchmark",
            item["url"],
            {
                "source": page_id,
                "article_text": item["articleBody"],
                "title": None,
                "spam": [],
                "link_blocks": [],
                "hidden_links": [],
                "variant": "benchmark",
            },
            html,
        )
