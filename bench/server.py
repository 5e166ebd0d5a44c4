"""The real `winnow serve` in a subprocess, for benchmarks and tests that need it over HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

SERVER_START_SECONDS = 20.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


class WinnowServer:
    """`winnow serve` on a free port with its own database; its stderr is kept for failures."""

    def __init__(
        self,
        workdir: Path,
        database_url: str | None = None,
        wait: bool = True,
        **settings: str,
    ) -> None:
        """`database_url` None: a SQLite file in `workdir`; "" : the server's own default.
        Without `wait`, call `wait_until_up` before using it."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.log_path = workdir / f"winnow-serve-{self.port}.log"
        env = {k: v for k, v in os.environ.items() if k != "WINNOW_DATABASE_URL"}
        if database_url != "":
            env["WINNOW_DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'winnow.db'}"
        self.env = {**env, **settings}
        self.process = self._start(wait)

    def _start(self, wait: bool = True) -> subprocess.Popen:
        """Start the server (again, after stop or kill: same port, same database)."""
        command = [str(Path(sys.executable).with_name("winnow")), "serve", "--port", str(self.port)]
        with self.log_path.open("ab") as log:
            process = subprocess.Popen(
                command, cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self.process = process
        if wait:
            self.wait_until_up()
        return process

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to finish anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def restart(self) -> None:
        self._start()

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"winnow serve exited early:\n{self.log()}")
            try:
                get_json(f"{self.url}/api/health")
                return
            except urllib.error.HTTPError:
                return  # it answers: a token it was started with refused the anonymous check
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(
            f"winnow serve did not answer within {SERVER_START_SECONDS} s:\n{self.log()}"
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in children.read_text().split())
    return found


def resident_kib(pid: int) -> int:
    """Resident memory of one process in KiB (Linux /proc)."""
    return _proc_field_kib(f"/proc/{pid}/status", "VmRSS:")


def tree_kib(pid: int) -> int:
    """Memory of `pid` and its descendants in KiB: each one's proportional share of its
    resident pages, so that pages a forked worker still shares with its fork server count once,
    not once per process (resident size where the kernel gives no share)."""
    return sum(
        _proc_field_kib(f"/proc/{member}/smaps_rollup", "Pss:") or resident_kib(member)
        for member in process_tree(pid)
    )


def _proc_field_kib(path: str, field: str) -> int:
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    return 0
