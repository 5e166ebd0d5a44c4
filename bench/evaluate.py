"""Evaluate Winnow on the spam corpus and the article-extraction benchmark.

    python -m bench.evaluate                      # whole dev corpus
    python -m bench.evaluate --split held-out     # only the held-out quarter
    python -m bench.evaluate --data extraction    # the 111 benchmark pages
    python -m bench.evaluate --data sim --base story   # simulated pages on the money stories
    python -m bench.evaluate --check              # exit 1 if a figure misses bench/baseline.json

Every page is stamped with data-winnow-id as the extension would send it, analyzed in-process
by the same pipeline the server runs, and timed side by side with readability-lxml alone on the
same HTML in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from readability import Document

from winnow import pipeline
from winnow.page import PageError
from winnow.reader.text import article_text

from .corpus import CORPUS_DIR, Case, load_cases, load_extraction_pages, stamp
from .scoring import PAGE_F1_SHOWN_BELOW, Scoreboard
from .sim.base import BENCHMARK_KIND, STORY_KIND
from .sim.stories import STORIES_FILE
from .simulate import DEFAULT_SEED, STORIES_HELP, simulate

BASELINE_FILE = Path(__file__).parent / "baseline.json"
PROGRESS_EVERY = 25
SPLITS = ("all", "tuning", "held-out")
DATA = ("corpus", "extraction", "sim")

GROUPS = (
    ("Reader view", ("reader_", "readability_f1_", "trafilatura_f1_", "title_exact_")),
    ("Injected spam", ("spam_", "clean_", "trap_")),
    ("Link blocks", ("block_", "related_", "article_flagged", "chrome_", "card_")),
    ("Hidden links", ("hidden_",)),
    ("Latency (ms per page; totals in s)", ("latency_", "readability_ms", "readability_s_")),
    ("Run", ("errors",)),
)


def readability_alone(html: str, url: str) -> tuple[str, float]:
    import lxml.html

    started = time.perf_counter()
    summary = Document(html, url=url).summary(html_partial=True)
    elapsed = (time.perf_counter() - started) * 1000
    return article_text(lxml.html.fragment_fromstring(summary, create_parent="div")), elapsed


def trafilatura_alone(html: str, url: str) -> str:
    """trafilatura's text with its defaults (needs the bench extra: pip install -e '.[bench]')."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def full_analysis(html: str, url: str) -> tuple[dict, float]:
    started = time.perf_counter()
    result = pipeline.analyze(html, url)
    return result, (time.perf_counter() - started) * 1000


def evaluate(
    cases: Iterable[Case],
    repeat: int = 1,
    progress: bool = True,
    compare: bool = True,
    trafilatura: bool = False,
) -> Scoreboard:
    """Score every case; with `compare`, also run and time readability-lxml alone on it; with
    `trafilatura`, also score trafilatura's text."""
    board = Scoreboard()
    cases = list(cases)
    started = time.perf_counter()
    for done, case in enumerate(cases, start=1):
        tree, html = stamp(case.raw_html)
        timings, baseline_timings = [], []
        result: dict = {"reader": {}, "annotations": []}
        baseline_text = ""
        for _ in range(repeat):
            if compare:
                baseline_text, ms = readability_alone(html, case.url)
                baseline_timings.append(ms)
            try:
                result, ms = full_analysis(html, case.url)
            except PageError as exc:
                board.errors.append(f"{case.name}: {exc}")
                ms = 0.0
            timings.append(ms)
        board.latency_ms.append(min(timings))
        board.add(case.truth, tree, result, case.name)
        if compare:
            board.baseline_latency_ms.append(min(baseline_timings))
            board.add_baseline(case.truth, baseline_text)
        if trafilatura:
            board.add_other("trafilatura", case.truth, trafilatura_alone(case.raw_html, case.url))
        if progress and (done % PROGRESS_EVERY == 0 or done == len(cases)):
            elapsed = time.perf_counter() - started
            print(f"  {done}/{len(cases)} pages, {elapsed:.1f} s", file=sys.stderr, flush=True)
    return board


def select(
    cases: Iterable[Case], split: str, variants: set[str] | None, base: str | None = None
) -> list[Case]:
    chosen = []
    for case in cases:
        if variants and case.variant not in variants:
            continue
        if base and case.truth.get("base", BENCHMARK_KIND) != base:
            continue
        if split == "held-out" and not case.held_out:
            continue
        if split == "tuning" and case.held_out:
            continue
        chosen.append(case)
    return chosen


def load(
    data: str,
    corpus: Path = CORPUS_DIR,
    seed: int = DEFAULT_SEED,
    keywords: Path | None = None,
    stories: Path = STORIES_FILE,
) -> list[Case]:
    if data == "corpus":
        return list(load_cases(corpus))
    if data == "extraction":
        return list(load_extraction_pages())
    return [
        Case(c.name, c.truth["variant"], c.truth["url"], c.truth, c.html)
        for c in simulate(seed, progress=False, keywords=keywords, stories=stories)
    ]


def render_worst(board: Scoreboard) -> str:
    worst = board.worst_pages()
    if not worst:
        return f"\nNo page's reader is empty or {PAGE_F1_SHOWN_BELOW} below readability-lxml's."
    lines = [
        f"\nPages more than {PAGE_F1_SHOWN_BELOW} below readability-lxml, or empty ({len(worst)}):"
    ]
    for page in worst:
        alone = "n/a" if page.readability_f1 is None else f"{page.readability_f1:.3f}"
        empty = "  EMPTY" if page.reader_empty else ""
        lines.append(f"  {page.name:<40} winnow {page.reader_f1:.3f}  readability {alone}{empty}")
    return "\n".join(lines)


def check(figures: dict, baseline: dict, board: Scoreboard | None = None) -> list[str]:
    """Figures below their floor or above their ceiling, and with `board`, pages that break the
    per-page rules: one line each."""
    problems = []
    for name, floor in baseline.get("floors", {}).items():
        value = figures.get(name)
        if value is None or value < floor:
            problems.append(f"{name} = {value}, below its floor {floor}")
    for name, ceiling in baseline.get("ceilings", {}).items():
        value = figures.get(name)
        if value is None or value > ceiling:
            problems.append(f"{name} = {value}, above its ceiling {ceiling}")
    pages = baseline.get("pages")
    if board is not None and pages is not None:
        problems += board.page_problems(
            pages["max_below_readability"], pages.get("known_below", {})
        )
    return problems


def render(figures: dict, title: str, baseline: dict | None = None) -> str:
    floors = (baseline or {}).get("floors", {})
    ceilings = (baseline or {}).get("ceilings", {})
    lines = [title, "=" * len(title)]
    shown: set[str] = set()
    for heading, prefixes in GROUPS:
        names = [n for n in figures if n not in shown and n.startswith(prefixes)]
        if not names:
            continue
        lines.append(f"\n{heading}")
        for name in names:
            shown.add(name)
            bound = ""
            if name in floors:
                bound = f"(floor {floors[name]})"
            elif name in ceilings:
                bound = f"(ceiling {ceilings[name]})"
            lines.append(f"  {name:<32} {_fmt(figures[name]):>10}  {bound}")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value < 100 else f"{value:.1f}"
    return "n/a" if value is None else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        choices=DATA,
        default="corpus",
        help="the dev corpus, the extraction benchmark, or the simulator's corpus (made afresh)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the simulator's seed")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS_DIR,
        help="a corpus folder in the format of bench/data/corpus-dev",
    )
    parser.add_argument(
        "--keywords",
        type=Path,
        help="with --data sim: keyword words to splice, as in bench/sim/blind_keywords.json",
    )
    parser.add_argument(
        "--stories",
        type=Path,
        default=STORIES_FILE,
        help="with --data sim: " + STORIES_HELP,
    )
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--variant", action="append", help="only these variants (repeatable)")
    parser.add_argument(
        "--base",
        choices=(BENCHMARK_KIND, STORY_KIND),
        help="with --data sim: only pages built on the benchmark's pages, or on the money stories",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each page this many times and keep the fastest"
    )
    parser.add_argument(
        "--trafilatura",
        action="store_true",
        help="also score trafilatura alone (pip install -e '.[bench]')",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with bench/baseline.json and fail on a missed floor",
    )
    args = parser.parse_args(argv)

    loaded = load(args.data, args.corpus, args.seed, args.keywords, args.stories)
    cases = select(loaded, args.split, set(args.variant or ()), args.base)
    print(f"Evaluating {len(cases)} pages ({args.data}, split {args.split})", file=sys.stderr)
    board = evaluate(cases, repeat=args.repeat, trafilatura=args.trafilatura)
    figures = board.figures()
    figures["pages"] = len(cases)
    baseline = json.loads(BASELINE_FILE.read_text())[args.data] if args.check else None
    print(render(figures, f"Winnow on {args.data} ({args.split}, {len(cases)} pages)", baseline))
    print(render_worst(board))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    if baseline is not None:
        problems = check(figures, baseline, board)
        print(
            "\nBaseline: "
            + (
                "every figure and every page within its bounds"
                if not problems
                else "MISSED\n  " + "\n  ".join(problems)
            )
        )
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
