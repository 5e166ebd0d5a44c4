"""The article's topic: BM25-weighted terms and names, and how a headline relates to it."""

from __future__ import annotations

from winnow.detectors.topic import Relation, article_topic, terms

ARTICLE = [
    "Harbor Transit will cut two bus lines in March, the agency said on Monday, blaming a "
    "shortfall in fuel money and a shortage of drivers.",
    "Riders on the two lines asked Harbor Transit to keep the evening buses. The agency said "
    "Harbor Transit would add trips on the remaining lines to make up for the cuts.",
    "The mayor, Dana Okafor, said the city would ask the state for fuel money so that Harbor "
    "Transit could bring the lines back. Okafor met drivers on Tuesday.",
    "Drivers said the shortage had been building for a year, and that overtime on the "
    "remaining lines was already high before the cuts.",
]
TITLES = ["Harbor Transit cuts two bus lines"]


def topic(paragraphs=ARTICLE, titles=TITLES):
    return article_topic(paragraphs, titles, "en")


def test_terms_leave_out_stopwords_short_words_and_numbers():
    assert terms("The 2 new bus lines of Harbor Transit in 2024", frozenset({"the", "new"})) == {
        "bus",
        "lines",
        "harbor",
        "transit",
    }


def test_pairs_of_characters_stand_for_words_in_unspaced_scripts():
    assert {"東京", "京都"} <= terms("東京都の知事", frozenset())


def test_names_weigh_more_than_words_used_as_often():
    t = topic()
    assert "okafor" in t.names and "drivers" not in t.names
    assert t.uses["okafor"] == t.uses["fuel"] == 2
    assert t.weights["okafor"] > t.weights["fuel"]


def test_weights_saturate_with_use_and_shrink_with_length():
    t = topic()
    assert t.weights["transit"] > t.weights["okafor"]
    longer = topic([*ARTICLE, "Weather, sport and other unrelated talk went on. " * 40])
    assert longer.weights["okafor"] < t.weights["okafor"]


def test_title_words_count_only_when_the_text_uses_them():
    spliced = topic(titles=["Quorvex Markets | Harbor Transit cuts two bus lines"])
    assert "quorvex" not in spliced.weights
    assert spliced.weights["lines"] > topic(titles=[]).weights["lines"]


def test_headlines_about_the_article_in_other_words_are_related():
    t = topic()
    assert t.relation("What the Harbor Transit cuts mean for riders") == Relation.RELATED
    assert t.relation("Okafor weighs in on the bus lines") == Relation.RELATED


def test_a_quote_from_the_article_is_related():
    assert topic().relation("asked the agency to keep the evening buses") == Relation.RELATED


def test_a_central_name_alone_is_related_a_passing_one_unclear_a_word_unrelated():
    t = topic()
    assert t.relation("Five things to know about Transit") == Relation.RELATED
    assert t.relation("Okafor to attend a gala") == Relation.UNCLEAR
    assert t.relation("Drivers of the year honoured in Paris") == Relation.UNRELATED


def test_other_stories_are_unrelated():
    t = topic()
    for headline in (
        "Billie Eilish says her bluntness makes people uncomfortable",
        "Kitten season is putting a strain on animal shelters",
        "Chargers draft one of Michigan's stars in the third round",
    ):
        assert t.relation(headline) == Relation.UNRELATED, headline


def test_too_short_an_article_cannot_be_judged_against():
    assert not topic(["A short note."], []).judgeable
    assert topic().judgeable
