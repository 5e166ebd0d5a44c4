"""Trimming the article readability chose: each rule on a small article of its own."""

from __future__ import annotations

import lxml.html

from winnow.reader.trim import (
    ABOVE_ARTICLE,
    BELOW_ARTICLE,
    CAPTION,
    LINK_LINE,
    REPEATED_HEADLINE,
    PageText,
    apply_trim,
    plan_trim,
)

TITLE = "Council approves the new budget after a long night"
PARAGRAPH = (
    "The city council approved the new budget on Tuesday after a debate that lasted "
    "well past midnight, officials said."
)
LATER = (
    "Residents who spoke at the meeting asked for more money for parks and libraries, and "
    "the mayor promised a review next spring."
)


def article(*lines: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring("<div>" + "".join(lines) + "</div>")


def planned(art: lxml.html.HtmlElement, page_text: PageText | None = None) -> dict[str, str]:
    plan = plan_trim(art, page_text or PageText(titles=(TITLE,)))
    return {line.text: reason for line, reason in plan}


def test_the_headline_is_dropped_wherever_it_is_repeated():
    art = article(
        f"<h1>{TITLE}</h1>", f"<p>{PARAGRAPH}</p>", f"<h2>{TITLE}</h2>", f"<p>{LATER}</p>"
    )
    assert planned(art) == {TITLE: REPEATED_HEADLINE}
    assert apply_trim(plan_trim(art, PageText(titles=(TITLE,))))[REPEATED_HEADLINE] == 2
    assert art.text_content().count(TITLE) == 0


def test_a_long_headline_is_not_taken_for_the_first_paragraph():
    long_title = "A headline of more than twelve words that a spam farm repeats under the story"
    art = article(f"<p>{long_title}</p>", "<p>Date:2025-07-25 10:38:53</p>", f"<p>{PARAGRAPH}</p>")
    assert planned(art, PageText(titles=(long_title,))) == {
        long_title: REPEATED_HEADLINE,
        "Date:2025-07-25 10:38:53": ABOVE_ARTICLE,
    }


def test_byline_and_date_above_the_first_paragraph_go_a_short_lead_sentence_stays():
    art = article(
        "<p>By Jane Doe</p>",
        "<p>Published 11:11 PM EST Nov 19, 2019</p>",
        "<p>You shouldn't just believe them.</p>",
        f"<p>{PARAGRAPH}</p>",
    )
    assert planned(art) == {
        "By Jane Doe": ABOVE_ARTICLE,
        "Published 11:11 PM EST Nov 19, 2019": ABOVE_ARTICLE,
    }


def test_a_teaser_cut_short_is_not_a_lead_sentence():
    art = article("<p>Family is what holds us together when...</p>", f"<p>{PARAGRAPH}</p>")
    assert planned(art) == {"Family is what holds us together when...": ABOVE_ARTICLE}


def test_counters_dates_and_share_widgets_below_the_article_go():
    art = article(
        f"<p>{PARAGRAPH}</p>",
        f"<p>{LATER}</p>",
        "<div>(0)</div>",
        "<div>Updated at 1:23 p.m.</div>",
        "<div>Views: 3764</div>",
        "<div>Share Submit</div>",
    )
    assert set(planned(art)) == {"(0)", "Updated at 1:23 p.m.", "Views: 3764", "Share Submit"}
    assert set(planned(art).values()) == {BELOW_ARTICLE}


def test_a_timetable_below_the_article_stays():
    art = article(f"<p>{PARAGRAPH}</p>", "<p>9.30 A.M. / 7.00 P.M.</p>", "<p>June 24</p>")
    assert planned(art) == {}


def test_times_inside_the_article_stay():
    """Live updates put the time of each entry on a line of its own."""
    art = article(f"<p>{PARAGRAPH}</p>", "<p>4:14 p.m.</p>", f"<p>{LATER}</p>")
    assert planned(art) == {}


def test_link_lines_go_anywhere_and_prose_with_a_link_stays():
    art = article(
        f"<p>{PARAGRAPH}</p>",
        "<p>Read more: <a href='/x'>Alibaba poised to launch a record-breaking listing</a></p>",
        "<p>Share: <a href='#'>Facebook</a> <a href='#'>Twitter</a> <a href='#'>WhatsApp</a></p>",
        f"<p>{LATER} <a href='/parks'>The parks plan</a> is online.</p>",
    )
    assert planned(art) == {
        "Read more: Alibaba poised to launch a record-breaking listing": LINK_LINE,
        "Share: Facebook Twitter WhatsApp": LINK_LINE,
    }


def test_a_link_line_that_makes_a_statement_stays_a_shouted_call_to_action_goes():
    art = article(
        f"<p>{PARAGRAPH}</p>",
        "<p><a href='/social'>Follow the Gazette on Facebook, Twitter and Instagram.</a></p>",
        "<p><a href='/quiz'>GET THE QUIZ: INSTANT DOWNLOAD!</a></p>",
        "<p><a href='/next'>Who will sit on the council next year?</a></p>",
        f"<p>{LATER}</p>",
    )
    assert planned(art) == {
        "GET THE QUIZ: INSTANT DOWNLOAD!": LINK_LINE,
        "Who will sit on the council next year?": LINK_LINE,
    }


def test_a_linked_name_the_article_also_writes_plain_stays():
    """A recipe links each product to its shop once and writes it plain in the next plan."""
    art = article(
        f"<p>{PARAGRAPH}</p>",
        "<p><a href='https://shop.example/energize'>Harbor Performance Energize</a></p>",
        "<p><a href='https://shop.example/recover'>Harbor Performance Recover</a></p>",
        f"<p>{LATER}</p>",
        "<p>Harbor Performance Energize, 20 minutes before the workout</p>",
    )
    assert planned(art) == {"Harbor Performance Recover": LINK_LINE}


def test_a_cited_web_address_stays():
    url = "http://www.example.org/2013/02/the-report-the-article-cites.html"
    art = article(f"<p>{PARAGRAPH}</p>", f"<p><a href='{url}'>{url}</a></p>", f"<p>{LATER}</p>")
    assert planned(art) == {}


def test_a_line_that_repeats_an_image_text_is_a_caption():
    caption = "The mayor speaks to reporters outside city hall on Tuesday night"
    art = article(f"<p>{PARAGRAPH}</p>", f"<p>{caption}</p>", f"<p>{LATER}</p>")
    page_text = PageText(titles=(TITLE,), image_texts=(f"{caption}. Photo: J. Doe, AP",))
    assert planned(art, page_text) == {caption: CAPTION}


def test_a_line_that_credits_a_picture_is_a_caption():
    credited = [
        "Protesters do not want the city to lose its autonomy (Image: GETTY )",
        "Photo: Jane Doe, AP",
        "Workers load trims into a pickup truck outside a store (AP Photo/Alan Diaz, File)",
    ]
    art = article(f"<p>{PARAGRAPH}</p>", *(f"<p>{c}</p>" for c in credited), f"<p>{LATER}</p>")
    assert planned(art) == dict.fromkeys(credited, CAPTION)


def test_a_paragraph_under_a_photos_label_is_no_credit():
    labelled = (
        "PHOTOS: The band is nominated for the Hall of Fame's class of 2020, which will be "
        "honored in May. It currently sits in third place in the fan vote."
    )
    art = article(f"<p>{PARAGRAPH}</p>", f"<p>{labelled}</p>", f"<p>{LATER}</p>")
    assert planned(art) == {}


def test_a_section_heading_that_an_image_text_repeats_stays():
    art = article(f"<p>{PARAGRAPH}</p>", "<h2>How to retire early</h2>", f"<p>{LATER}</p>")
    page_text = PageText(titles=(TITLE,), image_texts=("How to retire early",))
    assert planned(art, page_text) == {}


def test_a_short_page_is_left_alone():
    art = article("<p>Closed today.</p>", "<p>Back on Monday</p>", "<p>(0)</p>")
    assert planned(art) == {}
