"""Pages made for measuring the extension: the seed page grown to a long one, as news pages with
thousands of comments are."""

from __future__ import annotations

import random

# Words for the comments: everyday local news, nothing like the seed's article or its spam.
COMMENT_WORDS = (
    "harbour council budget plan ferry boats channel residents spring dredging pier board "
    "operators cost debate tuesday vote city water river bridge school market prices energy "
    "library garden bakery weekend traffic parking station weather season festival neighbours"
).split()
WORDS_PER_COMMENT = 38
LONG_PAGE_PARAGRAPHS = 8000
# Where the comments go: before the seed's footer, after the article and its link lists.
FOOTER = '<div class="foot"'


def long_page(html: str, paragraphs: int = LONG_PAGE_PARAGRAPHS, seed: int = 7) -> str:
    """`html` (the seed page) with `paragraphs` comment paragraphs added before its footer:
    8,000 make a page of about 2 MB."""
    rng = random.Random(seed)
    comments = "\n".join(
        f"<p>Comment {i}: {' '.join(rng.choice(COMMENT_WORDS) for _ in range(WORDS_PER_COMMENT))}."
        "</p>"
        for i in range(paragraphs)
    )
    block = f'<div class="comments">\n{comments}\n</div>\n'
    if FOOTER not in html:
        raise ValueError("the page has no footer to put the comments before")
    return html.replace(FOOTER, block + FOOTER, 1)
