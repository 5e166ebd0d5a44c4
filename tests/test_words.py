"""Words have one definition, in every script, for every part of Winnow."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from winnow.detectors.link_blocks import find_blocks
from winnow.page import Page
from winnow.words import (
    TOKEN_RE,
    UNSPACED_RUN_RE,
    count_words,
    normalize_space,
    spaced_words,
    words,
)


def test_spaced_words_are_runs_of_letters_and_digits():
    assert words("Kim's 2 new missiles") == ["Kim", "s", "2", "new", "missiles"]
    assert count_words("Kim's 2 new missiles") == 4 + 1


def test_unspaced_text_counts_two_characters_to_a_word():
    assert words("東京都知事選") == ["東京", "都知", "事選"]
    assert count_words("東京都知事選") == 3
    assert count_words("東京都知事選 in Tokyo") == 5


def test_count_is_the_length_of_the_words_in_every_script():
    for text in ("plain text only", "混合 text 日本語の文", "Ünïcödé wörds", ""):
        assert count_words(text) == len(words(text))


@given(st.text(alphabet="aZ9_ -.,'’éß東京ひカ한\u3000\xa0", max_size=40))
def test_words_are_the_tokens_in_every_script(text):
    expected = []
    for token in TOKEN_RE.findall(text):
        if UNSPACED_RUN_RE.fullmatch(token):
            expected += [token[i : i + 2] for i in range(0, len(token), 2)]
        else:
            expected.append(token)
    assert words(text) == expected
    assert count_words(text) == len(expected)


def test_normalize_space_collapses_every_kind_of_whitespace():
    assert normalize_space(" \u00a0One\t\ttwo\n\u2009three\u3000 ") == "One two three"
    assert normalize_space(" \n ") == ""


def test_str_split_splits_at_exactly_the_whitespace_of_regular_expressions():
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace() for c in range(sys.maxunicode + 1))


def test_terms_leave_unspaced_text_out():
    assert spaced_words("東京 Tokyo vote") == ["Tokyo", "vote"]


def test_a_japanese_list_of_four_headline_links_is_a_block():
    headlines = [
        "東京都知事選で現職が再選を果たす",
        "円相場が一時百五十円台に下落する",
        "大雪で新幹線の運転を見合わせる",
        "政府が新たな経済対策をまとめる",
    ]
    items = "".join(f"<li><a href='/news/{i}.html'>{h}</a></li>" for i, h in enumerate(headlines))
    article = "".join(
        f"<p>{'記者会見で首相は今後の方針について説明した。' * 4}</p>" for _ in range(3)
    )
    html = (
        "<html lang='ja'><head><title>首相が会見</title></head><body><article><h1>首相が会見</h1>"
        f"{article}</article><aside><h3>ランキング</h3><ul>{items}</ul></aside></body></html>"
    )
    blocks = find_blocks(Page.from_html(html, "https://news.example.jp/a.html"))
    assert [len(b.links) for b in blocks] == [4]
