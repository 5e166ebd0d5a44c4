"""The spam-farm simulator writes truthful, deterministic cases in the corpus format."""

from __future__ import annotations

import gzip
import json
import random

import lxml.html
import pytest

from bench.corpus import load_cases
from bench.sim.blocks import FORMS, WHERES
from bench.sim.hiding import TECHNIQUES, VIAS
from bench.sim.stories import PROBE_STORIES, load_stories, story_page
from bench.sim.vocab import (
    BLIND_KEYWORDS,
    BLIND_KEYWORDS_UNREAD,
    BLOCK_POOLS,
    HELD_OUT,
    KEYWORD_FIELDS,
    LOWER_CASE_TAG,
    POOLS,
    TUNING,
    in_spliced_case,
    keyword_phrase,
    with_keywords,
)
from bench.simulate import base_pages, part_of, simulate, write

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cases():
    return simulate(seed=3, progress=False)


def test_the_same_seed_writes_the_same_corpus(cases):
    again = simulate(seed=3, progress=False)
    assert [(c.name, c.html) for c in again] == [(c.name, c.html) for c in cases]


def test_another_seed_draws_other_brands(cases):
    other = {c.name: c for c in simulate(seed=4, progress=False)}
    changed = [c for c in cases if c.name in other and other[c.name].html != c.html]
    assert len(changed) > len(cases) // 2


def test_every_spliced_phrase_is_in_the_element_its_truth_names(cases):
    for case in cases:
        tree = lxml.html.document_fromstring(case.html)
        for spam in case.truth["spam"]:
            found = tree.xpath(spam["xpath"])
            assert found, (case.name, spam)
            assert spam["text"] in found[0].text_content(), (case.name, spam)


def test_trap_pages_have_no_spam_and_show_their_trap(cases):
    traps = [c for c in cases if c.truth["variant"] == "trap"]
    assert {c.truth["trap"]["kind"] for c in traps} == {
        "real name",
        "all-caps kicker",
        "section title",
        "sponsor line",
        "paragraph label",
    }
    for case in traps:
        assert case.truth["spam"] == []
        text = lxml.html.document_fromstring(case.html).text_content()
        assert case.truth["trap"]["text"] in text


def test_a_paragraph_label_is_the_true_article_s_text(cases):
    labels = [c for c in cases if c.truth.get("trap", {}).get("kind") == "paragraph label"]
    assert labels
    for case in labels:
        label = case.truth["trap"]["text"]
        assert any(line.startswith(label) for line in case.truth["article_text"].split("\n"))


def test_a_sponsor_line_may_link_the_sponsor_s_name(cases):
    lines = [
        lxml.html.document_fromstring(c.html).find_class("sponsor")[0]
        for c in cases
        if c.truth.get("trap", {}).get("kind") == "sponsor line"
    ]
    linked = [line for line in lines if line.find("a") is not None]
    assert linked and len(linked) < len(lines)
    frames = {frame for pool in POOLS.values() for frame in pool.sponsor_frames}
    for line in linked:
        link = line.find("a")
        assert link.get("rel") == "sponsored"
        assert line.text_content() in {frame.format(link.text) for frame in frames}


def test_real_name_traps_are_names_the_article_uses(cases):
    for case in cases:
        trap = case.truth.get("trap")
        if trap and trap["kind"] == "real name":
            assert trap["occurrences_in_article"] >= 2, case.name


def test_every_form_of_splice_is_made(cases):
    forms = {s["form"] for c in cases for s in c.truth["spam"]}
    assert {
        "title prefix",
        "title suffix",
        "headline prefix",
        "headline suffix",
        "dateline",
        "brand line",
        "keyword",
        "body appositive",
        "body parenthesis",
        "body dash",
        "body clause",
        "body bare",
        "body lead",
    } <= forms
    page_forms = {f for c in cases for f in c.truth["forms"]}
    assert {"one-word brand", "multi-brand", "body only", "paragraph lead", "farm"} <= page_forms


def test_a_brand_line_may_open_with_a_word_before_the_brand(cases):
    lines = [s for c in cases for s in c.truth["spam"] if s["form"] == "brand line"]
    html = "".join(c.html for c in cases)
    assert any(f"From {s['text']}" in html or f"Via {s['text']}" in html for s in lines)


def test_a_brand_line_may_name_a_brand_spliced_nowhere_else(cases):
    own = [c for c in cases if "brand line of its own" in c.truth["forms"]]
    assert own
    for case in own:
        spam = case.truth["spam"]
        lines = [s["text"] for s in spam if s["form"] == "brand line"]
        others = [s["text"] for s in spam if s["form"] != "brand line"]
        assert any(not any(line.split()[0] in text for text in others) for line in lines)


def test_a_brand_may_be_spliced_in_lower_case(cases):
    lowered = [c for c in cases if LOWER_CASE_TAG in c.truth["forms"]]
    assert lowered and len(lowered) < len(cases) / 5
    for case in lowered:
        brands = [s["text"] for s in case.truth["spam"] if s["form"] != "keyword"]
        assert any(text[:1].islower() for text in brands), case.name


def test_a_brand_s_case_is_drawn_from_its_name_alone():
    names = [f"Brand{i} Capital" for i in range(400)]
    spliced = [in_spliced_case(n) for n in names]
    assert spliced == [in_spliced_case(n) for n in names]
    assert all(s in (n, n.lower()) for s, n in zip(spliced, names, strict=True))
    assert 0 < sum(s.islower() for s in spliced) < len(names) / 4


def test_parts_follow_the_source_pages_and_their_own_word_pools(cases):
    for case in cases:
        assert case.truth["part"] == part_of(case.truth["source"])
    kickers = {c.truth["part"]: set() for c in cases}
    for case in cases:
        trap = case.truth.get("trap")
        if trap and trap["kind"] == "all-caps kicker":
            kickers[case.truth["part"]].add(trap["text"])
    assert kickers[TUNING] <= set(POOLS[TUNING].kickers)
    assert kickers[HELD_OUT] <= set(POOLS[HELD_OUT].kickers)
    assert not set(POOLS[TUNING].kickers) & set(POOLS[HELD_OUT].kickers)


def test_written_corpus_reads_back_as_cases(cases, tmp_path):
    write(cases[:5], tmp_path)
    loaded = list(load_cases(tmp_path))
    assert [c.name for c in loaded] == sorted(c.name for c in cases[:5])
    index = json.loads((tmp_path / "index.json").read_text())
    assert len(index) == 5
    first = tmp_path / "cases" / loaded[0].name / "page.html.gz"
    assert gzip.decompress(first.read_bytes()).decode() == loaded[0].raw_html


def test_blocks_cases_name_every_block_and_hidden_link_with_its_form(cases):
    blocks = [c for c in cases if c.truth["variant"] == "blocks"]
    assert blocks
    for case in blocks:
        tree = lxml.html.document_fromstring(case.html)
        for block in case.truth["link_blocks"]:
            (el,) = tree.xpath(block["xpath"])
            assert block["form"] in FORMS and block["where"] in WHERES, block
            assert len(el.findall(".//a")) >= 3, (case.name, block)
            for summary in block.get("summaries", ()):
                assert summary in el.text_content(), (case.name, summary)
        for hidden in case.truth["hidden_links"]:
            (el,) = tree.xpath(hidden["xpath"])
            assert el.tag == "a" or el.findall(".//a"), (case.name, hidden)


def test_each_part_has_every_block_form_relation_and_hiding_technique(cases):
    for part in (TUNING, HELD_OUT):
        mine = [c for c in cases if c.truth["part"] == part and c.truth["variant"] == "blocks"]
        blocks = {(b["form"], b["relation"]) for c in mine for b in c.truth["link_blocks"]}
        assert blocks == {(f, r) for f in FORMS for r in ("related", "unrelated")}, part
        places = {b["where"] for c in mine for b in c.truth["link_blocks"]}
        assert places == set(WHERES), part
        hidden = {h["form"] for c in mine for h in c.truth["hidden_links"]}
        assert hidden == {t.name for t in TECHNIQUES}, part
        vias = {h["via"] for c in mine for h in c.truth["hidden_links"]}
        assert vias == {*VIAS, "attribute"}, part
        assert any("skip link" in c.truth["forms"] for c in mine), part


def test_blocks_word_their_headings_from_their_own_part(cases):
    for case in cases:
        if case.truth["variant"] != "blocks":
            continue
        pool = BLOCK_POOLS[case.truth["part"]]
        for block in case.truth["link_blocks"]:
            allowed = pool.grid_headings if block["form"] == "card grid" else pool.list_headings
            assert block["heading"] in allowed, (case.name, block)
    assert not set(BLOCK_POOLS[TUNING].on_topic_frames) & set(BLOCK_POOLS[HELD_OUT].on_topic_frames)


def test_keyword_words_from_a_file_replace_both_pools_keywords(tmp_path):
    words = {
        "keyword_heads": ["quartz lending"],
        "keyword_modifiers": ["swift"],
        "keyword_tails": ["hub"],
    }
    path = tmp_path / "keywords.json"
    path.write_text(json.dumps(words))
    pools = with_keywords(POOLS, path)
    rng = random.Random(5)
    for part in (TUNING, HELD_OUT):
        phrases = {keyword_phrase(rng, pools[part]) for _ in range(50)}
        assert all(set(p.split()) <= {"quartz", "lending", "swift", "hub"} for p in phrases)
        assert pools[part].kickers == POOLS[part].kickers


@pytest.mark.parametrize("path", [BLIND_KEYWORDS, BLIND_KEYWORDS_UNREAD])
def test_the_blind_keyword_files_have_every_keyword_list(path):
    words = json.loads(path.read_text())
    assert all(words[name] and all(w == w.lower() for w in words[name]) for name in KEYWORD_FIELDS)


def test_the_money_stories_are_base_pages_in_both_parts(cases):
    stories = {c.truth["source"] for c in cases if c.truth["base"] == "story"}
    assert len(stories) == len(load_stories())
    parts = {part_of(source) for source in stories}
    assert parts == {TUNING, HELD_OUT}


def test_a_story_page_has_its_headline_and_every_paragraph():
    for story in load_stories():
        base = story_page(story)
        assert base.true_title == story.title
        assert len(base.paragraph_paths) == len(story.paragraphs)
        assert story_page(story).html == base.html


def test_other_stories_replace_the_money_stories_as_base_pages():
    probe = load_stories(PROBE_STORIES)
    stories = [b for b in base_pages(PROBE_STORIES) if b.kind == "story"]
    assert [b.true_title for b in stories] == [s.title for s in probe]
    assert not {s.title for s in load_stories()} & {b.true_title for b in stories}
