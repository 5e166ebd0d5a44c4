"""The feedback store: users' reports, the rules they add up to, and each site's memory of the
phrases it splices. Everything here goes through the engine of `winnow.db`; nothing else in
Winnow touches the database.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from . import db, policy
from .page import host_of
from .site_rules import LearnedRule, SiteRules, Verdict, normalize_quote, rule_key

# A phrase spliced into this many other pages of a site is remembered for the site.
SITE_MEMORY_MIN_PAGES = 2
# Digests of at most this many pages are kept per phrase: enough to count past the threshold.
SITE_MEMORY_MAX_PAGES = 20
MAX_REMEMBERED_PHRASE_CHARS = 300
# Learned rules are read at most this often per host and process (seconds); a report recorded
# by this process is seen at once.
RULES_CACHE_SECONDS = 5.0
RULES_CACHE_KEY = "winnow.rules_cache"
# Sites whose knowledge one process keeps at a time.
MAX_CACHED_SITES = 1000
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
EXPORT_BATCH = 1000


@dataclass(frozen=True)
class Report:
    url: str
    verdict: Verdict
    kind: str
    quote: str
    client: str
    """The id of the issued client that sent it."""
    comment: str | None = None
    rule: str | None = None
    label: str | None = None
    shape: str | None = None

    @property
    def host(self) -> str:
        return host_of(self.url)

    @property
    def dedupe_key(self) -> str:
        parts = (self.client, self.url, self.verdict, self.kind, normalize_quote(self.quote))
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def record(report: Report) -> tuple[str, bool]:
    """Store a report; (its id, True) when new, (the first id, False) for a repeat."""
    table = db.reports
    row = {
        "public_id": uuid.uuid4().hex,
        "created_at": datetime.now(UTC),
        "host": report.host,
        "url": report.url,
        "verdict": str(report.verdict),
        "kind": report.kind,
        "quote": report.quote,
        "quote_norm": normalize_quote(report.quote),
        "rule": report.rule,
        "label": report.label,
        "shape": report.shape,
        "client": report.client,
        "comment": report.comment,
        "dedupe_key": report.dedupe_key,
        "rule_key": rule_key(report.kind, report.quote, report.label, report.shape),
    }
    engine = db.engine()
    try:
        with engine.begin() as conn:
            conn.execute(table.insert().values(**row))
    except sa.exc.IntegrityError:
        with engine.connect() as conn:
            first = conn.execute(
                sa.select(table.c.public_id).where(table.c.dedupe_key == report.dedupe_key)
            ).scalar_one()
        return first, False
    _rules_cache().clear()
    return row["public_id"], True


def forget(public_id: str, client: str) -> bool:
    """Delete the client's own report `public_id` (False when it has none by that id), and
    any maintainer's decision on a rule that no report stands behind any more."""
    table, decisions = db.reports, db.decisions
    with db.engine().begin() as conn:
        row = conn.execute(
            sa.select(table.c.host, table.c.kind, table.c.verdict, table.c.rule_key).where(
                table.c.public_id == public_id, table.c.client == client
            )
        ).first()
        if row is None:
            return False
        conn.execute(table.delete().where(table.c.public_id == public_id))
        same_rule = (
            table.c.kind == row.kind,
            table.c.verdict == row.verdict,
            table.c.rule_key == row.rule_key,
        )
        remaining = conn.execute(sa.select(table.c.host).where(*same_rule).distinct()).scalars()
        hosts = set(remaining)
        orphaned = decisions.delete().where(
            decisions.c.kind == row.kind,
            decisions.c.verdict == row.verdict,
            decisions.c.rule_key == row.rule_key,
        )
        if not hosts:
            conn.execute(orphaned)
        elif row.host not in hosts:
            conn.execute(orphaned.where(decisions.c.host == row.host))
    _rules_cache().clear()
    return True


def _public(row: sa.Row) -> dict:
    return {
        "id": row.public_id,
        "created_at": row.created_at.replace(tzinfo=row.created_at.tzinfo or UTC).isoformat(),
        "host": row.host,
        "url": row.url,
        "verdict": row.verdict,
        "kind": row.kind,
        "quote": row.quote,
        "rule": row.rule,
        "label": row.label,
        "comment": row.comment,
    }


def list_reports(
    host: str | None = None,
    limit: int = DEFAULT_PAGE_SIZE,
    before: int | None = None,
    client: str | None = None,
) -> tuple[list[dict], int | None]:
    """Reports newest first (only `client`'s when given); the cursor for the next page, or None
    on the last."""
    table = db.reports
    query = sa.select(table).order_by(table.c.id.desc()).limit(limit + 1)
    if client is not None:
        query = query.where(table.c.client == client)
    if host:
        query = query.where(table.c.host == host_of(f"http://{host}/"))
    if before is not None:
        query = query.where(table.c.id < before)
    with db.engine().connect() as conn:
        rows = conn.execute(query).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return [_public(r) for r in rows], (rows[-1].id if more and rows else None)


def iter_reports(host: str | None = None) -> Iterator[dict]:
    """Every report, oldest first, read in batches (for exports)."""
    table = db.reports
    after = 0
    with db.engine().connect() as conn:
        while True:
            query = (
                sa.select(table).where(table.c.id > after).order_by(table.c.id).limit(EXPORT_BATCH)
            )
            if host:
                query = query.where(table.c.host == host)
            rows = conn.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield _public(row) | {"client": row.client}
            after = rows[-1].id


def count_reports() -> int:
    with db.engine().connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(db.reports)).scalar_one()


# -- clients --------------------------------------------------------------------------------


def issue_client(client_id: str, token_hash: str, network: str) -> None:
    with db.engine().begin() as conn:
        conn.execute(
            db.clients.insert().values(
                id=client_id, token_hash=token_hash, network=network, issued_at=datetime.now(UTC)
            )
        )


def client_by_token_hash(token_hash: str) -> tuple[str, str] | None:
    """(client id, network) of the client issued this token, or None."""
    table = db.clients
    with db.engine().connect() as conn:
        row = conn.execute(
            sa.select(table.c.id, table.c.network).where(table.c.token_hash == token_hash)
        ).first()
    return (row.id, row.network) if row else None


# -- rules ----------------------------------------------------------------------------------


def _votes(conn: sa.Connection, condition: sa.ColumnElement[bool]) -> list[policy.Vote]:
    """Reports matching `condition` as the policy sees them, with their clients' networks."""
    table, clients = db.reports, db.clients
    rows = conn.execute(
        sa.select(
            table.c.id,
            table.c.client,
            clients.c.network,
            table.c.kind,
            table.c.verdict,
            table.c.rule_key,
            table.c.quote_norm,
            table.c.label,
            table.c.shape,
        )
        .select_from(table.outerjoin(clients, clients.c.id == table.c.client))
        .where(condition)
    )
    return [
        policy.Vote(
            r.client,
            r.network,
            r.kind,
            Verdict(r.verdict),
            r.rule_key or r.quote_norm,
            r.quote_norm,
            r.label,
            r.shape,
            r.id,
        )
        for r in rows
    ]


def _decisions(conn: sa.Connection, hosts: Iterable[str]) -> dict:
    table = db.decisions
    rows = conn.execute(sa.select(table).where(table.c.host.in_(list(hosts))))
    return {
        (r.host, (r.kind, Verdict(r.verdict), r.rule_key)): policy.Decision(r.decision)
        for r in rows
    }


def _global_rules(conn: sa.Connection) -> list[LearnedRule]:
    """Rules a maintainer accepted for every site, from the reports behind them."""
    decisions = _decisions(conn, [policy.EVERY_SITE])
    accepted = [rule for (_, rule), d in decisions.items() if d is policy.Decision.ACCEPTED]
    if not accepted:
        return []
    table = db.reports
    condition = sa.tuple_(table.c.kind, table.c.verdict, table.c.rule_key).in_(
        [(kind, str(verdict), key) for kind, verdict, key in accepted]
    )
    return policy.global_rules(_votes(conn, condition), decisions)


def _memory(conn: sa.Connection, host: str) -> dict[str, frozenset[str]]:
    """Each phrase this site spliced, with the digests of the pages it was found on."""
    table = db.site_phrases
    pages: dict[str, set[str]] = defaultdict(set)
    rows = conn.execute(sa.select(table.c.phrase, table.c.page_digest).where(table.c.host == host))
    for phrase, digest in rows:
        pages[phrase].add(digest)
    return {phrase: frozenset(digests) for phrase, digests in pages.items()}


@dataclass(frozen=True)
class _SiteKnowledge:
    """What the store knows of one site, read once and shared by all its pages for a while."""

    votes: tuple[policy.Vote, ...]
    """The site's reports, for each client's own rules."""
    shared: tuple[LearnedRule, ...]
    """Rules for everyone on the site: the site's own, then the global ones."""
    memory: dict[str, frozenset[str]]


def _knowledge(host: str) -> _SiteKnowledge:
    cache = _rules_cache()
    cached = cache.get(host)
    if cached is not None:
        return cached
    with db.engine().connect() as conn:
        votes = _votes(conn, db.reports.c.host == host)
        site = policy.site_rules(host, votes, _decisions(conn, [host, policy.EVERY_SITE]))
        shared = policy.combine(site, _global_rules(conn))
        knowledge = _SiteKnowledge(tuple(votes), tuple(shared), _memory(conn, host))
    cache.put(host, knowledge)
    return knowledge


class _RulesCache:
    """Each site's knowledge for RULES_CACHE_SECONDS, for at most MAX_CACHED_SITES sites (the
    least recently used leave first): the server's memory stays bounded however many sites
    it sees."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[float, _SiteKnowledge]] = OrderedDict()

    def get(self, key: str) -> _SiteKnowledge | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: str, rules: _SiteKnowledge) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + RULES_CACHE_SECONDS, rules)
            self._entries.move_to_end(key)
            while len(self._entries) > MAX_CACHED_SITES:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _rules_cache() -> _RulesCache:
    """This app's cache (each app has its own database, so its own rules)."""
    extensions = current_app.extensions
    if RULES_CACHE_KEY not in extensions:
        extensions[RULES_CACHE_KEY] = _RulesCache()
    return extensions[RULES_CACHE_KEY]


def page_digest(url: str) -> str:
    """An opaque digest of a page's address (host and path), to count pages without keeping
    their URLs."""
    parts = urlsplit(url)
    return hashlib.sha256(f"{host_of(url)}{parts.path}".encode()).hexdigest()[:16]


def rules_for(url: str, client: str | None = None) -> SiteRules:
    """What reports and site memory say about the page's site (memory of other pages only),
    for everyone, and for `client` its own reports too."""
    host, digest = host_of(url), page_digest(url)
    knowledge = _knowledge(host)
    own = policy.client_rules(client, knowledge.votes) if client else []
    learned = policy.combine(own, knowledge.shared)
    suppressed = {r.quote for r in learned if r.verdict is Verdict.FALSE_POSITIVE}
    remembered = {phrase: len(pages - {digest}) for phrase, pages in knowledge.memory.items()}
    return SiteRules(
        host=host,
        suppress=tuple(r for r in learned if r.verdict is Verdict.FALSE_POSITIVE),
        add=tuple(r for r in learned if r.verdict is Verdict.MISSED),
        remembered_phrases={
            p: n
            for p, n in remembered.items()
            if n >= SITE_MEMORY_MIN_PAGES and p not in suppressed
        },
    )


def remember_phrases(url: str, phrases: Iterable[str]) -> None:
    """Note that these phrases were found spliced into this page of its site."""
    host, digest = host_of(url), page_digest(url)
    normalized = {normalize_quote(p) for p in phrases}
    rows = [
        {"host": host, "phrase": p, "page_digest": digest, "seen_at": datetime.now(UTC)}
        for p in normalized
        if p and len(p) <= MAX_REMEMBERED_PHRASE_CHARS
    ]
    if not rows:
        return
    table = db.site_phrases
    with db.engine().begin() as conn:
        known = set(
            conn.execute(
                sa.select(table.c.phrase, table.c.page_digest).where(
                    table.c.host == host, table.c.phrase.in_([r["phrase"] for r in rows])
                )
            ).all()
        )
        counts: dict[str, int] = defaultdict(int)
        for phrase, _digest in known:
            counts[phrase] += 1
        fresh = [
            r
            for r in rows
            if (r["phrase"], digest) not in known and counts[r["phrase"]] < SITE_MEMORY_MAX_PAGES
        ]
        if fresh:
            conn.execute(table.insert(), fresh)
    if fresh:
        _rules_cache().clear()


# -- review ---------------------------------------------------------------------------------


def decide(host: str, kind: str, verdict: Verdict, key: str, decision: policy.Decision) -> None:
    """A maintainer's decision on a rule, for one site (`host`) or every site (EVERY_SITE):
    accepted (it applies to everyone there) or rejected (it applies to no one but the clients
    who reported it)."""
    table = db.decisions
    with db.engine().begin() as conn:
        conn.execute(
            table.delete().where(
                table.c.host == host,
                table.c.kind == kind,
                table.c.verdict == str(verdict),
                table.c.rule_key == key,
            )
        )
        conn.execute(
            table.insert().values(
                host=host,
                kind=kind,
                verdict=str(verdict),
                rule_key=key,
                decision=str(decision),
                decided_at=datetime.now(UTC),
            )
        )
    _rules_cache().clear()


def rule_summaries(host: str | None = None) -> list[dict]:
    """Reports grouped by (site, kind, verdict, rule) with their counts, the networks behind
    them, the maintainers' decisions and the scope the rule has now."""
    table, clients = db.reports, db.clients
    query = (
        sa.select(
            table.c.host,
            table.c.kind,
            table.c.verdict,
            table.c.rule_key,
            sa.func.min(table.c.quote_norm).label("quote"),
            sa.func.max(table.c.label).label("label"),
            sa.func.max(table.c.shape).label("shape"),
            sa.func.count().label("reports"),
            sa.func.count(sa.distinct(table.c.client)).label("clients"),
            sa.func.count(sa.distinct(clients.c.network)).label("networks"),
            sa.func.max(table.c.created_at).label("latest"),
        )
        .select_from(table.outerjoin(clients, clients.c.id == table.c.client))
        .group_by(table.c.host, table.c.kind, table.c.verdict, table.c.rule_key)
    )
    if host:
        query = query.where(table.c.host == host)
    with db.engine().connect() as conn:
        rows = conn.execute(query.order_by(table.c.host, sa.desc("reports"))).all()
        hosts = {r.host for r in rows} | {policy.EVERY_SITE}
        decisions = _decisions(conn, hosts)
    summaries = []
    for r in rows:
        rule = (r.kind, Verdict(r.verdict), r.rule_key)
        site = decisions.get((r.host, rule))
        everywhere = decisions.get((policy.EVERY_SITE, rule))
        summaries.append(
            {
                "host": r.host,
                "kind": r.kind,
                "verdict": r.verdict,
                "key": r.rule_key,
                "quote": r.quote,
                "label": r.label,
                "shape": r.shape,
                "reports": r.reports,
                "clients": r.clients,
                "networks": r.networks,
                "latest": r.latest,
                "site_decision": site and str(site),
                "global_decision": everywhere and str(everywhere),
            }
        )
    return summaries
