"""Link blocks: found by shape, judged by topic, annotated at their root."""

from __future__ import annotations

from html import escape

from winnow.detectors import link_blocks
from winnow.page import Page
from winnow.pipeline import analyze
from winnow.site_rules import NO_RULES

URL = "https://valley-times.example/news/storm.html"
TITLE = "Winter storm closes schools across the northern valley"
STORY = [
    "A winter storm closed schools across the northern valley on Monday, as heavy snow and "
    "strong winds knocked out power to thousands of homes in the region.",
    "Forecasters said the snow would continue into Tuesday, with drifts of up to three feet "
    "in the hills above the river, and urged drivers to stay off the roads entirely.",
    "Utility crews worked through the night to restore power to homes, the company said, "
    "adding that most schools should reopen once the storm passes on Wednesday.",
]
UNRELATED = [
    "Billie Eilish says her bluntness makes people uncomfortable",
    "Former NFL lineman found dead in New Jersey at age 28",
    "Kitten season is putting a strain on animal shelters",
    "The ultimate guide on how to read tarot cards",
    "Chargers draft one of Michigan's stars in the third round",
]
RELATED = [
    "Snow drifts of three feet expected in the hills",
    "Power outages leave thousands of homes without heat",
    "Schools across the valley to reopen on Wednesday",
    "Winter storm warning extended for the northern valley",
]
NAV = (
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>'
    '<li><a href="/sport/">Sport</a></li><li><a href="/weather/">Weather</a></li></ul></nav>'
)


def story_list(heading: str | None, items: list[str], css: str = "box") -> str:
    head = f"<h3>{escape(heading)}</h3>" if heading else ""
    links = "".join(f'<li><a href="/n/{i}.html">{escape(t)}</a></li>' for i, t in enumerate(items))
    return f'<div class="{css}">{head}<ul>{links}</ul></div>'


def page_html(*extra: str, inside: str = "") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in STORY)
    return (
        f"<html lang='en'><head><title>{escape(TITLE)} - Valley Times</title></head><body>{NAV}"
        f"<article><h1>{escape(TITLE)}</h1>{body}{inside}</article>{''.join(extra)}</body></html>"
    )


def findings(html: str):
    return link_blocks.detect(Page.from_html(html, URL), NO_RULES)


def test_unrelated_sidebar_list_is_flagged_on_its_root_with_its_heading():
    (finding,) = findings(page_html(story_list("Ranking", UNRELATED)))
    assert finding.kind == "unrelated_links"
    assert finding.element.tag == "div" and finding.element.get("class") == "box"
    assert finding.label == "Ranking"
    assert finding.reasons[0] == "0 of 5 links share a topic with the article"
    assert UNRELATED[0] in finding.quote
    assert finding.removes_element


def test_list_inserted_after_the_last_paragraph_is_found():
    (finding,) = findings(page_html(inside=story_list("Recommendation", UNRELATED)))
    assert finding.kind == "unrelated_links"
    assert finding.label == "Recommendation"


def test_block_without_heading_has_no_label():
    (finding,) = findings(page_html(story_list(None, UNRELATED)))
    assert finding.label is None


def test_on_topic_list_is_related_whatever_its_heading():
    (finding,) = findings(page_html(story_list("Related", RELATED)))
    assert finding.kind == "related_links"


def test_list_quoting_the_article_is_related():
    quotes = [" ".join(p.split()[3:11]) for p in STORY]
    (finding,) = findings(page_html(story_list("More on this story", quotes)))
    assert finding.kind == "related_links"


def test_navigation_menu_and_breadcrumbs_are_not_story_lists():
    crumbs = '<div class="crumbs"><a href="/">Home</a> &gt; <a href="/news/">News</a></div>'
    assert findings(page_html(crumbs)) == []


def test_links_inside_a_paragraph_are_not_a_block():
    popover = "".join(f'<a href="/p/{i}">{escape(t)}</a>' for i, t in enumerate(UNRELATED))
    html = page_html(inside=f"<p>{escape(STORY[0])} <span>{popover}</span> more text here.</p>")
    assert findings(html) == []


def test_two_headed_sidebar_gives_two_blocks():
    lists = story_list("Ranking", UNRELATED) + story_list("Popular", UNRELATED)
    sidebar = f'<div class="right">{lists}</div>'
    assert [f.label for f in findings(page_html(sidebar))] == ["Ranking", "Popular"]


def test_unrelated_block_leaves_the_reader_view():
    reader = analyze(page_html(inside=story_list("Hot News", UNRELATED)), URL)["reader"]
    assert UNRELATED[0] not in reader["text"]
    assert STORY[0] in reader["text"]
