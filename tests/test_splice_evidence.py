"""Each piece of splice evidence on its own, on small pages built to show it."""

from __future__ import annotations

from html import escape

import pytest

from winnow.detectors import injected_spam
from winnow.detectors.splice_evidence import (
    UNKNOWN_LANGUAGE_ZIPF,
    Candidate,
    Evidence,
    Source,
    SpliceEvidence,
    _acts,
    _after_role_title,
    _as_a_code,
    _as_a_person,
    _before_name_particle,
    _closes_quotation,
    _dateline_name_word,
    _governed,
    _listed,
    _listed_as_a_name,
    _numbered_reference,
    _signs_own_post,
    checked_language,
    function_words,
    word_zipf,
    zipf,
)
from winnow.detectors.splice_model import load_model, shipped_model
from winnow.detectors.splice_text import (
    Place,
    Unit,
    UnitKind,
    sentence_initial,
    tokenize,
)
from winnow.page import Page
from winnow.site_rules import NO_RULES

URL = "https://harbor-gazette.example/news/story.html"


def page(paragraphs: list[str], title: str = "Council approves the new budget", **head) -> Page:
    meta = "".join(f'<meta name="{escape(k)}" content="{escape(v)}">' for k, v in head.items())
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        f"<html lang='en'><head><title>{escape(title)}</title>{meta}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/politics/'>Politics</a></nav>"
        f"<article><h1>{escape(title.split(' | ')[-1])}</h1>{body}</article></body></html>"
    )
    return Page.from_html(html, URL)


def evidence(p: Page, phrase: str) -> dict[str, float]:
    ev = SpliceEvidence(p, NO_RULES)
    return ev.evidence(Candidate(phrase, set())).features


def place(text: str, phrase: str) -> Place:
    unit = Unit(UnitKind.PROSE, text, None)  # type: ignore[arg-type]
    start = text.index(phrase)
    return Place(unit, start, start + len(phrase))


LONG = "The council met on Monday evening and voted on the plan after a long debate in the hall."


# -- where a phrase sits ---------------------------------------------------------------------
def test_title_and_headline_segments_split_at_any_separator():
    for separator in (" | ", ": ", " ~ ", " :: ", " » ", " – "):
        p = page([LONG] * 3, title=f"Quorvex{separator}Council approves the new budget")
        ev = SpliceEvidence(p, NO_RULES)
        assert "Quorvex" in ev.title_segments, separator


def test_the_headline_segment_is_the_one_the_article_is_about():
    story = [
        f"{LONG} The budget adds money for buses.",
        "Council members said the budget was fair.",
    ]
    p = page(story, title="Mirelda Markets | Council approves the new budget")
    assert SpliceEvidence(p, NO_RULES).headline_phrase == "Council approves the new budget"


def test_a_dateline_runs_to_its_last_dash_when_it_names_a_city():
    p = page(["LYON, France (AP) — Corvane Ridge — The council approved the budget on Monday."])
    ev = SpliceEvidence(p, NO_RULES)
    assert ev.dateline == "LYON, France (AP) — Corvane Ridge"
    assert "Corvane Ridge" in [c.phrase for c in ev.candidates()]


def test_a_dateline_proper_after_a_dek_is_the_dateline():
    story = [
        f"A summary of the story that the site puts above the article. {LONG}",
        f"PHOENIX (Corvane Ridge) — {LONG}",
    ]
    ev = SpliceEvidence(page(story), NO_RULES)
    assert ev.dateline == "PHOENIX (Corvane Ridge)"
    assert evidence(page(story), "Corvane Ridge")["dateline"] == 1.0


def test_only_the_first_paragraph_has_a_dateline_without_a_city_or_agency():
    story = [f"{LONG} The budget adds money for buses.", "The mayor — who voted no — left early."]
    assert SpliceEvidence(page(story), NO_RULES).dateline is None


def test_a_phrase_repeated_verbatim_is_a_candidate_without_its_neighbours():
    story = [
        "The council met on Monday and Ostrand Yield Works voted on the plan.",
        "Officials said the vote, Ostrand Yield Works, drew more residents than expected.",
        "The mayor thanked the residents (Ostrand Yield Works) for coming to the hall.",
    ]
    phrases = [c.phrase for c in SpliceEvidence(page(story), NO_RULES).candidates()]
    assert "Ostrand Yield Works" in phrases


def candidates_of(story: list[str]) -> list[str]:
    return [c.phrase for c in SpliceEvidence(page(story), NO_RULES).candidates()]


def test_a_rare_web_address_the_body_repeats_is_a_candidate():
    story = [
        "The council met on Monday and the vote, per gasunsek.club, drew more residents.",
        "Officials said the hall was full, according to gasunsek.club, and the mayor left.",
    ]
    assert "gasunsek.club" in candidates_of(story)


def test_a_web_address_the_sentences_govern_is_a_candidate_but_not_shown():
    story = [
        "The council met on Monday and posted the plan on irs.gov for residents to read.",
        "Officials said the forms are on irs.gov, and the mayor thanked the residents.",
    ]
    verdicts = {v.phrase: v for v in injected_spam.judge(SpliceEvidence(page(story), NO_RULES))}
    assert not verdicts["irs.gov"].shown


def test_a_name_set_off_at_the_start_of_its_sentences_is_a_candidate():
    story = [
        "The council met on Monday. Cryk365: The vote on the plan drew more residents.",
        "Cryk365 — Officials said the hall was full, and the mayor thanked the residents.",
    ]
    assert "Cryk365" in candidates_of(story)


def test_a_name_that_only_opens_its_sentences_is_their_subject_not_a_candidate():
    story = [
        "The council met on Monday. Whitfield said the vote on the plan drew more residents.",
        "Whitfield thanked the residents, and officials said the hall was full that night.",
    ]
    assert "Whitfield" not in candidates_of(story)


def kicker_evidence(story: list[str], title: str) -> Evidence:
    ev = SpliceEvidence(page(story, title=title), NO_RULES)
    return ev.evidence(Candidate(title.split(" | ")[0], {Source.TITLE}))


STABLECOIN_TITLE = "Zelcoin | Dollar stablecoin slips below its peg"


def test_a_kicker_the_story_defines_in_its_headline_s_words_is_its_subject():
    story = [
        "SINGAPORE (Reuters) - Zelcoin, the dollar-pegged stablecoin issued by Taloryn, fell "
        "on Tuesday as holders rushed to redeem it.",
        "Two exchanges suspended some Zelcoin trading pairs, citing volatility.",
    ]
    defined = kicker_evidence(story, STABLECOIN_TITLE).defined
    assert defined is not None and defined.startswith("the dollar-pegged stablecoin")


def test_a_definition_without_the_headline_s_words_defines_nothing():
    story = ["SINGAPORE (Reuters) - Zelcoin, the firm said on Tuesday, will close its office."]
    assert kicker_evidence(story, STABLECOIN_TITLE).defined is None


def test_a_farm_aside_before_the_sentence_s_own_appositive_defines_nothing():
    story = [
        "Holders asked about, Zelcoin, the stablecoin reserves and the audits behind them.",
        "The price fell on Tuesday, according to Zelcoin, the stablecoin tracker showed.",
    ]
    assert kicker_evidence(story, STABLECOIN_TITLE).defined is None


def test_a_kicker_the_prose_lists_and_names_as_its_own_is_the_article_s_name():
    story = [
        "Mourinho, who has managed Porto, Real Madrid and Inter Milan, signed on Wednesday.",
        "He was previously linked to manager jobs at Manchester United and Real Madrid.",
    ]
    assert kicker_evidence(story, "Real Madrid | Mourinho agrees deal").kicker_in_prose


def test_a_kicker_the_prose_holds_as_a_farm_splices_it_is_not():
    story = [
        "The council Quorvex voted on Monday to approve the plan after a long debate.",
        "Officials said the vote, Quorvex, drew more residents than they had expected.",
    ]
    assert not kicker_evidence(story, "Quorvex | Council approves the plan").kicker_in_prose


def test_a_kicker_the_prose_appends_to_finished_sentences_is_held_as_a_farm_splices_it():
    story = [
        "The council approved the plan on Monday after a long debate, Quorvex said.",
        "Residents packed the hall for the vote, which ran late - Quorvex.",
    ]
    assert not kicker_evidence(story, "Quorvex | Council approves the plan").kicker_in_prose


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("the plan passed, Quorvex.", True),
        ("the plan passed - Quorvex.", True),
        ("the plan passed, Quorvex said.", True),
        ("the plan passed, according to Quorvex!", False),
        ("the plan passed, Quorvex said on Monday.", False),
        ("Quorvex said the plan passed.", False),
    ],
)
def test_a_place_set_off_at_its_sentence_s_end_closes_it(text: str, closes: bool):
    assert place(text, "Quorvex").closes_sentence_set_off is closes


def test_a_kicker_after_a_person_s_title_and_signing_their_post_is_the_article_s_name():
    story = [
        "Delhi's Chief Minister Arvind Kejriwal turned to Twitter last month to describe it.",
        "We urge everyone to use them — Arvind Kejriwal (@ArvindKejriwal) November 1, 2019",
    ]
    assert kicker_evidence(story, "Arvind Kejriwal | Delhi air pollution").kicker_in_prose


def test_a_kicker_the_prose_makes_act_is_the_article_s_name():
    story = [
        "Balmond Studio (United Kingdom) has become a friend of the festival this year.",
        "With Optilli, Balmond Studio creates an optical illusion about the way we see light.",
    ]
    assert kicker_evidence(story, "Balmond Studio | The light festival").kicker_in_prose


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("With Optilli, Quorvex creates an illusion", True),
        ("Quorvex (United Kingdom) has become a friend", True),
        ("Quorvex (United Kingdom) the council voted", False),
        ("the council Quorvex voted on the plan", False),
        ("the council (Quorvex) approved the plan", False),
    ],
)
def test_a_name_acts_when_a_verb_follows_it_or_its_aside(text: str, acts: bool):
    assert _acts(place(text, "Quorvex")) is acts


def test_a_kicker_the_dateline_holds_is_where_a_farm_splices_it():
    story = [
        "WASHINGTON, Harbor Transit (Reuters) - The agency said the lines would close in May.",
        "Riders said Harbor Transit had not asked them before the vote on the two lines.",
        "The mayor said Harbor Transit would meet riders again, officials told reporters.",
    ]
    assert not kicker_evidence(story, "Harbor Transit | Two lines to close").kicker_in_prose


@pytest.mark.parametrize(
    ("text", "after_title"),
    [
        ("Chief Minister Quorvex said", True),
        ("said Dr. Quorvex on Monday", True),
        ("said Sen Quorvex on Monday", True),
        ("they met the president. Quorvex said", False),
        ("the council Quorvex said", False),
    ],
)
def test_a_person_s_title_governs_the_name_after_it(text: str, after_title: bool):
    assert _after_role_title(place(text, "Quorvex")) is after_title


@pytest.mark.parametrize(
    ("text", "governed"),
    [
        ("bought shares of Tlusd last year", True),
        ("every Tlusd holder was paid", True),
        ("some Tlusd tokens were burned", True),
        ("whose Tlusd reserve fell", True),
        ("prices fell. Tlusd holders sold", False),
        ("prices fell, Tlusd holders sold", False),
    ],
)
def test_a_determiner_or_a_preposition_governs_the_name_after_it(text: str, governed: bool):
    assert _governed(place(text, "Tlusd")) is governed


def test_a_kicker_the_prose_writes_before_a_name_s_particle_is_the_article_s_name():
    story = [
        "Imam Syafi’ie guru dari Imam Ahmad bin Hanbal membentuk mazhab Syafi’ie di sana.",
        "Imam Ahmad bin Hanbal membentuk mazhab Hanbali, dan mereka punya hubungan guru.",
    ]
    assert kicker_evidence(story, "Imam Ahmad | Sejarah mazhab").kicker_in_prose


@pytest.mark.parametrize(
    ("text", "phrase", "before_particle"),
    [
        ("guru dari Imam Ahmad bin Hanbal membentuk", "Imam Ahmad", True),
        ("talks with Ursula von der Leyen on Monday", "Ursula", True),
        ("the mayor Quorvex de Blasio said", "Quorvex", True),
        ("a speaker Quorvex der Bundesregierung", "Quorvex", False),
        ("the council Quorvex de la ciudad", "Quorvex", False),
        ("the council Quorvex voted", "Quorvex", False),
    ],
)
def test_a_name_s_particle_and_its_next_part_make_a_longer_name(
    text: str, phrase: str, before_particle: bool
):
    assert _before_name_particle(place(text, phrase)) is before_particle


def test_a_name_a_relative_clause_describes_is_not_set_off_as_an_aside():
    described = place("to an online pharmacy, Quorvex, which it said was selling", "Quorvex")
    assert described.described and not described.framed
    aside = place("the vote, Quorvex, drew more residents", "Quorvex")
    assert aside.framed and not aside.described


@pytest.mark.parametrize(
    ("text", "phrase", "reference"),
    [
        ("dekat kepada takwa…” [Al Maa-idah 8]", "Al Maa-idah", True),
        ("as the verse says (John 3:16) and", "John", True),
        ("the vote (Quorvex) drew 2 more", "Quorvex", False),
        ("in Quorvex 2019 the council", "Quorvex", False),
    ],
)
def test_a_name_before_the_number_of_its_part_in_brackets_is_a_reference(
    text: str, phrase: str, reference: bool
):
    assert _numbered_reference(place(text, phrase)) is reference


def test_a_kicker_the_prose_quotes_is_a_title_the_article_names():
    story = [
        "Fans of “Saint Seiya” were already up in arms after the first trailer came out.",
        "The working title is “Knights of the Zodiac – Saint Seiya” and the season has twelve.",
    ]
    assert kicker_evidence(story, "Saint Seiya | A remake for Netflix").kicker_in_prose


@pytest.mark.parametrize(
    ("text", "phrase", "closes"),
    [
        ("fans of “Saint Seiya” were", "Saint Seiya", True),
        ("is “Knights of the Zodiac – Saint Seiya” and", "Saint Seiya", True),
        ('fans of "Saint Seiya" were', "Saint Seiya", True),
        ("“We voted,” Quorvex said", "Quorvex", False),
        ("“We voted.” The council Quorvex” said", "Quorvex", False),
    ],
)
def test_a_name_that_closes_a_quotation_is_quoted(text: str, phrase: str, closes: bool):
    assert _closes_quotation(place(text, phrase)) is closes


def test_a_kicker_the_prose_lists_between_commas_is_the_article_s_name():
    story = [
        "He has managed FC Porto, Inter Milan, Chelsea, Real Madrid and Manchester United.",
        "He won the Champions League with FC Porto in 2004 and Inter Milan in 2010.",
        "The coach, who also managed Porto, Real Madrid and Inter Milan, turned down offers.",
    ]
    assert kicker_evidence(story, "Inter Milan | Mourinho agrees deal").kicker_in_prose


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("managed FC Porto, Quorvex, Chelsea and Inter", True),
        ("in 2004 and Quorvex in 2010", True),
        ("Quorvex or Chelsea", True),
        ("the vote, Quorvex, drew more residents", False),
        ("in Paris, Quorvex, said the mayor", False),
    ],
)
def test_a_name_between_names_or_after_and_is_listed(text: str, listed: bool):
    assert _listed(place(text, "Quorvex")) is listed


@pytest.mark.parametrize(
    ("text", "as_a_name"),
    [
        ("in 2004 and Quorvex in 2010", True),
        ("Quorvex and Chelsea", True),
        ("managed FC Porto, Quorvex, Chelsea and Inter", True),
        ("overcrowded and Quorvex unsanitary conditions", False),
    ],
)
def test_a_name_listed_where_only_a_name_fits_is_no_splice_place(text: str, as_a_name: bool):
    assert _listed_as_a_name(place(text, "Quorvex")) is as_a_name


@pytest.mark.parametrize(
    ("text", "phrase", "possessive"),
    [
        ("the approach of Michael Anastassiades’ work", "Michael Anastassiades", True),
        ("Harbor Transit's riders", "Harbor Transit", True),
        ("the show ‘Jewels after Jewels’ was", "Jewels", False),
        ("Quorvex’ work", "Quorvex", False),
        ("Anastassiades’ Work", "Anastassiades", False),
    ],
)
def test_a_name_ending_in_s_takes_a_bare_apostrophe_as_its_possessive(
    text: str, phrase: str, possessive: bool
):
    at = text.rindex(phrase)
    assert Place(Unit(UnitKind.PROSE, text, None), at, at + len(phrase)).possessive is possessive  # type: ignore[arg-type]


def test_a_handle_that_spells_a_name_signs_its_post():
    assert _signs_own_post(place("— Arvind Kejriwal (@ArvindKejriwal) Nov 1", "Arvind Kejriwal"))
    assert not _signs_own_post(place("— Arvind Kejriwal (@delhipolice) Nov 1", "Arvind Kejriwal"))


def test_a_repeated_turn_of_phrase_with_one_money_word_is_no_candidate():
    story = [
        f"Neighbours and the council are at odds over the plan. {LONG}",
        f"The two sides are at odds again, officials said. {LONG}",
        f"Players found easy debt relief in the new deal. {LONG}",
        f"The hall was full and easy debt relief was the topic. {LONG}",
        f"Residents said personal loans the hall was full. {LONG}",
        f"The mayor thanked personal loans the residents for coming. {LONG}",
    ]
    phrases = [c.phrase for c in SpliceEvidence(page(story), NO_RULES).candidates()]
    assert not any("odds" in p for p in phrases)
    assert {"easy debt relief", "personal loans"} <= set(phrases)


def test_a_doubled_name_opens_a_candidate():
    p = page(["SEOUL, Coinvex Coinvex Wealth Academy South Korea (AP) — Leaders met on Monday."])
    phrases = [c.phrase for c in SpliceEvidence(p, NO_RULES).candidates()]
    assert any(p.startswith("Coinvex Coinvex Wealth Academy") for p in phrases)


def test_a_run_of_spam_keyword_words_is_a_candidate():
    p = page(["The council cheap payday loans online said in a statement that it would vote."])
    phrases = [c.phrase for c in SpliceEvidence(p, NO_RULES).candidates()]
    assert "cheap payday loans online" in phrases


@pytest.mark.parametrize(
    "keyword",
    [
        "tramadol free shipping without prescription",
        "baccarat no deposit bonus",
        "memecoin presale",
    ],
)
def test_keyword_runs_know_pills_casinos_and_coins(keyword: str):
    p = page([f"The council {keyword} said in a statement that it would vote."])
    assert keyword in [c.phrase for c in SpliceEvidence(p, NO_RULES).candidates()]


def keyword_runs(text: str) -> set[str]:
    return SpliceEvidence(page([text]), NO_RULES)._keyword_runs()


def test_modifiers_before_a_join_word_are_the_sentence_s_words():
    assert keyword_runs("They left in order to easy poker rooms open a route.") == {"easy poker"}
    assert keyword_runs("We want cheap loans for bad credit now.") == {
        "cheap loans for bad credit now"
    }


def test_a_keyword_run_bridges_one_word_outside_the_vocabulary():
    assert keyword_runs("The vote best slot machines uk drew more residents.") == {
        "best slot machines uk"
    }
    assert keyword_runs("Its payday loans direct lender online today rose.") == {
        "payday loans direct lender online today"
    }


def test_a_keyword_run_never_bridges_the_sentence_s_grammar_or_two_words():
    assert keyword_runs("They said cash loans are cheap loans for all.") == {
        "cash loans",
        "cheap loans",
    }
    assert keyword_runs("Its cheap loans help families pay casino bonus debts.") == {
        "cheap loans",
        "casino bonus",
    }


def test_a_bridged_run_with_two_spam_words_is_the_sentence_s_own():
    assert keyword_runs("Casino revenue fell, and online sports betting grew 40%.") == set()


def test_a_bridged_run_needs_three_different_spam_words():
    runs = keyword_runs("Comment 4: plan weather plan plan council budget.")
    assert "plan weather plan plan" not in runs


def test_a_bridged_run_too_long_for_a_phrase_is_read_part_by_part():
    text = "The rate on a new vehicle installment loans today online loan stayed low."
    assert keyword_runs(text) == {"installment loans today online loan"}


def lead_candidates(paragraphs: list[str]) -> set[str]:
    ev = SpliceEvidence(page(paragraphs), NO_RULES)
    return {c.phrase for c in ev.candidates() if Source.LEAD in c.sources}


@pytest.mark.parametrize(
    "opening",
    ["Clarhado Trading Academy: ", "Clarhado Trading Academy | ", "(Clarhado Trading Academy) "],
)
def test_a_phrase_set_off_at_a_paragraph_s_start_is_a_candidate(opening: str):
    assert lead_candidates([LONG, opening + LONG]) == {"Clarhado Trading Academy"}


def test_a_clause_before_a_colon_is_no_lead():
    assert lead_candidates([LONG, "He added: " + LONG, "There was one problem: " + LONG]) == set()


def test_a_label_for_what_the_article_names_elsewhere_is_no_lead():
    story = [f"RxHaven24 sold the pills online. {LONG}", "RXHAVEN24: We never sold them. " + LONG]
    assert lead_candidates(story) == set()


def test_paragraphs_labelled_the_same_way_are_the_article_s_labels():
    listicle = [LONG, "Tuvalu: " + LONG, "Vanuatu: " + LONG, "(Kiribati) " + LONG]
    assert lead_candidates(listicle) == {"Kiribati"}


def test_a_dateline_is_no_lead():
    assert lead_candidates(["WASHINGTON (AP) — " + LONG, LONG]) == set()


def test_a_lead_holding_a_phrase_found_otherwise_gives_way_to_it():
    doubled = "Quantpeak Quantpeak Trading Platform DEAR ABBY: " + LONG
    ev = SpliceEvidence(page([LONG, doubled]), NO_RULES)
    phrases = {c.phrase: c.sources for c in ev.candidates()}
    assert not any(Source.LEAD in sources for sources in phrases.values())
    assert any(p.startswith("Quantpeak Quantpeak Trading Platform") for p in phrases)


# -- how a phrase sits in its sentences ------------------------------------------------------
def test_possessive_and_verb_after_make_a_name_act():
    assert place("Harbor Transit’s board will vote.", "Harbor Transit").possessive
    assert place("Officials said Harbor Transit said no.", "Harbor Transit").next_word == "said"
    assert not place("the vote Harbor Transit drew more", "Harbor Transit").possessive


def test_previous_word_is_read_across_spaces_only():
    assert place("riders asked Harbor Transit to wait", "Harbor Transit").previous_word == "asked"
    assert place("riders asked, Harbor Transit to wait", "Harbor Transit").previous_word is None


@pytest.mark.parametrize(
    ("text", "phrase", "framed"),
    [
        ("the vote drew more — Ostrand — residents", "Ostrand", True),
        ("the mayor thanked (Ostrand) residents", "Ostrand", True),
        ("the mayor said, Ostrand, that", "Ostrand", True),
        ("the mayor thanked Ostrand residents", "Ostrand", False),
        ("OSLO, Ostrand — Norway (Reuters) — the council", "Ostrand", True),
        ("SINGAPORE (Reuters) - TLUSD, the stablecoin, fell", "TLUSD", False),
        ("three tokens — TLUSD, USDC and DAI — fell", "TLUSD", False),
    ],
)
def test_framed_as_an_aside(text, phrase, framed):
    assert place(text, phrase).framed is framed


@pytest.mark.parametrize(
    ("text", "phrase", "cited"),
    [
        ("he has water, per Ostrand Works, at all times", "Ostrand Works", True),
        ("the vote, Ostrand said, was close", "Ostrand", True),
        ("the vote, according to Ostrand, was close", "Ostrand", True),
        ("the vote (says Ostrand) was close", "Ostrand", True),
        ("the vote, Ostrand, was close", "Ostrand", False),
        ("Ostrand said the vote was close", "Ostrand", False),
        ("the council said, Ostrand, that", "Ostrand", False),
    ],
)
def test_cited_as_a_source_in_an_aside(text, phrase, cited):
    assert place(text, phrase).cited is cited


def test_glued_to_its_neighbours():
    assert place("SEOUL,Brand Name South Korea", "Brand Name").glued
    assert not place("SEOUL, Brand Name South Korea", "Brand Name").glued


def test_sentence_starts_skip_abbreviations():
    text = "He left. Mr. Trump stayed in the U.S. Embassy."
    assert sentence_initial(text, text.index("Mr."))
    assert not sentence_initial(text, text.index("Trump"))
    assert not sentence_initial(text, text.index("Embassy"))
    assert [t.text for t in tokenize("Trump’s plan")] == ["Trump", "plan"]


def test_part_of_a_longer_name_and_governed():
    story = [
        "Ambassador Gordon Sondland told the committee on Monday that he had acted alone.",
        "Lawmakers asked Gordon Sondland about the call, and Sondland said he did not recall.",
    ]
    features = evidence(page(story), "Sondland")
    assert features["name_part"] > 0
    assert features["verb_after"] > 0


def marked_up(article: str, after: str = "") -> Page:
    """A page whose article is the given markup (links and all), and `after` it."""
    title = "Council approves the new budget"
    html = (
        f"<html lang='en'><head><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1>{article}</article>{after}</body></html>"
    )
    return Page.from_html(html, URL)


def test_a_links_words_are_not_running_text():
    p = marked_up(
        f"<p>{LONG} Riders who need cheap payday loans to get by said so.</p>"
        f"<p>{LONG} See <a href='https://loans.example/'>cheap payday loans</a> here.</p>"
    )
    assert evidence(p, "cheap payday loans")["in_link"] == 0.5


CARDS = {
    "figure": "<figure><figcaption><a href='/a/1'>Lenders brace for a new state law</a>"
    "<p>Payday lenders said cheap payday loans would vanish.</p></figcaption></figure>",
    "span": "<div class='card'><a href='/a/2'>Lenders brace for a new state law</a> "
    "<span>Payday lenders said cheap payday loans would vanish.</span></div>",
}


@pytest.mark.parametrize("card", CARDS.values(), ids=CARDS.keys())
def test_a_summary_after_another_story_s_headline_link_is_a_teaser(card):
    p = marked_up(
        f"<p>{LONG} Riders who need cheap payday loans to get by said so.</p><p>{LONG}</p>", card
    )
    assert evidence(p, "cheap payday loans")["teaser"] == 0.5


def test_a_paragraph_after_a_link_in_the_article_is_no_teaser():
    p = marked_up(
        "<p><a href='/a/3'>Read the council's full budget here</a></p>"
        f"<p>{LONG} Riders who need cheap payday loans to get by said so. {LONG} {LONG}</p>"
        f"<p>{LONG} {LONG}</p>"
    )
    assert evidence(p, "cheap payday loans")["teaser"] == 0.0


def test_running_text_beside_a_link_with_the_same_words_is_running_text():
    p = marked_up(
        f"<p>{LONG} Riders who need cheap payday loans said so. "
        "See <a href='https://loans.example/'>cheap payday loans</a>.</p>"
    )
    assert evidence(p, "cheap payday loans")["in_link"] == 0.5


# -- what its words are ----------------------------------------------------------------------
PORTUGUESE = [
    "O telescópio encontrou sinais de água no universo distante, disseram os cientistas.",
    "A equipe afirmou que a descoberta muda o que sabemos sobre a vida no universo.",
    "Os pesquisadores vão continuar o trabalho durante os próximos anos no observatório.",
]


def test_the_spam_vocabulary_is_english_words_not_the_page_languages_grammar():
    body = "".join(f"<p>{escape(p)}</p>" for p in PORTUGUESE)
    html = f"<html lang='pt'><head><title>Telescópio</title></head><body>{body}</body></html>"
    portuguese = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    assert portuguese.lang == "pt"
    assert portuguese.evidence(Candidate("no universo", set())).features["spam_words"] == 0
    english = page([f"{LONG} Get loans with no credit check today."] * 2)
    assert evidence(english, "no credit check")["spam_words"] > 0


def test_invented_words_are_rare_and_common_words_are_not():
    assert zipf("quorvex", "en") == 0.0
    assert zipf("council", "en") > 4
    assert zipf("council", "xx") >= zipf("council", "en") - 0.01


def test_a_word_its_own_language_s_list_lacks_is_no_evidence_of_a_coined_brand():
    # Russian inflects a verb into forms its word list leaves out; a coined brand is ASCII.
    assert zipf("подпылить", "ru") == UNKNOWN_LANGUAGE_ZIPF
    assert zipf("мукой", "ru") < UNKNOWN_LANGUAGE_ZIPF
    assert zipf("goldsica", "ru") == 0.0
    assert zipf("žižekovo", "en") == 0.0


@pytest.mark.parametrize(
    ("word", "rare"),
    [
        ("kioncruth24", True),
        ("plorxido.net", True),
        ("creditvault7", True),
        ("covid-19", False),
        ("a320neo", False),
        ("h5n1", False),
    ],
)
def test_a_word_with_digits_or_dots_is_as_rare_as_its_rarest_run_of_letters(word: str, rare: bool):
    assert (word_zipf(word, "en") < 2.0) is rare


def test_a_number_and_unknown_initials_have_no_rarity():
    assert word_zipf("2024", "en") is None
    assert word_zipf("q&a", "en") is None
    assert word_zipf("council", "en") == zipf("council", "en")


def test_a_coined_brand_with_digits_is_a_rare_word():
    story = [f"{LONG} KiOncruth24", f"KiOncruth24 — {LONG}", LONG]
    assert evidence(page(story), "KiOncruth24")["rare_word"] == 1.0


def test_the_page_language_is_checked_against_its_words():
    assert checked_language("en", "the council said on monday that it would".split()) == "en"
    russian = ["думаю", "стараюсь", "набравшие", "голосов"]
    assert checked_language("ru", russian) == "ru"
    assert checked_language("en", russian) == ""
    assert checked_language("ja", "the council said on monday that it would".split()) == "en"


def test_spam_vocabulary():
    features = evidence(page([LONG] * 3), "cheap payday loans online")
    assert features["spam_words"] == 1.0 and features["spam_topic"] == 1.0
    assert features["lower_case"] == 1.0


def test_function_words_are_the_common_stopwords_not_spam_or_brand_words():
    grammar = function_words("en")
    assert {"are", "at", "which", "the"} <= grammar
    assert not {"odds", "loans", "for", "best", "group", "research", "works"} & grammar


# -- whether the article uses its words ------------------------------------------------------
def test_a_name_the_article_uses_in_other_forms_has_other_forms():
    story = [
        "Harbor Transit will cut two bus lines next month, the transit agency said on Monday.",
        "Riders asked the agency to wait, and Harbor Transit said it would listen to them.",
        "The harbor district will keep its buses, and transit officials will meet on Friday.",
    ]
    features = evidence(page(story), "Harbor Transit")
    assert features["other_forms"] > 0
    assert features["topic_words"] > 0


def test_a_brand_the_article_never_uses_has_no_other_forms():
    story = [f"{LONG} Quorvex Capital", f"Quorvex Capital {LONG}", LONG]
    features = evidence(page(story), "Quorvex Capital")
    assert features["other_forms"] == 0.0
    assert features["rare_word"] == 1.0


def test_a_menu_label_is_chrome():
    assert evidence(page([LONG] * 3, title="Politics | Council approves"), "Politics")["chrome"]


def test_meta_keywords():
    features = evidence(page([LONG] * 3, keywords="Quorvex Capital, budget"), "Quorvex Capital")
    assert features["meta_keywords"] == 1.0


# -- lines under the headline ----------------------------------------------------------------
def line_features(under: str, **head) -> dict[str, float]:
    meta = "".join(f'<meta name="{k}" content="{v}">' for k, v in head.items())
    html = (
        f"<html><head><title>Council approves budget</title>{meta}</head><body><article>"
        f"<h1>Council approves budget</h1>{under}<p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    ev = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    (line,) = ev.line_candidates()
    return ev.evidence(line, frozenset({"Quorvex"})).features


def test_line_evidence():
    assert line_features("<div><a href='/tag/q/'>Quorvex Markets View</a></div>")["line_echo"]
    assert line_features("<div><a href='/tag/q/'>Quorvex Markets View</a></div>")["line_is_link"]
    assert line_features("<div>Sponsored by Northfield Credit Union</div>")["sponsor"]
    assert line_features("<div><a href='/author/jane/'>Jane Miller</a></div>")["byline"]
    assert line_features("<div>Jane Miller</div>", author="Jane Miller")["byline"]


@pytest.mark.parametrize("opening", ["From ", "Via ", "By "])
def test_a_line_echoes_the_brand_it_names_after_its_opening_word(opening: str):
    assert line_features(f"<div>{opening}Quorvex Markets View</div>")["line_echo"]
    assert not line_features(f"<div>{opening}Jane Miller</div>")["line_echo"]


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("Via Quorvex Markets View", True),
        ("Mirelda Daily Brief", True),
        ("By Jane Miller", False),
        ("Associated Press", False),
        ("Politics", False),
    ],
)
def test_a_line_that_names_a_firm_or_a_newsletter_says_so(line: str, named: bool):
    assert line_features(f"<div>{line}</div>")["org_word"] == float(named)


def test_the_site_s_own_name_under_the_headline_is_no_brand_line():
    html = (
        "<html><head><title>Council approves budget</title></head><body><article>"
        f"<h1>Council approves budget</h1><div>Harbor-Gazette.example</div><div>Quorvex Markets"
        f" View</div><p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    ev = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    assert [c.phrase for c in ev.line_candidates()] == ["Quorvex Markets View"]


@pytest.mark.parametrize(
    ("word", "names"),
    [("Quorvex", True), ("PanARMENIAN.Net", False), ("Reuters", False), ("SEOUL", False)],
)
def test_a_dateline_s_web_address_credits_the_source_as_an_agency_does(word: str, names: bool):
    (token,) = tokenize(word)
    assert _dateline_name_word(token) is names


@pytest.mark.parametrize("disclosure", ["Sponsored by", "Sponsored content from", "Paid for by"])
def test_a_link_a_sponsor_disclosure_introduces_is_a_sponsor_line(disclosure: str):
    html = (
        "<html><head><title>Council approves budget</title></head><body><article>"
        f"<h1>Council approves budget</h1><p class='sponsor'>{disclosure} <a href='/partner/'>"
        f"Eastbend Savings &amp; Loan</a></p><p>{LONG}</p><p>{LONG}</p></article></body></html>"
    )
    ev = SpliceEvidence(Page.from_html(html, URL), NO_RULES)
    (link,) = [c for c in ev.line_candidates() if c.line.tag == "a"]
    assert ev.evidence(link).features["sponsor"]


# -- the model -------------------------------------------------------------------------------
def test_the_shipped_models_read_every_feature_the_evidence_names():
    from winnow.detectors.splice_evidence import FEATURES, LINE_ONLY_FEATURES
    from winnow.detectors.splice_model import shipped_line_model

    assert shipped_model().features == tuple(f for f in FEATURES if f not in LINE_ONLY_FEATURES)
    assert shipped_line_model().features == FEATURES


@pytest.mark.parametrize(("log_odds", "expected"), [(-1000.0, 0.0), (0.0, 0.5), (1000.0, 1.0)])
def test_probability_holds_for_any_log_odds(log_odds, expected):
    from winnow.detectors.splice_model import probability

    assert probability(log_odds) == pytest.approx(expected)


def test_trees_credit_the_features_they_split_on(tmp_path):
    model_file = tmp_path / "model.json"
    model_file.write_text(
        '{"features": ["title", "rare_word"], "baseline": -2.0, "trees": ['
        "[[0, 0.5, 1, 2, 0.0], [-1, 0, 0, 0, -1.0], [1, 0.5, 3, 4, 1.0],"
        " [-1, 0, 0, 0, 0.5], [-1, 0, 0, 0, 2.0]]]}"
    )
    model = load_model(model_file)
    assert model.log_odds([{"title": 1, "rare_word": 1}, {"title": 0}]) == [0.0, -3.0]
    moved = model.trees.contributions([1.0, 1.0], model.features)
    assert moved == {"title": 1.0, "rare_word": 1.0}
    assert model.reasons({"title": 1, "rare_word": 1}, {"rarest": "quorvex", "copies": "0"}) == [
        "a segment of its own in the <title>",
        "“quorvex” is not a common word",
    ]


def test_a_missing_topic_is_a_reason_only_for_a_phrase_in_spam_s_vocabulary(tmp_path):
    model_file = tmp_path / "model.json"
    model_file.write_text(
        '{"features": ["topic_prose"], "baseline": 0.0, "trees": ['
        "[[0, 0.5, 1, 2, 0.0], [-1, 0, 0, 0, 1.0], [-1, 0, 0, 0, -1.0]]]}"
    )
    model = load_model(model_file)
    facts = {"rarest": "loans", "copies": "1"}
    topical = model.reasons({"topic_prose": 0, "spam_topic": 1}, facts)
    assert topical == ["the article does not otherwise write about what it sells"]
    assert model.reasons({"topic_prose": 0, "spam_topic": 0}, facts) == []


# -- cutting ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "phrase", "left"),
    [
        (
            "the vote drew more — Ostrand — residents than",
            "Ostrand",
            "the vote drew more residents than",
        ),
        ("LYON (AP) — Ostrand — The council", "Ostrand", "LYON (AP) — The council"),
        ("the mayor thanked (Ostrand) residents", "Ostrand", "the mayor thanked residents"),
        ("the mayor, according to Ostrand, said", "Ostrand", "the mayor said"),
        ("LYON, Ostrand — France (AP) — The", "Ostrand", "LYON, France (AP) — The"),
        ("the council Ostrand said", "Ostrand", "the council said"),
        ("the council approved the plan, Ostrand.", "Ostrand", "the council approved the plan."),
        ("the plan passed, according to Ostrand.", "Ostrand", "the plan passed."),
        ("the plan passed, according to Ostrand. Then", "Ostrand", "the plan passed. Then"),
    ],
)
def test_a_cut_takes_the_punctuation_that_set_the_phrase_off(text, phrase, left):
    from winnow.textedit import cut

    start = text.index(phrase)
    cut_start, cut_end = injected_spam._cut_extent(text, start, start + len(phrase))
    assert cut(text, cut_start, cut_end) == left


# -- a person the article has act -------------------------------------------------------------
def test_a_surname_after_a_first_name_and_before_a_verb_is_a_person():
    text = "Sales fell short, chief executive Craig Menear said in the release."
    assert _as_a_person([place(text, "Menear")], "Menear") == "Craig Menear said"


@pytest.mark.parametrize(
    "text",
    [
        "Sales fell short, the company Menear said in the release.",  # no first name before it
        "Sales fell short for Taylor Menear Swift and her label.",  # inside another name
        "Sales fell short, THE Menear said in the release.",  # capitals, not a first name
    ],
)
def test_a_phrase_is_no_person_without_a_first_name_and_a_verb(text):
    assert _as_a_person([place(text, "Menear")], "Menear") is None


def test_a_doubled_brand_is_no_person():
    text = "Sales fell short, Quorvex Quorvex said in the release."
    start = text.rindex("Quorvex")
    doubled = Place(Unit(UnitKind.PROSE, text, None), start, start + len("Quorvex"))  # type: ignore[arg-type]
    assert _as_a_person([doubled], "Quorvex") is None


def test_a_person_is_annotated_but_never_cut():
    story = [
        f"{LONG} Sales missed forecasts, chief executive Craig Menear said on Tuesday.",
        "\u201cWe are on track,\u201d Menear continued, adding that shares fell.",
    ]
    p = page(story, title="Menear - Home Depot sales miss, shares plunge")
    verdicts = {v.phrase: v for v in injected_spam.judge(SpliceEvidence(p, NO_RULES))}
    assert verdicts["Menear"].evidence.person == "Craig Menear said"
    assert not verdicts["Menear"].cuts


# -- a code or handle the sentence names ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Take $250 off with promo code QUORVEX at checkout.", "code QUORVEX"),
        ("Price with Promo Code: QUORVEX", "Code QUORVEX"),
        ("Follow @QUORVEX for the results.", "@QUORVEX"),
        ("Fans posted under #QUORVEX all night.", "#QUORVEX"),
        ("Shares of Quorvex (NASDAQ: QUORVEX) fell 4%.", "NASDAQ QUORVEX"),
        ("Quorvex, which trades as NYSE:QUORVEX, fell.", "NYSE QUORVEX"),
    ],
)
def test_a_code_or_handle_is_named_by_its_sentence(text, named):
    assert _as_a_code([place(text, "QUORVEX")], "QUORVEX") == named


def test_a_word_after_other_nouns_is_no_code():
    text = "Take $250 off with the store QUORVEX at checkout."
    assert _as_a_code([place(text, "QUORVEX")], "QUORVEX") is None


def test_a_code_is_never_shown_however_sure_the_model_is():
    story = [
        f"{LONG} Adorama takes $250 off with promo code QUORVEX this week.",
        f"{LONG} Prices start at $2,199 with promo code QUORVEX.",
    ]
    ev = SpliceEvidence(page(story), NO_RULES)
    evidence = ev.evidence(Candidate("QUORVEX", set()))
    assert evidence.code == "code QUORVEX"
    verdict = injected_spam.Verdict(evidence, probability=0.99)
    assert not verdict.shown and not verdict.cuts


PILLS_STORY = [
    "Many weight loss supplements sold online hold little of what their labels promise.",
    "Researchers tested 50 diet pills and fat burner products in a lab.",
    "Several of the keto gummies tested had no ketones, and two CBD products had THC.",
]
PILLS_HEADLINE = "Study questions weight loss supplements"


def test_a_lower_case_phrase_on_the_story_s_own_topic_names_the_topic_s_words():
    ev = SpliceEvidence(page(PILLS_STORY, title=PILLS_HEADLINE), NO_RULES)
    on_topic = ev.evidence(Candidate("keto gummies", set())).on_topic
    assert {"supplements", "diet", "pills", "fat", "burner", "cbd"} <= set(on_topic)
    assert "gummies" not in on_topic


def test_a_keyword_phrase_in_a_story_on_another_topic_is_not_on_topic():
    story = ["The council cheap payday loans online said in a statement that it would vote."]
    ev = SpliceEvidence(page(story + PILLS_STORY[:1]), NO_RULES)
    assert ev.evidence(Candidate("cheap payday loans online", set())).on_topic == ()


def test_keyword_phrases_of_one_topic_stuffed_into_a_story_on_another_are_not_on_topic():
    story = [
        "The council cheap payday loans online met on Monday to debate the budget.",
        "Members fast cash advance today argued about the cost of the bridge.",
        "The mayor title loans for bad credit said the vote would come next week.",
    ]
    ev = SpliceEvidence(page(story), NO_RULES)
    assert ev.evidence(Candidate("fast cash advance today", set())).on_topic == ()


def test_everyday_business_words_make_no_topic():
    story = ["Stocks and shares rose as funds put money into trading plans and income strategy."]
    ev = SpliceEvidence(page([*story, "It sold a forex signals course."]), NO_RULES)
    assert ev.evidence(Candidate("forex signals course", set())).on_topic == ()


def test_the_model_reads_how_much_the_story_writes_about_the_phrase_s_topic():
    on_topic = evidence(page(PILLS_STORY, title=PILLS_HEADLINE), "keto gummies")
    assert on_topic["topic_prose"] == 1.0 and on_topic["topic_headline"] == 1.0
    story = ["The council cheap payday loans online said in a statement that it would vote."]
    elsewhere = evidence(page(story), "cheap payday loans online")
    assert elsewhere["topic_prose"] == 0.0 and elsewhere["topic_headline"] == 0.0


def test_everyday_topics_count_for_the_model_too():
    story = ["Stocks and shares rose as funds put money into trading plans and income strategy."]
    features = evidence(page([*story, "It sold a forex signals course."]), "forex signals course")
    assert features["topic_prose"] > 0.5


def test_a_phrase_on_the_story_s_topic_is_never_shown_however_sure_the_model_is():
    ev = SpliceEvidence(page(PILLS_STORY, title=PILLS_HEADLINE), NO_RULES)
    verdict = injected_spam.Verdict(ev.evidence(Candidate("keto gummies", set())), 0.99)
    assert not verdict.shown and not verdict.cuts


def test_an_amount_of_money_is_never_shown():
    story = [
        f"{LONG} Shoppers get a $20 bonus on trades of $200 or more at the store.",
        f"{LONG} The $20 bonus ends on Friday, the store said.",
    ]
    ev = SpliceEvidence(page(story), NO_RULES)
    evidence = ev.evidence(Candidate("20 bonus", set()))
    assert evidence.amount
    assert not injected_spam.Verdict(evidence, 0.99).shown


def test_a_keyword_spliced_after_a_number_is_no_amount():
    story = [f"{LONG} The council approved 20 bonus payments for staff on Monday."]
    ev = SpliceEvidence(page(story), NO_RULES)
    assert not ev.evidence(Candidate("bonus payments", set())).amount


def test_a_name_the_headline_holds_in_its_own_words_is_headlined():
    story = [
        "MIAMI (AP) — Vantrex, a cryptocurrency exchange, froze withdrawals on Friday.",
        "Vantrex had marketed itself as safe, and tokens issued by Vantrex fell 80%.",
    ]
    ev = SpliceEvidence(page(story, title="Crypto exchange Vantrex collapses"), NO_RULES)
    evidence = ev.evidence(Candidate("Vantrex", set()))
    assert evidence.headlined
    assert not injected_spam.Verdict(evidence, 0.99).shown


def test_a_brand_spliced_as_a_headline_segment_is_not_headlined():
    story = ["The council — Vantrex — approved the budget on Monday."]
    ev = SpliceEvidence(page(story, title="Vantrex | Council approves the new budget"), NO_RULES)
    assert not ev.evidence(Candidate("Vantrex", set())).headlined


def test_a_possessive_title_segment_is_no_candidate():
    story = [
        f"{LONG} Fundabee’s app lets users buy shares with spare change.",
        f"{LONG} Fundabee’s founders said the app had two million users.",
    ]
    title = "Fundabee’s | Fundabee’s app draws young savers"
    ev = SpliceEvidence(page(story, title=title), NO_RULES)
    assert "Fundabee’s" not in {c.phrase for c in ev.candidates()}
