"""Where the analysis spends its time, stage by stage, beside readability-lxml alone.

    python -m bench.profile                      # dev corpus, fastest of 3 rounds per page
    python -m bench.profile --data sim --rounds 5

Each page is analyzed stage by stage (parse, each detector, the reader view) in one process,
and readability-lxml's own `Document(html).summary()` is timed on the same page in the same
run. The table gives each stage's share of Winnow's time and its median per page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from readability import Document

from winnow.page import Page, PageError
from winnow.pipeline import DETECTORS
from winnow.reader import build_reader
from winnow.rules import NO_RULES

from .corpus import stamp
from .evaluate import DATA, load

PROGRESS_EVERY = 50
T = TypeVar("T")


def _timed(timings: dict[str, float], stage: str, run: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = run()
    elapsed = (time.perf_counter() - started) * 1000
    timings[stage] = min(timings.get(stage, float("inf")), elapsed)
    return result


def profile_page(html: str, url: str, rounds: int) -> dict[str, float]:
    """Milliseconds per stage for one page, each the fastest of `rounds` runs of the pipeline
    (a fact that several stages share is charged to the first that asks for it)."""
    timings: dict[str, float] = {}
    for _ in range(rounds):
        page = _timed(timings, "parse", lambda: Page.from_html(html, url))
        findings = []
        for detector in DETECTORS:
            stage = detector.__module__.rsplit(".", 1)[-1]
            findings += _timed(timings, stage, lambda d=detector, p=page: d(p, NO_RULES))
        _timed(timings, "reader", lambda p=page, f=findings: build_reader(p, f))
        _timed(timings, "readability-lxml alone", lambda: Document(html).summary())
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", choices=DATA, default="corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)
    cases = load(args.data)[: args.limit]
    per_stage: dict[str, list[float]] = defaultdict(list)
    for done, case in enumerate(cases, start=1):
        _, html = stamp(case.raw_html)
        try:
            for stage, ms in profile_page(html, case.url, args.rounds).items():
                per_stage[stage].append(max(ms, 0.0))
        except PageError:
            continue
        if done % PROGRESS_EVERY == 0 or done == len(cases):
            print(f"  {done}/{len(cases)} pages", file=sys.stderr, flush=True)
    baseline = per_stage.pop("readability-lxml alone")
    total = sum(sum(v) for v in per_stage.values())
    print(f"Winnow's time by stage ({len(baseline)} pages, fastest of {args.rounds} rounds)")
    print(f"  {'stage':<24} {'share':>7} {'median ms':>10} {'total s':>8}")
    for stage, values in sorted(per_stage.items(), key=lambda item: -sum(item[1])):
        share = sum(values) / total if total else 0.0
        print(
            f"  {stage:<24} {share:>7.1%} {statistics.median(values):>10.2f} "
            f"{sum(values) / 1000:>8.2f}"
        )
    print(
        f"  {'all stages':<24} {'':>7} "
        f"{statistics.median([sum(v) for v in zip(*per_stage.values(), strict=True)]):>10.2f} "
        f"{total / 1000:>8.2f}"
    )
    print(
        f"  {'readability-lxml alone':<24} {'':>7} {statistics.median(baseline):>10.2f} "
        f"{sum(baseline) / 1000:>8.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
