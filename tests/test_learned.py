"""The learned-rules detector on its own: what a reported block or phrase matches later."""

from __future__ import annotations

from winnow.detectors import learned
from winnow.page import Page
from winnow.site_rules import LearnedRule, SiteRules

URL = "https://harbor-gazette.example/b.html"


def block(css: str, heading: str | None, count: int = 4) -> str:
    head = f"<h3>{heading}</h3>" if heading else ""
    links = "".join(f"<li><a href='/s/{n}'>Story number {n}</a></li>" for n in range(count))
    return f"<div class='{css}'>{head}<ul>{links}</ul></div>"


def page(*blocks: str) -> Page:
    items = "".join(f"<li><a href='/{name}'>{name}</a></li>" for name in ("Home", "A", "B"))
    nav = f"<ul class='nav'>{items}</ul>"
    return Page.from_html(
        f"<html><body>{nav}<p>Story text.</p>{''.join(blocks)}</body></html>", URL
    )


def missed_block(label: str | None, shape: str | None) -> SiteRules:
    rule = LearnedRule(
        "unrelated_links",
        "story number 0 story number 1",
        "site",
        "missed",
        label=label,
        shape=shape,
    )
    return SiteRules(host="harbor-gazette.example", add=(rule,))


def flagged(p: Page, rules: SiteRules) -> list[tuple[str, str | None]]:
    return [(f.element.get("class"), f.label) for f in learned.detect(p, rules)]


def test_a_block_is_recognised_by_its_heading_and_shape():
    p = page(block("more-reads", "More from the desk"), block("more-reads", "Our partners"))
    assert flagged(p, missed_block("More from the desk", "div.more-reads")) == [
        ("more-reads", "More from the desk")
    ]


def test_a_distinctive_shape_alone_is_enough():
    p = page(block("more-reads", None))
    assert flagged(p, missed_block(None, "div.more-reads")) == [("more-reads", None)]


def test_a_bare_tag_without_a_heading_matches_nothing():
    p = page(block("more-reads", None))
    assert flagged(p, missed_block(None, "ul")) == []


def test_the_quote_reads_with_spaces_between_links():
    (finding,) = learned.detect(
        page(block("more-reads", "More from the desk")),
        missed_block("More from the desk", "div.more-reads"),
    )
    assert finding.quote.startswith("More from the desk Story number 0 Story number 1")
    assert finding.rule == "learned-missed-block"


def test_missed_text_is_found_whatever_its_case():
    rule = LearnedRule("injected_spam", "sponsored by quill capital", "site", "missed")
    p = Page.from_html("<html><body><p>News. Sponsored by Quill Capital</p></body></html>", URL)
    (finding,) = learned.detect(p, SiteRules(add=(rule,)))
    assert finding.quote == "Sponsored by Quill Capital"
    assert finding.span is not None


def test_withdrawn_findings_are_listed_with_their_rule():
    from winnow.findings import Finding, Kind

    p = Page.from_html("<html><body><p>Brand Forum</p></body></html>", URL)
    finding = Finding(Kind.INJECTED_SPAM, p.body, "Brand Forum", 0.9, "spliced-phrase")
    rule = LearnedRule("injected_spam", "brand forum", "site", "false_positive", clients=2)
    kept, withdrawn = learned.withdraw([finding], SiteRules(suppress=(rule,)))
    assert kept == []
    assert withdrawn[0].describe()["reasons"] == [
        "learned rule: 2 people on this site reported this is not injected spam"
    ]
