"""Train the splice model (server/winnow/detectors/splice_model.json) on the simulator's tuning
part and the dev corpus's tuning split, and compare it on their held-out parts.

    python -m bench.train_splice                 # train, report, write the model
    python -m bench.train_splice --dry-run       # train and report only

Every candidate phrase the detector considers on a page becomes a row of its named features,
labelled spam when it matches a spliced phrase of the page's truth. Boosted trees (what ships)
and a logistic model are fitted on the same rows and compared on held-out rows: the logistic
model is the simpler one and would ship if it held its own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from winnow.detectors import injected_spam
from winnow.detectors.lexicon import ATTRIBUTION_WORDS
from winnow.detectors.splice_evidence import FEATURES, SpliceEvidence, phrase_words
from winnow.detectors.splice_model import LEAF, MODEL_FILE, SpliceModel
from winnow.page import Page, PageError
from winnow.rules import NO_RULES

from .corpus import Case, load_cases
from .evaluate import load
from .scoring import token_jaccard

TRAIN_SEEDS = (11, 12, 13, 14, 15)
HELD_OUT_SEEDS = (21,)
# A candidate is the spliced phrase when it shares this share of words with it.
LABEL_MIN_JACCARD = 0.6
# Regularization of the logistic model (scikit-learn's C): small weights generalize better.
REGULARIZATION = 0.5
# Few shallow trees: a page has dozens of candidates and each is scored in plain Python.
TREES = 120
TREE_DEPTH = 3
LEARNING_RATE = 0.15
PROGRESS_EVERY = 200


@dataclass
class Rows:
    features: list[list[float]]
    labels: list[int]
    lines: list[bool]


def _core(text: str) -> str:
    """A truth phrase without the attribution frame around it ("according to X" -> "X")."""
    words = phrase_words(text)
    while words and words[0].casefold() in ATTRIBUTION_WORDS:
        words = words[1:]
    while words and words[-1].casefold() in ATTRIBUTION_WORDS:
        words = words[:-1]
    return " ".join(words)


def label(phrase: str, spliced: list[str]) -> int:
    return int(any(token_jaccard(phrase, core) >= LABEL_MIN_JACCARD for core in spliced))


def page_rows(case: Case, model: SpliceModel | None) -> Rows:
    """The page's candidates as rows; lines get their echo feature from `model`'s verdicts."""
    rows = Rows([], [], [])
    try:
        page = Page.from_html(case.raw_html, case.url)
    except PageError:
        return rows
    spliced = [_core(s["text"]) for s in case.truth.get("spam", [])]
    ev = SpliceEvidence(page, NO_RULES)
    phrases = [ev.evidence(c) for c in ev.candidates()]
    echoes: frozenset[str] = frozenset()
    if model is not None:
        echoes = frozenset(
            phrase_words(e.candidate.phrase)[0]
            for e in phrases
            if model.probability(e.features) >= injected_spam.SHOW_THRESHOLD
        )
    lines = [ev.evidence(c, echoes) for c in ev.line_candidates()]
    for evidence in phrases + lines:
        rows.features.append([evidence.features[name] for name in FEATURES])
        rows.labels.append(label(evidence.candidate.phrase, spliced))
        rows.lines.append(evidence.candidate.line is not None)
    return rows


def collect(cases: Iterable[Case], model: SpliceModel | None, name: str) -> Rows:
    rows = Rows([], [], [])
    started = time.perf_counter()
    cases = list(cases)
    for done, case in enumerate(cases, start=1):
        page = page_rows(case, model)
        rows.features += page.features
        rows.labels += page.labels
        rows.lines += page.lines
        if done % PROGRESS_EVERY == 0 or done == len(cases):
            elapsed = time.perf_counter() - started
            print(
                f"  {name}: {done}/{len(cases)} pages, {len(rows.labels)} rows, {elapsed:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    return rows


def training_cases() -> list[Case]:
    cases = [c for seed in TRAIN_SEEDS for c in load("sim", seed=seed) if not c.held_out]
    return cases + [c for c in load_cases() if not c.held_out]


def held_out_cases() -> list[Case]:
    cases = [c for seed in HELD_OUT_SEEDS for c in load("sim", seed=seed) if c.held_out]
    return cases + [c for c in load_cases() if c.held_out]


def fit_logistic(rows: Rows):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=REGULARIZATION, max_iter=2000).fit(rows.features, rows.labels)


def fit_trees(rows: Rows) -> SpliceModel:
    """Boosted trees, converted to the plain-Python model the detector runs."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    fitted = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=TREE_DEPTH, learning_rate=LEARNING_RATE, random_state=0
    ).fit(rows.features, rows.labels)
    trees = tuple(_tree(predictors[0].nodes) for predictors in fitted._predictors)
    return SpliceModel(FEATURES, float(fitted._baseline_prediction.ravel()[0]), trees)


def _tree(nodes) -> tuple:
    """scikit-learn's node array as (feature, threshold, left, right, expected log-odds), an
    inner node's value being the sample-weighted mean of its leaves (what path credit needs)."""
    expected: dict[int, tuple[float, int]] = {}

    def visit(i: int) -> tuple[float, int]:
        node = nodes[i]
        if node["is_leaf"]:
            expected[i] = (float(node["value"]), int(node["count"]))
        else:
            (lv, lc), (rv, rc) = visit(int(node["left"])), visit(int(node["right"]))
            expected[i] = ((lv * lc + rv * rc) / max(lc + rc, 1), lc + rc)
        return expected[i]

    visit(0)
    return tuple(
        (
            LEAF if node["is_leaf"] else int(node["feature_idx"]),
            round(float(node["num_threshold"]), 6),
            int(node["left"]),
            int(node["right"]),
            round(expected[i][0], 6),
        )
        for i, node in enumerate(nodes)
    )


BANDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def bands(probabilities: list[float], labels: list[int]) -> str:
    """How many rows fall in each probability band, and how many of them are spliced: where
    to set the show and cut thresholds."""
    parts = []
    for low, high in itertools.pairwise(BANDS):
        inside = [y for p, y in zip(probabilities, labels, strict=True) if low <= p < high]
        parts.append(f"[{low:.1f}, {min(high, 1.0):.1f}): {sum(inside)}/{len(inside)}")
    return "  " + "  ".join(parts)


def report(name: str, probabilities: list[float], labels: list[int]) -> str:
    """Row-level precision and recall at the show and cut thresholds."""
    parts = [f"{name:<22}"]
    for threshold in (injected_spam.SHOW_THRESHOLD, injected_spam.CUT_THRESHOLD):
        flagged = [y for p, y in zip(probabilities, labels, strict=True) if p >= threshold]
        right = sum(flagged)
        positives = sum(labels)
        precision = right / len(flagged) if flagged else 0.0
        recall = right / positives if positives else 0.0
        parts.append(f"@{threshold}: precision {precision:.4f} recall {recall:.4f}")
    return "  ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model")
    args = parser.parse_args(argv)

    train_cases, test_cases = training_cases(), held_out_cases()
    first = fit_trees(collect(train_cases, None, "phrases"))
    train = collect(train_cases, first, "training")
    test = collect(test_cases, first, "held-out")
    model = fit_trees(train)
    logistic = fit_logistic(train)
    print(
        f"{len(train.labels)} training rows ({sum(train.labels)} spliced), "
        f"{len(test.labels)} held-out rows ({sum(test.labels)} spliced)"
    )
    for name, rows in (("training", train), ("held-out", test)):
        named = [dict(zip(FEATURES, row, strict=True)) for row in rows.features]
        probabilities = [model.probability(f) for f in named]
        print(report(f"trees, {name}", probabilities, rows.labels))
        print(bands(probabilities, rows.labels))
        linear = [float(p) for p in logistic.predict_proba(rows.features)[:, 1]]
        print(report(f"logistic, {name}", linear, rows.labels))
    if not args.dry_run:
        data = {
            "about": "Boosted trees over splice_evidence.FEATURES; made by bench.train_splice.",
            "trained_on": {
                "simulator_seeds": list(TRAIN_SEEDS),
                "parts": "simulator tuning part and dev corpus tuning split",
                "rows": len(train.labels),
            },
            "features": list(FEATURES),
            "baseline": round(model.baseline, 6),
            "trees": [[list(node) for node in tree] for tree in model.trees],
        }
        args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
