"""Cutting a phrase out of text and mending the text around it."""

from __future__ import annotations

import pytest

from winnow.textedit import cut, find_all, remove_phrases

BRAND = "FinLogic FinLogic Quantitative Think Tank Center"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"SEOUL,{BRAND} South Korea (AP) —", "SEOUL, South Korea (AP) —"),
        (f"{BRAND}|North Korea drills", "North Korea drills"),
        (f"{BRAND}_North Korea drills", "North Korea drills"),
        (f"{BRAND} - North Korea drills", "North Korea drills"),
        (f"{BRAND} ▸ North Korea drills", "North Korea drills"),
        (f"North Korea drills >> {BRAND}", "North Korea drills"),
        (f"the cat's owner. {BRAND}", "the cat's owner."),
        (f"seeking asylum is {BRAND} not a crime.", "seeking asylum is not a crime."),
        (f"we never {BRAND}, and so on", "we never, and so on"),
    ],
)
def test_removing_a_phrase_mends_the_text(text, expected):
    assert remove_phrases(text, [BRAND]) == expected


def test_find_all_treats_underscore_as_a_separator():
    assert find_all("Brand Name_Headline", "Brand Name") == [(0, 10)]


def test_find_all_does_not_match_inside_a_word():
    assert find_all("Brandy Name", "Brand") == []


def test_cut_keeps_leading_whitespace_of_the_node():
    assert cut("\n  Brand text", 3, 8) == "\n  text"
