"""The feedback store: users' reports, the rules they add up to, and each site's memory of the
phrases it splices. Everything here goes through the engine of `winnow.db`; nothing else in
Winnow touches the database.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app

from . import db
from .page import host_of
from .site_rules import LearnedRule, SiteRules, normalize_quote

# A rule reaches every site when this many distinct clients on this many distinct hosts agree
# (net of clients who said the opposite).
GLOBAL_MIN_CLIENTS = 3
GLOBAL_MIN_HOSTS = 2
# A phrase spliced into this many other pages of a site is remembered for the site.
SITE_MEMORY_MIN_PAGES = 2
# Digests of at most this many pages are kept per phrase: enough to count past the threshold.
SITE_MEMORY_MAX_PAGES = 20
MAX_REMEMBERED_PHRASE_CHARS = 300
# Learned rules are read at most this often per host and process (seconds); a report recorded
# by this process is seen at once.
RULES_CACHE_SECONDS = 5.0
RULES_CACHE_KEY = "winnow.rules_cache"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
EXPORT_BATCH = 1000
ACCEPTED, REJECTED = "accepted", "rejected"


@dataclass(frozen=True)
class Report:
    url: str
    verdict: str
    kind: str
    quote: str
    client: str
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
        "verdict": report.verdict,
        "kind": report.kind,
        "quote": report.quote,
        "quote_norm": normalize_quote(report.quote),
        "rule": report.rule,
        "label": report.label,
        "shape": report.shape,
        "client": report.client,
        "comment": report.comment,
        "dedupe_key": report.dedupe_key,
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
    host: str | None = None, limit: int = DEFAULT_PAGE_SIZE, before: int | None = None
) -> tuple[list[dict], int | None]:
    """Reports newest first; the cursor for the next page, or None on the last."""
    table = db.reports
    query = sa.select(table).order_by(table.c.id.desc()).limit(limit + 1)
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


# -- rules ----------------------------------------------------------------------------------


@dataclass
class _Tally:
    clients: set[str]
    hosts: set[str]
    label: str | None = None
    shape: str | None = None


def _tally(
    conn: sa.Connection, condition: sa.ColumnElement[bool]
) -> dict[tuple[str, str, str], _Tally]:
    """Reports matching `condition`, tallied per (kind, verdict, quote): who, where, which block."""
    table = db.reports
    rows = conn.execute(
        sa.select(
            table.c.kind,
            table.c.verdict,
            table.c.quote_norm,
            table.c.client,
            table.c.host,
            table.c.label,
            table.c.shape,
        ).where(condition)
    )
    tallies: dict[tuple[str, str, str], _Tally] = {}
    for row in rows:
        key = (row.kind, row.verdict, row.quote_norm)
        tally = tallies.setdefault(key, _Tally(set(), set()))
        tally.clients.add(row.client)
        tally.hosts.add(row.host)
        tally.label = tally.label or row.label
        tally.shape = tally.shape or row.shape
    return tallies


def _opposite(verdict: str) -> str:
    return "missed" if verdict == "false_positive" else "false_positive"


def _decisions(conn: sa.Connection) -> dict[tuple[str, str, str], str]:
    table = db.rule_decisions
    return {(r.kind, r.verdict, r.quote_norm): r.decision for r in conn.execute(sa.select(table))}


def _global_rules(conn: sa.Connection) -> list[LearnedRule]:
    """Rules independent clients agree on across sites, or that a maintainer accepted."""
    table = db.reports
    columns = (table.c.kind, table.c.quote_norm)
    agreed = (
        sa.select(*columns)
        .group_by(table.c.kind, table.c.verdict, table.c.quote_norm)
        .having(sa.func.count(sa.distinct(table.c.client)) >= GLOBAL_MIN_CLIENTS)
    )
    decisions = _decisions(conn)
    accepted = {(k, q) for (k, _v, q), d in decisions.items() if d == ACCEPTED}
    keys = {(r.kind, r.quote_norm) for r in conn.execute(agreed)} | accepted
    if not keys:
        return []
    tallies = _tally(conn, sa.tuple_(*columns).in_(list(keys)))
    rules = []
    for (kind, verdict, quote), tally in tallies.items():
        decision = decisions.get((kind, verdict, quote))
        if decision == REJECTED:
            continue
        against = tallies.get((kind, _opposite(verdict), quote))
        net = len(tally.clients) - (len(against.clients) if against else 0)
        agreed_widely = net >= GLOBAL_MIN_CLIENTS and len(tally.hosts) >= GLOBAL_MIN_HOSTS
        if agreed_widely or decision == ACCEPTED:
            rules.append(
                LearnedRule(
                    kind,
                    quote,
                    "global",
                    verdict,
                    len(tally.clients),
                    len(tally.hosts),
                    tally.label,
                    tally.shape,
                )
            )
    return rules


def _site_rules(conn: sa.Connection, host: str) -> list[LearnedRule]:
    """Rules from this site's own reports: each (kind, quote) goes the way most clients said."""
    tallies = _tally(conn, db.reports.c.host == host)
    decisions = _decisions(conn)
    rules = []
    for (kind, verdict, quote), tally in tallies.items():
        if decisions.get((kind, verdict, quote)) == REJECTED:
            continue
        against = tallies.get((kind, _opposite(verdict), quote))
        if against is not None and len(against.clients) >= len(tally.clients):
            continue
        rules.append(
            LearnedRule(
                kind, quote, "site", verdict, len(tally.clients), 1, tally.label, tally.shape
            )
        )
    return rules


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

    learned: tuple[LearnedRule, ...]
    memory: dict[str, frozenset[str]]


def _knowledge(host: str) -> _SiteKnowledge:
    cached = _rules_cache().get(host)
    if cached is not None:
        return cached
    with db.engine().connect() as conn:
        site = _site_rules(conn, host)
        overridden = {(r.kind, r.quote) for r in site}
        learned = site + [r for r in _global_rules(conn) if (r.kind, r.quote) not in overridden]
        knowledge = _SiteKnowledge(tuple(learned), _memory(conn, host))
    _rules_cache().put(host, knowledge)
    return knowledge


class _RulesCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, _SiteKnowledge]] = {}

    def get(self, key: str) -> _SiteKnowledge | None:
        with self._lock:
            found = self._entries.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        return found[1]

    def put(self, key: str, rules: _SiteKnowledge) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic() + RULES_CACHE_SECONDS, rules)

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


def rules_for(url: str) -> SiteRules:
    """What reports and site memory say about the page's site (memory of other pages only)."""
    host, digest = host_of(url), page_digest(url)
    knowledge = _knowledge(host)
    learned = knowledge.learned
    suppressed = {r.quote for r in learned if r.verdict == "false_positive"}
    remembered = {phrase: len(pages - {digest}) for phrase, pages in knowledge.memory.items()}
    return SiteRules(
        host=host,
        suppress=tuple(r for r in learned if r.verdict == "false_positive"),
        add=tuple(r for r in learned if r.verdict == "missed"),
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


def decide(kind: str, verdict: str, quote_norm: str, decision: str) -> None:
    """A maintainer's decision on a rule: accepted (applies on every site) or rejected (never)."""
    table = db.rule_decisions
    with db.engine().begin() as conn:
        conn.execute(
            table.delete().where(
                table.c.kind == kind, table.c.verdict == verdict, table.c.quote_norm == quote_norm
            )
        )
        conn.execute(
            table.insert().values(
                kind=kind,
                verdict=verdict,
                quote_norm=quote_norm,
                decision=decision,
                decided_at=datetime.now(UTC),
            )
        )
    _rules_cache().clear()


def rule_summaries(host: str | None = None) -> list[dict]:
    """Reports grouped by (site, kind, verdict, quote) with their counts and decision."""
    table = db.reports
    query = sa.select(
        table.c.host,
        table.c.kind,
        table.c.verdict,
        table.c.quote_norm,
        sa.func.count().label("reports"),
        sa.func.count(sa.distinct(table.c.client)).label("clients"),
        sa.func.max(table.c.created_at).label("latest"),
    ).group_by(table.c.host, table.c.kind, table.c.verdict, table.c.quote_norm)
    if host:
        query = query.where(table.c.host == host)
    with db.engine().connect() as conn:
        rows = conn.execute(query.order_by(table.c.host, sa.desc("reports"))).all()
        decisions = _decisions(conn)
    return [
        {
            "host": r.host,
            "kind": r.kind,
            "verdict": r.verdict,
            "quote": r.quote_norm,
            "reports": r.reports,
            "clients": r.clients,
            "latest": r.latest,
            "decision": decisions.get((r.kind, r.verdict, r.quote_norm)),
        }
        for r in rows
    ]
