"""Names that lead to code: every rule an annotation can carry is registered once, documented in
the contract, and produced only by the module that registers it; what a block is, defined once."""

from __future__ import annotations

import json
import re

from helpers import PAGES, ROOT, stamp_ids
from test_pages import CASES, read_page
from winnow.detectors import blocks, hidden_links, injected_spam, learned, link_blocks
from winnow.findings import Kind
from winnow.pipeline import DETECTOR_MODULES, RULES, analyze

CONTRACT = (ROOT / "contract" / "README.md").read_text(encoding="utf-8")
REPORTING_JS = (ROOT / "extension" / "content" / "reporting.js").read_text(encoding="utf-8")


def test_every_rule_is_registered_once():
    names = [rule for module in DETECTOR_MODULES for rule in module.RULES]
    assert len(names) == len(set(names)) == len(RULES)


def test_every_rule_is_in_the_contract():
    table = CONTRACT.split("Rules (`rule`)", 1)[1].split("\n\n", 2)[1]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.M))
    assert set(RULES) == documented


def test_annotations_on_the_page_cases_carry_registered_rules():
    assert PAGES.is_dir()
    for folder in CASES:
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        result = analyze(stamp_ids(read_page(folder)), expected["url"])
        for annotation in result["annotations"]:
            assert annotation["rule"] in RULES, (folder.name, annotation["rule"])


def test_a_rule_name_leads_to_the_module_that_fires_it():
    assert RULES[injected_spam.RULE_BRAND_LINE] == injected_spam.__name__
    assert RULES[link_blocks.RULE_UNRELATED] == link_blocks.__name__
    assert RULES[hidden_links.RULE_HIDDEN] == hidden_links.__name__
    assert RULES[learned.RULE_MISSED_BLOCK] == learned.__name__


def test_the_extension_picks_blocks_as_the_server_counts_them():
    (value,) = re.findall(r"const MIN_BLOCK_LINKS = (\d+);", REPORTING_JS)
    assert int(value) == blocks.MIN_BLOCK_LINKS


def test_every_block_kind_leaves_the_reader_view_whoever_found_it():
    assert all(blocks.leaves_reader(kind) for kind in (Kind.UNRELATED_LINKS, Kind.RELATED_LINKS))
    assert blocks.leaves_reader(Kind.HIDDEN_LINKS)
    assert not blocks.leaves_reader(Kind.INJECTED_SPAM)
