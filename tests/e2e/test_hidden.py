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


ARTICLE = """<article>
  <h1 id="content">Harbour plan approved after a long debate</h1>
  <p>The harbour board approved the dredging plan on Tuesday after a long debate about its
  cost. Ferry operators said the deeper channel would let larger boats dock at the old pier.</p>
  <p>The full plan is on the <a href="https://port-authority.example/plan">port authority's
  site</a>. Residents asked the board to publish the budget before work starts in spring.</p>
</article>"""

# The screen-reader-only box, from a class rule of the page's style sheet: the same rule hides
# a same-page "Skip to content" link (not spam) and a link to another site (spam).
CLIPPED_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Harbour plan approved</title>
<style>
.visually-hidden {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); border: 0; white-space: nowrap; }}
</style></head>
<body>
<a class="visually-hidden" id="skip" href="#content">Skip to content</a>
{ARTICLE}
<div class="visually-hidden" id="seo"><a href="https://casino-bonus.example/">Best casino
  bonus codes</a></div>
</body></html>
"""

# Every other way to hide a link from a reader, each on a block of its own (id = technique).
TECHNIQUES = {
    "clip-path": "clip-path: inset(50%)",
    "scale": "transform: scale(0)",
    "off-page": "position: absolute; left: -6000px",
    "same-colour": "color: #fff; background: #fff",
    "indent": "text-indent: -9999px; overflow: hidden",
    "transparent": "opacity: 0",
    "no-font": "font-size: 0",
}
TECHNIQUE_RULES = "\n".join(
    f"#{name}, #{name} a {{ {style} }}" for name, style in TECHNIQUES.items()
)
TECHNIQUE_BLOCKS = "\n".join(
    f'<div id="{name}"><a href="https://{name}.spam.example/">Cheap {name} loans</a></div>'
    for name in TECHNIQUES
)
TECHNIQUES_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><title>Harbour plan approved</title>
<style>
body {{ background: #fff; }}
.shut {{ height: 0; overflow: hidden; }}
{TECHNIQUE_RULES}
</style></head>
<body>
{ARTICLE}
{TECHNIQUE_BLOCKS}
<div class="shut" id="zero-box"><p><a href="https://shut.spam.example/">Replica watches</a>
  </p></div>
<div id="own" style="display: none"><a href="/archive/">Our archive</a></div>
<details id="folded"><summary>Sources</summary><a href="https://agency.example/">Agency</a></details>
</body></html>
"""


def ids_of(page, selectors: list[str]) -> list[str]:
    return sorted(page.get_attribute(s, "data-winnow-id") for s in selectors)


def test_link_clipped_by_a_class_rule_is_flagged_from_the_browsers_report_but_not_skip_links(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl
) -> None:
    page = analyzed(extension, page_url(CLIPPED_PAGE))
    (sent,) = proxy.bodies("/api/analyze")
    assert sent["hidden"] == ids_of(page, ["#seo"])
    expect(page.locator("#seo")).to_have_attribute("data-winnow-flag", "hidden_links")
    (annotation,) = [a for a in proxy.answers("/api/analyze")[0]["annotations"]]
    assert annotation["kind"] == "hidden_links"
    assert "not rendered by the browser" in annotation["reasons"][0]
    assert page.get_attribute("#skip", "data-winnow-flag") is None


def test_every_way_of_hiding_a_link_is_reported_and_visible_links_are_not(
    extension: Extension, proxy: RecordingProxy, page_url: PageUrl
) -> None:
    page = analyzed(extension, page_url(TECHNIQUES_PAGE))
    (sent,) = proxy.bodies("/api/analyze")
    # Per technique, the id reported: its block when the block hides all it holds, else the
    # link itself (text in its background's colour, text sent away by text-indent).
    reported = page.evaluate(
        """(ids) => ids.map((id) => {
            const el = document.querySelector(`[data-winnow-id="${id}"]`);
            return el.id || el.parentElement.id;
        })""",
        sent["hidden"],
    )
    assert sorted(reported) == sorted([*TECHNIQUES, "zero-box"])
    for name in [*TECHNIQUES, "zero-box"]:
        block = page.locator(f"#{name}")
        flags = block.evaluate(
            "(el) => [el, ...el.querySelectorAll('*')].map((e) => e.dataset.winnowFlag)"
        )
        assert "hidden_links" in flags, name
