"""Where a link leads, from its href alone: the evidence that tells chrome from story lists."""

from __future__ import annotations

import pytest

from winnow.detectors.site_chrome import Target, link_target
from winnow.page import Page

URL = "https://www.valley-times.example/news/2024/05/storm-closes-schools.html?id=7"


@pytest.fixture(scope="module")
def page() -> Page:
    return Page.from_html("<html><body><p>x</p></body></html>", URL)


@pytest.mark.parametrize(
    ("href", "target"),
    [
        ("/news/48213.html", Target.STORY),
        ("/2024/05/city-budget-vote/", Target.STORY),
        ("https://valley-times.example/local/council-approves-new-budget", Target.STORY),
        ("/article.php?id=5521", Target.STORY),
        ("/?p=5521", Target.STORY),
        ("https://other-paper.example/2024/flood-warning-issued", Target.STORY),
        ("https://video.example/watch?v=a8Xk2pQ9zT", Target.STORY),
        ("/", Target.HOME),
        ("https://valley-times.example/index.html", Target.HOME),
        ("/news/", Target.SECTION),
        ("/news/world", Target.SECTION),
        ("/privacy-policy", Target.SECTION),
        ("#comments", Target.THIS_PAGE),
        ("?share=facebook", Target.THIS_PAGE),
        ("/news/2024/05/storm-closes-schools.html", Target.THIS_PAGE),
        (f"https://mail.example/compose?body={URL}", Target.SHARE),
        (
            "https://twitter.example/intent/tweet?url=https%3A%2F%2Fwww.valley-times.example"
            "%2Fnews%2F2024%2F05%2Fstorm-closes-schools.html%3Fid%3D7",
            Target.SHARE,
        ),
        ("https://instagram.example/valleytimes", Target.PROFILE),
        ("https://social.example/", Target.PROFILE),
        ("javascript:void(0)", Target.NOWHERE),
        ("mailto:desk@valley-times.example", Target.NOWHERE),
        ("", Target.NOWHERE),
        (None, Target.NOWHERE),
    ],
)
def test_link_target(page, href, target):
    assert link_target(href, page) == target


def test_the_same_path_with_another_id_is_another_story(page):
    assert link_target("/news/2024/05/storm-closes-schools.html?id=8", page) == Target.STORY
