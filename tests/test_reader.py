"""The reader view's fields on the seed page and on small pages made for one field each."""

from __future__ import annotations

from helpers import SEED_URL
from winnow.pipeline import analyze


def reader_of(html: str, url: str = "https://news.example/a/b.html") -> dict:
    return analyze(html, url)["reader"]


def test_seed_reader_has_the_article_paragraphs(seed_html, seed_expected):
    reader = reader_of(seed_html, SEED_URL)
    lines = reader["text"].split("\n")
    assert len(lines) == len(seed_expected["paragraphs"])
    for expected, got in zip(seed_expected["paragraphs"][1:], lines[1:], strict=True):
        assert got == expected


def test_seed_reader_leaves_out_page_chrome(seed_html):
    reader = reader_of(seed_html, SEED_URL)
    for chrome in ("Current:", "veryGood!", "Billie Eilish", "Cambodian soldiers", "Tarot Cards"):
        assert chrome not in reader["text"]
        assert chrome not in reader["html"]


def test_seed_metadata(seed_html, seed_expected):
    reader = reader_of(seed_html, SEED_URL)
    assert reader["site_name"] == seed_expected["site_name"]
    assert reader["published"] == seed_expected["published"]
    assert reader["lang"] == "en"
    assert reader["dir"] == "ltr"
    assert reader["word_count"] > 500
    assert reader["reading_minutes"] == 3


def test_metadata_from_meta_tags():
    html = """<html lang="fr"><head>
    <title>Le budget - Le Journal</title>
    <meta property="og:title" content="Le budget de la ville">
    <meta property="og:site_name" content="Le Journal">
    <meta name="author" content="Marie Curie">
    <meta property="article:published_time" content="2024-03-05T08:30:00+01:00">
    <meta property="og:image" content="/img/lead.jpg">
    <meta name="description" content="Le conseil a vote le budget.">
    </head><body><article><h1>Le budget de la ville</h1>
    <p>Le conseil municipal a vote mardi soir le budget de la ville pour l'annee prochaine.</p>
    </article></body></html>"""
    reader = reader_of(html)
    assert reader["title"] == "Le budget de la ville"
    assert reader["site_name"] == "Le Journal"
    assert reader["byline"] == "Marie Curie"
    assert reader["published"] == "2024-03-05T08:30:00+01:00"
    assert reader["lead_image"] == "https://news.example/img/lead.jpg"
    assert reader["excerpt"] == "Le conseil a vote le budget."
    assert reader["lang"] == "fr"


def test_site_name_suffix_is_cut_from_the_title():
    html = """<html><head><title>Storm closes schools across the region | Daily Herald</title>
    <meta property="og:site_name" content="Daily Herald"></head><body>
    <p>Schools across the region closed on Monday as the storm brought heavy snow and wind.</p>
    </body></html>"""
    assert reader_of(html)["title"] == "Storm closes schools across the region"


def test_site_name_spelled_like_the_host_is_cut_from_the_title():
    html = """<html><head><title>Storm closes schools -NextFrontier Finance</title></head><body>
    <p>Schools across the region closed on Monday as the storm brought heavy snow and wind.</p>
    </body></html>"""
    reader = reader_of(html, "https://nextfrontier-finance.example/x.html")
    assert reader["title"] == "Storm closes schools"
    assert reader["site_name"] == "NextFrontier Finance"


def test_hyphenated_words_are_not_title_separators():
    html = """<html><head><title>US-South Korea drills begin</title></head><body>
    <p>The allies began their annual drills on Monday, officials in Seoul said.</p></body></html>"""
    assert reader_of(html)["title"] == "US-South Korea drills begin"


def test_right_to_left_language():
    html = """<html lang="ar"><head><title>عنوان</title></head><body>
    <p>هذا نص عربي طويل بما يكفي ليكون فقرة في مقال إخباري عن الأحداث الجارية في المدينة.</p>
    </body></html>"""
    reader = reader_of(html)
    assert reader["lang"] == "ar"
    assert reader["dir"] == "rtl"


def test_byline_from_json_ld():
    html = """<html><head><title>T</title><script type="application/ld+json">
    {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Ada Lovelace"}],
     "datePublished": "2023-11-02"}</script></head><body>
    <p>The engine computed the numbers faster than any clerk could have done by hand.</p>
    </body></html>"""
    reader = reader_of(html)
    assert reader["byline"] == "Ada Lovelace"
    assert reader["published"] == "2023-11-02T00:00:00"


def byline_of(body: str) -> str | None:
    html = f"""<html><head><title>T</title></head><body>{body}
    <p>The engine computed the numbers faster than any clerk could have done by hand.</p>
    </body></html>"""
    return reader_of(html)["byline"]


def test_byline_from_the_page_markup():
    assert byline_of('<div class="story-byline">By Grace Hopper</div>') == "Grace Hopper"
    assert byline_of('<span id="AUTHOR-name">Alan Turing</span>') == "Alan Turing"
    assert byline_of('<a rel="author" href="/people/ada">Ada Lovelace</a>') == "Ada Lovelace"
    assert byline_of('<span itemprop="author">Katherine Johnson</span>') == "Katherine Johnson"


def test_an_author_box_is_no_byline():
    assert byline_of(f'<div class="author-bio">{"She wrote many books. " * 30}</div>') is None


def test_a_page_with_only_navigation_has_zero_words():
    reader = reader_of("<html><head><title>Nothing</title></head><body><nav>x</nav></body></html>")
    assert (reader["text"], reader["word_count"], reader["reading_minutes"]) == ("", 0, 0)


def test_seed_reader_matches_the_expected_answer(seed_html, seed_expected):
    reader = reader_of(seed_html, SEED_URL)
    assert reader["title"] == seed_expected["title"]
    assert reader["text"].split("\n") == seed_expected["paragraphs"]
    for text in seed_expected["not_in_reader_view"][:5]:
        assert text not in reader["text"] and text not in reader["title"]


def test_seed_spliced_occurrences_sit_on_the_right_elements(seed_html):
    annotations = analyze(seed_html, SEED_URL)["annotations"]
    spam = [(a["xpath"], a["quote"]) for a in annotations if a["kind"] == "injected_spam"]
    brand = "FinLogic FinLogic Quantitative Think Tank Center"
    assert spam == [
        ("/html/head/title", brand),
        ("/html/body/div[2]/div[1]/div[2]/h1", brand),
        ("/html/body/div[2]/div[1]/div[2]/div[1]/a", "Ethermac Exchange View"),
        ("/html/body/div[2]/div[1]/div[2]/div[3]/p[1]", brand),
    ]
