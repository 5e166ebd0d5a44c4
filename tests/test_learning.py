"""Reports that teach, end to end over HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

from html import escape

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


def analyze(client, url: str, html: str) -> dict:
    response = client.post("/api/analyze", json={"url": url, "html": html})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def quotes(result: dict, kind: str = "injected_spam") -> list[str]:
    return [a["quote"] for a in result["annotations"] if a["kind"] == kind]


def feedback(client, url: str, verdict: str, quote: str, client_id: str, **extra) -> None:
    body = {
        "url": url,
        "verdict": verdict,
        "kind": extra.pop("kind", "injected_spam"),
        "quote": quote,
        "client": client_id,
        **extra,
    }
    response = client.post("/api/feedback", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)


def test_false_positive_withdraws_the_annotation_on_that_site_only(backend_client):
    html = spliced_page()
    assert BRAND in quotes(analyze(backend_client, f"{SITE}/a.html", html))
    feedback(backend_client, f"{SITE}/a.html", "false_positive", BRAND, "client-aaaaaaaa")

    again = analyze(backend_client, f"{SITE}/b.html", html)
    assert BRAND not in quotes(again)
    assert BRAND in again["reader"]["title"]
    withdrawn = again["stats"]["withdrawn"]
    assert withdrawn[0]["rule"] == "learned-false-positive"
    assert "1 person on this site reported this is not injected spam" in withdrawn[0]["reasons"][0]

    assert BRAND in quotes(analyze(backend_client, f"{OTHER}/a.html", html))


def test_missed_text_is_flagged_and_cut_on_that_site(backend_client):
    missed = "Sponsored by Quillfeather Capital"
    story = [*STORY[:2], f"{STORY[2]} {missed}"]
    assert quotes(analyze(backend_client, f"{SITE}/a.html", page(story))) == []
    feedback(backend_client, f"{SITE}/a.html", "missed", missed, "client-aaaaaaaa")

    later = analyze(backend_client, f"{SITE}/next.html", page(story))
    (annotation,) = [a for a in later["annotations"] if a["kind"] == "injected_spam"]
    assert annotation["quote"] == missed
    assert annotation["rule"] == "learned-missed-text"
    assert missed not in later["reader"]["text"]
    assert quotes(analyze(backend_client, f"{OTHER}/a.html", page(story))) == []


def test_three_clients_on_two_sites_make_a_rule_global(backend_client):
    missed = "Sponsored by Quillfeather Capital"
    story = [*STORY[:2], f"{STORY[2]} {missed}"]
    feedback(backend_client, f"{SITE}/a.html", "missed", missed, "client-aaaaaaaa")
    feedback(backend_client, f"{SITE}/b.html", "missed", missed, "client-bbbbbbbb")
    third_site = "https://third.example/x.html"
    assert quotes(analyze(backend_client, third_site, page(story))) == []
    feedback(backend_client, f"{OTHER}/c.html", "missed", missed, "client-cccccccc")
    result = analyze(backend_client, third_site, page(story))
    assert quotes(result) == [missed]
    assert "3 people on 2 sites" in result["annotations"][0]["reasons"][0]


def test_one_client_on_many_sites_stays_local(backend_client):
    missed = "Sponsored by Quillfeather Capital"
    story = [*STORY[:2], f"{STORY[2]} {missed}"]
    for n in range(4):
        feedback(
            backend_client, f"https://site{n}.example/a.html", "missed", missed, "client-aaaaaaaa"
        )
    assert quotes(analyze(backend_client, "https://elsewhere.example/a.html", page(story))) == []


def test_contradicting_reports_cancel(backend_client):
    html = spliced_page()
    feedback(backend_client, f"{SITE}/a.html", "false_positive", BRAND, "client-aaaaaaaa")
    feedback(backend_client, f"{SITE}/a.html", "missed", BRAND, "client-bbbbbbbb")
    assert BRAND in quotes(analyze(backend_client, f"{SITE}/b.html", html))


def test_missed_link_block_is_recognised_by_shape_and_heading(backend_client):
    items = "".join(f"<li><a href='/s/{n}'>Short item {n}</a></li>" for n in range(5))
    block = f"<div class='picks'><h3>Our Picks</h3><ul>{items}</ul></div>"
    html = page(STORY).replace("</article>", f"</article>{block}")
    assert quotes(analyze(backend_client, f"{SITE}/a.html", html), "unrelated_links") == []
    feedback(
        backend_client,
        f"{SITE}/a.html",
        "missed",
        "Our Picks Short item 0 ...",
        "client-aaaaaaaa",
        kind="unrelated_links",
        annotation={"label": "Our Picks", "shape": "div.picks"},
    )
    later = analyze(backend_client, f"{SITE}/b.html", html)
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
