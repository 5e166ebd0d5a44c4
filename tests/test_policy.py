"""How reports become rules, and for whom: the policy alone, without a database."""

from __future__ import annotations

import itertools

import pytest

from winnow import policy
from winnow.policy import EVERY_SITE, Decision, Vote
from winnow.site_rules import Scope, Verdict, rule_key

HOST = "harbor-gazette.example"
PHRASE = "sponsored by quillfeather capital"
_order = itertools.count(1)


def vote(
    client: str,
    network: str | None,
    verdict: Verdict = Verdict.MISSED,
    quote: str = PHRASE,
    kind: str = "injected_spam",
    label: str | None = None,
    shape: str | None = None,
) -> Vote:
    key = rule_key(kind, quote, label, shape)
    return Vote(client, network, kind, verdict, key, quote, label, shape, next(_order))


def rule_id(verdict: Verdict = Verdict.MISSED, quote: str = PHRASE) -> tuple:
    return ("injected_spam", verdict, quote)


def test_one_network_makes_no_site_rule_however_many_clients():
    votes = [vote(f"c{n}", "198.51.100.0/24") for n in range(10)]
    assert policy.site_rules(HOST, votes, {}) == []


def test_two_networks_make_a_site_rule():
    (rule,) = policy.site_rules(
        HOST, [vote("a", "198.51.100.0/24"), vote("b", "203.0.113.0/24")], {}
    )
    assert (rule.scope, rule.verdict, rule.support) == (Scope.SITE, Verdict.MISSED, 2)


def test_clients_the_server_never_issued_count_for_no_network():
    votes = [vote("a", "198.51.100.0/24"), vote("legacy-1", None), vote("legacy-2", None)]
    assert policy.site_rules(HOST, votes, {}) == []


def test_contradicting_networks_are_subtracted():
    votes = [
        vote("a", "198.51.100.0/24"),
        vote("b", "203.0.113.0/24"),
        vote("c", "192.0.2.0/24", Verdict.FALSE_POSITIVE),
    ]
    assert policy.site_rules(HOST, votes, {}) == []
    votes.append(vote("d", "233.252.0.0/24"))
    assert [r.verdict for r in policy.site_rules(HOST, votes, {})] == [Verdict.MISSED]


def test_a_maintainer_accepts_for_a_site_or_rejects_everywhere():
    votes = [vote("a", "198.51.100.0/24")]
    accepted = {(HOST, rule_id()): Decision.ACCEPTED}
    assert [r.scope for r in policy.site_rules(HOST, votes, accepted)] == [Scope.SITE]
    assert policy.site_rules("other.example", votes, accepted) == []
    both = {**accepted, (EVERY_SITE, rule_id()): Decision.REJECTED}
    assert policy.site_rules(HOST, votes, both) == []
    two = [*votes, vote("b", "203.0.113.0/24")]
    assert policy.site_rules(HOST, two, {(HOST, rule_id()): Decision.REJECTED}) == []


def test_global_rules_come_only_from_a_maintainer():
    votes = [vote(f"c{n}", f"198.51.{n}.0/24") for n in range(20)]
    assert policy.global_rules(votes, {}) == []
    (rule,) = policy.global_rules(votes, {(EVERY_SITE, rule_id()): Decision.ACCEPTED})
    assert rule.scope is Scope.GLOBAL


def test_a_client_sees_its_own_latest_word():
    votes = [
        vote("me", "198.51.100.0/24"),
        vote("me", "198.51.100.0/24", Verdict.FALSE_POSITIVE),
        vote("someone", "203.0.113.0/24"),
    ]
    (rule,) = policy.client_rules("me", votes)
    assert (rule.scope, rule.verdict) == (Scope.CLIENT, Verdict.FALSE_POSITIVE)
    assert [r.verdict for r in policy.client_rules("someone", votes)] == [Verdict.MISSED]
    assert policy.client_rules("nobody", votes) == []


@pytest.mark.parametrize("quote", ["the", "of the", "a b", "in the and of"])
def test_a_phrase_that_could_match_anything_is_never_a_rule(quote):
    votes = [vote(n, f"198.51.{k}.0/24", quote=quote) for k, n in enumerate("abcd")]
    decisions = {(EVERY_SITE, rule_id(quote=quote)): Decision.ACCEPTED}
    assert policy.site_rules(HOST, votes, decisions) == []
    assert policy.client_rules("a", votes) == []
    assert policy.global_rules(votes, decisions) == []


@pytest.mark.parametrize(
    ("label", "shape"), [("Ranking", None), ("Ranking", "body"), (None, "ul"), (None, None)]
)
def test_a_missed_block_without_a_usable_shape_is_never_a_rule(label, shape):
    votes = [
        vote(n, f"198.51.{k}.0/24", kind="unrelated_links", quote="x", label=label, shape=shape)
        for k, n in enumerate("ab")
    ]
    assert policy.site_rules(HOST, votes, {}) == []
    assert policy.client_rules("a", votes) == []


def test_missed_blocks_agree_by_shape_and_heading_not_by_their_changing_text():
    votes = [
        vote(
            "a",
            "198.51.100.0/24",
            kind="unrelated_links",
            quote="picks one",
            label="Our Picks",
            shape="div.picks",
        ),
        vote(
            "b",
            "203.0.113.0/24",
            kind="unrelated_links",
            quote="picks two",
            label="our picks",
            shape="div.picks",
        ),
    ]
    (rule,) = policy.site_rules(HOST, votes, {})
    assert (rule.shape, rule.support) == ("div.picks", 2)


def test_the_narrowest_scope_wins():
    mine = policy.client_rules("me", [vote("me", "198.51.100.0/24", Verdict.FALSE_POSITIVE)])
    site = policy.site_rules(HOST, [vote("a", "192.0.2.0/24"), vote("b", "203.0.113.0/24")], {})
    (rule,) = policy.combine(mine, site)
    assert (rule.scope, rule.verdict) == (Scope.CLIENT, Verdict.FALSE_POSITIVE)
    (rule,) = policy.combine([], site)
    assert rule.scope is Scope.SITE
