"""How reports become rules, and for whom: pure functions of the reports and the maintainers'
decisions, tested without a database (the store only reads and writes them).

A report applies at once to the client that sent it (its own analyses of that site). It applies
to everyone on the site when clients issued to at least SITE_MIN_NETWORKS different networks
agree, net of the networks that said the opposite, or when a maintainer accepts it for the site;
and on every site only when a maintainer accepts it for every site. A client's own view of a
rule wins over the site's, and the site's over the global one. Reports that could not be a rule
(a missed phrase of one common word, a missed block without its shape) never become one,
whatever their number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from .site_rules import (
    BLOCK_KINDS,
    LearnedRule,
    Scope,
    Verdict,
    missed_block_problem,
    missed_quote_problem,
)

# Clients issued to this many different networks (net of those who said the opposite) make a
# rule for everyone on the site: one person, whatever the number of clients they register from
# one network, never does.
SITE_MIN_NETWORKS = 2
# The global scope of a maintainer's decision (site decisions name their host).
EVERY_SITE = ""


class Decision(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Vote:
    """One report as the policy sees it."""

    client: str
    network: str | None
    """The network the client was issued to; None for clients the server never issued."""
    kind: str
    verdict: Verdict
    key: str
    """What makes reports the same rule (`site_rules.rule_key`)."""
    quote: str
    """Normalized."""
    label: str | None = None
    shape: str | None = None
    order: int = 0
    """Later reports have larger numbers: a client's latest word on a rule is its view."""


RuleId = tuple[str, Verdict, str]
"""(kind, verdict, key)."""
Decisions = Mapping[tuple[str, RuleId], Decision]
"""(host or EVERY_SITE, rule) -> the maintainer's decision."""


def can_be_rule(vote: Vote) -> bool:
    """Whether this report can do what it says without touching more of a page than it names."""
    if vote.verdict is Verdict.FALSE_POSITIVE:
        return True
    if vote.kind in BLOCK_KINDS:
        return missed_block_problem(vote.label, vote.shape) is None
    return missed_quote_problem(vote.quote) is None


def _rule(votes: list[Vote], scope: Scope, support: int = 1) -> LearnedRule:
    sample = max(votes, key=lambda v: v.order)
    return LearnedRule(
        sample.kind,
        sample.quote,
        scope,
        sample.verdict,
        support,
        next((v.label for v in votes if v.label), None),
        next((v.shape for v in votes if v.shape), None),
        sample.key,
    )


def _by_rule(votes: Iterable[Vote]) -> dict[tuple[str, str], dict[Verdict, list[Vote]]]:
    grouped: dict[tuple[str, str], dict[Verdict, list[Vote]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for vote in votes:
        if can_be_rule(vote):
            grouped[(vote.kind, vote.key)][vote.verdict].append(vote)
    return grouped


def _networks(votes: list[Vote]) -> set[str]:
    return {v.network for v in votes if v.network is not None}


def site_rules(host: str, votes: Iterable[Vote], decisions: Decisions) -> list[LearnedRule]:
    """Rules for everyone on `host` from its reports: networks that agree, or a maintainer."""
    rules = []
    for (kind, key), sides in _by_rule(votes).items():
        for verdict, agreeing in sides.items():
            rule_id = (kind, verdict, key)
            if Decision.REJECTED in (
                decisions.get((host, rule_id)),
                decisions.get((EVERY_SITE, rule_id)),
            ):
                continue
            networks = _networks(agreeing)
            net = len(networks) - len(_networks(sides.get(verdict.opposite, [])))
            if net >= SITE_MIN_NETWORKS:
                rules.append(_rule(agreeing, Scope.SITE, len(networks)))
            elif decisions.get((host, rule_id)) is Decision.ACCEPTED:
                rules.append(_rule(agreeing, Scope.SITE))
    return rules


def client_rules(client: str, votes: Iterable[Vote]) -> list[LearnedRule]:
    """The client's own reports on a site: each rule as the client last said it."""
    latest: dict[tuple[str, str], Vote] = {}
    for vote in votes:
        if vote.client != client or not can_be_rule(vote):
            continue
        known = latest.get((vote.kind, vote.key))
        if known is None or vote.order > known.order:
            latest[(vote.kind, vote.key)] = vote
    return [_rule([v], Scope.CLIENT) for v in latest.values()]


def global_rules(votes: Iterable[Vote], decisions: Decisions) -> list[LearnedRule]:
    """Rules a maintainer accepted for every site (`votes`: the reports behind them)."""
    rules = []
    for (kind, key), sides in _by_rule(votes).items():
        for verdict, agreeing in sides.items():
            if decisions.get((EVERY_SITE, (kind, verdict, key))) is Decision.ACCEPTED:
                rules.append(_rule(agreeing, Scope.GLOBAL))
    return rules


def combine(*scopes: Iterable[LearnedRule]) -> list[LearnedRule]:
    """Rules from the narrowest scope first; a broader rule on the same thing (the same kind
    and key, whatever its verdict) gives way to a narrower one."""
    chosen: dict[tuple[str, str], LearnedRule] = {}
    for rules in scopes:
        for rule in rules:
            chosen.setdefault(rule.identity, rule)
    return list(chosen.values())
