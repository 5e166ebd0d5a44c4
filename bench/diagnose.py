"""Why Winnow missed a spliced phrase, and what it showed on a page with no spam.

    python -m bench.diagnose --corpus /tmp/blind-909          # every miss and every false alarm
    python -m bench.diagnose --data sim --seed 3 --base story  # the simulator's pages
    python -m bench.diagnose --corpus DIR --form keyword --limit 20

Each true occurrence the splice detector did not show is put down to one cause: no candidate
phrase matches it, the model scored the matching candidate under the show threshold, or a guard
read it as the page's own words (the guard's name, `Verdict.hidden_by`). Each phrase shown on a
clean, trap or blocks page is a false alarm, listed with its score and whether it is cut. The
detector runs alone on the page, without the site's learned rules, as the splice evidence sees
it; an occurrence matches a candidate as the scorer matches an annotation's quote (token Jaccard
of the phrase, or of a quote it would annotate with the attribution around it, with the truth's
text or with what was inserted), without the scorer's check of the element.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from winnow.detectors.injected_spam import SHOW_THRESHOLD, Verdict, findings_for, judge
from winnow.detectors.splice_evidence import SpliceEvidence
from winnow.page import Page, PageError
from winnow.site_rules import NO_RULES

from .corpus import CORPUS_DIR, Case
from .evaluate import PROGRESS_EVERY, load, select
from .scoring import SPAM_FREE_VARIANTS, SPAM_MIN_JACCARD, token_jaccard
from .sim.base import BENCHMARK_KIND, STORY_KIND
from .simulate import DEFAULT_SEED

NO_CANDIDATE = "no candidate"
SCORED_LOW = "scored low"
FOUND = "found"
# Misses listed under each cause unless --limit says otherwise.
DEFAULT_LIMIT = 40


@dataclass(frozen=True)
class Miss:
    case: str
    where: str
    form: str
    text: str
    cause: str
    """NO_CANDIDATE, SCORED_LOW, or the name of the guard that hid the phrase."""
    candidate: str = ""
    probability: float = 0.0


@dataclass(frozen=True)
class Alarm:
    case: str
    variant: str
    phrase: str
    probability: float
    cuts: bool


@dataclass
class Diagnosis:
    found: int = 0
    misses: list[Miss] = field(default_factory=list)
    alarms: list[Alarm] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def causes(self) -> Counter:
        return Counter(m.cause for m in self.misses)

    def forms(self) -> Counter:
        return Counter(m.form for m in self.misses)


def best_match(
    occurrence: dict, verdicts: list[Verdict], ev: SpliceEvidence
) -> tuple[Verdict | None, float]:
    """The candidate whose phrase, or a quote it would annotate ("according to X" for X), is
    most like the occurrence's text or what was inserted."""
    texts = [t for t in (occurrence["text"], occurrence.get("inserted", "")) if t]
    best, best_score = None, 0.0
    for verdict in verdicts:
        score = max(token_jaccard(t, verdict.phrase) for t in texts)
        if 0 < score < 1:
            quotes = {f.quote for f in findings_for(verdict, ev)}
            score = max([score] + [token_jaccard(t, q) for t in texts for q in quotes])
        if score > best_score:
            best, best_score = verdict, score
    return best, best_score


def cause_of(verdict: Verdict | None, similarity: float) -> str:
    """FOUND, or why the occurrence was missed."""
    if verdict is None or similarity < SPAM_MIN_JACCARD:
        return NO_CANDIDATE
    if verdict.probability < SHOW_THRESHOLD:
        return SCORED_LOW
    return verdict.hidden_by or FOUND


def diagnose_case(case: Case, diagnosis: Diagnosis) -> None:
    try:
        page = Page.from_html(case.raw_html, case.url)
    except PageError as exc:
        diagnosis.errors.append(f"{case.name}: {exc}")
        return
    ev = SpliceEvidence(page, NO_RULES)
    verdicts = judge(ev)
    if case.variant in SPAM_FREE_VARIANTS:
        diagnosis.alarms += [
            Alarm(case.name, case.variant, v.phrase, v.probability, v.cuts)
            for v in verdicts
            if v.shown
        ]
        return
    for occurrence in case.truth.get("spam", []):
        verdict, similarity = best_match(occurrence, verdicts, ev)
        cause = cause_of(verdict, similarity)
        if cause == FOUND:
            diagnosis.found += 1
            continue
        matched = verdict if cause != NO_CANDIDATE else None
        diagnosis.misses.append(
            Miss(
                case.name,
                occurrence["where"],
                occurrence.get("form", occurrence["where"]),
                occurrence["text"],
                cause,
                matched.phrase if matched else "",
                matched.probability if matched else 0.0,
            )
        )


def diagnose(cases: Iterable[Case], progress: bool = True) -> Diagnosis:
    diagnosis = Diagnosis()
    cases = list(cases)
    started = time.perf_counter()
    for done, case in enumerate(cases, start=1):
        diagnose_case(case, diagnosis)
        if progress and (done % PROGRESS_EVERY == 0 or done == len(cases)):
            elapsed = time.perf_counter() - started
            print(f"  {done}/{len(cases)} pages, {elapsed:.1f} s", file=sys.stderr, flush=True)
    return diagnosis


def render(diagnosis: Diagnosis, form: str | None = None, limit: int = DEFAULT_LIMIT) -> str:
    misses = [m for m in diagnosis.misses if form is None or form in m.form]
    total = diagnosis.found + len(diagnosis.misses)
    lines = [
        f"Spliced occurrences: {total}, shown {diagnosis.found}, missed {len(diagnosis.misses)}",
        "",
        "Missed, by cause:",
        *(f"  {n:5}  {cause}" for cause, n in diagnosis.causes().most_common()),
        "",
        "Missed, by form:",
        *(f"  {n:5}  {name}" for name, n in diagnosis.forms().most_common()),
    ]
    by_cause: dict[str, list[Miss]] = {}
    for miss in misses:
        by_cause.setdefault(miss.cause, []).append(miss)
    for cause, listed in sorted(by_cause.items(), key=lambda item: -len(item[1])):
        lines += ["", f"{cause} ({len(listed)}{', form ' + form if form else ''}):"]
        for miss in sorted(listed, key=lambda m: -m.probability)[:limit]:
            scored = f"  <- {miss.candidate!r} {miss.probability:.3f}" if miss.candidate else ""
            lines.append(f"  {miss.case} [{miss.form}] {miss.text!r}{scored}")
        if len(listed) > limit:
            lines.append(f"  … and {len(listed) - limit} more (--limit)")
    lines += ["", f"Shown on pages with no spam: {len(diagnosis.alarms)}"]
    for alarm in sorted(diagnosis.alarms, key=lambda a: -a.probability):
        cut = "cut" if alarm.cuts else "shown"
        lines.append(
            f"  {alarm.case} [{alarm.variant}] {alarm.phrase!r} {alarm.probability:.3f} ({cut})"
        )
    if diagnosis.errors:
        lines += ["", f"Pages that could not be read: {len(diagnosis.errors)}", *diagnosis.errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", choices=("corpus", "sim"), default="corpus")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS_DIR, help="a corpus folder with truth"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the simulator's seed")
    parser.add_argument("--base", choices=(BENCHMARK_KIND, STORY_KIND))
    parser.add_argument("--split", choices=("all", "tuning", "held-out"), default="all")
    parser.add_argument("--form", help="list only the misses whose form contains this")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="misses per cause")
    args = parser.parse_args(argv)
    cases = select(load(args.data, args.corpus, args.seed), args.split, None, args.base)
    print(f"Diagnosing {len(cases)} pages", file=sys.stderr)
    print(render(diagnose(cases), args.form, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
