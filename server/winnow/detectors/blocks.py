"""What every detector and the extension mean by a block of links, defined once."""

from __future__ import annotations

from ..findings import Kind

# A block lists at least this many links (the link-block detector: this many stories or cards;
# a learned block: this many links; the extension's block picker: this many links). Two links
# are a pair, not a list. extension/content/reporting.js repeats it (a test holds them equal).
MIN_BLOCK_LINKS = 3
# Blocks of these kinds are left out of the reader view, whoever found them: unrelated stories
# and hidden links are not the article, and an on-topic list of other stories is not either.
LEFT_OUT_OF_READER = frozenset({Kind.UNRELATED_LINKS, Kind.RELATED_LINKS, Kind.HIDDEN_LINKS})


def leaves_reader(kind: Kind) -> bool:
    return kind in LEFT_OUT_OF_READER
