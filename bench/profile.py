"""Where the analysis spends its time, stage by stage, beside readability-lxml alone.

    python -m bench.profile                      # dev corpus, fastest of 3 rounds per page
    python -m bench.profile --data sim --rounds 5

Each page is analyzed stage by stage (parse, each detector, the reader view) in one process,
and readability-lxml's own `Document(html).summary()` is timed on the same page in the same
run. The reader view is split into its parts (copying the page, readability's own steps on
that copy, trimming, lxml cleaning, bleach, metadata); each part is charged only its own time,
not that of the parts it calls. The table gives each stage's share of Winnow's time and its
median per page.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from readability import Document

import winnow.reader
from winnow.page import Page, PageError
from winnow.pipeline import DETECTORS
from winnow.reader import build_reader, extract, metadata
from winnow.site_rules import NO_RULES

from .corpus import stamp
from .evaluate import DATA, load

PROGRESS_EVERY = 50
T = TypeVar("T")
READER = "reader"
READER_REST = "reader: the rest"
BASELINE = "readability-lxml alone"
# The reader's parts: (stage, the object whose attribute is timed, the attribute).
READER_PARTS: tuple[tuple[str, Any, str], ...] = (
    ("reader: copy for readability", winnow.reader, "_copy_with_removals"),
    ("reader: readability prep", extract._TreeDocument, "_parse"),
    ("reader: readability unlikely", extract._TreeDocument, "remove_unlikely_candidates"),
    ("reader: readability divs", extract._TreeDocument, "transform_misused_divs_into_paragraphs"),
    ("reader: readability scoring", extract._TreeDocument, "score_paragraphs"),
    ("reader: readability sanitize", extract._TreeDocument, "sanitize"),
    ("reader: readability other", winnow.reader, "extract_article"),
    ("reader: anchoring", winnow.reader, "_anchored"),
    ("reader: trimming", winnow.reader, "_trim"),
    ("reader: lxml cleaning", winnow.reader, "clean_tree"),
    ("reader: bleach", winnow.reader, "sanitize_html"),
    ("reader: text", winnow.reader, "article_text"),
    *(
        ("reader: metadata", metadata, name)
        for name in ("clean_title", "byline", "published", "site_name", "lead_image", "excerpt")
    ),
)


class StageClock:
    """Milliseconds per stage, each stage charged only its own time: a stage timed inside
    another is taken off the outer one."""

    def __init__(self, now: Callable[[], float] = time.perf_counter) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._now = now
        self._inner: list[float] = []

    def time(self, stage: str, run: Callable[[], T]) -> T:
        started = self._now()
        self._inner.append(0.0)
        try:
            return run()
        finally:
            elapsed = (self._now() - started) * 1000
            inner = self._inner.pop()
            self.spent[stage] += elapsed - inner
            if self._inner:
                self._inner[-1] += elapsed

    def wrap(self, stage: str, function: Callable[..., T]) -> Callable[..., T]:
        def timed(*args: Any, **kwargs: Any) -> T:
            return self.time(stage, lambda: function(*args, **kwargs))

        return timed


@contextlib.contextmanager
def reader_parts_timed(clock: StageClock) -> Iterator[None]:
    """Within the block, each of READER_PARTS charges its time to its own stage."""
    saved = [(owner, name, owner.__dict__.get(name)) for _, owner, name in READER_PARTS]
    for stage, owner, name in READER_PARTS:
        setattr(owner, name, clock.wrap(stage, getattr(owner, name)))
    try:
        yield
    finally:
        for owner, name, original in saved:
            if original is None:
                delattr(owner, name)
            else:
                setattr(owner, name, original)


def profile_page(html: str, url: str, rounds: int) -> dict[str, float]:
    """Milliseconds per stage for one page, each the fastest of `rounds` runs of the pipeline
    (a fact that several stages share is charged to the first that asks for it)."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        clock = StageClock()
        page = clock.time("parse", lambda: Page.from_html(html, url))
        findings = []
        for detector in DETECTORS:
            stage = detector.__module__.rsplit(".", 1)[-1]
            findings += clock.time(stage, lambda d=detector, p=page: d(p, NO_RULES))
        with reader_parts_timed(clock):
            clock.time(READER_REST, lambda p=page, f=findings: build_reader(p, f))
        clock.time(BASELINE, lambda: Document(html).summary())
        for stage, ms in clock.spent.items():
            best[stage] = min(best.get(stage, float("inf")), ms)
    return best


def render(per_stage: dict[str, list[float]], rounds: int) -> str:
    baseline = per_stage.pop(BASELINE)
    total = sum(sum(v) for v in per_stage.values())
    lines = [
        f"Winnow's time by stage ({len(baseline)} pages, fastest of {rounds} rounds)",
        f"  {'stage':<34} {'share':>7} {'median ms':>10} {'total s':>8}",
    ]
    for stage, values in sorted(per_stage.items(), key=lambda item: -sum(item[1])):
        share = sum(values) / total if total else 0.0
        lines.append(
            f"  {stage:<34} {share:>7.1%} {statistics.median(values):>10.2f} "
            f"{sum(values) / 1000:>8.2f}"
        )
    reader_total = [
        sum(values)
        for values in zip(*(v for s, v in per_stage.items() if s.startswith(READER)), strict=True)
    ]
    for name, values in (
        ("reader, all parts", reader_total),
        ("all stages", [sum(v) for v in zip(*per_stage.values(), strict=True)]),
        (BASELINE, baseline),
    ):
        lines.append(
            f"  {name:<34} {'':>7} {statistics.median(values):>10.2f} {sum(values) / 1000:>8.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", choices=DATA, default="corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)
    cases = load(args.data)[: args.limit]
    per_stage: dict[str, list[float]] = defaultdict(list)
    profiled = 0
    for done, case in enumerate(cases, start=1):
        _, html = stamp(case.raw_html)
        try:
            timings = profile_page(html, case.url, args.rounds)
        except PageError:
            continue
        for stage in set(per_stage) | set(timings):
            # A stage a page never reached took no time on it.
            per_stage[stage].extend([0.0] * (profiled - len(per_stage[stage])))
            per_stage[stage].append(max(timings.get(stage, 0.0), 0.0))
        profiled += 1
        if done % PROGRESS_EVERY == 0 or done == len(cases):
            print(f"  {done}/{len(cases)} pages", file=sys.stderr, flush=True)
    print(render(per_stage, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
