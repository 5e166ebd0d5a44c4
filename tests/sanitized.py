"""What "sanitized" means for reader.html, checked on the parsed markup (not by substring)."""

from __future__ import annotations

import lxml.html

FORBIDDEN_TAGS = frozenset(
    """script style iframe frame frameset object embed applet form input button select textarea
    svg math base meta link template noscript canvas audio video source portal dialog""".split()
)
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "cite", "poster", "background")
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def problems(html: str) -> list[str]:
    """Every way `html` could run code or load something unexpected; empty when it is safe."""
    if not html.strip():
        return []
    found = []
    for el in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in FORBIDDEN_TAGS:
            found.append(f"<{el.tag}>")
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{el.tag}[{name}]")
            if name.lower() in ("style", "srcdoc"):
                found.append(f"{el.tag}[{name}]")
            if name.lower() in URL_ATTRS and not value.strip().lower().startswith(SAFE_SCHEMES):
                found.append(f"{el.tag}[{name}={value[:40]!r}]")
            if name.lower() == "srcset" and any(
                not part.strip().lower().startswith(SAFE_SCHEMES) for part in value.split(",")
            ):
                found.append(f"{el.tag}[srcset={value[:40]!r}]")
    return found
