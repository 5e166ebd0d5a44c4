"""A process that imports `winnow.warm` has loaded what analyses load on first use, and keeps
it out of the collector's sight (the analysis workers are forked from such a process)."""

from __future__ import annotations

import subprocess
import sys

from winnow import workers

CHECK = """
import gc, wordfreq
import winnow.warm
from winnow.detectors import splice_evidence
loaded = splice_evidence.get_frequency_dict.cache_info().currsize
assert loaded >= 1 + len(winnow.warm.PRELOADED_LANGUAGES), loaded
print(gc.get_freeze_count())
"""


def test_importing_warm_loads_the_word_lists_and_freezes_them():
    frozen = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    ).stdout
    assert int(frozen) > 0


def test_every_preloaded_language_has_a_word_list():
    from wordfreq import available_languages

    from winnow.warm import PRELOADED_LANGUAGES

    assert set(PRELOADED_LANGUAGES) <= set(available_languages())


def test_workers_are_forked_from_a_warm_fork_server_on_linux():
    if sys.platform.startswith("linux"):
        assert workers.START_METHOD == "forkserver"
        assert workers.CONTEXT.get_start_method() == "forkserver"
