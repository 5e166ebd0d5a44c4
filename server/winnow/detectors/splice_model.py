"""How sure the splice evidence makes us: boosted decision trees over the named features of
`splice_evidence`, trained on the spam-farm simulator (`python -m bench.train_splice`) and
shipped as `splice_model.json` (phrases) and `splice_line_model.json` (the lines under the
headline).

All of a page's candidates go through the trees at once. Each tree's path through a phrase's
features is credited to the features it split on (the change in the expected log-odds at each
split), so every feature that pushed a phrase towards spam becomes a sentence of the
annotation's reasons.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("splice_model.json")
# The lines under the headline have trees of their own, trained on pages whose brand line may
# name a brand spliced nowhere else (`bench.train_splice --lines`). The same training written
# over the phrases' trees lost blind recall on phrases (seed 7: 0.681 -> 0.649) and alarmed a
# trap page; kept to the lines, it raised recall on every blind seed and alarmed none.
LINE_MODEL_FILE = Path(__file__).with_name("splice_line_model.json")
# A reason is given for a feature that added at least this much to the log-odds.
MIN_REASON_LOG_ODDS = 0.25
LEAF = -1

# What each feature means to a reader, said when it is present and pushed towards spam...
REASONS = {
    "title": "a segment of its own in the <title>",
    "headline": "a segment of its own in the headline",
    "title_and_headline": "in both the <title> and the headline",
    "body_copies": "repeated word for word in {copies} places of the page",
    "body_only": "repeated in the body but in no title",
    "dateline": "inside the dateline",
    "brand_line": "a line of its own under the headline",
    "meta_keywords": "listed in the page's meta keywords",
    "framed": "set off by punctuation as an aside",
    "cited": "cited as a source in an aside of its own (“, per X,”)",
    "wedged": "a capitalised run wedged between two words of a clause",
    "glued": "stuck to the text around it without a space",
    "rare_word": "“{rarest}” is not a common word",
    "title_case": "capitalised like a brand name",
    "spam_words": "money-spam vocabulary",
    "spam_topic": "money-spam vocabulary",
    "doubled": "a word doubled, as stuffed brands are",
    "line": "a short line under the headline",
    "line_echo": "repeats the first word of a phrase spliced into this page",
    "line_is_link": "a link, as fake source lines are",
    "org_word": "named like a firm or a newsletter",
}
# ...and what its absence means, said when the feature is zero and that pushed towards spam.
ABSENCE_REASONS = {
    "min_zipf": "“{rarest}” is in no word list of the page's language",
    "governed": "never the object of a word like “the”, “at” or “said”",
    "verb_after": "never the subject of a verb",
    "possessive": "never possessive",
    "name_part": "never part of a longer name",
    "other_forms": "its words occur nowhere else in the article",
    "topic_words": "unrelated to the article's topic",
    "topic_prose": "the article does not otherwise write about what it sells",
    "topic_headline": "the headline is about something else",
    "headline_words": "shares no word with the headline",
    "declared_title_has": "missing from the page's own og:title",
    "chrome": "not a menu or section label of the page",
    "in_link": "in running text, never a link's words",
}
# Absences only worth saying about a phrase that occurs in the body...
BODY_ABSENCES = frozenset({"governed", "verb_after", "possessive", "name_part", "in_link"})
# ...and about a phrase in spam's vocabulary (a brand sells nothing the article could be about).
TOPIC_ABSENCES = frozenset({"topic_prose", "topic_headline"})

Node = tuple[int, float, int, int, float]
"""(feature index or LEAF, threshold, left child, right child, expected log-odds)."""


def probability(log_odds: float) -> float:
    """The logistic function, written so that no log-odds overflows `math.exp`."""
    if log_odds >= 0:
        return 1.0 / (1.0 + math.exp(-log_odds))
    odds = math.exp(log_odds)
    return odds / (1.0 + odds)


@dataclass(frozen=True)
class Trees:
    """A baseline and a forest as flat arrays of nodes (numbered across all trees), to send
    many candidates down every tree at once."""

    baseline: float
    nodes: tuple[tuple[Node, ...], ...]
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int

    @classmethod
    def of(cls, baseline: float, nodes: Sequence[Sequence[Node]]) -> Trees:
        """A leaf points to itself, so every path can take `depth` steps."""
        roots = np.cumsum([0] + [len(tree) for tree in nodes[:-1]]).astype(np.intp)
        flat = [(root, node) for root, tree in zip(roots, nodes, strict=True) for node in tree]
        size = len(flat)
        feature = np.zeros(size, dtype=np.intp)
        threshold = np.full(size, np.inf)
        left = np.arange(size, dtype=np.intp)
        right = left.copy()
        value = np.zeros(size)
        for i, (root, (f, cut, low, high, expected)) in enumerate(flat):
            value[i] = expected
            if f != LEAF:
                feature[i], threshold[i], left[i], right[i] = f, cut, root + low, root + high
        depth = max(_depth(tree) for tree in nodes)
        frozen = tuple(tuple(tuple(node) for node in tree) for tree in nodes)
        return cls(baseline, frozen, roots, feature, threshold, left, right, value, depth)  # type: ignore[arg-type]

    def log_odds(self, rows: np.ndarray) -> np.ndarray:
        """Log-odds for each row of features (rows x features)."""
        count, width = rows.shape
        cells = rows.ravel()
        row_starts = (np.arange(count, dtype=np.intp) * width)[:, None]
        node = np.tile(self.roots, (count, 1))
        for _ in range(self.depth):
            low = cells[row_starts + self.feature[node]] <= self.threshold[node]
            node = np.where(low, self.left[node], self.right[node])
        return self.baseline + self.value[node].sum(axis=1)

    def contributions(self, x: Sequence[float], names: Sequence[str]) -> dict[str, float]:
        """How much each feature moved one row's log-odds, summed over the trees' paths: every
        tree steps down at once (a leaf steps to itself and moves nothing)."""
        row = np.asarray(x, dtype=float)
        node = self.roots
        moved = np.zeros(len(names))
        for _ in range(self.depth):
            feature = self.feature[node]
            child = np.where(
                row[feature] <= self.threshold[node], self.left[node], self.right[node]
            )
            np.add.at(moved, feature, self.value[child] - self.value[node])
            node = child
        return {names[i]: float(moved[i]) for i in np.flatnonzero(moved)}


def _depth(tree: Sequence[Node]) -> int:
    def down(i: int) -> int:
        f, _, low, high, _ = tree[i]
        return 0 if f == LEAF else 1 + max(down(low), down(high))

    return down(0)


@dataclass(frozen=True)
class SpliceModel:
    features: tuple[str, ...]
    trees: Trees

    def rows(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        return np.array(
            [[f.get(name, 0.0) for name in self.features] for f in features], dtype=float
        ).reshape(len(features), len(self.features))

    def probabilities(self, features: Sequence[dict[str, float]]) -> list[float]:
        return [probability(v) for v in self.log_odds(features)]

    def log_odds(self, features: Sequence[dict[str, float]]) -> list[float]:
        if not features:
            return []
        return [float(v) for v in self.trees.log_odds(self.rows(features))]

    def reasons(self, features: dict[str, float], facts: dict[str, str]) -> list[str]:
        """The evidence that pushed towards spam, strongest first, one sentence each."""
        x = [features.get(name, 0.0) for name in self.features]
        in_body = facts.get("copies", "0") != "0"
        topical = features.get("spam_topic", 0.0) > 0
        pushes = []
        for name, moved in self.trees.contributions(x, self.features).items():
            if moved < MIN_REASON_LOG_ODDS:
                continue
            present = features.get(name, 0.0) > 0
            if present and name in REASONS:
                pushes.append((moved, REASONS[name].format(**facts)))
            elif name in ABSENCE_REASONS and _absence_applies(name, present, in_body, topical):
                pushes.append((moved, ABSENCE_REASONS[name].format(**facts)))
        pushes.sort(key=lambda item: -item[0])
        return list(dict.fromkeys(text for _, text in pushes))


def _absence_applies(name: str, present: bool, in_body: bool, topical: bool) -> bool:
    return (
        not present
        and (in_body or name not in BODY_ABSENCES)
        and (topical or name not in TOPIC_ABSENCES)
    )


def load_model(path: Path) -> SpliceModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return SpliceModel(tuple(data["features"]), Trees.of(data["baseline"], data["trees"]))


@lru_cache(maxsize=1)
def shipped_model() -> SpliceModel:
    return load_model(MODEL_FILE)


@lru_cache(maxsize=1)
def shipped_line_model() -> SpliceModel:
    return load_model(LINE_MODEL_FILE)
