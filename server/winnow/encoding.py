"""Turning the bytes of a page into text when the declared charset may be missing or wrong."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Browsers look for <meta charset> within the first 1024 bytes; be a little more generous.
META_SNIFF_BYTES = 4096
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.I)
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32 text mean this is not a page."""
    head = data[:META_SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in BOMS):
        return False
    return b"\x00" in head


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Text of `data`: the BOM, then a declared charset that decodes cleanly, then detection."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff")
    declared = []
    if content_type and (m := HEADER_CHARSET_RE.search(content_type)):
        declared.append(m.group(1))
    if m := META_CHARSET_RE.search(data[:META_SNIFF_BYTES]):
        declared.append(m.group(1).decode("ascii", "ignore"))
    for name in [*declared, "utf-8"]:
        codec = _known(name)
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("windows-1252", errors="replace")
