"""The server process's memory: large buffers handed back to the system when freed.

glibc serves a large allocation with its own mmap and unmaps it on free, but it raises that
size threshold to the largest block freed so far (up to 32 MiB on 64-bit). After one large
response passes through the server process, later ones of that size come from the heap, whose
freed pages stay with the process: its resident size steps up after a big page and never comes
down. Pinning the threshold keeps every large buffer (request chunks, a worker's response) in
its own mapping.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

# mallopt's parameter number for the mmap threshold (malloc.h: M_MMAP_THRESHOLD).
M_MMAP_THRESHOLD = -3
# Blocks at least this large get their own mapping; well above the small objects Python makes
# by the million, well below one response.
MMAP_THRESHOLD_BYTES = 1024 * 1024


def pin_mmap_threshold(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Fix glibc's mmap threshold at `threshold` bytes; False where the C library is not glibc
    (musl and macOS return large blocks to the system anyway)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name)
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    pinned = mallopt(M_MMAP_THRESHOLD, threshold) == 1
    if not pinned:
        log.warning("could not set the C library's mmap threshold")
    return pinned
