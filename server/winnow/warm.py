"""Importing this module warms the process for analyses: it loads the pipeline's modules and
analyzes one small article, which loads what the pipeline only loads on first use (the splice
model, English word frequencies), and it loads the word lists of the languages most news is
written in. The analysis workers' fork server imports it, so that every worker forked from it
starts warm and shares those lists with the others; a worker started from scratch would spend
about half a second of CPU on this each time one is replaced, and a second loading its own copy
of the lists as pages in other languages arrive.
"""

from __future__ import annotations

import gc

from . import pipeline
from .detectors.splice_evidence import load_word_lists

# Besides English: the languages of the dev corpus's and the extraction benchmark's other pages
# (German, Indonesian, Italian, Portuguese, Russian) and two more of the most published
# (Spanish, French). Each list costs 2-120 MB, held once by the fork server and shared by every
# worker; a page in a language left out loads its list in its worker on first use (0.1-0.4 s).
PRELOADED_LANGUAGES = ("de", "es", "fr", "id", "it", "pt", "ru")

# An ordinary article, long enough to be read as English prose with a title, a headline, a
# dateline and a list of links: every detector runs on it.
WARM_UP_PAGE = """<html lang="en"><head><title>Harbor ferry adds a late crossing | The Daily
Example</title></head><body><header><nav><a href="/">Home</a> <a href="/local">Local</a>
<a href="/sports">Sports</a></nav></header><article><h1>Harbor ferry adds a late crossing</h1>
<p>PORTSMOUTH (AP) — The harbor ferry will add a late crossing on weekdays from next month, the
transit authority said on Tuesday, after riders asked for a way home from evening shifts.</p>
<p>"People told us the last boat left too early," said Dana Whitfield, who runs the service.
Whitfield said the new crossing would leave the north pier at half past ten.</p>
<p>The authority expects the change to cost little, since the boats already sit at the pier
overnight. Riders can buy tickets on board or at the pier, as they do now.</p></article>
<aside><h2>More stories</h2><ul><li><a href="https://other.example/a">Bakery wins a prize</a>
</li><li><a href="https://other.example/b">School opens a new library</a></li></ul></aside>
</body></html>"""
WARM_UP_URL = "https://warm-up.invalid/2026/harbor-ferry.html"

pipeline.analyze(WARM_UP_PAGE, WARM_UP_URL)
load_word_lists(PRELOADED_LANGUAGES)
# What is loaded now lives as long as the process: out of the collector's sight, a full
# collection no longer walks the word lists, and a forked worker no longer copies the pages
# that hold them (a collection writes to every object it visits).
gc.freeze()
