"""The feedback store's database: one SQLAlchemy engine per app, its schema and migrations.

The engine is chosen by one setting, DATABASE_URL (any SQLAlchemy URL); the default is a SQLite
file in the user's data directory, in WAL mode so that readers never wait for the writer. Migrations
are numbered steps applied in order and recorded in `winnow_schema`; `winnow db upgrade` runs
them, and so does `winnow serve` when it starts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs
import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)

EXTENSION_KEY = "winnow.db"
MIGRATED_KEY = "winnow.db.migrated"
DEFAULT_DATABASE_FILE = "winnow.db"
DATA_DIR_NAME = "winnow"
# How long a SQLite writer waits for another before it gives up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 10_000
# PostgreSQL advisory lock key that serializes migrations between server processes.
MIGRATION_LOCK_KEY = 7_202_611

metadata = sa.MetaData()
# Request threads that arrive together must not each make an engine or migrate.
_setup_lock = threading.Lock()

schema_version = sa.Table(
    "winnow_schema",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column(
        "applied_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)


def _report_columns() -> list[sa.Column]:
    """The reports table's columns as released in version 1."""
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("public_id", sa.String(32), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("quote_norm", sa.Text, nullable=False),
        sa.Column("rule", sa.String(100)),
        sa.Column("label", sa.String(200)),
        sa.Column("shape", sa.String(200)),
        sa.Column("client", sa.String(100), nullable=False),
        sa.Column("comment", sa.String(500)),
        # sha256 of (client, url, verdict, kind, quote_norm): one report per client and page.
        sa.Column("dedupe_key", sa.String(64), nullable=False, unique=True),
    ]


reports = sa.Table(
    "reports",
    metadata,
    *_report_columns(),
    # What makes reports the same rule (site_rules.rule_key); added by migration 3.
    sa.Column("rule_key", sa.Text),
)
sa.Index("reports_host_created", reports.c.host, reports.c.created_at)
sa.Index("reports_rule_key", reports.c.kind, reports.c.quote_norm)
# Added by migration 3.
REPORT_INDEXES_V3 = (
    sa.Index("reports_rule", reports.c.kind, reports.c.rule_key),
    sa.Index("reports_client", reports.c.client, reports.c.id),
)

# Replaced by `decisions` in migration 3 (kept here so that migrations 1 and 2 stay as released).
rule_decisions = sa.Table(
    "rule_decisions",
    sa.MetaData(),
    sa.Column("kind", sa.String(30), primary_key=True),
    sa.Column("verdict", sa.String(20), primary_key=True),
    sa.Column("quote_norm", sa.Text, primary_key=True),
    sa.Column("decision", sa.String(10), nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
)

decisions = sa.Table(
    "decisions",
    metadata,
    # The host the decision is for, or "" for every site.
    sa.Column("host", sa.String(255), primary_key=True),
    sa.Column("kind", sa.String(30), primary_key=True),
    sa.Column("verdict", sa.String(20), primary_key=True),
    sa.Column("rule_key", sa.Text, primary_key=True),
    sa.Column("decision", sa.String(10), nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
)

clients = sa.Table(
    "clients",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    # sha256 of the token: the token itself is only ever known to its client.
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    # The network (a /24 or /48) of the address the client was issued to.
    sa.Column("network", sa.String(64), nullable=False),
    sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
)

site_phrases = sa.Table(
    "site_phrases",
    metadata,
    sa.Column("host", sa.String(255), primary_key=True),
    sa.Column("phrase", sa.String(300), primary_key=True),
    # An opaque digest of the page the phrase was found on: pages are counted, never kept.
    sa.Column("page_digest", sa.String(16), primary_key=True),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

Migration = Callable[[Connection], None]


def _create(*tables: sa.Table) -> Migration:
    def step(conn: Connection) -> None:
        for table in tables:
            table.create(conn)

    return step


def _v1_reports(conn: Connection) -> None:
    """The reports table as released in version 1 (without the columns added since)."""
    released = sa.Table(reports.name, sa.MetaData(), *_report_columns())
    released.create(conn)
    sa.Index("reports_host_created", released.c.host, released.c.created_at).create(conn)
    sa.Index("reports_rule_key", released.c.kind, released.c.quote_norm).create(conn)
    rule_decisions.create(conn)


def _issued_clients(conn: Connection) -> None:
    """Clients issued by the server; rule keys for reports; decisions for a site or every site
    (the old decisions all applied to every site)."""
    from .site_rules import rule_key

    clients.create(conn)
    decisions.create(conn)
    conn.execute(sa.text("ALTER TABLE reports ADD COLUMN rule_key TEXT"))
    for index in REPORT_INDEXES_V3:
        index.create(conn)
    rows = conn.execute(
        sa.select(reports.c.id, reports.c.kind, reports.c.quote, reports.c.label, reports.c.shape)
    ).all()
    for row in rows:
        conn.execute(
            reports.update()
            .where(reports.c.id == row.id)
            .values(rule_key=rule_key(row.kind, row.quote, row.label, row.shape))
        )
    old = conn.execute(sa.select(rule_decisions)).all()
    if old:
        conn.execute(
            decisions.insert(),
            [
                {
                    "host": "",
                    "kind": r.kind,
                    "verdict": r.verdict,
                    "rule_key": r.quote_norm,
                    "decision": r.decision,
                    "decided_at": r.decided_at,
                }
                for r in old
            ],
        )
    rule_decisions.drop(conn)


# Append only: a released step never changes what it makes.
MIGRATIONS: tuple[Migration, ...] = (
    _v1_reports,
    _create(site_phrases),
    _issued_clients,
)


def default_database_path() -> Path:
    """The SQLite file used when DATABASE_URL is not set: in the user's data directory
    (~/.local/share/winnow on Linux), never inside a checkout or an installed package."""
    return Path(platformdirs.user_data_dir(DATA_DIR_NAME)) / DEFAULT_DATABASE_FILE


def database_url(app: Flask) -> str:
    configured = app.config.get("DATABASE_URL")
    if configured:
        return configured
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def describe(url: str) -> str:
    """The database URL for people to read: without its password."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode: a committed report survives the server being killed (the WAL is in
    # the OS's hands); only a power cut may lose the last moments, and commits stay cheap.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def engine() -> Engine:
    """The current app's engine, made on first use and migrated before it is handed out (the
    migration is tried again on later calls while the database cannot be reached)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get(EXTENSION_KEY)
    if found is not None and app.extensions.get(MIGRATED_KEY):
        return found
    with _setup_lock:
        found = app.extensions.get(EXTENSION_KEY)
        if found is None:
            found = app.extensions[EXTENSION_KEY] = make_engine(database_url(app))
        if not app.extensions.get(MIGRATED_KEY):
            upgrade(found)
            app.extensions[MIGRATED_KEY] = True
    return found


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table(schema_version.name):
        return 0
    return conn.execute(
        sa.select(sa.func.coalesce(sa.func.max(schema_version.c.version), 0))
    ).scalar_one()


def upgrade(target: Engine) -> list[int]:
    """Apply the migrations not yet applied; returns their numbers. Safe to run from several
    processes at once: PostgreSQL serializes them with an advisory lock, and on SQLite the
    loser of a race finds the work done when it tries again."""
    try:
        return _upgrade(target)
    except (sa.exc.IntegrityError, sa.exc.OperationalError):
        return _upgrade(target)


def _upgrade(target: Engine) -> list[int]:
    applied = []
    with target.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        schema_version.create(conn, checkfirst=True)
        version = current_version(conn)
        for number, step in enumerate(MIGRATIONS, start=1):
            if number <= version:
                continue
            step(conn)
            conn.execute(schema_version.insert().values(version=number))
            applied.append(number)
    if applied:
        log.info("database migrated to version %d", applied[-1])
    return applied


def dispose(app: Flask) -> None:
    """Close the app's pooled connections (tests make many apps)."""
    found = app.extensions.pop(EXTENSION_KEY, None)
    app.extensions.pop(MIGRATED_KEY, None)
    if found is not None:
        found.dispose()
