"""A second spam-farm simulator, written blind: the held-out check that no tuning reached.

    python -m bench.blind_farm --seed 101 --out /tmp/blind-101
    python -m bench.evaluate --corpus /tmp/blind-101

A helper wrote this generator on 2026-11-30 from ../shared/corpus/FORMS.md, the corpus README
and the benchmark's pages alone, without reading Winnow or its own simulator (bench/sim), so
its habits (separators, brand styles, where and how a phrase goes into a sentence) are not the
ones Winnow was built and trained on. It is kept as the helper wrote it (only the benchmark's
path and lint changed), and nothing is trained on it: Winnow's own simulator learned from what
its misses showed (see CHANGELOG), so keep using seeds other than 101 and 202 for an honest
figure.

For every page of the article-extraction benchmark that parses, it writes three cases:
  <src12>-clean    the page untouched
  <src12>-spliced  1-3 invented brands / money keywords spliced in (title, headline,
                   dateline, brand line, body sentences)
  <src12>-trap     a clean page made to look suspicious (kicker, section title,
                   sponsor line) with no spam
Output layout: DIR/cases/<id>/page.html.gz, DIR/cases/<id>/truth.json, DIR/index.json, in the
format of the dev corpus (truth entries also carry the form of each splice). Deterministic for a
given seed.
"""

import argparse
import gzip
import json
import os
import random
import re
import sys

import lxml.html
from lxml import etree

# The benchmark's pages, as the project keeps them (bench/data).
BENCH = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "data", "article-extraction-benchmark"
)
MARK = "data-indsim-k"

# --------------------------------------------------------------------------------------
# vocabulary for invented brands and keywords
# --------------------------------------------------------------------------------------
ONSETS = [
    "b",
    "br",
    "c",
    "cl",
    "cr",
    "d",
    "dr",
    "f",
    "fl",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "qu",
    "r",
    "s",
    "sk",
    "st",
    "t",
    "tr",
    "v",
    "vr",
    "w",
    "z",
    "th",
    "x",
    "sh",
    "bl",
    "pl",
]
NUCLEI = ["a", "e", "i", "o", "u", "a", "e", "o", "y", "ae", "io", "ea", "ou", "ai", "ei"]
CODAS = ["", "", "", "n", "r", "l", "x", "s", "m", "nd", "rt", "st", "v", "k", "th", "nt", "rn"]
ENDINGS = [
    "ora",
    "ex",
    "ium",
    "ara",
    "ix",
    "on",
    "ent",
    "ica",
    "yn",
    "ova",
    "ant",
    "is",
    "elle",
    "ux",
    "ido",
    "ya",
    "ek",
    "ane",
    "ity",
    "eon",
    "ova",
    "ar",
    "ith",
    "ence",
    "ado",
]
PLAIN_WORDS = [
    "Ridge",
    "Harbor",
    "Summit",
    "Crest",
    "North",
    "Silver",
    "Iron",
    "Blue",
    "Cedar",
    "Oak",
    "Falcon",
    "Beacon",
    "Granite",
    "Maple",
    "Aurora",
    "Vantage",
    "Pinnacle",
    "Meridian",
    "Apex",
    "Nova",
    "Stone",
    "Golden",
    "Red",
    "Bright",
    "Clear",
    "True",
    "Swift",
    "Lion",
    "Eagle",
    "Harvest",
    "Anchor",
    "Arrow",
    "Orbit",
    "Atlas",
]
INDUSTRY = [
    "Capital",
    "Markets",
    "Ledger",
    "Trust",
    "Partners",
    "Group",
    "Holdings",
    "Analytics",
    "Yield Works",
    "Lending",
    "Finance",
    "Credit Hub",
    "Exchange",
    "Bet Club",
    "Casino",
    "Wellness",
    "Labs",
    "Pharma",
    "Health Direct",
    "Digital",
    "Crypto Desk",
    "Wealth Advisors",
    "Research Institute",
    "Think Tank",
    "Review",
    "Insider",
    "Media",
    "Network",
    "Asset Management",
    "Trading Academy",
    "Loans",
    "Gaming",
    "Nutrition",
    "Coin",
    "Securities",
    "Fintech",
    "Advisory",
    "Solutions",
]
CAMEL_HEADS = [
    "Coin",
    "Loan",
    "Bet",
    "Yield",
    "Cash",
    "Pay",
    "Crypto",
    "Slot",
    "Keto",
    "Med",
    "Pill",
    "Trade",
    "Fin",
    "Wealth",
    "Lucky",
    "Spin",
    "Block",
    "Token",
    "Vita",
    "Credit",
    "Fund",
    "Stake",
    "Jack",
    "Gold",
]
CAMEL_TAILS = [
    "Hive",
    "Nest",
    "Verra",
    "Nexus",
    "Pilot",
    "Forge",
    "Sphere",
    "Vault",
    "Wise",
    "Mint",
    "Pulse",
    "Loop",
    "Scope",
    "Kart",
    "Rush",
    "Zone",
    "Bridge",
    "Lab",
    "Hub",
    "Spot",
    "Gate",
    "Bay",
    "Ly",
    "Ify",
    "Stack",
    "Wave",
]
DOMAINS = [".com", ".io", ".net", ".co", ".bet", ".org", ".xyz", ".club"]
FUNC_WORDS = set(
    """the a an of to in for and or with by on at from that this these those as is was
were be been are has have had his her its their our your my not no but if than then so into onto
over under about which who whom whose what when where why how it he she they we you i mr mrs ms dr
st very more most such also just only""".split()
)
ABBREV = set(
    "mr mrs ms dr st jr sr vs etc inc co corp ltd no gov sen rep gen lt col sgt capt prof "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m fig vol".split()
)

KW = {
    "loans": {
        "core": [
            "payday loans",
            "personal loans",
            "title loans",
            "cash advance",
            "installment loans",
            "bad credit loans",
            "quick loans",
            "loans",
            "debt consolidation",
            "cash loans",
        ],
        "pre": [
            "cheap",
            "fast",
            "instant",
            "same day",
            "easy",
            "guaranteed",
            "best",
            "low interest",
        ],
        "post": [
            "online",
            "no credit check",
            "near me",
            "today",
            "direct lender",
            "with no fees",
            "approved in minutes",
            "uk",
        ],
        "one": ["loans", "payday", "cashloans"],
    },
    "casino": {
        "core": [
            "online casino",
            "casino bonus",
            "free spins",
            "slots",
            "live roulette",
            "sports betting",
            "poker rooms",
            "slot machines",
            "betting odds",
            "blackjack",
        ],
        "pre": ["best", "top", "real money", "new", "no deposit", "trusted"],
        "post": ["online", "no deposit", "for real money", "uk", "usa", "sign up bonus", "2024"],
        "one": ["casino", "slots", "betting", "jackpot"],
    },
    "crypto": {
        "core": [
            "bitcoin",
            "crypto signals",
            "crypto trading",
            "bitcoin casino",
            "altcoin picks",
            "nft drops",
            "crypto wallet",
            "ethereum staking",
            "forex signals",
            "memecoin",
        ],
        "pre": ["buy", "best", "free", "top", "cheap", "trade"],
        "post": [
            "now",
            "instantly",
            "app",
            "with card",
            "bot",
            "profits",
            "daily",
            "for beginners",
        ],
        "one": ["bitcoin", "crypto", "forex", "airdrop"],
    },
    "supplements": {
        "core": [
            "keto pills",
            "weight loss pills",
            "testosterone booster",
            "cbd gummies",
            "diet supplements",
            "fat burner",
            "collagen powder",
            "nootropics",
            "male enhancement",
            "detox tea",
        ],
        "pre": ["best", "natural", "cheap", "buy", "top rated", "organic"],
        "post": ["online", "for men", "that work", "free trial", "reviews", "fast results"],
        "one": ["keto", "cbd", "nootropics", "supplements"],
    },
    "pharmacy": {
        "core": [
            "viagra",
            "cialis",
            "online pharmacy",
            "generic pills",
            "tramadol",
            "ed pills",
            "xanax",
            "modafinil",
            "ozempic",
        ],
        "pre": ["cheap", "buy", "discount", "generic", "order"],
        "post": [
            "online",
            "no prescription",
            "overnight",
            "without prescription",
            "canada",
            "usa",
            "free shipping",
        ],
        "one": ["viagra", "cialis", "pharmacy", "ozempic"],
    },
}

TITLE_SEPS = [
    " | ",
    " - ",
    " – ",
    " — ",
    ": ",
    " · ",
    " • ",
    " » ",
    " ~ ",
    " :: ",
    " / ",
    " || ",
    " « ",
    " › ",
    " ► ",
    " >> ",
    " ★ ",
    " ¦ ",
    " ⋆ ",
    " ‹ ",
    " ▸ ",
    " _ ",
]

CAPS_KICKERS = [
    "ANALYSIS",
    "WATCH",
    "EXCLUSIVE",
    "FACT CHECK",
    "LIVE",
    "OPINION",
    "BREAKING",
    "UPDATE",
    "EXPLAINER",
    "REVIEW",
    "INTERVIEW",
    "WHO UPDATE",
    "VIDEO",
    "PHOTOS",
    "COMMENTARY",
    "Q&A",
    "EDITORIAL",
    "UPDATED",
    "POLL",
    "LISTEN",
    "DEVELOPING",
]
SECTIONS = [
    "Business",
    "Politics",
    "World",
    "Sport",
    "Technology",
    "Health",
    "Science",
    "Opinion",
    "Entertainment",
    "Local News",
    "Money",
    "Culture",
    "Travel",
    "Lifestyle",
    "US News",
    "Markets",
    "Education",
    "Climate",
]
PLACE_A = [
    "North",
    "West",
    "East",
    "South",
    "River",
    "Lake",
    "Cedar",
    "Pine",
    "Oak",
    "Stone",
    "Maple",
    "Harbor",
    "Spring",
    "Fair",
    "Glen",
    "Brook",
    "Elm",
    "Clear",
    "Willow",
    "Mill",
    "Ash",
    "Red",
    "Green",
    "High",
    "Sandy",
]
PLACE_B = [
    "field",
    "bend",
    "shore",
    "brook",
    "view",
    "ridge",
    "wood",
    "dale",
    "haven",
    "ford",
    "port",
    "vale",
    "side",
    "mont",
    "water",
    "land",
    "gate",
    "crest",
    "ton",
    "bury",
]
SPONSOR_KINDS = [
    "Credit Union",
    "Federal Credit Union",
    "Community Bank",
    "Savings Bank",
    "Mutual Insurance",
    "Health System",
    "Savings & Loan",
    "Community Foundation",
]
SPONSOR_LEADS = [
    "Sponsored by",
    "Presented by",
    "In partnership with",
    "Brought to you by",
    "Sponsored content from",
    "Paid for by",
]

NAME_STOP = set(
    """The A An In On At But And Or If When While After Before As For From Of To By
With Without This That These Those It He She They We You I His Her Their Our My Its Mr Mrs Ms
Dr Last Next On Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
April May June July August September October November December Today Yesterday Still So Yet
Also However Meanwhile Then There Here Now Some Many Most All Both Each Every According Despite
Since During Under Over Among Between Through Into Unlike Like Even Just Only What Who Why How
Where Which Whether Although Though Because Once Until""".split()
)

INLINE_OK = {
    "em",
    "i",
    "b",
    "strong",
    "span",
    "font",
    "u",
    "mark",
    "small",
    "big",
    "ins",
    "cite",
    "abbr",
    "time",
    "q",
    "sup",
    "sub",
}
BAD_ANCESTORS = {
    "script",
    "style",
    "noscript",
    "template",
    "textarea",
    "svg",
    "math",
    "head",
    "button",
    "select",
    "option",
    "iframe",
}


def norm(s):
    return " ".join((s or "").replace("\u00a0", " ").split())


def tokset(s):
    return set(re.findall(r"\w+", s.lower()))


# --------------------------------------------------------------------------------------
# brand and keyword invention
# --------------------------------------------------------------------------------------
def coined(rng, min_syl=2, max_syl=3):
    for _ in range(40):
        n = rng.randint(min_syl, max_syl)
        parts = []
        for i in range(n):
            if i == n - 1 and rng.random() < 0.6:
                parts.append(rng.choice(ONSETS) + rng.choice(ENDINGS))
            else:
                coda = rng.choice(CODAS) if i == n - 1 else rng.choice(CODAS[:8])
                parts.append(rng.choice(ONSETS) + rng.choice(NUCLEI) + coda)
        w = "".join(parts)
        w = re.sub(r"(.)\1\1+", r"\1\1", w)
        # no more than 3 consonants in a row, not too long
        if len(w) <= 10 and not re.search(r"[^aeiouy]{4}", w):
            break
    return w.capitalize()


def make_brand(rng):
    """Return (brand, style)."""
    style = rng.choices(
        [
            "one-word",
            "compound",
            "plain compound",
            "acronym",
            "digits",
            "camel",
            "ampersand",
            "domain",
            "two coined",
        ],
        weights=[18, 22, 10, 10, 9, 12, 8, 5, 6],
    )[0]
    if style == "one-word":
        b = coined(rng)
    elif style == "compound":
        b = coined(rng) + " " + rng.choice(INDUSTRY)
        if rng.random() < 0.25:
            b = coined(rng, 1, 2) + " " + rng.choice(PLAIN_WORDS) + " " + rng.choice(INDUSTRY)
    elif style == "plain compound":
        w1, w2 = rng.sample(PLAIN_WORDS, 2)
        b = (
            w1 + w2.lower() + " " + rng.choice(INDUSTRY)
            if rng.random() < 0.5
            else w1 + " " + w2 + " " + rng.choice(INDUSTRY)
        )
    elif style == "acronym":
        letters = "".join(rng.choice("ABCDEFGHJKLMNPQRSTVWXZ") for _ in range(rng.randint(2, 4)))
        b = letters if rng.random() < 0.3 else letters + " " + rng.choice(INDUSTRY)
    elif style == "digits":
        base = (
            coined(rng, 1, 2)
            if rng.random() < 0.6
            else rng.choice(CAMEL_HEADS) + rng.choice(CAMEL_TAILS)
        )
        num = rng.choice(
            ["24", "88", "360", "7", "365", "247", "99", "1", "2000", "X1", "4U", "911"]
        )
        b = base + (" " if rng.random() < 0.35 else "") + num
        if rng.random() < 0.3:
            b += " " + rng.choice(INDUSTRY)
    elif style == "camel":
        if rng.random() < 0.5:
            b = rng.choice(CAMEL_HEADS) + rng.choice(CAMEL_TAILS)
        else:
            b = rng.choice(CAMEL_HEADS) + coined(rng, 1, 2)
        if rng.random() < 0.3:
            b += " " + rng.choice(INDUSTRY)
    elif style == "ampersand":
        a = coined(rng, 1, 2) if rng.random() < 0.5 else rng.choice(PLAIN_WORDS)
        c = coined(rng, 1, 2)
        b = a + " & " + c
        if rng.random() < 0.5:
            b += " " + rng.choice(INDUSTRY)
    elif style == "domain":
        b = coined(rng) + rng.choice(DOMAINS)
        if rng.random() < 0.5:
            b = b.lower()
    else:
        b = coined(rng) + " " + coined(rng)
    # doubled first word sometimes
    words = b.split()
    if len(words) >= 1 and len(words) <= 5 and rng.random() < 0.1 and style != "domain":
        b = words[0] + " " + b
        style += "+doubled"
    # capitalisation variants
    r = rng.random()
    if r < 0.08 and style.split("+")[0] not in ("acronym",):
        b = b.upper()
        style += "+upper"
    elif r < 0.14:
        b = b.lower()
        style += "+lower"
    elif r < 0.18 and len(b) > 5:
        i = rng.randint(2, len(b) - 2)
        if b[i].isalpha():
            b = b[:i] + b[i].upper() + b[i + 1 :]
            style += "+innercap"
    return b, style


def make_keyword(rng):
    cat = rng.choice(list(KW))
    d = KW[cat]
    target = rng.choices([1, 2, 3, 4, 5, 6], weights=[10, 22, 26, 20, 13, 9])[0]
    if target == 1:
        return rng.choice(d["one"]), cat
    words = rng.choice(d["core"]).split()
    tries = 0
    while len(words) < target and tries < 10:
        tries += 1
        if rng.random() < 0.5:
            add = rng.choice(d["pre"]).split()
            if len(words) + len(add) <= target:
                words = add + words
        else:
            add = rng.choice(d["post"]).split()
            if len(words) + len(add) <= target:
                words = words + add
    words = words[: max(target, 1)]
    # avoid immediate duplicate words
    out = []
    for w in words:
        if not out or out[-1] != w:
            out.append(w)
    return " ".join(out), cat


# --------------------------------------------------------------------------------------
# page analysis
# --------------------------------------------------------------------------------------
def parse(html):
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
        return lxml.html.document_fromstring(html)


def bad_context(el):
    a = el
    while a is not None:
        if not isinstance(a.tag, str):
            return True
        t = a.tag.lower()
        if t in BAD_ANCESTORS:
            return True
        if a.get("hidden") is not None or a.get("aria-hidden") == "true":
            return True
        st = (a.get("style") or "").replace(" ", "").lower()
        if "display:none" in st or "visibility:hidden" in st:
            return True
        a = a.getparent()
    return False


def meta_content(doc, attr, val):
    for m in doc.iter("meta"):
        if (m.get(attr) or "").lower() == val:
            c = m.get("content")
            if c:
                return norm(c)
    return None


def find_title_el(doc):
    head = doc.find("head")
    if head is not None:
        t = head.find(".//title")
        if t is not None:
            return t
    for t in doc.iter("title"):
        if not bad_context(t.getparent()) or t.getparent().tag == "head":
            return t
    return None


def find_headline(doc, refs):
    best, bscore = None, 0.0
    cands = list(doc.iter("h1"))
    cands += [e for e in doc.xpath('//*[@itemprop="headline"]') if e.tag not in ("meta", "h1")]
    for h in cands:
        if bad_context(h):
            continue
        t = norm(h.text_content())
        if len(t) < 8:
            continue
        sc = 0.0
        for r in refs:
            if not r:
                continue
            if t.lower() == r.lower():
                s = 1.0
            elif t.lower() in r.lower():
                s = 0.95
            else:
                a, b = tokset(t), tokset(r)
                s = len(a & b) / max(1, len(a | b))
            sc = max(sc, s)
        if h.tag != "h1":
            sc -= 0.05
        if sc > bscore:
            best, bscore = h, sc
    if bscore >= 0.5:
        return best
    return None


def true_title(doc, h1, title_el):
    if h1 is not None:
        return norm(h1.text_content())
    og = meta_content(doc, "property", "og:title") or meta_content(doc, "name", "twitter:title")
    t = og or (norm(title_el.text_content()) if title_el is not None else "")
    site = meta_content(doc, "property", "og:site_name")
    if site:
        for sep in [" | ", " - ", " – ", " — ", " :: ", ": "]:
            if t.endswith(sep + site):
                return t[: -len(sep + site)]
            if t.startswith(site + sep):
                return t[len(site + sep) :]
    for sep in [" | ", " - ", " – ", " — "]:
        if sep in t:
            parts = t.split(sep)
            return max(parts, key=len) if len(parts) > 1 else t
    return t


def gt_paragraphs(body):
    return [norm(p) for p in body.split("\n") if norm(p)]


def find_paragraph_elements(doc, paras):
    """Map article paragraphs to page elements. Returns list of (el, para_index)."""
    body = doc.find("body")
    if body is None:
        return []
    pset = {p: i for i, p in enumerate(paras)}
    long_paras = [(i, p) for i, p in enumerate(paras) if len(p) >= 50]
    matches = {}
    for el in body.iter(
        "p",
        "div",
        "li",
        "blockquote",
        "td",
        "span",
        "dd",
        "section",
        "figcaption",
        "pre",
        "font",
        "article",
    ):
        txt = norm(el.text_content())
        if len(txt) < 30:
            continue
        idx = pset.get(txt)
        if idx is None and len(txt) >= 50:
            for i, p in long_paras:
                if len(p) >= len(txt) and txt in p:
                    idx = i
                    break
        if idx is None:
            continue
        if bad_context(el):
            continue
        matches[el] = idx
    # keep deepest: drop any match that has a matched descendant
    keep = []
    for el, idx in matches.items():
        if any(d in matches for d in el.iterdescendants()):
            continue
        keep.append((el, idx))
    # drop ambiguous: same text matched by several disjoint elements
    by_text = {}
    for el, _idx in keep:
        by_text.setdefault(norm(el.text_content()), []).append(el)
    out = [(el, idx) for el, idx in keep if len(by_text[norm(el.text_content())]) == 1]
    order = {el: n for n, el in enumerate(body.iter())}
    out.sort(key=lambda x: order.get(x[0], 0))
    return out


def find_units(doc, paras):
    """Places where article text lives.  Each unit: dict(el, idx, node) where node is None
    (whole element el is one paragraph) or (n, which) for a single text node inside a
    <br>-separated container (el is then the node's owner)."""
    pels = find_paragraph_elements(doc, paras)
    units = [{"el": el, "idx": idx, "node": None} for el, idx in pels]
    body = doc.find("body")
    if body is None:
        return units
    inside = set()
    for el, _ in pels:
        inside.add(el)
        inside.update(el.iterdescendants())
    long_paras = [(i, p) for i, p in enumerate(paras) if len(p) >= 60]
    seen = {}
    for n, w in all_text_nodes(body):
        own = owner_of(n, w)
        if own in inside or (w == "tail" and n in inside):
            continue
        t = norm(get_s(n, w))
        if len(t) < 60:
            continue
        hit = None
        for i, p in long_paras:
            if t in p:
                hit = i
                break
        if hit is None or bad_context(own) or own.tag.lower() == "a":
            continue
        seen.setdefault(t, []).append({"el": own, "idx": hit, "node": (n, w)})
    for lst in seen.values():
        if len(lst) == 1:
            units.append(lst[0])
    order = {el: k for k, el in enumerate(body.iter())}
    units.sort(key=lambda u: order.get(u["el"], 0))
    return units


def unit_text(u):
    if u["node"] is None:
        return norm(u["el"].text_content())
    return norm(get_s(*u["node"]))


def unit_slots(u):
    if u["node"] is None:
        return text_slots(u["el"])
    return [u["node"]]


def unit_key(u):
    return u["el"] if u["node"] is None else (id(u["node"][0]), u["node"][1])


def text_slots(el, allow_links=False):
    """Text nodes owned by el or by inline formatting inside it: list of (node, 'text'|'tail')."""
    slots = []

    def ok_owner(owner):
        a = owner
        while a is not None and a is not el:
            if not isinstance(a.tag, str):
                return False
            t = a.tag.lower()
            if t not in INLINE_OK and not (allow_links and t == "a"):
                return False
            a = a.getparent()
        return a is el

    for n in el.iter():
        if not isinstance(n.tag, str):
            if n is not el and n.tail and ok_owner(n.getparent()):
                slots.append((n, "tail"))
            continue
        if n.text and ok_owner(n):
            slots.append((n, "text"))
        if n is not el and n.tail and ok_owner(n.getparent()):
            slots.append((n, "tail"))
    return slots


def get_s(node, which):
    return (node.text if which == "text" else node.tail) or ""


def set_s(node, which, s):
    if which == "text":
        node.text = s
    else:
        node.tail = s


def owner_of(node, which):
    return node if which == "text" else node.getparent()


def all_text_nodes(el):
    """Every text node in document order (any owner except bad tags)."""
    out = []
    for n in el.iter():
        if isinstance(n.tag, str):
            if n.tag.lower() in ("script", "style", "noscript", "template"):
                if n is not el and n.tail:
                    out.append((n, "tail"))
                continue
            if n.text:
                out.append((n, "text"))
        if n is not el and n.tail:
            out.append((n, "tail"))
    return out


# --------------------------------------------------------------------------------------
# sentence-level insertion points
# --------------------------------------------------------------------------------------
def word_boundaries(s, avoid_func=True):
    """Positions i with s[i]==' ' between two words, not after a function word."""
    out = []
    for m in re.finditer(r"(?<=[A-Za-z0-9\u00c0-\u024f%])( )(?=[A-Za-z\u00c0-\u024f])", s):
        i = m.start(1)
        prev = re.findall(r"[\w’'.-]+$", s[:i])
        pw = prev[0].lower() if prev else ""
        if avoid_func and pw.strip(".") in FUNC_WORDS:
            continue
        if pw.endswith(".") and pw.strip(".") in ABBREV:
            continue
        if i < 12 or len(s) - i < 12:
            continue
        out.append(i)
    return out


def sentence_ends(s):
    out = []
    for m in re.finditer(r"(?<=[a-z0-9%)])\.(?=\s|$)", s):
        k = m.start()
        prev = re.findall(r"[\w.]+$", s[:k])
        pw = prev[0].lower() if prev else ""
        if pw in ABBREV or len(pw) <= 1 or "." in pw:
            continue
        if k < 25:
            continue
        out.append(k)
    return out


def sentence_starts(s, node_is_first):
    out = []
    if node_is_first and s[:1].isupper() and len(s) > 30:
        out.append(0)
    for m in re.finditer(r"(?<=[a-z0-9%)][.!?])\s+(?=[A-Z])", s):
        j = m.end()
        prev = re.findall(r"[\w.]+(?=[.!?]\s+$)", s[:j])
        if prev and prev[0].lower() in ABBREV:
            continue
        if len(s) - j < 25:
            continue
        out.append(j)
    return out


def comma_points(s):
    return [
        m.start()
        for m in re.finditer(r"(?<=[a-z0-9]), (?=[a-z])", s)
        if 12 < m.start() < len(s) - 12
    ]


BODY_FORMS = [
    "body appositive",
    "body parenthesis",
    "body dash",
    "body according to",
    "body said",
    "body per",
    "body sentence start",
    "body sentence end",
    "body bare",
]


def _zones(s, taken):
    z = []
    for t in taken:
        for m in re.finditer(re.escape(t), s):
            z.append((m.start() - 4, m.end() + 4))
    return z


def _ok(k, zones):
    return all(not (a <= k <= b) for a, b in zones)


VERBISH = set(
    "said says told added noted is was are were has had have will would could can may "
    "might announced reported warned wrote spent called made took gave released "
    "confirmed denied claimed who which".split()
)


def plan_body_insert(rng, s, form, phrase, node_is_first, taken=()):
    """Return (new_s, inserted) or None."""
    zones = _zones(s, taken)
    dash = rng.choice(["—", "—", "—", "–"])
    if form in ("body appositive", "body parenthesis", "body dash", "body bare", "keyword"):
        pts = [i for i in word_boundaries(s, avoid_func=(form != "keyword")) if _ok(i, zones)]
        if not pts:
            return None
        if form in ("body appositive", "body parenthesis", "body dash"):
            # prefer after a capitalised word or before a verb-like word (noun-phrase ends)
            wts = []
            for i in pts:
                pw = re.findall(r"[\w’'.-]+$", s[:i])
                nw = re.findall(r"^[\w’'-]+", s[i + 1 :])
                w = 1.0
                if pw and pw[0][:1].isupper():
                    w += 2.0
                if nw and nw[0].lower() in VERBISH:
                    w += 3.0
                wts.append(w)
            i = rng.choices(pts, weights=wts)[0]
        else:
            i = rng.choice(pts)
        if form == "body appositive":
            ins = ", " + phrase + ","
        elif form == "body parenthesis":
            ins = " (" + phrase + ")"
        elif form == "body dash":
            ins = " " + dash + " " + phrase + " " + dash
        else:
            ins = " " + phrase
        return s[:i] + ins + s[i:], ins
    if form in ("body according to", "body said", "body per"):
        glue = {
            "body according to": "according to " + phrase,
            "body said": phrase + " " + rng.choice(["said", "said", "says", "reported", "noted"]),
            "body per": "per " + phrase,
        }[form]
        ends = [k for k in sentence_ends(s) if _ok(k, zones)]
        commas = [k for k in comma_points(s) if _ok(k, zones)]
        opts = [("end", k) for k in ends] + [("comma", k) for k in commas]
        if not opts:
            return None
        _kind, k = rng.choice(opts)
        # at a sentence end: "..., according to Brand."; at a comma: "X, according to Brand, y"
        ins = ", " + glue
        return s[:k] + ins + s[k:], ins
    if form == "body sentence start":
        pts = [j for j in sentence_starts(s, node_is_first) if _ok(j, zones)]
        if not pts:
            return None
        j = rng.choice(pts)
        ins = phrase + rng.choice([": ", ": ", " — ", " | "])
        return s[:j] + ins + s[j:], ins
    if form == "body sentence end":
        ends = [k for k in sentence_ends(s) if _ok(k, zones)]
        if not ends:
            return None
        k = rng.choice(ends)
        ins = rng.choice([", ", ", ", " — ", " - "]) + phrase
        return s[:k] + ins + s[k:], ins
    raise ValueError(form)


DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"
    r"(?P<region>,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,3})?"
    r"(?P<sp1>\s*)(?P<agency>\([A-Za-z.\s/&]{2,30}\))?"
    r"(?P<sp2>\s*)(?P<dash>—|–|-{1,2})(?P<sp3>\s+)"
)


# --------------------------------------------------------------------------------------
# one page
# --------------------------------------------------------------------------------------
class Page:
    def __init__(self, src, html, gt):
        self.src = src
        self.html = html
        self.gt = gt
        self.doc = parse(html)
        self.title_el = find_title_el(self.doc)
        refs = [
            meta_content(self.doc, "property", "og:title"),
            meta_content(self.doc, "name", "twitter:title"),
            norm(self.title_el.text_content()) if self.title_el is not None else None,
        ]
        self.h1 = find_headline(self.doc, refs)
        self.true_title = true_title(self.doc, self.h1, self.title_el)
        self.paras = gt_paragraphs(gt["articleBody"])
        self.units = find_units(self.doc, self.paras)
        self.lower_html = html.lower()
        self.has_dateline = bool(self.paras and DATELINE.match(self.paras[0]))


class Splicer:
    def __init__(self, page, rng):
        self.p = page
        self.rng = rng
        self.doc = page.doc
        self.entries = []  # dicts with text, where, form, inserted, key
        self.used_pels = set()
        self.nkey = 0

    def mark(self, el, entry):
        k = f"k{self.nkey}"
        self.nkey += 1
        el.set(MARK, ((el.get(MARK) or "") + " " + k).strip())
        entry["key"] = k
        self.entries.append(entry)

    # -- title ------------------------------------------------------------------------
    def title(self, phrase, mode):
        t = self.p.title_el
        if t is None:
            return False
        cur = t.text or ""
        if not norm(cur):
            return False
        lead = cur[: len(cur) - len(cur.lstrip())]
        trail = cur[len(cur.rstrip()) :]
        core = cur.strip()
        sep = self.rng.choice(TITLE_SEPS)
        if mode == "prefix":
            new = phrase + sep + core
            ins = phrase + sep
            form = "title prefix"
        else:
            head = self.p.true_title
            rest = None
            if head and core.lower().startswith(head.lower()) and len(core) > len(head) + 2:
                rest = core[len(head) :]
            r = self.rng.random()
            if rest and r < 0.5:
                new = core[: len(head)] + sep + phrase + rest
                form = "title suffix before site"
            elif rest and r < 0.75:
                new = core[: len(head)] + sep + phrase
                form = "title suffix instead of site"
            else:
                new = core + sep + phrase
                form = "title suffix"
            ins = sep + phrase
        t.text = lead + new + trail
        self.mark(t, {"text": phrase, "where": "title", "form": form, "inserted": ins})
        return True

    # -- headline ---------------------------------------------------------------------
    def headline(self, phrase, mode):
        h = self.p.h1
        if h is None:
            return False
        nodes = [(n, w) for n, w in all_text_nodes(h) if norm(get_s(n, w))]
        if not nodes:
            return False
        sep = self.rng.choice(TITLE_SEPS)
        if mode == "prefix":
            n, w = nodes[0]
            s = get_s(n, w)
            lead = s[: len(s) - len(s.lstrip())]
            ins = phrase + sep
            set_s(n, w, lead + ins + s.lstrip())
            form = "headline prefix"
        else:
            n, w = nodes[-1]
            s = get_s(n, w)
            trail = s[len(s.rstrip()) :]
            ins = sep + phrase
            set_s(n, w, s.rstrip() + ins + trail)
            form = "headline suffix"
        self.mark(
            owner_of(n, w), {"text": phrase, "where": "headline", "form": form, "inserted": ins}
        )
        return True

    # -- brand line -------------------------------------------------------------------
    def brand_line(self, brand):
        rng = self.rng
        anchor = self.p.h1
        if anchor is None:
            if not self.p.units:
                return False
            anchor = self.p.units[0]["el"]
            before = True
        else:
            before = False
        text = rng.choice(
            [
                "{b}",
                "{b} Markets View",
                "{b} Exchange View",
                "{b} Daily Brief",
                "{b} Insights",
                "{b} Money Desk",
                "{b} Newswire",
                "{b} Research",
            ]
        ).format(b=brand)
        lead = rng.choice(["", "", "", "Powered by ", "From ", "Via ", "Presented by ", "By "])
        cls = rng.choice(
            [
                "brand-line",
                "source",
                "partner",
                "kicker-src",
                "sub-brand",
                "meta-src",
                "article__source",
                "provider",
            ]
        )
        wrap_tag = rng.choice(["div", "div", "p", "span"])
        link = rng.random() < 0.55
        slug = re.sub(r"[^a-z0-9]+", "", brand.lower())[:20] or "brand"
        wrap = etree.Element(wrap_tag)
        wrap.set("class", cls)
        if link:
            wrap.text = lead or None
            a = etree.SubElement(wrap, "a")
            a.set("href", "https://www.{}.{}/".format(slug, rng.choice(["com", "net", "io", "co"])))
            if rng.random() < 0.5:
                a.set("rel", "nofollow")
            a.text = text
            target = a
        else:
            wrap.text = lead + text
            target = wrap
        wrap.tail = "\n"
        if before:
            anchor.addprevious(wrap)
        else:
            anchor.addnext(wrap)
        self.mark(
            target,
            {
                "text": text,
                "where": "brand line",
                "form": "brand line link" if link else "brand line",
                "inserted": lead + text,
                "check": text,
            },
        )
        return True

    # -- dateline ---------------------------------------------------------------------
    def dateline(self, phrase):
        rng = self.rng
        p0 = self.p.paras[0] if self.p.paras else ""
        first = [
            u
            for u in self.p.units
            if u["idx"] == 0
            and p0.startswith(unit_text(u)[:30])
            and u["el"].tag.lower() not in ("h1", "h2", "h3", "h4", "h5", "h6")
        ]
        if not first:
            return False
        u = first[0]
        if u["node"] is None:
            nodes = [(n, w) for n, w in all_text_nodes(u["el"]) if norm(get_s(n, w))]
        else:
            nodes = [u["node"]]
        if not nodes:
            return False
        n, w = nodes[0]
        if owner_of(n, w).tag.lower() == "a":
            return False
        s = get_s(n, w)
        lead = s[: len(s) - len(s.lstrip())]
        body = s.lstrip()
        m = DATELINE.match(body)
        if m and len(m.group("city").replace(" ", "")) >= 3:
            opts = []
            if not m.group("agency"):
                opts += ["dateline paren", "dateline paren"]
            opts += ["dateline city", "dateline after dash"]
            form = rng.choice(opts)
            dash = m.group("dash")
            if form == "dateline paren":
                k = m.end("region") if m.group("region") else m.end("city")
                ins = " (" + phrase + ")"
                new = body[:k] + ins + body[k:]
            elif form == "dateline city":
                k = m.end("city")
                if m.group("region"):
                    # LYON, Brand — France (AP) —
                    k2 = k + len(re.match(r",\s*", body[k:]).group(0))
                    ins = phrase + " " + dash + " "
                    new = body[:k2] + ins + body[k2:]
                else:
                    ins = ", " + phrase
                    new = body[:k] + ins + body[k:]
            else:
                k = m.end()
                ins = phrase + rng.choice([" " + dash + " ", ": ", " | "])
                new = body[:k] + ins + body[k:]
        else:
            if not body[:1].isalnum() and body[:1] not in "“\"'‘(":
                return False
            form = "paragraph start"
            ins = rng.choice(["{p} — ", "{p}: ", "({p}) ", "{p} | ", "{p} - "]).format(p=phrase)
            new = ins + body
        set_s(n, w, lead + new)
        self.mark(
            owner_of(n, w), {"text": phrase, "where": "dateline", "form": form, "inserted": ins}
        )
        self.used_pels.add(unit_key(u))
        return True

    # -- body paragraph ---------------------------------------------------------------
    def paragraph(self, phrase, form, avoid_first=True):
        rng = self.rng
        cands = [u for u in self.p.units if len(unit_text(u)) >= 60]
        fresh = [
            u
            for u in cands
            if unit_key(u) not in self.used_pels and not (avoid_first and u["idx"] == 0)
        ]
        pool = fresh or [u for u in cands if not (avoid_first and u["idx"] == 0)] or cands
        rng.shuffle(pool)
        for u in pool[:12]:
            slots = [(n, w) for n, w in unit_slots(u) if len(get_s(n, w).split()) >= 6]
            rng.shuffle(slots)
            para = self.p.paras[u["idx"]]
            for n, w in slots:
                s = get_s(n, w)
                first_node = (not s[:1].isspace()) and para.startswith(norm(s)[:30])
                res = plan_body_insert(
                    rng, s, form, phrase, first_node, [e["text"] for e in self.entries]
                )
                if res is None:
                    continue
                new, ins = res
                set_s(n, w, new)
                self.mark(
                    owner_of(n, w),
                    {"text": phrase, "where": "paragraph", "form": form, "inserted": ins},
                )
                self.used_pels.add(unit_key(u))
                return True
        return False


def fresh_brand(rng, page, taken):
    for _ in range(50):
        b, style = make_brand(rng)
        bl = b.lower()
        if (
            len(bl) < 3
            or bl in page.lower_html
            or any(bl in t.lower() or t.lower() in bl for t in taken)
        ):
            continue
        # first word must not be a real word in the page either
        fw = bl.split()[0]
        if len(fw) > 3 and re.search(r"\b" + re.escape(fw) + r"\b", page.lower_html):
            continue
        return b, style
    return b, style


def fresh_keyword(rng, page, taken):
    for _ in range(30):
        k, cat = make_keyword(rng)
        if k in taken:
            continue
        if re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", page.lower_html):
            continue
        return k, cat
    return k, cat


def do_spliced(page, rng):
    sp = Splicer(page, rng)
    taken = []
    phrases = []
    n_phr = rng.choices([1, 2, 3], weights=[45, 35, 20])[0]
    body_only = rng.random() < 0.2
    for i in range(n_phr):
        if i == 0 or rng.random() < 0.6:
            b, style = fresh_brand(rng, page, taken)
            phrases.append({"text": b, "kind": "brand", "style": style})
        else:
            k, cat = fresh_keyword(rng, page, taken)
            phrases.append({"text": k, "kind": "keyword", "style": "keyword:" + cat})
        taken.append(phrases[-1]["text"])
    if n_phr == 1 and rng.random() < 0.3:
        k, cat = fresh_keyword(rng, page, taken)
        phrases.append({"text": k, "kind": "keyword", "style": "keyword:" + cat})
    slots_used = set()

    def body_form(ph):
        if ph["kind"] == "keyword":
            return "keyword"
        return rng.choice(BODY_FORMS)

    for pi, ph in enumerate(phrases):
        t = ph["text"]
        if body_only and pi == 0:
            n = rng.choice([2, 2, 3])
            for _ in range(n):
                ok = sp.paragraph(t, body_form(ph), avoid_first=False)
                if not ok:
                    sp.paragraph(t, "body bare", avoid_first=False)
            continue
        if ph["kind"] == "keyword":
            for _ in range(rng.choice([1, 1, 1, 2])):
                sp.paragraph(t, "keyword")
            if (
                not body_only
                and "title" not in slots_used
                and rng.random() < 0.1
                and sp.title(t, "suffix")
            ):
                slots_used.add("title")
            continue
        primary = pi == 0
        # how many places this brand goes: usually 1-3, sometimes spread over the page
        if primary:
            k = rng.choices([1, 2, 3, 4, 5], weights=[38, 27, 19, 10, 6])[0]
        else:
            k = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
        w_slot = {
            "title": 3.0,
            "headline": 2.5,
            "dateline": 5.0 if page.has_dateline else 1.8,
            "brand line": 1.0,
            "paragraph": 3.0,
        }
        if body_only:
            w_slot = {"paragraph": 1.0}
        placed = 0
        tries = 0
        while placed < k and tries < 12:
            tries += 1
            avail = [x for x in w_slot if x == "paragraph" or x not in slots_used]
            slot = rng.choices(avail, weights=[w_slot[x] for x in avail])[0]
            ok = False
            if slot == "title":
                ok = sp.title(t, rng.choice(["prefix", "suffix"]))
            elif slot == "headline":
                ok = sp.headline(t, rng.choice(["prefix", "prefix", "suffix"]))
            elif slot == "dateline":
                ok = sp.dateline(t)
            elif slot == "brand line":
                bl_brand = t if rng.random() < 0.6 else fresh_brand(rng, page, taken)[0]
                ok = sp.brand_line(bl_brand)
            else:
                ok = sp.paragraph(t, body_form(ph))
            if slot != "paragraph":
                slots_used.add(slot)  # tried once, whatever the outcome
            if ok:
                placed += 1
    if not sp.entries:
        t = phrases[0]["text"]
        (
            sp.title(t, "prefix")
            or sp.headline(t, "prefix")
            or sp.paragraph(t, "body bare", False)
            or sp.dateline(t)
        )
    return sp, phrases


# --------------------------------------------------------------------------------------
# traps
# --------------------------------------------------------------------------------------
NAME_RE = re.compile(
    r"\b[A-Z][\w’'.&-]*(?:\s+(?:of\s+|de\s+|van\s+|von\s+|del\s+|la\s+)?[A-Z][\w’'.&-]*)+"
)


def count_occ(text, name):
    return len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text))


def repeated_names(article):
    cands = {}
    for m in NAME_RE.finditer(article):
        toks = m.group(0).split()
        while toks and toks[0].strip("’'") in NAME_STOP:
            toks = toks[1:]
        while toks and toks[-1] in NAME_STOP:
            toks = toks[:-1]
        if len(toks) < 2:
            continue
        name = " ".join(toks)
        name = re.sub(r"(’s|'s)$", "", name).rstrip(".,’'")
        if len(name.split()) < 2 or len(name) > 40 or name.isupper():
            continue
        cands[name] = None
    out = []
    for name in cands:
        c = count_occ(article, name)
        if c >= 2:
            out.append((name, c))
    return out


def make_sponsor(rng):
    place = rng.choice(PLACE_A) + rng.choice(PLACE_B)
    if rng.random() < 0.3:
        place = (
            rng.choice(PLACE_A)
            + " "
            + rng.choice(["Valley", "County", "City", "Bay", "Hills", "Lakes"])
        )
    return place + " " + rng.choice(SPONSOR_KINDS)


NOT_SECTIONS = set(
    """www html news article articles story amp en eng en-us en-gb index stories
content sites site blog blogs post posts p id jan feb mar apr may jun jul aug sep sept oct nov
dec page pages item view detail web""".split()
)


URL_SECTION_WORDS = set(
    """business politics world sport sports technology tech health science
opinion entertainment money culture travel lifestyle nation local markets education climate
auto autos music movies television economy finance space environment food style arts books
games gaming football soccer tennis nfl nba celebrity fact check politicas sciences""".split()
)


def url_section(url):
    path = re.sub(r"^https?://[^/]+", "", url or "")
    for seg in path.split("/")[:-1]:
        if (
            re.fullmatch(r"[a-z][a-z-]{3,18}", seg)
            and seg not in NOT_SECTIONS
            and any(w in URL_SECTION_WORDS for w in seg.split("-"))
        ):
            return seg.replace("-", " ").title()
    return None


def do_trap(page, rng):
    doc = page.doc
    article = page.gt["articleBody"]
    names = repeated_names(article)
    kinds = []
    if names and (page.title_el is not None or page.h1 is not None):
        kinds += ["name kicker"] * 3
    if page.title_el is not None or page.h1 is not None:
        kinds += ["caps kicker"] * 2
    if page.title_el is not None:
        kinds += ["section title"] * 2
    if page.h1 is not None or page.units:
        kinds += ["sponsor line"] * 2
    if not kinds:
        return None
    kind = rng.choice(kinds)
    info = {"kind": kind}
    where = []
    marks = []

    def mark(el, text, what):
        k = f"t{len(marks)}"
        el.set(MARK, ((el.get(MARK) or "") + " " + k).strip())
        marks.append({"key": k, "text": text, "where": what})

    def prefix_title(txt):
        t = page.title_el
        if t is None or not norm(t.text or ""):
            return False
        s = t.text
        lead = s[: len(s) - len(s.lstrip())]
        t.text = lead + txt + s.lstrip()
        where.append("title")
        mark(t, txt.strip(), "title")
        return True

    def prefix_h1(txt):
        h = page.h1
        if h is None:
            return False
        nodes = [(n, w) for n, w in all_text_nodes(h) if norm(get_s(n, w))]
        if not nodes:
            return False
        n, w = nodes[0]
        s = get_s(n, w)
        lead = s[: len(s) - len(s.lstrip())]
        set_s(n, w, lead + txt + s.lstrip())
        where.append("headline")
        mark(owner_of(n, w), txt.strip(), "headline")
        return True

    if kind == "name kicker":
        # prefer names repeated often
        names.sort(key=lambda x: (-x[1], x[0]))
        top = names[: max(3, len(names) // 3)]
        name, _c = rng.choice(top)
        sep_t = rng.choice([" | ", ": "])
        sep_h = sep_t if rng.random() < 0.7 else rng.choice([" | ", ": "])
        prefix_title(name + sep_t)
        prefix_h1(name + sep_h)
        info["text"] = name
        info["occurrences_in_article"] = count_occ(article, name)
    elif kind == "caps kicker":
        k = rng.choice(CAPS_KICKERS)
        sep = rng.choice([": ", ": ", " | ", " — "])
        if page.h1 is not None:
            prefix_h1(k + sep)
            if rng.random() < 0.6:
                prefix_title(k + sep)
        else:
            prefix_title(k + sep)
        info["text"] = k
        info["occurrences_in_article"] = count_occ(article, k)
    elif kind == "section title":
        sec = url_section(page.gt.get("url")) if rng.random() < 0.6 else None
        sec = sec or rng.choice(SECTIONS)
        sep = rng.choice([" | ", " - ", " – ", " — ", " · "])
        t = page.title_el
        s = t.text or ""
        core = s.strip()
        head = page.true_title
        site = meta_content(doc, "property", "og:site_name")
        if head and core.lower().startswith(head.lower()) and len(core) > len(head) + 2:
            new = sec + sep + core
        elif site:
            new = sec + sep + (head or core) + sep + site
        else:
            new = sec + sep + core
        t.text = new
        where.append("title")
        mark(t, sec, "title")
        if rng.random() < 0.5 and (page.h1 is not None):
            nav = etree.Element("nav")
            nav.set("class", rng.choice(["breadcrumb", "breadcrumbs", "crumbs"]))
            nav.set("aria-label", "Breadcrumb")
            a1 = etree.SubElement(nav, "a")
            a1.set("href", "/")
            a1.text = "Home"
            a1.tail = rng.choice([" › ", " / ", " > ", " » "])
            a2 = etree.SubElement(nav, "a")
            a2.set("href", "/" + sec.lower().replace(" ", "-") + "/")
            a2.text = sec
            nav.tail = "\n"
            page.h1.addprevious(nav)
            where.append("breadcrumb")
            mark(a2, sec, "breadcrumb")
        info["text"] = sec
        info["occurrences_in_article"] = count_occ(article, sec)
    else:
        sponsor = make_sponsor(rng)
        lead = rng.choice(SPONSOR_LEADS)
        wrap = etree.Element(rng.choice(["div", "p"]))
        wrap.set(
            "class", rng.choice(["sponsor", "sponsored-by", "partner-line", "article-sponsor"])
        )
        if rng.random() < 0.6:
            wrap.text = lead + " "
            a = etree.SubElement(wrap, "a")
            slug = re.sub(r"[^a-z]+", "", sponsor.lower())[:18]
            a.set("href", f"https://www.{slug}.org/")
            a.set("rel", "sponsored")
            a.text = sponsor
            mark(a, sponsor, "sponsor line")
        else:
            wrap.text = lead + " " + sponsor
            mark(wrap, sponsor, "sponsor line")
        wrap.tail = "\n"
        if page.h1 is not None:
            page.h1.addnext(wrap)
        else:
            page.units[0]["el"].addprevious(wrap)
        where.append("under headline")
        info["text"] = sponsor
        info["lead"] = lead
        info["occurrences_in_article"] = count_occ(article, sponsor)
    info["where"] = where
    return info, marks


# --------------------------------------------------------------------------------------
# serialization and xpaths
# --------------------------------------------------------------------------------------
RAWTEXT_RE = re.compile(r"(<(iframe|noembed|noframes|xmp)\b[^>]*>)(.*?)(</\2>)", re.S | re.I)
ENT_RE = re.compile(r"&(amp|lt|gt);")


def _unescape_raw(m):
    body = ENT_RE.sub(lambda e: {"amp": "&", "lt": "<", "gt": ">"}[e.group(1)], m.group(3))
    return m.group(1) + body + m.group(4)


def serialize(doc):
    dt = doc.getroottree().docinfo.doctype
    kw = {"encoding": "unicode"}
    if dt:
        kw["doctype"] = dt
    out = lxml.html.tostring(doc, **kw)
    # libxml2 parses iframe/noembed/noframes/xmp content as raw text but escapes it when
    # serializing; undo that so their content survives the round trip byte for byte.
    return RAWTEXT_RE.sub(_unescape_raw, out)


MARK_ATTR_RE = re.compile(rf' {MARK}="[^"]*"')


def finalize(doc, entries):
    """Serialize once with marker attributes, resolve xpaths on the re-parsed page, then strip
    the markers from the serialized text (attributes only, so the xpaths stay valid)."""
    s1 = serialize(doc)
    t1 = lxml.html.document_fromstring(s1)
    tree = t1.getroottree()
    bykey = {}
    for el in t1.xpath(f"//*[@{MARK}]"):
        for k in el.get(MARK).split():
            bykey[k] = el
    for e in entries:
        el = bykey.get(e["key"])
        if el is None:
            raise RuntimeError(f"marker lost for {e!r}")
        # the marked element owns the text node that received the splice (its .text or a
        # child's .tail), so it is the nearest element containing that occurrence
        own = [el.text or ""] + [ch.tail or "" for ch in el]
        if not any(e.get("check", e.get("inserted", e["text"])) in x for x in own):
            raise RuntimeError(f"splice not in the marked element's own text: {e!r}")
        e["xpath"] = tree.getpath(el)
    final = MARK_ATTR_RE.sub("", s1)
    if MARK in final:
        raise RuntimeError("marker left in page")
    # verify on the final page
    t2 = lxml.html.document_fromstring(final)
    for e in entries:
        found = t2.getroottree().xpath(e["xpath"])
        if not found or not any(
            e.get("check", e.get("inserted", e["text"])) in x
            for x in [found[0].text or ""] + [ch.tail or "" for ch in found[0]]
        ):
            raise RuntimeError(f"xpath verification failed for {e!r}")
    return final


def write_case(outdir, cid, html, truth):
    d = os.path.join(outdir, "cases", cid)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "page.html.gz"), "wb") as f:
        f.write(gzip.compress(html.encode("utf-8"), mtime=0))
    with open(os.path.join(d, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--bench", default=BENCH)
    args = ap.parse_args()

    with open(os.path.join(args.bench, "ground-truth.json"), encoding="utf-8") as f:
        gt_all = json.load(f)
    index = []
    skipped = []
    for src in sorted(gt_all):
        gt = gt_all[src]
        path = os.path.join(args.bench, "html", src + ".html.gz")
        try:
            with gzip.open(path) as f:
                raw = f.read()
            html = raw.decode("utf-8")
            Page(src, html, gt)
        except Exception as ex:
            skipped.append((src, f"parse: {ex}"))
            continue
        base = {
            "url": gt.get("url"),
            "source": src,
            "article_text": gt["articleBody"],
            "link_blocks": [],
            "hidden_links": [],
        }
        short = src[:12]

        # clean -----------------------------------------------------------------------
        page = Page(src, html, gt)
        truth = dict(id=short + "-clean", variant="clean", title=page.true_title, spam=[], **base)
        write_case(args.out, truth["id"], html, truth)
        index.append({"id": truth["id"], "variant": "clean", "source": src, "spam": 0})

        # spliced ---------------------------------------------------------------------
        rng = random.Random(f"{args.seed}:spliced:{src}")
        page = Page(src, html, gt)
        try:
            sp, phrases = do_spliced(page, rng)
            if not sp.entries:
                raise RuntimeError("no splice possible")
            final = finalize(page.doc, sp.entries)
            spam = [
                {
                    "text": e["text"],
                    "where": e["where"],
                    "xpath": e["xpath"],
                    "form": e["form"],
                    "inserted": e["inserted"],
                }
                for e in sp.entries
            ]
            truth = dict(
                id=short + "-spliced",
                variant="spliced",
                title=page.true_title,
                spam=spam,
                phrases=phrases,
                **base,
            )
            write_case(args.out, truth["id"], final, truth)
            index.append(
                {
                    "id": truth["id"],
                    "variant": "spliced",
                    "source": src,
                    "spam": len(spam),
                    "forms": sorted({e["form"] for e in spam}),
                }
            )
        except Exception as ex:
            skipped.append((src, f"spliced: {ex}"))

        # trap ------------------------------------------------------------------------
        rng = random.Random(f"{args.seed}:trap:{src}")
        page = Page(src, html, gt)
        try:
            res = do_trap(page, rng)
            if res is None:
                raise RuntimeError("no trap possible (no <title>, headline or paragraphs)")
            info, marks = res
            final = finalize(page.doc, marks)
            info["locations"] = [
                {"where": m["where"], "text": m["text"], "xpath": m["xpath"]} for m in marks
            ]
            truth = dict(
                id=short + "-trap",
                variant="trap",
                title=page.true_title,
                spam=[],
                trap=info,
                **base,
            )
            write_case(args.out, truth["id"], final, truth)
            index.append(
                {
                    "id": truth["id"],
                    "variant": "trap",
                    "source": src,
                    "spam": 0,
                    "trap_kind": info["kind"],
                }
            )
        except Exception as ex:
            skipped.append((src, f"trap: {ex}"))

    with open(os.path.join(args.out, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, ensure_ascii=False, indent=1)
    if skipped:
        with open(os.path.join(args.out, "skipped.json"), "w", encoding="utf-8") as f:
            json.dump(skipped, f, indent=1)
    print(f"cases: {len(index)}  skipped: {len(skipped)}", file=sys.stderr)
    for s in skipped:
        print("  skipped", s, file=sys.stderr)


if __name__ == "__main__":
    main()
