"""Spam-farm templates: the article re-published in a farm's layout, with its brand spliced in,
page furniture around it and lists of other stories.

Each part of the corpus has templates of its own, so the held-out part is laid out in ways the
tuning part never showed.
"""

from __future__ import annotations

import datetime
import html
import random
from dataclasses import dataclass

import lxml.html

from .base import BasePage, normalize
from .edit import Edits, Marked
from .forms import (
    Target,
    add_brand_line,
    splice_body,
    splice_dateline,
    splice_headline,
    splice_title,
)
from .vocab import HELD_OUT, LOWER_CASE_TAG, TUNING, Pool, brand, in_spliced_case

STORIES_PER_LIST = (5, 10)
LISTS_PER_PAGE = (2, 4)
# Shares of farm pages whose head lists the brand in keywords, and opens the description with it.
KEYWORDS_SHARE = 0.6
DESCRIPTION_SHARE = 0.5
DESCRIPTION_WORDS = 25


@dataclass(frozen=True)
class Template:
    name: str
    shell: str
    """The page with {title}, {site}, {nav}, {crumb}, {header_extra}, {body}, {after},
    {aside}, {footer} slots."""
    list_shell: str
    """One story list with {heading} and {items}."""
    item: str
    """One story with {href} and {text}."""
    date_formats: tuple[str, ...]
    headings: tuple[str | None, ...]


TEMPLATES = {
    TUNING: (
        Template(
            "wp-sidebar",
            "<html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<header id='masthead'><p class='site-title'>{site}</p><ul class='nav'>{nav}</ul>"
            "</header><div id='content'><main id='main'><div class='crumb'>{crumb}</div>"
            "<article class='post'><header class='entry-header'><h1 class='title'>{title_h}</h1>"
            "<div class='entry-meta'>{header_extra}</div></header>"
            "<div class='entry-content'>{body}</div>{after}</article></main>"
            "<aside id='secondary'>{aside}</aside></div>"
            "<footer class='site-footer'>{footer}</footer></body></html>",
            "<div class='widget'>{heading}<ul>{items}</ul></div>",
            "<li><a href='{href}'>{text}</a></li>",
            ("Date:%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S"),
            ("Hot News", "Related", "Popular", "Ranking", "Recommendation", "Latest News"),
        ),
        Template(
            "news-grid",
            "<html><head><title>{title}</title><meta name='viewport' content='width=device-width'>"
            "</head><body><div class='top'><a class='logo' href='/'>{site}</a>"
            "<nav class='menu'>{nav}</nav></div><div class='wrap'><div class='left'>"
            "<div class='position'>{crumb}</div><div class='article'><h1>{title_h}</h1>"
            "<div class='info'>{header_extra}</div><div class='txt'>{body}</div></div>"
            "<div class='more'>{after}</div></div><div class='right'>{aside}</div></div>"
            "<div class='foot'>{footer}</div></body></html>",
            "<div class='box'>{heading}<div class='list'>{items}</div></div>",
            "<p><a href='{href}'>{text}</a></p>",
            ("%Y/%m/%d %H:%M", "Published: %d.%m.%Y"),
            ("Related", "Hot Spots", "Recommended", "Editor's Choice", None),
        ),
    ),
    HELD_OUT: (
        Template(
            "magazine",
            "<html lang='en-US'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<div class='page'><div class='brandbar'><span>{site}</span><ol class='sections'>"
            "{nav}</ol></div><section class='story'><p class='trail'>{crumb}</p>"
            "<h1 class='story-title'>{title_h}</h1><p class='byline'>{header_extra}</p>"
            "<div class='story-body'>{body}{after}</div></section><section class='rail'>{aside}"
            "</section><div class='bottom'>{footer}</div></div></body></html>",
            "<section class='rail-box'>{heading}<ol>{items}</ol></section>",
            "<li class='rail-item'><a href='{href}'>{text}</a></li>",
            ("Updated %B %d, %Y %I:%M %p", "%d %B %Y"),
            ("Trending Now", "Most Read", "Top Stories", None),
        ),
        Template(
            "portal",
            "<html><head><meta charset='utf-8'><title>{title}</title></head><body><table "
            "class='layout'><tr><td colspan='2' class='head'>{site} <span class='links'>{nav}"
            "</span></td></tr><tr><td class='main'><div class='path'>{crumb}</div>"
            "<h1>{title_h}</h1><div class='stamp'>{header_extra}</div>{body}{after}</td>"
            "<td class='side'>{aside}</td></tr></table><div class='copy'>{footer}</div>"
            "</body></html>",
            "<div class='side-block'>{heading}<ul class='news'>{items}</ul></div>",
            "<li><a href='{href}' target='_blank'>{text}</a></li>",
            ("[%Y-%m-%d]", "Time: %H:%M %d/%m/%Y"),
            ("You May Also Like", "Don't Miss", "Hot Topics", None),
        ),
    ),
}
NAV_SECTIONS = ("Home", "Markets", "Stocks", "Crypto", "Business", "World", "Tech", "Funds")
FOOTER_LINKS = ("About Us", "Contact", "Privacy Policy", "Terms of Use", "Advertise")


def _nav(rng: random.Random, template: Template) -> str:
    sections = rng.sample(NAV_SECTIONS, rng.randint(4, len(NAV_SECTIONS)))
    tag = "li" if "<ul" in template.shell or "<ol" in template.shell else "span"
    return "".join(f"<{tag}><a href='/{s.lower()}/'>{s}</a></{tag}>" for s in sections)


def _date(rng: random.Random, template: Template) -> str:
    stamp = datetime.datetime(2025, 1, 1) + datetime.timedelta(minutes=rng.randint(0, 500_000))
    return stamp.strftime(rng.choice(template.date_formats))


def _header_extra(rng: random.Random, template: Template) -> str:
    parts = [f"<span class='time'>{_date(rng, template)}</span>"]
    if rng.random() < 0.5:
        parts.append(f"<span class='comments'>({rng.randint(0, 9)})</span>")
    if rng.random() < 0.4:
        parts.append("<span class='views'>Views: " + str(rng.randint(10, 9999)) + "</span>")
    return "".join(parts)


def _after(rng: random.Random, headline: str) -> str:
    parts = []
    if rng.random() < 0.5:
        parts.append(
            f"<div class='digg'><a href='javascript:;'>veryGood!</a> ({rng.randint(0, 20)})</div>"
        )
    if rng.random() < 0.4:
        parts.append(
            "<div class='share'>Share: <a href='#'>Facebook</a> <a href='#'>Twitter</a> "
            "<a href='#'>WhatsApp</a></div>"
        )
    if rng.random() < 0.3:
        parts.insert(0, f"<h2 class='again'>{html.escape(headline)}</h2>")
    return "".join(parts)


def _story_list(rng: random.Random, template: Template, stories: list[str], ref: int) -> str:
    count = rng.randint(*STORIES_PER_LIST)
    chosen = rng.sample(stories, min(count, len(stories)))
    items = "".join(
        template.item.format(href=f"/news/{rng.randint(10000, 99999)}.html", text=html.escape(s))
        for s in chosen
    )
    heading = rng.choice(template.headings)
    heading_html = f"<h3>{html.escape(heading)}</h3>" if heading else ""
    block = template.list_shell.format(heading=heading_html, items=items)
    first_tag_end = block.index(">")
    return block[:first_tag_end] + f" data-sim-list='{ref}'" + block[first_tag_end:]


def _farm_meta(rng: random.Random, tree: lxml.html.HtmlElement, phrase: str, lead: str) -> None:
    """Farms fill the head with their brand too: keywords, and a description that opens
    with it."""
    head = tree.find("head")
    if rng.random() < KEYWORDS_SHARE:
        keywords = lxml.html.Element("meta", name="keywords", content=f"{phrase},{phrase} News")
        head.append(keywords)
    if rng.random() < DESCRIPTION_SHARE:
        summary = " ".join(lead.split()[:DESCRIPTION_WORDS])
        head.append(lxml.html.Element("meta", name="description", content=f"{phrase} {summary}"))


def farm_page(
    rng: random.Random, base: BasePage, pool: Pool, part: str, stories: list[str]
) -> tuple[Target, Edits, list[str]] | None:
    lines = [normalize(line) for line in base.article_text.split("\n") if normalize(line)]
    if len(lines) < 3:
        return None
    template = rng.choice(TEMPLATES[part])
    site = f"{brand(rng, pool, words=1)} {rng.choice(pool.site_words)}"
    headline = base.true_title
    lists = [
        _story_list(rng, template, stories, ref) for ref in range(rng.randint(*LISTS_PER_PAGE))
    ]
    in_aside = rng.randint(1, len(lists))
    page_html = template.shell.format(
        title=html.escape(f"{headline} - {site}"),
        site=html.escape(site),
        nav=_nav(rng, template),
        crumb="Current: <a href='/'>Home</a> &gt; <a href='/news/'>News</a>",
        title_h=html.escape(headline),
        header_extra=_header_extra(rng, template),
        body="".join(f"<p>{html.escape(line)}</p>" for line in lines),
        after=_after(rng, headline) + "".join(lists[in_aside:]),
        aside="".join(lists[:in_aside]),
        footer=" ".join(f"<a href='/{w.split()[0].lower()}/'>{w}</a>" for w in FOOTER_LINKS)
        + f" © 2025 {html.escape(site)}",
    )
    tree = lxml.html.document_fromstring(page_html)
    body = tree.find("body")
    headline_el = next(tree.iter("h1"))
    paragraphs = [p for p in body.iter("p") if normalize(p.text_content()) in lines]
    target = Target(tree, tree.find(".//title"), headline_el, paragraphs, "\n".join(lines))
    edits = Edits()
    for el in tree.xpath("//*[@data-sim-list]"):
        heading = el.find(".//h3")
        del el.attrib["data-sim-list"]
        edits.link_blocks.append(
            Marked(
                el,
                {
                    "relation": "unrelated",
                    "heading": normalize(heading.text_content()) if heading is not None else None,
                },
            )
        )
    phrase = in_spliced_case(brand(rng, pool))
    splice_title(rng, target, edits, phrase, rng.choice(("prefix", "suffix")))
    splice_headline(rng, target, edits, phrase, rng.choice(("prefix", "suffix")))
    if rng.random() < 0.8:
        splice_dateline(rng, target, edits, phrase, pool)
    splice_body(rng, target, edits, phrase, pool, rng.randint(0, 2))
    if rng.random() < 0.8:
        add_brand_line(rng, target, edits, phrase, pool)
    _farm_meta(rng, tree, phrase, lines[0])
    tags = ["farm", template.name]
    if len(phrase.split()) == 1:
        tags.append("one-word brand")
    if phrase.islower():
        tags.append(LOWER_CASE_TAG)
    return target, edits, tags
