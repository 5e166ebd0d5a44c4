"""The figures of bench/data/corpus-dev/README.md, computed from analyze responses.

Pure functions and one accumulator; no I/O. Definitions follow the corpus README:
reader F1 over 4-token shingles, title exact by word sequence, spam recall by node proximity
and token Jaccard, block and hidden recall by the Jaccard of the links they cover.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml.html import HtmlElement

NODE_ID_ATTR = "data-winnow-id"
WORD_RE = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4
# An annotation finds an occurrence when its node is the truth element, one of this many
# nearest ancestors (the element itself counted), or a descendant...
SPAM_ANCESTOR_REACH = 4
# ...and its quote shares this share of tokens with the spliced phrase.
SPAM_MIN_JACCARD = 0.6
# Two link blocks are the same block when the sets of their links overlap this much.
BLOCK_MIN_JACCARD = 0.6
# An annotated node is article text when it shares this many shingles with the article...
ARTICLE_MIN_SHINGLES = 20
# ...making up at least this share of its own text.
ARTICLE_MIN_SHARE = 0.2
SPAM_ROLES_IN_BODY = ("dateline", "paragraph", "brand line")
SPAM_ROLES_IN_TITLE = ("title", "headline")
# Variants whose pages have no spam: any injected_spam annotation on them is a false alarm.
SPAM_FREE_VARIANTS = ("clean", "benchmark", "trap", "blocks")
# A page is listed when Winnow's reader F1 is this far below readability-lxml's alone.
PAGE_F1_SHOWN_BELOW = 0.02
# An unrelated_links annotation that matches no true block is on site chrome (issue 12's
# measure) when most of the link text of its element is in links under CHROME_SHORT_LINK_WORDS
# words (menus, legal links; one link per target with its longest text, since a card's image,
# headline and "read more" links are one story),
# or the element is or lies in a header, nav or footer (by tag or ARIA role) that holds more
# than CHROME_LANDMARK_LINKS links, or more than half its links carry the page's own address
# (share buttons).
CHROME_SHORT_LINK_WORDS = 4
CHROME_LANDMARK_LINKS = 25
CHROME_LANDMARK_TAGS = frozenset({"header", "nav", "footer"})
CHROME_LANDMARK_ROLES = frozenset({"banner", "navigation", "contentinfo"})
# A card's summary reached the reader view when this many of its first words are in it.
SUMMARY_PROBE_WORDS = 8


def tokens(text: str | None) -> list[str]:
    return WORD_RE.findall(text or "")


def shingles(text: str | None) -> Counter:
    words = tokens(text)
    if len(words) < SHINGLE_SIZE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1))


def precision_recall(predicted: str, true: str) -> tuple[float | None, float | None]:
    p, t = shingles(predicted), shingles(true)
    matched = sum((p & t).values())
    return (matched / sum(p.values()) if p else None, matched / sum(t.values()) if t else None)


def corpus_f1(pairs: list[tuple[float | None, float | None]]) -> float:
    """F1 of mean precision (pages with output) and mean recall (all pages)."""
    precisions = [p for p, _ in pairs if p is not None]
    recalls = [r for _, r in pairs if r is not None]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def normalize(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def token_jaccard(a: str, b: str) -> float:
    ca = Counter(w.lower() for w in tokens(a))
    cb = Counter(w.lower() for w in tokens(b))
    union = sum((ca | cb).values())
    return sum((ca & cb).values()) / union if union else 0.0


def page_f1(predicted: str, true: str) -> float:
    """One page's F1 over shingles; 0 for an empty output where the truth has text."""
    p, r = precision_recall(predicted, true)
    if not p or not r:
        return 0.0 if true.strip() else 1.0
    return 2 * p * r / (p + r)


def phrase_count(text: str, phrase: str) -> int:
    """Whole-word occurrences of `phrase` in `text`."""
    return len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))


def same_title(predicted: str, true: str) -> bool:
    return [w.lower() for w in tokens(predicted)] == [w.lower() for w in tokens(true)]


def links_under(el: HtmlElement) -> set[str]:
    return {a.get(NODE_ID_ATTR) for a in el.iter("a") if normalize(a.text_content())}


def _landmark_links(el: HtmlElement) -> int:
    """Links of the largest header, nav or footer that is or holds `el` (0 when none)."""
    most = 0
    for node in (el, *el.iterancestors()):
        role = (node.get("role") or "").strip()
        if node.tag in CHROME_LANDMARK_TAGS or role in CHROME_LANDMARK_ROLES:
            most = max(most, len(links_under(node)))
    return most


def _carries(href: str, page_url: str) -> bool:
    bare = page_url.split("://", 1)[-1].rstrip("/")
    return bool(bare) and (bare in href or bare in unquote(href))


def chrome_reason(el: HtmlElement, page_url: str) -> str | None:
    """Why a flagged element is site chrome by the measure above, or None."""
    links = [a for a in el.iter("a") if normalize(a.text_content())]
    if not links:
        return None
    longest: dict[str, int] = {}
    for a in links:
        target = (a.get("href") or "").strip() or str(id(a))
        longest[target] = max(longest.get(target, 0), len(tokens(a.text_content())))
    short = sum(n for n in longest.values() if n < CHROME_SHORT_LINK_WORDS)
    if short > sum(longest.values()) / 2:
        return f"most link text in links under {CHROME_SHORT_LINK_WORDS} words"
    landmark = _landmark_links(el)
    if landmark > CHROME_LANDMARK_LINKS:
        return f"in a header, nav or footer with {landmark} links"
    sharing = sum(_carries(a.get("href") or "", page_url) for a in links)
    if sharing > len(links) / 2:
        return "share buttons"
    return None


def _matching(spam: list[dict], used: set[int], near: set, texts: list[str]) -> int | None:
    """The first annotation not yet used, on or near the occurrence's element, whose quote
    matches one of the occurrence's texts."""
    return next(
        (
            k
            for k, ann in enumerate(spam)
            if k not in used
            and str(ann.get("node")) in near
            and any(token_jaccard(t, ann.get("quote", "")) >= SPAM_MIN_JACCARD for t in texts)
        ),
        None,
    )


def _ancestors(el: HtmlElement, reach: int) -> list[HtmlElement]:
    found = []
    while el is not None and len(found) < reach:
        found.append(el)
        el = el.getparent()
    return found


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class PageFigures:
    """One page's reader F1, Winnow's and readability-lxml's alone, to find the worst pages."""

    name: str
    variant: str
    reader_f1: float
    readability_f1: float | None = None
    reader_empty: bool = False
    trap_in_reader: int | None = None
    """For a trap page: how often the trap's text is in Winnow's reader text..."""
    trap_expected: int | None = None
    """...and how often it should be: in the true article, and in readability-lxml's text
    when that was run (what extraction alone keeps is no cut of Winnow's)."""

    @property
    def trap_words_lost(self) -> int:
        if self.trap_in_reader is None or self.trap_expected is None:
            return 0
        return max(0, self.trap_expected - self.trap_in_reader)

    @property
    def below_readability(self) -> float:
        return (self.readability_f1 or 0.0) - self.reader_f1 if self.readability_f1 else 0.0


@dataclass
class Scoreboard:
    """Accumulates every figure over the cases it is given."""

    reader: dict[str, list] = field(default_factory=dict)
    baseline_reader: dict[str, list] = field(default_factory=dict)
    other_readers: dict[str, dict[str, list]] = field(default_factory=dict)
    title: dict[str, list[int]] = field(default_factory=dict)
    spam_where: dict[str, list[int]] = field(default_factory=dict)
    spam_form: dict[str, list[int]] = field(default_factory=dict)
    spam_case_form: dict[str, list[int]] = field(default_factory=dict)
    trap_alarms: dict[str, list[int]] = field(default_factory=dict)
    block_form: dict[str, list[int]] = field(default_factory=dict)
    """Per form and per place ("where") of the true unrelated blocks: [found, total]."""
    related_form: dict[str, list[int]] = field(default_factory=dict)
    """Per form of the true on-topic blocks: [flagged unrelated, total]."""
    hidden_form: dict[str, list[int]] = field(default_factory=dict)
    """Per technique and per way it reached the element ("via"): [found, total]."""
    chrome_pages: Counter = field(default_factory=Counter)
    """Per variant, pages with an unrelated_links annotation on site chrome."""
    pages: list[PageFigures] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    latency_ms: list[float] = field(default_factory=list)
    baseline_latency_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, truth: dict, tree: HtmlElement, result: dict, name: str = "") -> None:
        variant = truth["variant"]
        reader = result.get("reader") or {}
        text, title = reader.get("text") or "", reader.get("title") or ""
        self.reader.setdefault(variant, []).append(precision_recall(text, truth["article_text"]))
        self.pages.append(
            PageFigures(
                name,
                variant,
                page_f1(text, truth["article_text"]),
                reader_empty=not text.strip() and bool(truth["article_text"].strip()),
            )
        )
        annotations = result.get("annotations") or []
        by_kind: dict[str, list[dict]] = {}
        for ann in annotations:
            by_kind.setdefault(ann.get("kind"), []).append(ann)
        spam = by_kind.get("injected_spam", [])
        if variant == "trap":
            self._add_trap(truth, text, spam)
        elif variant in SPAM_FREE_VARIANTS:
            self.counts["clean_pages"] += 1
            self.counts["clean_alarm_pages"] += bool(spam)
            self.counts["clean_alarms"] += len(spam)
        else:
            self._add_title(variant, truth, title)
            self._add_leaks(truth, text, title)
            self._add_spam(truth, tree, spam)
        self._add_blocks(truth, tree, by_kind.get("unrelated_links", []))
        self._add_summaries(truth, text)
        self._add_hidden(truth, tree, by_kind.get("hidden_links", []))

    def add_baseline(self, truth: dict, text: str) -> None:
        """readability-lxml's text for the page last given to `add`."""
        self.baseline_reader.setdefault(truth["variant"], []).append(
            precision_recall(text, truth["article_text"])
        )
        page = self.pages[-1]
        page.readability_f1 = page_f1(text, truth["article_text"])
        if page.trap_expected is not None:
            page.trap_expected = min(page.trap_expected, phrase_count(text, truth["trap"]["text"]))

    def add_other(self, name: str, truth: dict, text: str) -> None:
        """Another extractor's text (trafilatura's) for the page last given to `add`."""
        self.other_readers.setdefault(name, {}).setdefault(truth["variant"], []).append(
            precision_recall(text, truth["article_text"])
        )

    def _add_trap(self, truth: dict, text: str, spam: list[dict]) -> None:
        trap = truth["trap"]
        alarms = self.trap_alarms.setdefault(trap["kind"], [0, 0])
        alarms[0] += bool(spam)
        alarms[1] += 1
        self.counts["trap_pages"] += 1
        self.counts["trap_alarm_pages"] += bool(spam)
        page = self.pages[-1]
        page.trap_expected = min(
            trap["occurrences_in_article"], phrase_count(truth["article_text"], trap["text"])
        )
        page.trap_in_reader = phrase_count(text, trap["text"])

    def worst_pages(self, below: float = PAGE_F1_SHOWN_BELOW) -> list[PageFigures]:
        """Pages whose reader is empty, or whose F1 is more than `below` under readability's."""
        shown = [p for p in self.pages if p.reader_empty or p.below_readability > below]
        return sorted(shown, key=lambda p: -p.below_readability)

    def page_problems(self, max_below: float, known: dict[str, str]) -> list[str]:
        """Every empty reader where the truth has text, every page more than `max_below` under
        readability-lxml alone except the `known` ones (name: why), and every known one that no
        longer is."""
        if self.pages and all(p.readability_f1 is None for p in self.pages):
            return ["per-page rules need readability-lxml's figures: evaluate with compare"]
        problems = []
        for page in self.pages:
            if page.reader_empty:
                problems.append(f"{page.name}: empty reader view{_alone(page)}")
            elif page.below_readability > max_below and page.name not in known:
                problems.append(
                    f"{page.name}: reader F1 {page.reader_f1:.3f}, "
                    f"{page.below_readability:.3f} below{_alone(page)}"
                )
        listed = {p.name: p for p in self.pages}
        for name, why in known.items():
            page = listed.get(name)
            if page is not None and page.below_readability <= max_below:
                problems.append(
                    f"{name}: no longer more than {max_below} below readability-lxml "
                    f"({why}); take it off the known list"
                )
        return problems

    def _add_title(self, variant: str, truth: dict, title: str) -> None:
        if truth.get("title"):
            hits = self.title.setdefault(variant, [0, 0])
            hits[0] += same_title(title, truth["title"])
            hits[1] += 1

    def _add_leaks(self, truth: dict, text: str, title: str) -> None:
        phrases = {s["text"] for s in truth["spam"]}
        in_body = [s for s in truth["spam"] if s["where"] in SPAM_ROLES_IN_BODY]
        in_title = any(s["where"] in SPAM_ROLES_IN_TITLE for s in truth["spam"])
        self.counts["leak_expected"] += len(in_body) + in_title
        body_text = normalize(text)
        leaked_body = sum(
            min(body_text.count(normalize(p)), sum(1 for s in in_body if s["text"] == p))
            for p in phrases
        )
        leaked_title = in_title and any(normalize(p) in normalize(title) for p in phrases)
        self.counts["leaked"] += leaked_body + bool(leaked_title)
        self.counts["leak_pages"] += bool(leaked_body or leaked_title)
        self.counts["spam_pages"] += 1

    def _add_spam(self, truth: dict, tree: HtmlElement, spam: list[dict]) -> None:
        used: set[int] = set()
        used_as_inserted: set[int] = set()
        for occurrence in truth["spam"]:
            found = tree.xpath(occurrence["xpath"])
            if not found:
                continue
            el = found[0]
            near = {e.get(NODE_ID_ATTR) for e in _ancestors(el, SPAM_ANCESTOR_REACH)}
            near |= {e.get(NODE_ID_ATTR) for e in el.iter() if isinstance(e.tag, str)}
            hit = _matching(spam, used, near, [occurrence["text"]])
            tallies = [self.spam_where.setdefault(occurrence["where"], [0, 0])]
            if "form" in occurrence:
                tallies.append(self.spam_form.setdefault(occurrence["form"], [0, 0]))
            tallies += [self.spam_case_form.setdefault(f, [0, 0]) for f in truth.get("forms", ())]
            self.counts["spam_total"] += 1
            for tally in tallies:
                tally[1] += 1
            if hit is not None:
                used.add(hit)
                self.counts["spam_hit"] += 1
                for tally in tallies:
                    tally[0] += 1
            texts = [occurrence["text"]]
            if "inserted" in occurrence:
                texts.append(occurrence["inserted"])
                self.counts["spam_with_inserted"] += 1
            hit_as_inserted = _matching(spam, used_as_inserted, near, texts)
            if hit_as_inserted is not None:
                used_as_inserted.add(hit_as_inserted)
                self.counts["spam_hit_as_inserted"] += 1
        self.counts["spam_annotations"] += len(spam)
        self.counts["spam_annotations_right"] += len(used)
        self.counts["spam_annotations_right_as_inserted"] += len(used_as_inserted)

    def _true_blocks(self, truth: dict, tree: HtmlElement, key: str) -> list[tuple[dict, set]]:
        blocks = []
        for block in truth[key]:
            found = tree.xpath(block["xpath"])
            blocks.append((block, links_under(found[0]) if found else set()))
        return blocks

    def _add_blocks(self, truth: dict, tree: HtmlElement, flagged: list[dict]) -> None:
        by_id = {el.get(NODE_ID_ATTR): el for el in tree.iter() if isinstance(el.tag, str)}
        blocks = self._true_blocks(truth, tree, "link_blocks")
        for block, _ in blocks:
            self.counts["block_total" if block["relation"] == "unrelated" else "related_total"] += 1
        hit: set[int] = set()
        wrong: set[int] = set()
        chrome = 0
        article = shingles(truth["article_text"])
        for ann in flagged:
            el = by_id.get(str(ann.get("node")))
            if el is None:
                self.counts["block_wrong"] += 1
                continue
            mine = links_under(el)
            match = next(
                (
                    i
                    for i, (_, theirs) in enumerate(blocks)
                    if _jaccard(mine, theirs) >= BLOCK_MIN_JACCARD
                ),
                None,
            )
            if match is not None and blocks[match][0]["relation"] == "unrelated":
                if match not in hit:
                    hit.add(match)
                    self.counts["block_hit"] += 1
            elif match is not None:
                wrong.add(match)
                self.counts["block_wrong"] += 1
                self.counts["related_flagged"] += 1
            else:
                own = shingles(el.text_content())
                common = sum((own & article).values())
                if common >= ARTICLE_MIN_SHINGLES and common >= ARTICLE_MIN_SHARE * sum(
                    own.values()
                ):
                    self.counts["block_wrong"] += 1
                    self.counts["article_flagged"] += 1
                elif chrome_reason(el, truth.get("url") or ""):
                    chrome += 1
                else:
                    self.counts["block_unknown"] += 1
        self.counts["chrome_flagged"] += chrome
        self.chrome_pages[truth["variant"]] += bool(chrome)
        for i, (block, _) in enumerate(blocks):
            if block["relation"] == "unrelated":
                for key in (f"form {block.get('form')}", f"where {block.get('where')}"):
                    if key.split(" ", 1)[1] != "None":
                        tally = self.block_form.setdefault(key, [0, 0])
                        tally[0] += i in hit
                        tally[1] += 1
            elif block.get("form"):
                tally = self.related_form.setdefault(block["form"], [0, 0])
                tally[0] += i in wrong
                tally[1] += 1

    def _add_summaries(self, truth: dict, text: str) -> None:
        """Card summaries that reached the reader view (they never should)."""
        reader = normalize(text)
        for block in truth["link_blocks"]:
            for summary in block.get("summaries", ()):
                probe = " ".join(normalize(summary).split()[:SUMMARY_PROBE_WORDS])
                self.counts["summary_total"] += 1
                self.counts["summary_leaked"] += bool(probe) and probe in reader

    def _add_hidden(self, truth: dict, tree: HtmlElement, flagged: list[dict]) -> None:
        by_id = {el.get(NODE_ID_ATTR): el for el in tree.iter() if isinstance(el.tag, str)}
        flagged_links = [
            links_under(by_id[str(a.get("node"))]) for a in flagged if str(a.get("node")) in by_id
        ]
        true_blocks = self._true_blocks(truth, tree, "hidden_links")
        for block, theirs in true_blocks:
            self.counts["hidden_total"] += 1
            found = any(_jaccard(mine, theirs) >= BLOCK_MIN_JACCARD for mine in flagged_links)
            self.counts["hidden_hit"] += found
            for key in (f"form {block.get('form')}", f"via {block.get('via')}"):
                if key.split(" ", 1)[1] != "None":
                    tally = self.hidden_form.setdefault(key, [0, 0])
                    tally[0] += found
                    tally[1] += 1
        unmatched = [
            mine
            for mine in flagged_links
            if not any(_jaccard(mine, theirs) >= BLOCK_MIN_JACCARD for _, theirs in true_blocks)
        ]
        self.counts["hidden_flagged"] += len(flagged_links)
        self.counts["hidden_unmatched"] += len(unmatched)
        self.counts["hidden_unmatched_pages"] += bool(unmatched)

    def figures(self) -> dict:
        c = self.counts
        figures: dict = {}
        for variant, pairs in sorted(self.reader.items()):
            figures[f"reader_f1_{variant}"] = round(corpus_f1(pairs), 4)
        for variant, pairs in sorted(self.baseline_reader.items()):
            figures[f"readability_f1_{variant}"] = round(corpus_f1(pairs), 4)
        for name, by_variant in sorted(self.other_readers.items()):
            for variant, pairs in sorted(by_variant.items()):
                figures[f"{name}_f1_{variant}"] = round(corpus_f1(pairs), 4)
        for variant, (ok, total) in sorted(self.title.items()):
            figures[f"title_exact_{variant}"] = _round(ratio(ok, total))
        figures["spam_recall"] = _round(ratio(c["spam_hit"], c["spam_total"]))
        if c["spam_with_inserted"]:
            # A truth that names the brand but also says what was inserted (", according to
            # X"): an annotation quoting the whole insertion found it too.
            figures["spam_recall_counting_inserted"] = _round(
                ratio(c["spam_hit_as_inserted"], c["spam_total"])
            )
        figures["spam_precision"] = _round(
            ratio(c["spam_annotations_right"], c["spam_annotations"])
        )
        if c["spam_with_inserted"]:
            figures["spam_precision_counting_inserted"] = _round(
                ratio(c["spam_annotations_right_as_inserted"], c["spam_annotations"])
            )
        for where, (ok, total) in sorted(self.spam_where.items()):
            figures[f"spam_recall_{where.replace(' ', '_')}"] = _round(ratio(ok, total))
        for form, (ok, total) in sorted(self.spam_form.items()):
            figures[f"spam_recall_form_{_key(form)}"] = _round(ratio(ok, total))
        for form, (ok, total) in sorted(self.spam_case_form.items()):
            figures[f"spam_recall_page_{_key(form)}"] = _round(ratio(ok, total))
        figures["spam_leak_rate"] = _round(ratio(c["leaked"], c["leak_expected"]))
        figures["spam_leak_pages"] = c["leak_pages"]
        figures["spam_pages"] = c["spam_pages"]
        figures["clean_false_alarm_pages"] = c["clean_alarm_pages"]
        figures["clean_pages"] = c["clean_pages"]
        if c["trap_pages"]:
            figures["trap_pages"] = c["trap_pages"]
            figures["trap_alarm_pages"] = c["trap_alarm_pages"]
            figures["trap_alarm_rate"] = _round(ratio(c["trap_alarm_pages"], c["trap_pages"]))
            figures["trap_words_lost"] = sum(p.trap_words_lost for p in self.pages)
            for kind, (alarmed, total) in sorted(self.trap_alarms.items()):
                figures[f"trap_alarm_rate_{_key(kind)}"] = _round(ratio(alarmed, total))
        figures["reader_empty_pages"] = sum(p.reader_empty for p in self.pages)
        if any(p.readability_f1 is not None for p in self.pages):
            figures["reader_worst_below_readability"] = round(
                max(p.below_readability for p in self.pages), 4
            )
        figures["block_recall"] = _round(ratio(c["block_hit"], c["block_total"]))
        figures["block_precision"] = _round(
            ratio(c["block_hit"], c["block_hit"] + c["block_wrong"])
        )
        figures["related_flagged"] = c["related_flagged"]
        figures["related_blocks"] = c["related_total"]
        figures["related_flagged_rate"] = _round(ratio(c["related_flagged"], c["related_total"]))
        figures["article_flagged"] = c["article_flagged"]
        figures["block_unknown"] = c["block_unknown"]
        figures["chrome_flagged"] = c["chrome_flagged"]
        figures["chrome_flagged_pages"] = sum(self.chrome_pages.values())
        for variant, pages in sorted(self.chrome_pages.items()):
            figures[f"chrome_flagged_pages_{_key(variant)}"] = pages
        for key, (ok, total) in sorted(self.block_form.items()):
            figures[f"block_recall_{_key(key)}"] = _round(ratio(ok, total))
        if "form card grid" in self.block_form:
            figures["card_grid_recall"] = figures["block_recall_form_card_grid"]
        for form, (flagged, total) in sorted(self.related_form.items()):
            figures[f"related_flagged_rate_form_{_key(form)}"] = _round(ratio(flagged, total))
        if c["summary_total"]:
            figures["card_summary_leak_rate"] = _round(
                ratio(c["summary_leaked"], c["summary_total"])
            )
        figures["hidden_recall"] = _round(ratio(c["hidden_hit"], c["hidden_total"]))
        for key, (ok, total) in sorted(self.hidden_form.items()):
            figures[f"hidden_recall_{_key(key)}"] = _round(ratio(ok, total))
        figures["hidden_unmatched"] = c["hidden_unmatched"]
        figures["hidden_unmatched_pages"] = c["hidden_unmatched_pages"]
        if self.latency_ms:
            figures["latency_ms_median"] = round(statistics.median(self.latency_ms), 2)
            figures["latency_ms_p95"] = round(_percentile(self.latency_ms, 0.95), 2)
        if self.baseline_latency_ms:
            figures["readability_ms_median"] = round(statistics.median(self.baseline_latency_ms), 2)
            figures["readability_ms_p95"] = round(_percentile(self.baseline_latency_ms, 0.95), 2)
            figures["latency_ratio_median"] = round(
                figures["latency_ms_median"] / figures["readability_ms_median"], 3
            )
            figures["latency_s_total"] = round(sum(self.latency_ms) / 1000, 2)
            figures["readability_s_total"] = round(sum(self.baseline_latency_ms) / 1000, 2)
            figures["latency_ratio_total"] = round(
                sum(self.latency_ms) / sum(self.baseline_latency_ms), 3
            )
        figures["errors"] = len(self.errors)
        return figures


def _alone(page: PageFigures) -> str:
    return f" readability-lxml alone (F1 {page.readability_f1:.3f})" if page.readability_f1 else ""


def _key(name: str) -> str:
    return re.sub(r"\W+", "_", name).strip("_")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]
