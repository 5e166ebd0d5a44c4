"""Link blocks: story lists and card grids found by shape, site chrome left alone, stories
judged against the article's topic, annotated at their root."""

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
    "Valley Power said crews from three neighbouring counties had joined its own, and that "
    "Valley Power would keep them on call until the storm had passed the northern valley.",
]
UNRELATED = [
    "Billie Eilish says her bluntness makes people uncomfortable",
    "Former NFL lineman found dead in New Jersey at age 28",
    "Kitten season is putting a strain on animal shelters",
    "The ultimate guide on how to read tarot cards",
    "Chargers draft one of Michigan's stars in the third round",
]
SUMMARIES = [
    "The singer told an interviewer that she has stopped softening what she says on stage.",
    "Police said there were no signs of foul play and that an autopsy was planned this week.",
    "Shelters across the state are asking for foster families as intake doubles in spring.",
    "From the major arcana to the court cards, a beginner's walk through a full spread.",
    "The pick gives the team depth at linebacker after two injuries last season ended badly.",
]
# On-topic in other words than the article's: its names and terms, no sentence quoted.
ON_TOPIC = [
    "Valley Power crews race the storm",
    "What the snow means for northern valley schools",
    "Storm drifts: how Valley Power plans for the hills",
    "Schools weigh snow days as the storm lingers",
]
NAV = (
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>'
    '<li><a href="/sport/">Sport</a></li><li><a href="/weather/">Weather</a></li></ul></nav>'
)


def href(i: int) -> str:
    return f"/news/2024/{1000 + i}.html"


def story_list(heading: str | None, items: list[str], css: str = "box") -> str:
    head = f"<h3>{escape(heading)}</h3>" if heading else ""
    links = "".join(f'<li><a href="{href(i)}">{escape(t)}</a></li>' for i, t in enumerate(items))
    return f'<div class="{css}">{head}<ul>{links}</ul></div>'


def card_grid(items: list[str], summaries: list[str], heading: str | None = None) -> str:
    head = f"<h2>{escape(heading)}</h2>" if heading else ""
    cards = "".join(
        f'<div class="c"><a href="{href(i)}"><img src="/i/{i}.jpg" alt=""></a>'
        f'<h4><a href="{href(i)}">{escape(t)}</a></h4><p>{escape(s)}</p></div>'
        for i, (t, s) in enumerate(zip(items, summaries, strict=False))
    )
    return f'<div class="g">{head}{cards}</div>'


def page_html(*extra: str, inside: str = "", header: str = NAV) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in STORY)
    return (
        f"<html lang='en'><head><title>{escape(TITLE)} - Valley Times</title></head><body>"
        f"{header}<article><h1>{escape(TITLE)}</h1>{body}{inside}</article>{''.join(extra)}"
        "</body></html>"
    )


def findings(html: str):
    return link_blocks.detect(Page.from_html(html, URL), NO_RULES)


def blocks(html: str):
    return link_blocks.find_blocks(Page.from_html(html, URL))


# -- story lists --------------------------------------------------------------------------


def test_unrelated_sidebar_list_is_flagged_on_its_root_with_its_heading():
    (finding,) = findings(page_html(story_list("Ranking", UNRELATED)))
    assert finding.kind == "unrelated_links"
    assert finding.element.tag == "div" and finding.element.get("class") == "box"
    assert finding.label == "Ranking"
    assert finding.reasons[0] == "0 of 5 headlines share the article's topic, 5 do not"
    assert finding.reasons[1] == "a list of 5 stories with little other text"
    assert UNRELATED[0] in finding.quote
    assert finding.removes_element


def test_list_inserted_after_the_last_paragraph_is_found():
    (finding,) = findings(page_html(inside=story_list("Recommendation", UNRELATED)))
    assert finding.kind == "unrelated_links"
    assert finding.label == "Recommendation"


def test_block_without_heading_has_no_label():
    (finding,) = findings(page_html(story_list(None, UNRELATED)))
    assert finding.label is None


def test_links_separated_by_line_breaks_are_a_list():
    links = "<br>".join(f'<a href="{href(i)}">{escape(t)}</a>' for i, t in enumerate(UNRELATED))
    (finding,) = findings(page_html(f'<div class="more">{links}</div>'))
    assert finding.kind == "unrelated_links"


def test_links_inside_a_paragraph_are_not_a_block():
    popover = "".join(f'<a href="/p/{i}">{escape(t)}</a>' for i, t in enumerate(UNRELATED))
    html = page_html(inside=f"<p>{escape(STORY[0])} <span>{popover}</span> more text here.</p>")
    assert findings(html) == []


def test_links_in_the_middle_of_sentences_are_not_headlines():
    sentences = "".join(
        f'<div>Readers also asked us about <a href="{href(i)}">{escape(t)}</a> today.</div>'
        for i, t in enumerate(UNRELATED)
    )
    assert blocks(page_html(f"<section>{sentences}</section>")) == []


def test_two_headed_sidebar_gives_two_blocks():
    lists = story_list("Ranking", UNRELATED) + story_list("Popular", UNRELATED)
    sidebar = f'<div class="right">{lists}</div>'
    assert [f.label for f in findings(page_html(sidebar))] == ["Ranking", "Popular"]


def test_lists_side_by_side_without_headings_are_separate_blocks():
    lists = story_list("Ranking", UNRELATED[:3]) + story_list(None, UNRELATED[2:])
    found = findings(page_html(f'<div class="more">{lists}</div>'))
    assert [f.element.get("class") for f in found] == ["box", "box"]


def test_unrelated_block_leaves_the_reader_view():
    reader = analyze(page_html(inside=story_list("Hot News", UNRELATED)), URL)["reader"]
    assert UNRELATED[0] not in reader["text"]
    assert STORY[0] in reader["text"]


# -- card grids ---------------------------------------------------------------------------


def test_card_grid_without_heading_inside_the_article_is_flagged():
    (finding,) = findings(page_html(inside=card_grid(UNRELATED, SUMMARIES)))
    assert finding.kind == "unrelated_links"
    assert finding.element.get("class") == "g"
    assert finding.reasons[1] == "a grid of 5 stories with summaries with little other text"


def test_card_summaries_never_reach_the_reader_view():
    reader = analyze(page_html(inside=card_grid(UNRELATED, SUMMARIES, "More")), URL)["reader"]
    assert all(s not in reader["text"] for s in SUMMARIES)
    assert STORY[-1] in reader["text"]


def test_short_headline_opening_a_card_counts():
    titles = ["The Impeachment Clock", *UNRELATED[1:3]]
    (found,) = blocks(page_html(inside=card_grid(titles, SUMMARIES)))
    assert [a.text_content() for a in found.links] == titles


def test_on_topic_card_grid_is_related_and_left_out_of_the_reader():
    summaries = [f"{t}, with the latest from the valley." for t in ON_TOPIC]
    html = page_html(inside=card_grid(ON_TOPIC, summaries))
    (finding,) = findings(html)
    assert finding.kind == "related_links"
    assert summaries[0] not in analyze(html, URL)["reader"]["text"]


def test_a_numbered_roundup_that_is_the_article_is_never_flagged():
    items = "".join(
        f'<li><a href="{href(i)}">{escape(t)}</a>. {escape(s)} {escape(s)}</li>'
        for i, (t, s) in enumerate(zip(UNRELATED, SUMMARIES, strict=True))
    )
    html = (
        f"<html><head><title>5 things to know today</title></head><body>{NAV}<article>"
        "<h1>5 things to know today</h1><p>Good morning! Here is what you need to know.</p>"
        f"<ol>{items}</ol></article></body></html>"
    )
    assert findings(html) == []
    assert SUMMARIES[0] in analyze(html, URL)["reader"]["text"]


# -- site chrome --------------------------------------------------------------------------


def test_navigation_menu_and_breadcrumbs_are_not_story_lists():
    crumbs = '<div class="crumbs"><a href="/">Home</a> &gt; <a href="/news/">News</a></div>'
    assert findings(page_html(crumbs)) == []


def test_long_menu_items_in_the_navigation_are_chrome():
    items = [
        "Submit a letter to the editor",
        "Place a classified ad online",
        "Subscribe to the print edition",
    ]
    menu = "<nav>" + story_list(None, items) + "</nav>"
    (block,) = blocks(page_html(header=menu))
    assert block.chrome == ("inside the page's navigation (nav)",)
    assert findings(page_html(header=menu)) == []


def test_share_and_follow_buttons_are_chrome_by_where_they_lead():
    share = "".join(
        f'<li><a href="https://{site}.example/share?u={escape(URL)}">Share this story on {site}</a>'
        "</li>"
        for site in ("facebook", "twitter", "linkedin")
    )
    follow = "".join(
        f'<li><a href="https://{site}.example/ValleyTimes">Follow the Valley Times on {site}</a>'
        "</li>"
        for site in ("facebook", "instagram", "youtube")
    )
    found = blocks(page_html(f"<ul>{share}</ul>", f"<ul>{follow}</ul>"))
    assert [b.chrome[0] for b in found] == [
        "3 of 3 links lead to sharing this page, not to stories",
        "3 of 3 links lead to a profile on another site, not to stories",
    ]


def test_legal_and_section_links_are_chrome():
    legal = [
        ("/privacy", "Your California Privacy Rights"),
        ("/about/", "About the Valley Times"),
        ("/terms", "Terms of Use and Service"),
    ]
    items = "".join(f'<li><a href="{h}">{t}</a></li>' for h, t in legal)
    (block,) = blocks(page_html(f"<ul>{items}</ul>"))
    assert block.chrome[0] == "3 of 3 links lead to a section, not to stories"


def test_a_header_full_of_links_is_chrome_even_where_its_items_are_headlines():
    sections = "".join(f'<li><a href="/s{i}/">Section {i}</a></li>' for i in range(30))
    trending = story_list(None, UNRELATED, "trending")
    header = f"<header><ul>{sections}</ul>{trending}</header>"
    (block,) = blocks(page_html(header=header))
    assert block.chrome[0] == "inside the page's header, which holds 35 links"
    assert findings(page_html(header=header)) == []


def test_a_sub_list_of_a_mega_menu_is_chrome():
    columns = "".join(
        f'<div><a href="/s{c}/">Section {c}</a><ul>'
        + "".join(f'<li><a href="/s{c}/{i}/">Item {i}</a></li>' for i in range(8))
        + "</ul></div>"
        for c in range(3)
    )
    menu = f'<div class="mega">{columns}{story_list(None, UNRELATED[:3])}</div>'
    (block,) = blocks(page_html(header=menu))
    assert block.chrome[-1].startswith("part of a menu of 30 links")


# -- topic --------------------------------------------------------------------------------


def test_on_topic_list_in_other_words_is_related():
    (finding,) = findings(page_html(story_list(None, ON_TOPIC)))
    assert finding.kind == "related_links"
    assert finding.reasons[-1].startswith("for example “")


def test_list_quoting_the_article_is_related_whatever_its_heading():
    quotes = [" ".join(p.split()[3:11]) for p in STORY]
    (finding,) = findings(page_html(story_list("Hot News", quotes)))
    assert finding.kind == "related_links"


def test_a_mixed_block_is_judged_by_its_majority():
    mixed = UNRELATED[:4] + ON_TOPIC[:1]
    (finding,) = findings(page_html(story_list(None, mixed)))
    assert finding.kind == "unrelated_links"
    assert finding.reasons[0] == "1 of 5 headlines share the article's topic, 4 do not"


def test_an_unclear_block_is_not_flagged():
    half = UNRELATED[:2] + ON_TOPIC[:2]
    assert findings(page_html(story_list(None, half))) == []


def test_a_page_without_an_article_flags_nothing():
    html = f"<html><body>{NAV}{story_list('Ranking', UNRELATED)}</body></html>"
    assert findings(html) == []


def test_hidden_copies_of_text_are_not_the_article():
    hidden = "<div style='display:none'>" + "<p>" + escape(" ".join(UNRELATED * 3)) + "</p></div>"
    (finding,) = findings(page_html(story_list("Ranking", UNRELATED), hidden))
    assert finding.kind == "unrelated_links"
