"""Reports that teach, through the app on SQLite and on PostgreSQL: a client's own reports
apply to it at once; everyone else sees them only when other networks agree."""

from __future__ import annotations

from html import escape

from helpers import register

SITE = "https://harbor-gazette.example"
OTHER = "https://valley-times.example"
HEADLINE = "Storm closes schools across the northern valley"
STORY = [
    "A winter storm closed schools across the northern valley on Monday, as heavy snow and "
    "strong winds knocked out power to thousands of homes in the region.",
    "Forecasters said the snow would continue into Tuesday, with drifts of up to three feet in "
    "the hills above the river, and urged drivers to stay off the roads.",
    "Utility crews worked through the night to restore power, the company said in a statement "
    "on Monday evening, adding that most homes would have heat again by Wednesday.",
]
BRAND = "Ravenmoor Ravenmoor Wealth Academy"


def page(story: list[str], title: str = HEADLINE) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in story)
    return (
        f"<html lang='en'><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{body}</article></body></html>"
    )


def spliced_page() -> str:
    story = [STORY[0].replace("A winter storm", f"A winter {BRAND} storm"), *STORY[1:]]
    return page(story, f"{BRAND}|{HEADLINE}")


def analyze(client, url: str, html: str, headers: dict | None = None) -> dict:
    response = client.post("/api/analyze", json={"url": url, "html": html}, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def quotes(result: dict, kind: str = "injected_spam") -> list[str]:
    return [a["quote"] for a in result["annotations"] if a["kind"] == kind]


def feedback(client, url: str, verdict: str, quote: str, me: dict, **extra) -> None:
    body = {
        "url": url,
        "verdict": verdict,
        "kind": extra.pop("kind", "injected_spam"),
        "quote": quote,
        **extra,
    }
    response = client.post("/api/feedback", json=body, headers=me)
    assert response.status_code == 201, response.get_data(as_text=True)


def test_false_positive_withdraws_the_annotation_for_the_reporter_on_that_site(backend_client):
    html = spliced_page()
    me = register(backend_client)
    assert BRAND in quotes(analyze(backend_client, f"{SITE}/a.html", html, me))
    feedback(backend_client, f"{SITE}/a.html", "false_positive", BRAND, me)

    again = analyze(backend_client, f"{SITE}/b.html", html, me)
    assert BRAND not in quotes(again)
    assert BRAND in again["reader"]["title"]
    withdrawn = again["stats"]["withdrawn"]
    assert {w["quote"] for w in withdrawn} == {BRAND}
    assert {(w["rule"], w["scope"]) for w in withdrawn} == {("learned-false-positive", "client")}
    assert "your own report says this is not injected spam" in withdrawn[0]["reasons"][0]

    assert BRAND in quotes(analyze(backend_client, f"{SITE}/b.html", html))
    assert BRAND in quotes(analyze(backend_client, f"{OTHER}/a.html", html, me))


def test_missed_text_is_flagged_and_cut_for_the_reporter_on_that_site(backend_client):
    missed = "Sponsored by Quillfeather Capital"
    story = [*STORY[:2], f"{STORY[2]} {missed}"]
    me = register(backend_client)
    assert quotes(analyze(backend_client, f"{SITE}/a.html", page(story), me)) == []
    feedback(backend_client, f"{SITE}/a.html", "missed", missed, me)

    later = analyze(backend_client, f"{SITE}/next.html", page(story), me)
    (annotation,) = [a for a in later["annotations"] if a["kind"] == "injected_spam"]
    assert (annotation["quote"], annotation["scope"]) == (missed, "client")
    assert annotation["rule"] == "learned-missed-text"
    assert missed not in later["reader"]["text"]
    assert quotes(analyze(backend_client, f"{OTHER}/a.html", page(story), me)) == []
    assert quotes(analyze(backend_client, f"{SITE}/next.html", page(story))) == []


def test_two_networks_make_a_site_rule_and_nothing_global(backend_client):
    missed = "Sponsored by Quillfeather Capital"
    story = [*STORY[:2], f"{STORY[2]} {missed}"]
    feedback(
        backend_client, f"{SITE}/a.html", "missed", missed, register(backend_client, "198.51.100.7")
    )
    assert quotes(analyze(backend_client, f"{SITE}/x.html", page(story))) == []
    feedback(
        backend_client, f"{SITE}/b.html", "missed", missed, register(backend_client, "203.0.113.9")
    )
    result = analyze(backend_client, f"{SITE}/x.html", page(story))
    assert quotes(result) == [missed]
    assert result["annotations"][0]["scope"] == "site"
    assert "people on 2 networks" in result["annotations"][0]["reasons"][0]
    assert quotes(analyze(backend_client, f"{OTHER}/x.html", page(story))) == []


def test_many_clients_from_one_network_stay_with_themselves(backend_client):
    missed = "Sponsored by Quillfeather Capital"
    story = [*STORY[:2], f"{STORY[2]} {missed}"]
    for n in range(5):
        me = register(backend_client, f"198.51.100.{n + 1}")
        feedback(backend_client, f"https://site{n % 2}.example/a.html", "missed", missed, me)
    for site in ("https://site0.example", "https://elsewhere.example"):
        assert quotes(analyze(backend_client, f"{site}/b.html", page(story))) == []


def test_contradicting_networks_cancel(backend_client):
    html = spliced_page()
    for address in ("198.51.100.7", "203.0.113.9"):
        feedback(
            backend_client,
            f"{SITE}/a.html",
            "false_positive",
            BRAND,
            register(backend_client, address),
        )
    assert BRAND not in quotes(analyze(backend_client, f"{SITE}/b.html", html))
    feedback(
        backend_client, f"{SITE}/a.html", "missed", BRAND, register(backend_client, "192.0.2.1")
    )
    assert BRAND in quotes(analyze(backend_client, f"{SITE}/b.html", html))


def test_missed_link_block_is_recognised_by_shape_and_heading(backend_client):
    items = "".join(f"<li><a href='/s/{n}'>Short item {n}</a></li>" for n in range(5))
    block = f"<div class='picks'><h3>Our Picks</h3><ul>{items}</ul></div>"
    html = page(STORY).replace("</article>", f"</article>{block}")
    me = register(backend_client)
    assert quotes(analyze(backend_client, f"{SITE}/a.html", html, me), "unrelated_links") == []
    feedback(
        backend_client,
        f"{SITE}/a.html",
        "missed",
        "Our Picks Short item 0 ...",
        me,
        kind="unrelated_links",
        annotation={"label": "Our Picks", "shape": "div.picks"},
    )
    later = analyze(backend_client, f"{SITE}/b.html", html, me)
    (annotation,) = [a for a in later["annotations"] if a["kind"] == "unrelated_links"]
    assert annotation["label"] == "Our Picks"
    assert annotation["rule"] == "learned-missed-block"
    assert "Short item 3" not in later["reader"]["text"]


def test_site_memory_flags_a_recurring_phrase_on_weak_evidence(backend_client):
    weak = page([*STORY[:2], f"{STORY[2]} Ravenmoor Forum"])
    assert quotes(analyze(backend_client, f"{SITE}/weak.html", weak)) == []
    for n in range(2):
        brand = "Ravenmoor Forum"
        story = [STORY[0].replace("A winter storm", f"A winter {brand} storm"), *STORY[1:]]
        analyze(backend_client, f"{SITE}/article-{n}.html", page(story, f"{brand}|{HEADLINE}"))
    result = analyze(backend_client, f"{SITE}/weak.html", weak)
    (annotation,) = [a for a in result["annotations"] if a["kind"] == "injected_spam"]
    assert annotation["quote"] == "Ravenmoor Forum"
    assert annotation["rule"] == "site-memory-phrase"
    assert quotes(analyze(backend_client, f"{OTHER}/weak.html", weak)) == []
