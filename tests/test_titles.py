"""Title segments, site names and the headline element."""

from __future__ import annotations

import pytest

from winnow.page import Page
from winnow.titles import headline_element, looks_like_site_name, spells_host, split_title


def test_split_title_on_pipes_underscores_and_spaced_dashes():
    text = "Brand Center|North Korea’s Kim orders drills -NextFrontier Finance"
    assert [s.text for s in split_title(text)] == [
        "Brand Center",
        "North Korea’s Kim orders drills",
        "NextFrontier Finance",
    ]
    assert [s.text for s in split_title("Brand_Headline here")] == ["Brand", "Headline here"]


@pytest.mark.parametrize("mark", ["▸", "›", "‹", ">>", "||", "/", "★", "⋆", "►", "•", "🔥"])
def test_any_spaced_mark_separates_segments(mark):
    text = f"Quovak {mark} Council approves the new budget"
    assert [s.text for s in split_title(text)] == ["Quovak", "Council approves the new budget"]


@pytest.mark.parametrize(
    "title",
    ["Q & A with the mayor", "Prices rise 5 % in May", "“Yes” he said, and left", "AC/DC tour"],
)
def test_marks_of_names_numbers_and_quotes_do_not_separate(title):
    assert [s.text for s in split_title(title)] == [title]


def test_hyphenated_word_is_not_split():
    assert [s.text for s in split_title("US-South Korea drills")] == ["US-South Korea drills"]


@pytest.mark.parametrize(
    ("segment", "host", "expected"),
    [
        ("The New York Times", "nytimes", True),
        ("Los Angeles Times", "latimes", True),
        ("The Jerusalem Post", "jpost", True),
        ("Sky News", "sky", True),
        ("BlueRiver Capital Forum", "nextfrontierfinance", False),
        ("Native Ad Platform my6sense Names Mobile Marketing Pioneer", "my6sense", False),
        ("Quorvex", "cbssports", False),
    ],
)
def test_spells_host(segment, host, expected):
    assert spells_host(segment, host) is expected


def page(html: str, url: str = "https://www.example-news.com/a.html") -> Page:
    return Page.from_html(html, url)


def test_site_name_from_og_site_name():
    p = page(
        '<html><head><meta property="og:site_name" content="Daily Herald"></head>'
        "<body><p>x</p></body></html>"
    )
    assert looks_like_site_name("Daily Herald", p)
    assert not looks_like_site_name("Storm closes schools", p)


def test_the_page_s_own_web_address_names_the_site():
    p = page("<html><body><p>x</p></body></html>", "http://www.wday.ru/articles/story")
    assert looks_like_site_name("www.wday.ru", p)
    assert looks_like_site_name("wday.ru", p)
    assert not looks_like_site_name("quorvex.ru", p)


def test_site_name_from_logo_and_copyright():
    p = page(
        '<html><body><a href="/"><img src="/logo.png" alt="Harbor Gazette"></a>'
        "<p>Story text that is long enough to be a paragraph of the article.</p>"
        "<footer>Copyright © 2024 Harbor Gazette. All rights reserved.</footer></body></html>"
    )
    assert looks_like_site_name("Harbor Gazette", p)


def test_application_name_equal_to_the_headline_is_not_a_site_name():
    p = page(
        '<html><head><meta property="og:title" content="Doctors offer free flu shots">'
        '<meta name="application-name" content="Doctors offer free flu shots"></head>'
        "<body><p>x</p></body></html>"
    )
    assert not looks_like_site_name("Doctors offer free flu shots", p)


def test_headline_element_prefers_the_heading_matching_the_title():
    p = page(
        "<html><head><title>Storm closes schools across the region | Herald</title></head><body>"
        "<h1>Herald</h1><aside><h2>Weather</h2></aside>"
        "<h1>Storm closes schools across the region</h1><p>Text.</p></body></html>",
        "https://herald.example/a",
    )
    assert headline_element(p).text == "Storm closes schools across the region"


def test_sidebar_heading_sharing_a_word_is_not_the_headline():
    p = page(
        "<html><head><title>Sejarah Pecahnya Islam jadi Sunni dan Syiah</title></head><body>"
        "<h2>Kabar Islam</h2><p>Text.</p></body></html>"
    )
    assert headline_element(p) is None
