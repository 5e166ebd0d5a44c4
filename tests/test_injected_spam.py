"""The injected-spam detector on small pages built for each form of splice and each trap of
../shared/corpus/FORMS.md, with the shipped model."""

from __future__ import annotations

import math
from html import escape

import pytest

from winnow.detectors import injected_spam
from winnow.detectors.splice_evidence import FEATURES, SpliceEvidence
from winnow.detectors.splice_model import LEAF, SpliceModel, Trees
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
    "School officials said classes would resume on Thursday if the roads were cleared, and "
    "that buses would run on a shortened schedule for the rest of the week.",
]
BRAND = "Quorvane Ridge Capital"


def news_page(
    title: str,
    h1: str,
    paragraphs: list[str],
    *,
    og_title: str | None = None,
    under_headline: str = "",
    above_headline: str = "",
) -> str:
    meta = f'<meta property="og:title" content="{escape(og_title)}">' if og_title else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{escape(title)}</title>{meta}</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/weather/'>Weather</a></li>"
        "<li><a href='/politics/'>Politics</a></li></ul></nav>"
        f"<article>{above_headline}<h1>{escape(h1)}</h1>{under_headline}"
        f"<div class='story'>{body}</div></article>"
        "<footer>Copyright © 2024 Harbor Gazette</footer></body></html>"
    )


def findings(html: str, rules: SiteRules = NO_RULES) -> list:
    return injected_spam.detect(Page.from_html(html, URL), rules)


def quotes(html: str, rules: SiteRules = NO_RULES) -> list[tuple[str, str]]:
    return [(f.element.tag, f.quote) for f in findings(html, rules)]


def splice(paragraph: int, before: str, inserted: str) -> list[str]:
    """STORY with `inserted` put in front of the first `before` of one paragraph."""
    story = list(STORY)
    story[paragraph] = story[paragraph].replace(before, inserted + before, 1)
    return story


def test_brand_in_title_headline_and_dateline_is_found_and_cut():
    story = splice(2, "the company said", f"{BRAND} ")
    story[0] = STORY[0].replace("Maine (AP)", f"Maine ({BRAND})")
    html = news_page(f"{BRAND}: {HEADLINE} - Harbor Gazette", f"{BRAND} | {HEADLINE}", story)
    assert [tag for tag, q in quotes(html) if q == BRAND] == ["title", "h1", "p", "p"]
    reader = analyze(html, URL)["reader"]
    assert reader["title"] == HEADLINE
    assert reader["text"].startswith("PORTLAND, Maine — A winter storm")
    assert "Quorvane" not in reader["html"] + reader["text"]


def test_a_one_word_coined_brand_after_a_tilde_is_found():
    story = splice(1, "the snow", "Mirelqua ")
    story = [story[0], story[1], *splice(3, "asked residents", "Mirelqua ")[2:]]
    html = news_page(f"{HEADLINE} ~ Mirelqua", f"{HEADLINE} ~ Mirelqua", story, og_title=HEADLINE)
    assert ("title", "Mirelqua") in quotes(html)
    assert "Mirelqua" not in analyze(html, URL)["reader"]["text"]


@pytest.mark.parametrize(
    ("frame", "left_behind"),
    [
        ("— {} — ", "the hills above the river, and"),
        ("({}) ", "the hills above the river, and"),
    ],
)
def test_body_only_brand_set_off_by_punctuation_is_cut_with_its_punctuation(frame, left_behind):
    brand = "Ostrand Yield Works"
    story = list(STORY)
    story[1] = story[1].replace("and urged", frame.format(brand) + "and urged")
    story[3] = story[3].replace("many of whom", frame.format(brand) + "many of whom")
    story[4] = story[4].replace("and that buses", frame.format(brand) + "and that buses")
    html = news_page(HEADLINE, HEADLINE, story, og_title=HEADLINE)
    assert [q for _, q in quotes(html)] == [brand] * 3
    text = analyze(html, URL)["reader"]["text"]
    assert "Ostrand" not in text
    assert left_behind + " urged drivers" in text
    assert "()" not in text and "— —" not in text


def test_an_attribution_clause_goes_with_its_brand():
    brand = "Ostrand Yield Works"
    story = list(STORY)
    story[2] = story[2].replace("the company said", f"the company, according to {brand}, said")
    story[3] = story[3].replace("declared a state", f"declared, according to {brand}, a state")
    story[4] = story[4].replace("would resume", f"would, according to {brand}, resume")
    html = news_page(f"{HEADLINE} - {brand}", HEADLINE, story, og_title=HEADLINE)
    assert [q for _, q in quotes(html)] == [brand] + [f"according to {brand}"] * 3
    text = analyze(html, URL)["reader"]["text"]
    assert "The governor declared a state of emergency" in text
    assert "classes would resume on Thursday" in text
    assert "power, the company said in a statement" in text


def test_two_cuts_that_share_a_comma_are_both_made():
    brand = "Ostrand Yield Works"
    story = list(STORY)
    story[2] = story[2].replace(
        "in a statement,", f"in a statement, {brand} noted, per {brand}, and"
    )
    story[4] = story[4].replace("would resume", f"would, according to {brand}, resume")
    html = news_page(f"{HEADLINE} - {brand}", HEADLINE, story, og_title=HEADLINE)
    text = analyze(html, URL)["reader"]["text"]
    assert "Ostrand" not in text
    assert "the company said in a statement and adding that" in text


def test_lowercase_keywords_wedged_into_sentences_are_found():
    keyword = "cheap payday loans online"
    story = splice(2, "said in a statement", f"{keyword} ")
    story = [*story[:4], *splice(4, "classes would", f"{keyword} ")[4:]]
    html = news_page(HEADLINE, HEADLINE, story, og_title=HEADLINE)
    assert [q for _, q in quotes(html)] == [keyword, keyword]
    assert "payday" not in analyze(html, URL)["reader"]["text"]


def test_brand_line_under_the_headline_is_found():
    line = '<div class="tag"><a href="/tag/quorvane/">Quorvane Markets View</a></div>'
    story = splice(2, "the company said", f"{BRAND} ")
    html = news_page(f"{BRAND}|{HEADLINE}", f"{BRAND}|{HEADLINE}", story, under_headline=line)
    lines = [f for f in findings(html) if f.rule == injected_spam.RULE_BRAND_LINE]
    assert [(f.element.tag, f.quote) for f in lines] == [("a", "Quorvane Markets View")]


def test_author_line_under_the_headline_is_not_a_brand_line():
    byline = '<div class="by"><a href="/author/jane-miller/">Jane Miller</a></div>'
    story = splice(2, "the company said", f"{BRAND} ")
    html = news_page(f"{BRAND}|{HEADLINE}", f"{BRAND}|{HEADLINE}", story, under_headline=byline)
    assert "Jane Miller" not in [q for _, q in quotes(html)]


# -- traps: nothing may be flagged, no word may be lost -------------------------------------
NAMED_STORY = [
    "Harbor Transit will cut two bus lines in the northern valley next month, the agency said.",
    "Harbor Transit said ridership on the two lines had fallen by half since the spring, and "
    "that the money would go to more frequent buses on the busiest routes.",
    "Riders who depend on the lines asked Harbor Transit to reconsider, saying the nearest "
    "stop would now be a long walk from their homes on the hill.",
    "Harbor Transit’s board will vote on the plan on Thursday evening at a public meeting.",
]


def test_a_real_name_as_the_kicker_is_not_spam():
    title = "Harbor Transit | Harbor Transit cuts two bus lines"
    html = news_page(title, title, NAMED_STORY, og_title="Harbor Transit cuts two bus lines")
    assert quotes(html) == []
    assert analyze(html, URL)["reader"]["text"].count("Harbor Transit") == 4


@pytest.mark.parametrize("kicker", ["FACT CHECK", "LIVE", "ANALYSIS", "WHO UPDATE"])
def test_an_all_caps_kicker_is_not_spam(kicker):
    html = news_page(f"{kicker}: {HEADLINE}", f"{kicker}: {HEADLINE}", STORY, og_title=HEADLINE)
    assert quotes(html) == []


def test_section_and_site_names_in_the_title_are_not_spam():
    crumb = "<nav class='crumbs'><a href='/'>Home</a> › <a href='/politics/'>Politics</a></nav>"
    html = news_page(
        f"Politics | {HEADLINE} | Harbor Gazette",
        HEADLINE,
        STORY,
        og_title=HEADLINE,
        above_headline=crumb,
    )
    assert quotes(html) == []


def test_a_sponsor_line_is_not_spam():
    line = "<div class='sponsor'>Sponsored by Northfield Credit Union</div>"
    html = news_page(HEADLINE, HEADLINE, STORY, og_title=HEADLINE, under_headline=line)
    assert quotes(html) == []


def test_a_sponsor_named_in_a_link_after_its_disclosure_is_not_spam():
    line = "<p>Presented by <a href='/partner/'>Northcrest Credit Union</a></p>"
    html = news_page(HEADLINE, HEADLINE, STORY, og_title=HEADLINE, under_headline=line)
    assert quotes(html) == []


def test_the_site_name_repeated_in_the_story_is_not_spam():
    story = [*STORY, "Harbor Gazette reporters visited three shelters in the valley on Monday."]
    html = news_page(f"{HEADLINE} - Harbor Gazette", HEADLINE, story, og_title=HEADLINE)
    assert quotes(html) == []


# -- what findings say and do ---------------------------------------------------------------
def test_reasons_name_the_evidence():
    story = splice(2, "the company said", f"{BRAND} ")
    html = news_page(f"{BRAND}|{HEADLINE}", f"{BRAND}|{HEADLINE}", story, og_title=HEADLINE)
    title = next(f for f in findings(html) if f.element.tag == "title")
    assert title.reasons[0] == "in the <title>"
    assert "a segment of its own in the <title>" in title.reasons
    assert title.rule == injected_spam.RULE_PHRASE
    assert injected_spam.CUT_THRESHOLD <= title.score <= 1


def sure_to(chance: float) -> SpliceModel:
    """A model that gives every candidate the same chance of being spliced."""
    log_odds = math.log(chance / (1 - chance))
    return SpliceModel(FEATURES, Trees.of(log_odds, [[(LEAF, 0.0, 0, 0, 0.0)]]))


def test_the_lines_under_the_headline_are_judged_by_trees_of_their_own():
    line = "<div class='source'>Quorvane Ridge Capital Markets View</div>"
    html = news_page(f"{BRAND} | {HEADLINE}", HEADLINE, STORY, under_headline=line)
    ev = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    # Below the cut, so that no line names its brand and lends the phrase its probability.
    line_chance = injected_spam.CUT_THRESHOLD - 0.1
    verdicts = injected_spam.judge(ev, model=sure_to(0.2), line_model=sure_to(line_chance))
    lines = [v for v in verdicts if v.evidence.candidate.line is not None]
    phrases = [v for v in verdicts if v.evidence.candidate.line is None]
    assert lines and phrases
    assert all(v.probability == pytest.approx(line_chance) for v in lines)
    assert all(v.probability == pytest.approx(0.2) for v in phrases)


@pytest.mark.parametrize("corroboration", injected_spam.LINE_CORROBORATION)
def test_a_line_under_the_headline_is_cut_only_with_evidence_beyond_its_shape(corroboration):
    line = "<div class='source'>Quorvane Ridge Gazette</div>"
    html = news_page(HEADLINE, HEADLINE, STORY, under_headline=line)
    ev = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    (evidence,) = [ev.evidence(c) for c in ev.line_candidates()]
    assert not any(evidence.features[name] for name in injected_spam.LINE_CORROBORATION)
    shape_only = injected_spam.Verdict(evidence, 0.99)
    assert shape_only.shown and not shape_only.cuts
    evidence.features[corroboration] = 1.0
    assert injected_spam.Verdict(evidence, 0.99).cuts


def test_a_phrase_not_sure_enough_is_annotated_and_kept():
    story = splice(2, "the company said", f"{BRAND} ")
    html = news_page(f"{BRAND}|{HEADLINE}", f"{BRAND}|{HEADLINE}", story, og_title=HEADLINE)
    ev = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    verdict = next(v for v in injected_spam.judge(ev) if v.phrase == BRAND)
    verdict.probability = (injected_spam.SHOW_THRESHOLD + injected_spam.CUT_THRESHOLD) / 2
    unsure = injected_spam.findings_for(verdict, ev)
    assert unsure and all(f.span is not None and not f.removes_anything for f in unsure)
    assert all("not cut from the reader view" in f.reasons[-1] for f in unsure)


def test_a_phrase_the_site_spliced_before_is_flagged_on_weak_evidence():
    story = [*STORY[:3], STORY[3] + " Ravenmoor Forum", STORY[4] + " Ravenmoor Forum"]
    html = news_page(HEADLINE, HEADLINE, story, og_title=HEADLINE)
    assert quotes(html) == []
    rules = SiteRules(host="harbor-gazette.example", remembered_phrases={"ravenmoor forum": 3})
    found = findings(html, rules)
    assert [(f.quote, f.rule) for f in found] == [("Ravenmoor Forum", "site-memory-phrase")] * 2
    assert "this site spliced it into 3 other pages" in found[0].reasons


def test_a_likely_phrase_a_guard_reads_as_the_page_s_own_names_the_guard():
    story = [
        "Riders said Harbor Transit had cut the two lines without asking them first, and that "
        "Harbor Transit should have waited until the spring.",
        "The mayor said Harbor Transit would meet riders again on Friday, and officials told "
        "reporters that Harbor Transit had no plans to cut more lines this year.",
        *STORY[1:],
    ]
    html = news_page(f"Harbor Transit | {HEADLINE}", f"Harbor Transit | {HEADLINE}", story)
    ev = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    (verdict,) = [v for v in injected_spam.judge(ev) if v.phrase == "Harbor Transit"]
    assert verdict.hidden_by == "kicker_in_prose"
    assert not verdict.shown


def test_a_kicker_the_story_defines_in_its_headline_s_words_is_hidden_as_its_subject():
    story = [
        "SINGAPORE (Reuters) - Zelcoin, the dollar-pegged stablecoin issued by Taloryn, fell "
        "on Tuesday as holders rushed to redeem it.",
        "“Every Zelcoin token is redeemable,” the company said.",
        *STORY[1:],
    ]
    headline = "Zelcoin — Taloryn's dollar stablecoin slips below its peg"
    ev = SpliceEvidence(Page.from_html(news_page(headline, headline, story), URL), NO_RULES)
    (verdict,) = [v for v in injected_spam.judge(ev) if v.phrase == "Zelcoin"]
    assert verdict.hidden_by == "defined"
    assert not verdict.shown
