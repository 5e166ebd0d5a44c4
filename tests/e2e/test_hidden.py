"""Links hidden in ways only the browser can tell: the content script sends the ids of the
elements hiding them (`hidden`), and the real server flags those elements as hidden links."""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import expect
from support import Extension, PageUrl, RecordingProxy, WinnowUI, analyzed

from bench.server import WinnowServer

pytestmark = pytest.mark.e2e

# Two blocks of links to other sites that the server cannot see are hidden from the markup: an
# attribute selector (the server reads simple selectors only), and a rule a script inserts
# through the CSSOM (it is in no <style> text). The article's own source link stays visible.
HIDDEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Harbour plan approved</title>
<style>[data-x="1"] { display: none }</style></head>
<body>
<article>
  <h1>Harbour plan approved after a long debate</h1>
  <p>The harbour board approved the dredging plan on Tuesday after a long debate about its
  cost. Ferry operators said the deeper channel would let larger boats dock at the old pier.</p>
  <p>The full plan is on the <a href="https://port-authority.example/plan">port authority's
  site</a>. Residents asked the board to publish the budget before work starts in spring.</p>
</article>
<div class="partners" data-x="1"><span><a href="https://casino-bonus.example/">Best casino
  bonus codes</a></span> <a href="https://cheap-loans.example/">Cheap loans today</a></div>
<div id="sponsors"><a href="https://replica-watches.example/">Replica watches sale</a></div>
<script>document.styleSheets[0].insertRule("#sponsors { visibility: hidden }");</script>
</body></html>
"""


def post_analyze(server: WinnowServer, body: dict) -> dict:
    request = urllib.request.Request(
        f"{server.url}/api/analyze",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_links_hidden_by_the_page_style_are_sent_and_flagged(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl, winnow_server: WinnowServer
) -> None:
    page = analyzed(extension, page_url(HIDDEN_PAGE))
    ids = {
        selector: page.get_attribute(selector, "data-winnow-id")
        for selector in (".partners", "#sponsors")
    }
    (sent,) = proxy.bodies("/api/analyze")
    assert sorted(sent["hidden"]) == sorted(ids.values())

    for selector in ids:
        expect(page.locator(selector)).to_have_attribute("data-winnow-flag", "hidden_links")
    listed = WinnowUI(page).texts('.finding[data-kind="hidden_links"][data-where="hidden"]')
    assert len(listed) == 2
    assert "Best casino bonus codes" in listed[0]

    # The same HTML without `hidden`: the server alone finds nothing, so the flags came from it.
    alone = post_analyze(winnow_server, {"url": sent["url"], "html": sent["html"]})
    assert [a for a in alone["annotations"] if a["kind"] == "hidden_links"] == []
