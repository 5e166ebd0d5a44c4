"""The splice diagnosis: each missed occurrence is put down to one cause, and each phrase shown on
a page without spam is listed as a false alarm."""

from __future__ import annotations

import json

from bench.corpus import Case
from bench.diagnose import NO_CANDIDATE, SCORED_LOW, diagnose, main, render
from helpers import PAGES, read_page

DIGITS = PAGES / "indep-brand-with-digits"
PARTICLE = PAGES / "indep-trap-kicker-name-particle"


def spliced_case(extra: list[dict]) -> Case:
    expected = json.loads((DIGITS / "expected.json").read_text())
    truth = {"variant": "spliced", "url": expected["url"], "spam": expected["injected_spam"]}
    truth["spam"] = truth["spam"] + extra
    return Case("digits-spliced", "spliced", expected["url"], truth, read_page(DIGITS))


def test_found_occurrences_are_counted_and_a_phrase_never_on_the_page_has_no_candidate():
    invented = {"text": "Zyxwquor Holdings", "where": "paragraph", "form": "body bare"}
    diagnosis = diagnose([spliced_case([invented])], progress=False)
    assert diagnosis.found == 6
    (miss,) = diagnosis.misses
    assert miss.cause == NO_CANDIDATE and miss.form == "body bare" and not miss.candidate


def test_a_candidate_under_the_show_threshold_is_scored_low():
    # Called spliced here, "Hong Kong" is the story's own name: a candidate the model scores ~0.
    own_name = {"text": "Hong Kong", "where": "paragraph", "form": "body bare"}
    diagnosis = diagnose([spliced_case([own_name])], progress=False)
    (miss,) = diagnosis.misses
    assert miss.cause == SCORED_LOW
    assert miss.candidate == "Hong Kong" and miss.probability < 0.55


def test_a_trap_page_with_nothing_shown_has_no_alarm_and_a_spliced_page_as_clean_has_some():
    expected = json.loads((PARTICLE / "expected.json").read_text())
    trap = Case("trap", "trap", expected["url"], {"variant": "trap"}, read_page(PARTICLE))
    spliced = spliced_case([])
    as_clean = Case("as-clean", "clean", spliced.url, {"variant": "clean"}, spliced.raw_html)
    diagnosis = diagnose([trap, as_clean], progress=False)
    assert {a.case for a in diagnosis.alarms} == {"as-clean"}
    assert {a.phrase for a in diagnosis.alarms} >= {"KiOncruth24"}
    assert all(a.cuts for a in diagnosis.alarms if a.phrase == "KiOncruth24")


def test_the_report_sums_up_causes_and_forms_and_lists_alarms():
    invented = {"text": "Zyxwquor Holdings", "where": "paragraph", "form": "body bare"}
    report = render(diagnose([spliced_case([invented])], progress=False))
    assert report.startswith("Spliced occurrences: 7, shown 6, missed 1")
    assert f"      1  {NO_CANDIDATE}" in report
    assert "digits-spliced [body bare] 'Zyxwquor Holdings'" in report
    assert "Shown on pages with no spam: 0" in report


def test_the_command_reads_a_corpus_folder(tmp_path, capsys):
    case = spliced_case([])
    folder = tmp_path / "cases" / case.name
    folder.mkdir(parents=True)
    (folder / "page.html").write_text(case.raw_html, encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps(case.truth), encoding="utf-8")
    assert main(["--corpus", str(tmp_path)]) == 0
    assert "Spliced occurrences: 6, shown 6, missed 0" in capsys.readouterr().out
