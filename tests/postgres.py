"""A throwaway PostgreSQL server for the tests, started from the Debian binaries when present."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from bench.server import free_port

STARTUP_SECONDS = 30
USER = "winnow"


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def _as_postgres_user() -> list[str]:
    """PostgreSQL refuses to run as root: then run it as the `postgres` system user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@contextmanager
def running_server() -> Iterator[str]:
    """Start a PostgreSQL server on a free port; yields its admin URL (database `postgres`)."""
    bin_dir = binaries()
    assert bin_dir is not None, "PostgreSQL binaries not found"
    home = Path(tempfile.mkdtemp(prefix="winnow-pg-"))
    data = home / "data"
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    port = free_port()
    prefix = _as_postgres_user()
    subprocess.run(
        [
            *prefix,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed below, after the server
    server = subprocess.Popen(
        [
            *prefix,
            str(bin_dir / "postgres"),
            "-D",
            str(data),
            "-p",
            str(port),
            "-k",
            str(home),
            "-h",
            "127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "max_connections=200",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"postgresql://{USER}@127.0.0.1:{port}/postgres"
    try:
        _wait_until_up(url, server, home)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(home, ignore_errors=True)


def _wait_until_up(url: str, server: subprocess.Popen, home: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("PostgreSQL exited:\n" + (home / "server.log").read_text())
        try:
            psycopg.connect(url, connect_timeout=1).close()
            return
        except psycopg.OperationalError:
            time.sleep(0.2)
    raise RuntimeError("PostgreSQL did not start:\n" + (home / "server.log").read_text())


def create_database(admin_url: str, name: str) -> str:
    """A new empty database; returns its SQLAlchemy URL."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return (
        admin_url.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)[0] + f"/{name}"
    )
