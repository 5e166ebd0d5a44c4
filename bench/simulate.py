"""A spam-farm simulator: the 111 extraction-benchmark pages and the clean stories about money of
bench/sim/stories.py, spliced, re-published and trapped in every form of ../shared/corpus/FORMS.md,
written as a corpus that bench/evaluate.py scores. The "blocks" variant keeps each clean page (its
chrome included) and adds story lists, card grids, an on-topic block and links hidden in every
technique (bench/sim/blocks.py, hiding.py).

    python -m bench.simulate                         # bench/out/sim, both parts
    python -m bench.simulate --out DIR --seed 7      # another draw of brands, forms and places
    python -m bench.simulate --keywords bench/sim/blind_keywords.json   # other keyword words

Pages whose benchmark id (or story digest) starts with 0-3 make the held-out part; the rest the
tuning part. Each part draws its brands, keywords, kickers, sections, frames and farm templates
from a word pool of its own (bench/sim/vocab.py), so the held-out part checks what tuning never
saw. The same seed always writes the same corpus.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .corpus import HELD_OUT_PREFIXES, load_extraction_pages
from .sim.base import BasePage
from .sim.blocks import Pools, Story, blocks_page, summary_of
from .sim.edit import Edits, write_case
from .sim.farm import farm_page
from .sim.forms import PLANS, Target, splice_page
from .sim.hiding import TECHNIQUES
from .sim.stories import PROBE_STORIES, STORIES_FILE, load_stories, story_page
from .sim.traps import TRAPS, trap_page
from .sim.vocab import BLOCK_POOLS, HELD_OUT, POOLS, TUNING, Pool, with_keywords

DEFAULT_OUT = Path(__file__).parent / "out" / "sim"
DEFAULT_SEED = 1
SPLICED_PER_PAGE = 2
TRAPS_PER_PAGE = 2
PROGRESS_EVERY = 20
# Tries per case before a page is skipped for it (a plan may need paragraphs a page lacks).
ATTEMPTS = 5
# "blocks" cases per page, and hidden blocks per case (techniques taken in turn, so that each
# part has every technique about equally often).
BLOCK_CASES_PER_PAGE = 3
HIDDEN_PER_CASE = 2


@dataclass
class SimCase:
    name: str
    html: str
    truth: dict


def part_of(source: str) -> str:
    return HELD_OUT if source[:1] in HELD_OUT_PREFIXES else TUNING


def _truth(base: BasePage, target: Target, variant: str, part: str, tags: list[str]) -> dict:
    return {
        "url": base.url,
        "variant": variant,
        "source": base.source,
        "base": base.kind,
        "part": part,
        "forms": tags,
        "title": base.true_title,
        "article_text": target.article_text,
    }


def _case(name: str, target: Target, edits: Edits, truth: dict) -> SimCase | None:
    written = write_case(target.tree, edits)
    if written is None:
        return None
    html, lists = written
    return SimCase(name, html, {**truth, **lists})


def cases_for(
    base: BasePage, seed: int, stories: list[str], index: int, pools: dict[str, Pool] = POOLS
) -> Iterator[SimCase]:
    part = part_of(base.source)
    pool = pools[part]
    short = base.source[:12]
    for k in range(SPLICED_PER_PAGE):
        rng = random.Random(f"{seed}:{base.source}:spliced:{k}")
        for _ in range(ATTEMPTS):
            spliced = splice_page(rng, base, pool, rng.choice(PLANS))
            if spliced is None:
                continue
            truth = _truth(base, spliced.target, "spliced", part, spliced.tags)
            case = _case(f"{short}-spliced-{k}", spliced.target, spliced.edits, truth)
            if case is not None:
                yield case
                break
    rng = random.Random(f"{seed}:{base.source}:farm")
    farmed = farm_page(rng, base, pool, part, stories)
    if farmed is not None:
        target, edits, tags = farmed
        truth = _truth(base, target, "farm", part, tags)
        truth["url"] = f"https://{tags[1]}-{short}.example/news/{short}.html"
        case = _case(f"{short}-farm", target, edits, truth)
        if case is not None:
            yield case
    for k in range(TRAPS_PER_PAGE):
        kind = TRAPS[(index * TRAPS_PER_PAGE + k) % len(TRAPS)]
        rng = random.Random(f"{seed}:{base.source}:trap:{k}")
        trapped = trap_page(rng, base, pool, kind)
        if trapped is None:
            continue
        target, edits, trap = trapped
        truth = {**_truth(base, target, "trap", part, [kind]), "trap": trap}
        case = _case(f"{short}-trap-{k}", target, edits, truth)
        if case is not None:
            yield case


def block_cases(base: BasePage, seed: int, others: list[Story], index: int) -> Iterator[SimCase]:
    """The clean page with story lists, card grids, an on-topic block and hidden links."""
    part = part_of(base.source)
    pools = Pools(POOLS[part], BLOCK_POOLS[part])
    short = base.source[:12]
    for k in range(BLOCK_CASES_PER_PAGE):
        rng = random.Random(f"{seed}:{base.source}:blocks:{k}")
        first = (index * BLOCK_CASES_PER_PAGE + k) * HIDDEN_PER_CASE
        techniques = [TECHNIQUES[(first + j) % len(TECHNIQUES)] for j in range(HIDDEN_PER_CASE)]
        made = blocks_page(rng, base, pools, others, techniques)
        if made is None:
            continue
        target, edits, tags = made
        truth = _truth(base, target, "blocks", part, tags)
        case = _case(f"{short}-blocks-{k}", target, edits, truth)
        if case is not None:
            yield case


REPO = Path(__file__).parents[1]
STORIES_HELP = (
    f"the stories to lay out as base pages beside the benchmark's (default: the money stories, "
    f"{STORIES_FILE.relative_to(REPO)}); {PROBE_STORIES.relative_to(REPO)} holds stories no "
    "figure was tuned on"
)


def base_pages(stories: Path = STORIES_FILE) -> list[BasePage]:
    """The extraction benchmark's pages, then the stories (the money stories unless told
    otherwise) laid out as news pages."""
    pages = [
        BasePage(case.name, case.url, case.raw_html, case.truth["article_text"])
        for case in load_extraction_pages()
    ]
    return pages + [story_page(story) for story in load_stories(stories)]


def write(cases: list[SimCase], out: Path) -> None:
    """The corpus in the dev corpus's format; an earlier corpus in `out` is replaced."""
    shutil.rmtree(out / "cases", ignore_errors=True)
    (out / "cases").mkdir(parents=True)
    index = []
    for case in cases:
        folder = out / "cases" / case.name
        folder.mkdir(exist_ok=True)
        (folder / "page.html.gz").write_bytes(gzip.compress(case.html.encode("utf-8"), mtime=0))
        (folder / "truth.json").write_text(json.dumps(case.truth, indent=1, ensure_ascii=False))
        index.append(
            {
                "id": case.name,
                "variant": case.truth["variant"],
                "part": case.truth["part"],
                "forms": case.truth["forms"],
                "spam": len(case.truth["spam"]),
                "link_blocks": len(case.truth["link_blocks"]),
                "hidden_links": len(case.truth["hidden_links"]),
            }
        )
    (out / "index.json").write_text(json.dumps(index, indent=1))


def simulate(
    seed: int = DEFAULT_SEED,
    progress: bool = True,
    keywords: Path | None = None,
    stories: Path = STORIES_FILE,
) -> list[SimCase]:
    """The simulated corpus for `seed`; with `keywords`, a JSON file of keyword words, spliced
    keyword phrases are made of those words instead of the pools' own; `stories` are the
    stories laid out as base pages beside the benchmark's."""
    pools = with_keywords(POOLS, keywords) if keywords else POOLS
    bases = base_pages(stories)
    titles = [b.true_title for b in bases]
    summaries = {b.source: Story(b.true_title, summary_of(b.article_text)) for b in bases}
    cases: list[SimCase] = []
    started = time.perf_counter()
    for index, base in enumerate(bases):
        stories = [t for t in titles if t != base.true_title]
        cases.extend(cases_for(base, seed, stories, index, pools))
        others = [story for source, story in summaries.items() if source != base.source]
        cases.extend(block_cases(base, seed, others, index))
        done = index + 1
        if progress and (done % PROGRESS_EVERY == 0 or done == len(bases)):
            elapsed = time.perf_counter() - started
            print(
                f"  {done}/{len(bases)} base pages, {len(cases)} cases, {elapsed:.1f} s",
                file=sys.stderr,
                flush=True,
            )
    return cases


def summary(cases: list[SimCase]) -> str:
    by = Counter((c.truth["part"], c.truth["variant"]) for c in cases)
    forms = Counter(f for c in cases for f in c.truth["forms"])
    lines = [f"{len(cases)} cases"]
    lines += [f"  {part:<9} {variant:<8} {n}" for (part, variant), n in sorted(by.items())]
    lines.append("forms: " + ", ".join(f"{f} {n}" for f, n in sorted(forms.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--keywords", type=Path, help="a JSON file of keyword words to splice instead of the pools'"
    )
    parser.add_argument("--stories", type=Path, default=STORIES_FILE, help=STORIES_HELP)
    args = parser.parse_args(argv)
    cases = simulate(args.seed, keywords=args.keywords, stories=args.stories)
    write(cases, args.out)
    print(summary(cases))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
