"""Turning the bytes of a page into text when the declared charset may be missing or wrong."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Browsers look for <meta charset> within the first 1024 bytes; be a little more generous.
META_SNIFF_BYTES = 4096
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.I)
WESTERN_FALLBACK = "cp1252"
WESTERN_NAMES = frozenset({"cp1252", "latin_1", "iso8859_15"})
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
    return data.decode(_detected(data), errors="replace")


def _detected(data: bytes) -> str:
    """The likeliest encoding; of equally likely ones, windows-1252, the web's most common
    legacy encoding (short Western text fits several code pages equally well)."""
    matches = list(from_bytes(data))
    if not matches:
        return WESTERN_FALLBACK
    best = matches[0]
    ties = {m.encoding for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence}
    return WESTERN_FALLBACK if ties & WESTERN_NAMES else best.encoding
