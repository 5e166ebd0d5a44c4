"""The reader's safety net: Winnow's own steps (anchoring to the headline, trimming, the
findings' removals) never leave much less article than readability-lxml's choice on the same
page, and the response's stats say when the net caught one."""

from __future__ import annotations

import copy

from winnow.findings import Finding, Kind
from winnow.page import Page
from winnow.pipeline import analyze
from winnow.reader import build_reader
from winnow.reader.anchor import headline_lead
from winnow.reader.extract import extract_article

URL = "https://news.example/2025/story.html"
HEADLINE = "Harbor Transit cuts two bus lines after a year of falling ridership"
SENTENCES = [
    "Harbor Transit will stop running two of its oldest bus lines at the end of the month, "
    "the agency said on Tuesday, after a year in which ridership fell by a third.",
    "The lines carried about four thousand riders a day before the pandemic, and fewer than "
    "nine hundred last spring, according to figures the agency published with its budget.",
    "Riders who depend on the two routes will be offered a shuttle to the nearest train "
    "station for the rest of the year, and a discount on monthly passes until next summer.",
    "The union that represents the drivers said none of its members would lose their jobs, "
    "and that most of them would move to the express lines the agency plans to add.",
    "A public hearing on the changes is scheduled for next Thursday evening at the central "
    "library, and written comments can be sent to the agency until the end of the week.",
]


def paragraphs(sentences: list[str] = SENTENCES) -> str:
    return "".join(f"<p>{s}</p>" for s in sentences)


def page_of(body: str, head: str = f"<title>{HEADLINE}</title>") -> Page:
    return Page.from_html(f"<html><head>{head}</head><body>{body}</body></html>", URL)


def test_text_of_form_controls_is_not_the_paragraph_after_the_headline():
    """A <select> of car makes under the headline was taken for the paragraph after it: the
    reader anchored to the sidebar and came out empty (the aadb38e527d5 page)."""
    options = "".join(f"<option>Car maker number {i} of the long list</option>" for i in range(12))
    lead = " ".join(SENTENCES[:3])
    page = page_of(
        f"<div class='side'><h1>{HEADLINE}</h1><form><select>{options}</select></form></div>"
        f"<div class='story'><p>{lead}</p>{paragraphs(SENTENCES[3:])}</div>"
    )
    article = extract_article(lambda: copy.deepcopy(page.root))
    assert lead in article.text_content()
    assert headline_lead(page, article) is None


def teaser(n: int) -> str:
    summary = (
        "Another story, about another town, its council, its budget, its parks, its roads, "
        "its schools, and what the mayor said about them on Monday, in a long interview, "
    ) * 2
    return f"<div><h3><a href='/t{n}'>Teaser {n}</a></h3><p>{summary}…</p></div>"


LEAD = " ".join(SENTENCES[:3])


def test_an_article_outweighed_by_teasers_is_found_around_its_headline():
    teasers = "".join(teaser(n) for n in range(8))
    page = page_of(f"<div><div><h1>{HEADLINE}</h1><p>{LEAD}</p></div><div>{teasers}</div></div>")
    assert "Another story" in extract_article(lambda: copy.deepcopy(page.root)).text_content()
    view = build_reader(page, [])
    assert view.fields["text"] == LEAD
    assert view.source == "winnow"
    assert any(step.startswith("anchored to the headline") for step in view.steps)


def test_a_fragment_around_the_headline_does_not_replace_the_story():
    """The paragraph after the headline sits in a box readability skips; around the headline
    there is nothing but that box, far shorter than the story readability found."""
    box = "A note from the editors about this story. " * 8
    page = page_of(
        f"<div class='layout'><div class='box'><h1>{HEADLINE}</h1><p>{box}</p></div>"
        f"<div class='story'>{paragraphs(SENTENCES * 3)}</div></div>"
    )
    view = build_reader(page, [])
    assert view.fields["text"].split("\n") == SENTENCES * 3
    assert view.source == "readability"
    assert any(step.startswith("not anchored to the headline") for step in view.steps)


def test_trimming_that_would_remove_most_of_the_article_is_refused():
    """Every paragraph is also an image's alt text: a photo essay, not a page of captions."""
    images = "".join(f"<img src='/p{i}.jpg' alt='{s}'>" for i, s in enumerate(SENTENCES))
    page = page_of(f"<article><h1>{HEADLINE}</h1>{images}{paragraphs()}</article>")
    view = build_reader(page, [])
    for sentence in SENTENCES:
        assert sentence in view.fields["text"]
    assert view.source == "readability"
    assert any(step.startswith("trimming refused") for step in view.steps)


def test_a_finding_that_drops_the_article_is_undone():
    page = page_of(f"<h1>{HEADLINE}</h1><div class='story'>{paragraphs()}</div><nav>Home</nav>")
    story = page.root.find(".//div")
    wrong = Finding(Kind.UNRELATED_LINKS, story, "", 0.9, "test-rule", removes_element=True)
    view = build_reader(page, [wrong])
    assert view.fields["text"].split("\n") == SENTENCES
    assert view.source == "readability"
    assert any(step.startswith("removals undone") for step in view.steps)


def test_a_finding_that_drops_a_block_beside_the_article_stays_applied():
    links = "".join(f"<li><a href='/s{i}'>Other story number {i}</a></li>" for i in range(8))
    page = page_of(f"<h1>{HEADLINE}</h1><div class='story'>{paragraphs()}<ul>{links}</ul></div>")
    block = page.root.find(".//ul")
    view = build_reader(
        page, [Finding(Kind.UNRELATED_LINKS, block, "", 0.9, "t", removes_element=True)]
    )
    assert "Other story" not in view.fields["text"]
    assert view.source == "winnow"


def test_stats_say_where_the_reader_came_from():
    page_html = (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
        f"<p>By Jane Doe</p>{paragraphs()}</article></body></html>"
    )
    stats = analyze(page_html, URL)["stats"]
    assert stats["reader"] == "winnow"
    assert stats["reader_steps"] == [
        "trimmed 2 lines: line above the article 1, repeated headline 1"
    ]


def test_a_quoted_tweet_stays_in_the_article():
    """readability drops anything whose class says "tweet"; the story quotes it."""
    tweet = "We will keep all the bus lines that riders asked us to keep, starting next month."
    page = page_of(
        f"<article><h1>{HEADLINE}</h1>{paragraphs(SENTENCES[:3])}"
        f"<blockquote class='twitter-tweet'><p>{tweet}</p>&mdash; Harbor Transit</blockquote>"
        f"{paragraphs(SENTENCES[3:])}</article>"
    )
    assert tweet in build_reader(page, []).fields["text"]
