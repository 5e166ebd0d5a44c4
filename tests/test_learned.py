"""The learned-rules detector on its own: what a reported block or phrase matches later, and
what no rule can ever make it match."""

from __future__ import annotations

import pytest

from winnow.detectors import learned
from winnow.findings import Finding, Kind
from winnow.page import Page
from winnow.reader import build_reader
from winnow.site_rules import LearnedRule, Scope, SiteRules, Verdict

URL = "https://harbor-gazette.example/b.html"
ARTICLE = (
    "<article class='story'><h1>Storm closes schools across the valley</h1>"
    + "<p>A winter storm closed schools across the northern valley on Monday, as heavy snow "
    "and strong winds knocked out power to thousands of homes in the region.</p>" * 3 + "</article>"
)


def block(css: str, heading: str | None, count: int = 4) -> str:
    head = f"<h3>{heading}</h3>" if heading else ""
    links = "".join(f"<li><a href='/s/{n}'>Story number {n}</a></li>" for n in range(count))
    return f"<div class='{css}'>{head}<ul>{links}</ul></div>"


def page(*blocks: str, article: str = ARTICLE) -> Page:
    items = "".join(f"<li><a href='/{name}'>{name}</a></li>" for name in ("Home", "A", "B"))
    nav = f"<ul class='nav'>{items}</ul>"
    return Page.from_html(f"<html><body>{nav}{article}{''.join(blocks)}</body></html>", URL)


def missed_block(label: str | None, shape: str | None, scope: Scope = Scope.SITE) -> SiteRules:
    rule = LearnedRule(
        "unrelated_links",
        "story number 0 story number 1",
        scope,
        Verdict.MISSED,
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


@pytest.mark.parametrize("shape", ["ul", None, "", "div..x", "div.more-reads>ul"])
def test_a_bare_tag_or_no_shape_without_a_heading_matches_nothing(shape):
    p = page(block("more-reads", None))
    assert flagged(p, missed_block(None, shape)) == []


def test_a_heading_without_a_shape_matches_nothing():
    p = page(block("more-reads", "Ranking"))
    assert flagged(p, missed_block("Ranking", None)) == []


@pytest.mark.parametrize("shape", ["body", "html", "article", "article.story", "main"])
def test_the_page_and_the_article_are_never_a_block(shape):
    article = ARTICLE.replace("</article>", block("in-story", "Ranking") + "</article>")
    p = page(article=f"<main>{article}</main>")
    assert flagged(p, missed_block("Ranking", shape)) == []


def test_an_element_holding_running_text_is_never_a_block():
    wrapper = f"<div class='wrap'><h3>Ranking</h3>{ARTICLE}{block('x', None)}</div>"
    p = page(article=wrapper)
    assert flagged(p, missed_block("Ranking", "div.wrap")) == []
    learned_reader = build_reader(p, learned.detect(p, missed_block("Ranking", "div.wrap")))
    assert learned_reader.fields["word_count"] == build_reader(p, []).fields["word_count"]


def test_an_element_holding_most_of_the_page_is_never_a_block():
    links = "".join(f"<li><a href='/s/{n}'>Story number {n} of many</a></li>" for n in range(40))
    p = page(f"<div class='all'><h3>Ranking</h3><ul>{links}</ul></div>", article="<p>Short.</p>")
    assert flagged(p, missed_block("Ranking", "div.all")) == []


def test_the_quote_reads_with_spaces_between_links():
    (finding,) = learned.detect(
        page(block("more-reads", "More from the desk")),
        missed_block("More from the desk", "div.more-reads"),
    )
    assert finding.quote.startswith("More from the desk Story number 0 Story number 1")
    assert finding.rule == "learned-missed-block"
    assert finding.scope == "site"


def test_missed_text_is_found_whatever_its_case():
    rule = LearnedRule("injected_spam", "sponsored by quill capital", Scope.CLIENT, Verdict.MISSED)
    p = Page.from_html("<html><body><p>News. Sponsored by Quill Capital</p></body></html>", URL)
    (finding,) = learned.detect(p, SiteRules(add=(rule,)))
    assert finding.quote == "Sponsored by Quill Capital"
    assert finding.span is not None
    assert finding.scope == "client"


@pytest.mark.parametrize("quote", ["the", "of the", "in the and", "ab cd", "2024 2025"])
def test_a_missed_quote_that_is_no_real_phrase_flags_nothing(quote):
    rule = LearnedRule("injected_spam", quote, Scope.SITE, Verdict.MISSED)
    p = Page.from_html(
        "<html><body><p>In the end, of the 2024 2025 ab cd results, the and the.</p></body></html>",
        URL,
    )
    assert learned.detect(p, SiteRules(add=(rule,))) == []


def test_missed_text_matches_whole_words_only():
    rule = LearnedRule("injected_spam", "quill capital", Scope.SITE, Verdict.MISSED)
    p = Page.from_html(
        "<html><body><p>Squill Capitals rose; Quill Capital fell.</p></body></html>", URL
    )
    assert [f.quote for f in learned.detect(p, SiteRules(add=(rule,)))] == ["Quill Capital"]


def test_withdrawn_findings_are_listed_with_their_rule_and_scope():
    p = Page.from_html("<html><body><p>Brand Forum</p></body></html>", URL)
    finding = Finding(Kind.INJECTED_SPAM, p.body, "Brand Forum", 0.9, "spliced-phrase")
    rule = LearnedRule("injected_spam", "brand forum", Scope.SITE, Verdict.FALSE_POSITIVE, 2)
    kept, withdrawn = learned.withdraw([finding], SiteRules(suppress=(rule,)))
    assert kept == []
    assert withdrawn[0].describe()["scope"] == "site"
    assert withdrawn[0].describe()["reasons"] == [
        "learned rule: people on 2 networks reported this is not injected spam here"
    ]


def test_a_heading_alone_withdraws_no_block():
    p = page(block("more-reads", "Related"), block("other", "Related"))
    blocks = [el for el in p.body.iter("div")]
    findings = [
        Finding(Kind.UNRELATED_LINKS, el, "x", 0.9, "unrelated-link-block", label="Related")
        for el in blocks
    ]
    label_only = LearnedRule(
        "unrelated_links", "something else", Scope.SITE, Verdict.FALSE_POSITIVE, label="Related"
    )
    assert learned.withdraw(findings, SiteRules(suppress=(label_only,)))[1] == []
    with_shape = LearnedRule(
        "unrelated_links",
        "something else",
        Scope.SITE,
        Verdict.FALSE_POSITIVE,
        label="Related",
        shape="div.other",
    )
    _, withdrawn = learned.withdraw(findings, SiteRules(suppress=(with_shape,)))
    assert [w.finding.element.get("class") for w in withdrawn] == ["other"]
