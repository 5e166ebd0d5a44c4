"""How sure the splice evidence makes us: boosted decision trees over the named features of
`splice_evidence`, trained on the spam-farm simulator (`python -m bench.train_splice`) and
shipped as `splice_model.json`, evaluated here in plain Python.

Each tree's path through a phrase's features is credited to the features it split on (the
change in the expected log-odds at each split), so every feature that pushed a phrase towards
spam becomes a sentence of the annotation's reasons.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("splice_model.json")
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
}
# ...and what its absence means, said when the feature is zero and that pushed towards spam.
ABSENCE_REASONS = {
    "min_zipf": "“{rarest}” is in no word list of the page's language",
    "governed": "never the object of a word like “the”, “at” or “said”",
    "verb_after": "never the subject of a verb",
    "possessive": "never possessive",
    "other_forms": "its words occur nowhere else in the article",
    "topic_words": "unrelated to the article's topic",
    "headline_words": "shares no word with the headline",
    "declared_title_has": "missing from the page's own og:title",
    "chrome": "not a menu or section label of the page",
}
# Absences only worth saying about a phrase that occurs in the body.
BODY_ABSENCES = frozenset({"governed", "verb_after", "possessive"})


def probability(log_odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-log_odds))


Node = tuple[int, float, int, int, float]
"""(feature index or LEAF, threshold, left child, right child, expected log-odds)."""


@dataclass(frozen=True)
class SpliceModel:
    features: tuple[str, ...]
    baseline: float
    trees: tuple[tuple[Node, ...], ...]

    def _vector(self, features: dict[str, float]) -> list[float]:
        return [features.get(name, 0.0) for name in self.features]

    def log_odds(self, features: dict[str, float]) -> float:
        x = self._vector(features)
        total = self.baseline
        for nodes in self.trees:
            node = nodes[0]
            while node[0] != LEAF:
                node = nodes[node[2] if x[node[0]] <= node[1] else node[3]]
            total += node[4]
        return total

    def probability(self, features: dict[str, float]) -> float:
        return probability(self.log_odds(features))

    def contributions(self, features: dict[str, float]) -> dict[str, float]:
        """How much each feature moved the log-odds, summed over the trees' paths."""
        x = self._vector(features)
        moved: dict[str, float] = defaultdict(float)
        for nodes in self.trees:
            node = nodes[0]
            while node[0] != LEAF:
                child = nodes[node[2] if x[node[0]] <= node[1] else node[3]]
                moved[self.features[node[0]]] += child[4] - node[4]
                node = child
        return moved

    def reasons(self, features: dict[str, float], facts: dict[str, str]) -> list[str]:
        """The evidence that pushed towards spam, strongest first, one sentence each."""
        in_body = facts.get("copies", "0") != "0"
        pushes = []
        for name, moved in self.contributions(features).items():
            if moved < MIN_REASON_LOG_ODDS:
                continue
            present = features.get(name, 0.0) > 0
            if present and name in REASONS:
                pushes.append((moved, REASONS[name].format(**facts)))
            elif not present and name in ABSENCE_REASONS and (in_body or name not in BODY_ABSENCES):
                pushes.append((moved, ABSENCE_REASONS[name].format(**facts)))
        pushes.sort(key=lambda item: -item[0])
        return list(dict.fromkeys(text for _, text in pushes))


def load_model(path: Path) -> SpliceModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    trees = tuple(tuple(tuple(node) for node in tree) for tree in data["trees"])
    return SpliceModel(tuple(data["features"]), data["baseline"], trees)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def shipped_model() -> SpliceModel:
    return load_model(MODEL_FILE)
