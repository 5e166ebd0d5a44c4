"""Helpers shared by the tests: contract validation, the one error-shape check, id stamping."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import lxml.html

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).parent / "pages"
SCHEMA = json.loads((ROOT / "contract" / "analyze-response.schema.json").read_text())
SEED_URL = "https://nextfrontier-finance.example/scams/2025-04-08/10563.html"
# The page cases: a folder each, with the page and what is expected of it.
PAGE_CASES = sorted(p for p in PAGES.iterdir() if (p / "expected.json").exists())


def read_page(folder: Path) -> str:
    """A page case's HTML (page.html, or gzipped)."""
    plain = folder / "page.html"
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    return gzip.decompress((folder / "page.html.gz").read_bytes()).decode("utf-8")


def assert_contract(body: dict) -> None:
    """The response validates against the contract's JSON Schema."""
    jsonschema.validate(body, SCHEMA)


def assert_error(response, status: int, code: str) -> dict:
    """The response is the API's one error shape with this status and code."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def stamp_ids(html: str) -> str:
    """The page as the extension sends it: every element numbered in document order."""
    tree = lxml.html.document_fromstring(html)
    for index, el in enumerate(tree.iter()):
        if isinstance(el.tag, str):
            el.set("data-winnow-id", str(index))
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def register(client, address: str | None = None) -> dict[str, str]:
    """Issue a client through POST /api/clients (from `address`, when given, as the test
    client's remote address); the headers that name it."""
    environ = {"REMOTE_ADDR": address} if address else {}
    response = client.post("/api/clients", json={}, environ_base=environ)
    assert response.status_code == 201, response.get_data(as_text=True)
    return {"X-Winnow-Client": response.get_json()["token"]}
