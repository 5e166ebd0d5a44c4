"""The server process pins glibc's mmap threshold, so large freed buffers leave the process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SERVER = Path(__file__).resolve().parent.parent / "server"

# In a fresh interpreter: free one large block (glibc then raises its threshold to that size),
# then allocate and free many smaller large buffers with small heap objects made in between,
# as a server thread does while it passes responses along; print the MiB still resident.
KEPT_AFTER_LARGE_BUFFERS = """
import os, sys
sys.path.insert(0, sys.argv[2])
from winnow.memory import pin_mmap_threshold
if sys.argv[1] == "pinned":
    assert pin_mmap_threshold()

def resident_kib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

big = bytes(8 * 1024 * 1024)
del big
before = resident_kib()
kept = []
for _ in range(5):
    buffers = []
    for n in range(20):
        buffers.append(b"x" * (2 * 1024 * 1024))
        kept.append(b"y" * 1000 + bytes([n]))
    del buffers
print((resident_kib() - before) // 1024)
"""


def kept_mib(mode: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", KEPT_AFTER_LARGE_BUFFERS, mode, str(SERVER)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout)


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux's /proc")
def test_pinned_threshold_returns_large_buffers_that_glibc_would_keep():
    assert kept_mib("default") >= 16
    assert kept_mib("pinned") < 4
