"""The injected-spam detector, one signal at a time, on small pages built for each."""

from __future__ import annotations

from html import escape

from winnow.detectors import injected_spam
from winnow.detectors.splice_evidence import sentence_breaks
from winnow.page import Page
from winnow.pipeline import analyze
from winnow.site_rules import NO_RULES, SiteRules

URL = "https://harbor-gazette.example/news/2024/storm.html"
HEADLINE = "Storm closes schools across the northern valley"
STORY = [
    "PORTLAND, Maine (AP) — A winter storm closed schools across the northern valley on Monday, "
    "as heavy snow and strong winds knocked out power to thousands of homes.",
    "Forecasters said the snow would continue into Tuesday, with drifts of up to three feet in "
    "the hills above the river, and urged drivers to stay off the roads.",
    "Utility crews worked through the night to restore power, the company said in a statement, "
    "adding that most customers should have electricity again by Wednesday evening.",
    "The governor declared a state of emergency and asked residents to check on elderly "
    "neighbours, many of whom live alone in farmhouses far from the main roads.",
]
BRAND = "Ravenmoor Ravenmoor Wealth Academy"


def news_page(
    title: str,
    h1: str,
    paragraphs: list[str],
    *,
    og_title: str | None = None,
    under_headline: str = "",
    keywords: str | None = None,
) -> str:
    meta = f'<meta property="og:title" content="{escape(og_title)}">' if og_title else ""
    if keywords:
        meta += f'<meta name="keywords" content="{escape(keywords)}">'
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{escape(title)}</title>{meta}</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/weather/'>Weather</a></li></ul></nav>"
        f"<article><h1>{escape(h1)}</h1>{under_headline}<div class='story'>{body}</div></article>"
        "<footer>Copyright © 2024 Harbor Gazette</footer></body></html>"
    )


def spam_quotes(html: str, rules: SiteRules = NO_RULES) -> list[tuple[str, str]]:
    page = Page.from_html(html, URL)
    return [(f.element.tag, f.quote) for f in injected_spam.detect(page, rules)]


def with_dateline_splice(brand: str) -> list[str]:
    first = STORY[0].replace("PORTLAND, Maine", f"PORTLAND,{brand} Maine")
    return [first, *STORY[1:]]


def test_brand_in_title_headline_and_dateline_is_found_everywhere():
    html = news_page(
        f"{BRAND}|{HEADLINE} - Harbor Gazette", f"{BRAND}|{HEADLINE}", with_dateline_splice(BRAND)
    )
    assert spam_quotes(html) == [("title", BRAND), ("h1", BRAND), ("p", BRAND)]


def test_reader_view_is_mended_where_the_brand_was_cut():
    html = news_page(
        f"{BRAND}|{HEADLINE} - Harbor Gazette", f"{BRAND}|{HEADLINE}", with_dateline_splice(BRAND)
    )
    reader = analyze(html, URL)["reader"]
    assert reader["title"] == HEADLINE
    assert reader["text"].startswith("PORTLAND, Maine (AP) — A winter storm")
    assert "Ravenmoor" not in reader["html"]


def test_reasons_name_the_evidence():
    html = news_page(f"{BRAND}|{HEADLINE}", f"{BRAND}|{HEADLINE}", with_dateline_splice(BRAND))
    page = Page.from_html(html, URL)
    dateline = next(f for f in injected_spam.detect(page, NO_RULES) if f.element.tag == "p")
    assert "repeated token “Ravenmoor”" in dateline.reasons
    assert "breaks the sentence: no space after “,”" in dateline.reasons
    assert any(r.startswith("spliced into the title, the headline") for r in dateline.reasons)
    assert dateline.rule == "spliced-phrase"
    assert 0.5 < dateline.score <= 1


def test_underscore_and_dash_separators_keep_the_real_headline():
    for separator in ("_", " - "):
        html = news_page(
            f"{BRAND}{separator}{HEADLINE}",
            f"{BRAND}{separator}{HEADLINE}",
            with_dateline_splice(BRAND),
        )
        assert analyze(html, URL)["reader"]["title"] == HEADLINE


def test_lowercase_keyword_splice_is_found_by_title_and_prose():
    keyword = "best forex signals for beginners"
    story = [
        *STORY[:2],
        STORY[2].replace("the company said", f"the company {keyword} said"),
        STORY[3],
    ]
    html = news_page(f"{keyword}|{HEADLINE}", HEADLINE, story, og_title=HEADLINE)
    assert [q for _, q in spam_quotes(html)] == [keyword, keyword]
    assert keyword not in analyze(html, URL)["reader"]["text"]


def test_brand_line_under_the_headline_is_found():
    line = '<div class="tag"><a href="/tag/ravenmoor/">Ravenmoor Market View</a></div>'
    html = news_page(
        f"{BRAND}|{HEADLINE}",
        f"{BRAND}|{HEADLINE}",
        with_dateline_splice(BRAND),
        under_headline=line,
    )
    page = Page.from_html(html, URL)
    brand_lines = [f for f in injected_spam.detect(page, NO_RULES) if f.rule == "brand-line"]
    assert [(f.element.tag, f.quote) for f in brand_lines] == [("a", "Ravenmoor Market View")]
    assert any("repeats “ravenmoor”" in r for r in brand_lines[0].reasons)


def test_author_line_under_the_headline_is_not_a_brand_line():
    byline = '<div class="by"><a href="/author/jane-miller/">Jane Miller</a></div>'
    html = news_page(
        f"{BRAND}|{HEADLINE}",
        f"{BRAND}|{HEADLINE}",
        with_dateline_splice(BRAND),
        under_headline=byline,
    )
    assert "Jane Miller" not in [q for _, q in spam_quotes(html)]


def test_doubled_name_glued_into_prose_is_found_without_a_title():
    story = with_dateline_splice(BRAND)
    story[2] = story[2].replace("the company said", f"the company {BRAND} said")
    html = news_page(HEADLINE, HEADLINE, story, og_title=HEADLINE)
    assert spam_quotes(html) == [("p", BRAND), ("p", BRAND)]


def test_clean_page_with_section_and_site_segments_has_no_spam():
    html = news_page(f"{HEADLINE} | Weather | Harbor Gazette", HEADLINE, STORY, og_title=HEADLINE)
    assert spam_quotes(html) == []


def test_site_name_repeated_in_the_story_is_not_spam():
    story = [*STORY, "Harbor Gazette reporters visited three shelters in the valley on Monday."]
    html = news_page(f"{HEADLINE} - Harbor Gazette", HEADLINE, story, og_title=HEADLINE)
    assert spam_quotes(html) == []


def test_title_segment_that_is_the_story_topic_is_not_spam():
    story = [s.replace("winter storm", "Winter Storm Elliot") for s in STORY]
    story[1] = "Winter Storm Elliot brought the heaviest snow in a decade. " + story[1]
    html = news_page(
        f"Winter Storm Elliot | {HEADLINE}",
        f"Winter Storm Elliot | {HEADLINE}",
        story,
        og_title=f"Winter Storm Elliot | {HEADLINE}",
    )
    assert spam_quotes(html) == []


def test_remembered_phrase_is_flagged_on_weak_evidence():
    story = [*STORY[:3], STORY[3] + " Ravenmoor Forum"]
    html = news_page(HEADLINE, HEADLINE, story, og_title=HEADLINE)
    assert spam_quotes(html) == []
    rules = SiteRules(host="harbor-gazette.example", remembered_phrases={"ravenmoor forum": 3})
    findings = injected_spam.detect(Page.from_html(html, URL), rules)
    assert [(f.quote, f.rule) for f in findings] == [("Ravenmoor Forum", "site-memory-phrase")]
    assert "spliced into 3 other pages of this site" in findings[0].reasons


def test_sentence_break_signals():
    text = "SEOUL,Brand Name South Korea"
    assert sentence_breaks(text, 6, 16, "Brand Name") == ["breaks the sentence: no space after “,”"]
    text = "seeking asylum is Brand Name not a crime"
    assert sentence_breaks(text, 18, 28, "Brand Name") == [
        "a capitalised run wedged into a lower-case clause"
    ]
    text = "the cat's owner. Brand Name"
    assert sentence_breaks(text, 17, 27, "Brand Name") == [
        "a fragment dangling after the last sentence"
    ]
