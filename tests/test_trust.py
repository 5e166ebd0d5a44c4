"""Reports that can be trusted, over HTTP against the real `winnow serve` on SQLite and on
PostgreSQL: the attacks of issue 13 fail, and what reports should do they still do.

The server trusts one proxy, so each test chooses the address a request comes from with
X-Forwarded-For: two addresses in different /24 networks are two people.
"""

from __future__ import annotations

import re

import pytest
import requests

import postgres
from bench.server import WinnowServer
from helpers import PAGES, assert_contract
from live import Answer, call

pytestmark = pytest.mark.slow

ADMIN = "trust-admin-token"
SEED = (PAGES / "seed" / "page.html").read_text(encoding="utf-8")
PHRASE = "FinLogic FinLogic Quantitative Think Tank Center"
SEED_WORDS = 515
NETWORK_A, NETWORK_B, NETWORK_C = "198.51.100.7", "203.0.113.9", "192.0.2.33"
SAME_AS_A = "198.51.100.200"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"trust-{request.param}")
    database = None
    if request.param == "postgresql":
        admin_url = request.getfixturevalue("postgres_server")
        database = postgres.create_database(admin_url, f"winnow_trust_{workdir.name}")
    running = WinnowServer(
        workdir,
        database,
        WINNOW_TRUSTED_PROXIES="1",
        WINNOW_ADMIN_TOKEN=ADMIN,
        WINNOW_FEEDBACK_RATE_LIMIT="1000/minute",
        WINNOW_CLIENT_RATE_LIMIT="1000/minute",
    )
    yield running
    running.stop()


def register(server: WinnowServer, address: str) -> str:
    answer = call(server, "POST", "/api/clients", {}, {"X-Forwarded-For": address})
    assert answer.status == 201, answer.body
    assert set(answer.body) == {"client", "token"}
    return answer.body["token"]


def report(server: WinnowServer, token: str | None, url: str, **fields) -> Answer:
    body = {"url": url, "verdict": "missed", "kind": "injected_spam", **fields}
    headers = {"X-Winnow-Client": token} if token else {}
    return call(server, "POST", "/api/feedback", body, headers)


def analyze(server: WinnowServer, url: str, html: str = SEED, token: str | None = None) -> dict:
    headers = {"X-Winnow-Client": token} if token else {}
    answer = call(server, "POST", "/api/analyze", {"url": url, "html": html}, headers)
    assert answer.status == 200, answer.body
    assert_contract(answer.body)
    return answer.body


def spam(result: dict) -> list[str]:
    return [a["quote"] for a in result["annotations"] if a["kind"] == "injected_spam"]


def blocks(result: dict) -> list[str]:
    return [a["label"] for a in result["annotations"] if a["kind"] == "unrelated_links"]


def all_reports(server: WinnowServer, host: str) -> list[dict]:
    answer = call(
        server, "GET", f"/api/feedback?host={host}", headers={"Authorization": f"Bearer {ADMIN}"}
    )
    assert answer.status == 200
    return answer.body["items"]


# -- the attacks --------------------------------------------------------------------------


def test_invented_clients_are_refused_and_store_nothing(server):
    for n, host in enumerate(["a1.example", "a2.example", "a1.example"]):
        answer = report(
            server,
            None,
            f"https://{host}/x.html",
            verdict="false_positive",
            quote=PHRASE,
            client=f"invented-client-{n:04d}",
        )
        assert (answer.status, answer.error_code()) == (401, "client_token_required")
    forged = report(server, "made-up-token", "https://a1.example/x.html", quote=PHRASE)
    assert (forged.status, forged.error_code()) == (401, "invalid_client_token")
    assert all_reports(server, "a1.example") == all_reports(server, "a2.example") == []
    result = analyze(server, "https://a3.example/x.html")
    assert PHRASE in spam(result)
    assert PHRASE not in result["reader"]["title"]


def test_many_clients_from_one_network_change_nothing_for_anyone_else(server):
    for n, host in enumerate(["b1.example", "b2.example", "b1.example", "b2.example"]):
        token = register(server, f"198.51.100.{n + 10}")
        body = {"verdict": "false_positive", "quote": PHRASE}
        assert report(server, token, f"https://{host}/x.html", **body).status == 201
    for host in ("b1.example", "b2.example", "b3.example"):
        result = analyze(server, f"https://{host}/y.html")
        assert PHRASE in spam(result)
        assert PHRASE not in result["reader"]["title"]


def test_a_label_only_block_report_withdraws_no_block(server):
    for address in (NETWORK_A, NETWORK_B, NETWORK_C):
        token = register(server, address)
        answer = report(
            server,
            token,
            "https://c1.example/x.html",
            verdict="false_positive",
            kind="unrelated_links",
            quote="anything at all",
            annotation={"label": "Related"},
        )
        assert answer.status == 201
    assert "Related" in blocks(analyze(server, "https://c1.example/y.html"))
    assert "Related" in blocks(analyze(server, "https://c2.example/y.html", token=token))


@pytest.mark.parametrize("quote", ["the", "The", "of the", "the and of", "ab cd", "1234 5678"])
def test_a_missed_quote_that_is_no_real_phrase_is_refused(server, quote):
    token = register(server, NETWORK_A)
    answer = report(server, token, "https://d1.example/x.html", quote=quote)
    assert (answer.status, answer.error_code()) == (400, "bad_request")
    assert "missed phrase" in answer.body["error"]["message"]


def test_the_attack_leaves_every_the_in_place(server):
    for address in (NETWORK_A, NETWORK_B, NETWORK_C):
        token = register(server, address)
        assert report(server, token, "https://d2.example/x.html", quote="the").status == 400
    for who in (None, token):
        result = analyze(server, "https://d2.example/y.html", token=who)
        assert "the" not in [q.lower() for q in spam(result)]
        assert result["reader"]["word_count"] == SEED_WORDS


@pytest.mark.parametrize(
    "annotation",
    [{"label": "Ranking"}, {"label": "Ranking", "shape": "body"}, {"shape": "html"}, {}],
)
def test_a_missed_block_without_a_usable_shape_is_refused(server, annotation):
    token = register(server, NETWORK_A)
    answer = report(
        server,
        token,
        "https://e1.example/x.html",
        kind="unrelated_links",
        quote="Ranking Working Well",
        annotation=annotation,
    )
    assert (answer.status, answer.error_code()) == (400, "bad_request")


@pytest.mark.parametrize("shape", ["div.wrap", "div.left", "div.article", "div.content"])
def test_no_block_report_blanks_the_article(server, shape):
    """Reports that name the article's containers (each holds the "Ranking" heading or the
    article) agree from two networks: the reader keeps every word."""
    host = f"e-{shape.replace('.', '-')}.example"
    tokens = [register(server, a) for a in (NETWORK_A, NETWORK_B)]
    for token in tokens:
        answer = report(
            server,
            token,
            f"https://{host}/x.html",
            kind="unrelated_links",
            quote="Ranking",
            annotation={"label": "Ranking", "shape": shape},
        )
        assert answer.status == 201
    for who in (None, *tokens):
        result = analyze(server, f"https://{host}/y.html", token=who)
        assert result["reader"]["word_count"] == SEED_WORDS
        learned = [a for a in result["annotations"] if a["rule"] == "learned-missed-block"]
        assert learned == []


# -- what reports should still do -----------------------------------------------------------


def test_the_reporters_own_report_applies_to_it_at_once(server):
    token = register(server, NETWORK_A)
    body = {"verdict": "false_positive", "quote": PHRASE}
    assert report(server, token, "https://f1.example/x.html", **body).status == 201
    mine = analyze(server, "https://f1.example/y.html", token=token)
    assert PHRASE not in spam(mine)
    assert {w["scope"] for w in mine["stats"]["withdrawn"]} == {"client"}
    assert PHRASE in spam(analyze(server, "https://f1.example/y.html"))
    assert PHRASE in spam(analyze(server, "https://f2.example/y.html", token=token))


def test_a_missed_phrase_is_flagged_and_cut_for_its_reporter(server):
    token = register(server, NETWORK_A)
    quote = "days before South Korea"
    assert report(server, token, "https://f3.example/x.html", quote=quote).status == 201
    mine = analyze(server, "https://f3.example/y.html", token=token)
    (flag,) = [a for a in mine["annotations"] if a["rule"] == "learned-missed-text"]
    assert (flag["quote"], flag["scope"]) == (quote, "client")
    assert quote not in mine["reader"]["text"]
    assert mine["reader"]["word_count"] == SEED_WORDS - len(quote.split())


def test_two_networks_make_a_site_wide_rule_one_network_does_not(server):
    first, same = register(server, NETWORK_A), register(server, SAME_AS_A)
    body = {"verdict": "false_positive", "quote": PHRASE}
    for token in (first, same):
        assert report(server, token, "https://g1.example/x.html", **body).status == 201
    assert PHRASE in spam(analyze(server, "https://g1.example/y.html"))
    other = register(server, NETWORK_B)
    assert report(server, other, "https://g1.example/z.html", **body).status == 201
    result = analyze(server, "https://g1.example/y.html")
    assert PHRASE not in spam(result)
    assert {w["scope"] for w in result["stats"]["withdrawn"]} == {"site"}
    assert "2 networks" in result["stats"]["withdrawn"][0]["reasons"][0]
    assert PHRASE in spam(analyze(server, "https://g2.example/y.html"))


def test_a_maintainers_acceptance_makes_a_rule_global(server):
    token = register(server, NETWORK_A)
    body = {"verdict": "false_positive", "quote": "Ethermac Exchange View"}
    assert report(server, token, "https://h1.example/x.html", **body).status == 201
    assert "Ethermac Exchange View" in spam(analyze(server, "https://h2.example/y.html"))
    maintainer = requests.Session()
    page = maintainer.get(f"{server.url}/review").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    maintainer.post(f"{server.url}/review/login", data={"token": ADMIN, "csrf": csrf})
    decided = maintainer.post(
        f"{server.url}/review/decide",
        data={
            "csrf": csrf,
            "site": "h1.example",
            "kind": "injected_spam",
            "verdict": "false_positive",
            "key": "ethermac exchange view",
            "action": "accept_global",
        },
    )
    assert decided.status_code == 200 and "accepted" in decided.text
    result = analyze(server, "https://h2.example/y.html")
    assert "Ethermac Exchange View" not in spam(result)
    assert {w["scope"] for w in result["stats"]["withdrawn"]} == {"global"}


# -- private reports ------------------------------------------------------------------------


def test_reports_are_listed_only_to_their_client_or_a_maintainer(server):
    mine, theirs = register(server, NETWORK_A), register(server, NETWORK_B)
    report(server, mine, "https://i1.example/x.html", quote="Quillfeather Capital Partners")
    report(server, theirs, "https://i1.example/x.html", quote="Ravenmoor Wealth Academy")
    listed = call(server, "GET", "/api/feedback?host=i1.example", headers={"X-Winnow-Client": mine})
    assert [i["quote"] for i in listed.body["items"]] == ["Quillfeather Capital Partners"]
    assert "client" not in listed.body["items"][0]
    anonymous = call(server, "GET", "/api/feedback?host=i1.example")
    assert (anonymous.status, anonymous.error_code()) == (401, "client_token_required")
    wrong_admin = call(
        server, "GET", "/api/feedback", headers={"Authorization": "Bearer not-the-admin"}
    )
    assert wrong_admin.status == 401
    assert len(all_reports(server, "i1.example")) == 2


def test_a_client_deletes_its_own_report_and_what_it_taught(server):
    mine, theirs = register(server, NETWORK_A), register(server, NETWORK_B)
    body = {"verdict": "false_positive", "quote": PHRASE}
    own_id = report(server, mine, "https://j1.example/x.html", **body).body["id"]
    other_id = report(server, theirs, "https://j1.example/x.html", **body).body["id"]
    assert PHRASE not in spam(analyze(server, "https://j1.example/y.html"))

    for token, report_id in ((mine, other_id), (theirs, own_id), (mine, "0" * 32), (mine, "x")):
        answer = call(
            server, "DELETE", f"/api/feedback/{report_id}", headers={"X-Winnow-Client": token}
        )
        assert (answer.status, answer.error_code()) == (404, "not_found")
    anonymous = call(server, "DELETE", f"/api/feedback/{own_id}")
    assert anonymous.status == 401

    deleted = call(server, "DELETE", f"/api/feedback/{own_id}", headers={"X-Winnow-Client": mine})
    assert deleted.status == 204
    assert [r["id"] for r in all_reports(server, "j1.example")] == [other_id]
    assert PHRASE in spam(analyze(server, "https://j1.example/y.html"))
    assert PHRASE in spam(analyze(server, "https://j1.example/y.html", token=mine))
    assert PHRASE not in spam(analyze(server, "https://j1.example/y.html", token=theirs))


def test_the_extension_may_send_the_client_header(server):
    answer = call(
        server,
        "OPTIONS",
        "/api/feedback/abc",
        headers={
            "Origin": "chrome-extension://abcdef",
            "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "x-winnow-client",
        },
    )
    assert answer.status == 200
    assert "X-Winnow-Client" in answer.headers["Access-Control-Allow-Headers"]
    assert "DELETE" in answer.headers["Access-Control-Allow-Methods"]


# -- addresses, registrations and analyze limits ---------------------------------------------


@pytest.fixture
def limited(tmp_path):
    """A server (SQLite) behind one trusted proxy, with small limits."""
    running = WinnowServer(
        tmp_path,
        WINNOW_TRUSTED_PROXIES="1",
        WINNOW_CLIENT_RATE_LIMIT="2/hour",
        WINNOW_ANALYZE_RATE_LIMIT="3/minute",
    )
    yield running
    running.stop()


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(tmp_path):
    direct = WinnowServer(tmp_path)
    try:
        body = {"verdict": "false_positive", "quote": PHRASE}
        for address in (NETWORK_A, NETWORK_B, NETWORK_C):
            token = register(direct, address)
            assert report(direct, token, "https://k1.example/x.html", **body).status == 201
        assert PHRASE in spam(analyze(direct, "https://k1.example/y.html"))
    finally:
        direct.stop()


def test_clients_are_issued_at_a_bounded_rate_per_address(limited):
    for _ in range(2):
        register(limited, NETWORK_A)
    refused = call(limited, "POST", "/api/clients", {}, {"X-Forwarded-For": NETWORK_A})
    assert (refused.status, refused.error_code()) == (429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0
    register(limited, NETWORK_B)
    for _ in range(5):
        assert call(limited, "POST", "/api/clients", {}).status == 201  # loopback


def test_a_client_registers_with_an_empty_object_only(limited):
    answer = call(limited, "POST", "/api/clients", {"client": "mine"})
    assert (answer.status, answer.error_code()) == (400, "bad_request")


def page_request(n: int) -> dict:
    return {"url": f"https://l1.example/{n}.html", "html": f"<p>Council meeting number {n}.</p>"}


def test_analyze_is_limited_per_address(limited):
    for n in range(3):
        answer = call(
            limited, "POST", "/api/analyze", page_request(n), {"X-Forwarded-For": NETWORK_A}
        )
        assert answer.status == 200
    refused = call(limited, "POST", "/api/analyze", page_request(9), {"X-Forwarded-For": NETWORK_A})
    assert (refused.status, refused.error_code()) == (429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0
    assert (
        call(
            limited, "POST", "/api/analyze", page_request(9), {"X-Forwarded-For": NETWORK_B}
        ).status
        == 200
    )


def test_analyze_is_limited_per_client_whatever_its_address(limited):
    token = register(limited, NETWORK_A)
    addresses = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"]
    statuses = [
        call(
            limited,
            "POST",
            "/api/analyze",
            page_request(n),
            {"X-Forwarded-For": address, "X-Winnow-Client": token},
        ).status
        for n, address in enumerate(addresses)
    ]
    assert statuses == [200, 200, 200, 429]


def test_one_person_on_a_local_server_is_never_throttled(tmp_path):
    """Default settings: 300 pages at concurrency 8 from loopback, with a token, all answered."""
    from concurrent.futures import ThreadPoolExecutor

    local = WinnowServer(tmp_path)
    try:
        token = call(local, "POST", "/api/clients", {}).body["token"]
        headers = {"X-Winnow-Client": token}
        with ThreadPoolExecutor(8) as pool:
            statuses = list(
                pool.map(
                    lambda n: call(local, "POST", "/api/analyze", page_request(n), headers).status,
                    range(300),
                )
            )
        assert statuses == [200] * 300
    finally:
        local.stop()
