"""What users' reports teach: replay the corpus site by site, with simulated reports.

    python -m bench.learning                   # every page's user reports its mistakes
    python -m bench.learning --report-pages 1  # only the first page of each site reports

Pages are analyzed in site order through the real HTTP API (an app on a fresh SQLite file, so
site memory and learned rules build up as they would on a server). Each site has one simulated
reader, a client issued by the server, whose analyses carry its token. After each of the first
--report-pages pages of a site, that reader reports what the analysis got wrong: a `missed`
report for each spliced occurrence it did not find, a `false_positive` for
each annotation that matched nothing. Spam recall and precision are printed before learning
(detectors alone) and with it: over all pages, over the pages that came after a report on their
site, and over the reported pages themselves, analyzed once more after the report.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from itertools import groupby
from pathlib import Path

from winnow import create_app, db, pipeline
from winnow.page import host_of

from .corpus import CORPUS_DIR, Case, load_cases, stamp
from .scoring import NODE_ID_ATTR, SPAM_ANCESTOR_REACH, SPAM_MIN_JACCARD, Scoreboard, token_jaccard

PROGRESS_EVERY = 50
ALL = "all pages"
LATER = "pages after a report on their site"
AGAIN = "reported pages, analyzed again"
VIEWS = (ALL, LATER, AGAIN)
UNLIMITED = "1000000/minute"


def _near(tree, xpath: str) -> set[str]:
    found = tree.xpath(xpath)
    if not found:
        return set()
    el = found[0]
    near = {e.get(NODE_ID_ATTR) for e in el.iter() if isinstance(e.tag, str)}
    for _ in range(SPAM_ANCESTOR_REACH):
        if el is None:
            break
        near.add(el.get(NODE_ID_ATTR))
        el = el.getparent()
    return near


def mistakes(case: Case, tree, result: dict) -> tuple[list[str], list[dict]]:
    """(texts of spliced occurrences not found, spam annotations that found nothing)."""
    spam = [a for a in result["annotations"] if a["kind"] == "injected_spam"]
    used: set[int] = set()
    missed = []
    for occurrence in case.truth["spam"]:
        near = _near(tree, occurrence["xpath"])
        hit = next(
            (
                k
                for k, a in enumerate(spam)
                if k not in used
                and str(a["node"]) in near
                and token_jaccard(occurrence["text"], a["quote"]) >= SPAM_MIN_JACCARD
            ),
            None,
        )
        if hit is None:
            missed.append(occurrence["text"])
        else:
            used.add(hit)
    wrong = [a for k, a in enumerate(spam) if k not in used]
    return missed, wrong


def simulated_reader(client) -> dict[str, str]:
    """A client issued by the server for one site's simulated reader: the headers naming it."""
    token = client.post("/api/clients", json={}).get_json()["token"]
    return {"X-Winnow-Client": token}


class Replay:
    """Scoreboards for each view of the replay, before learning and with it."""

    def __init__(self) -> None:
        self.boards = {view: (Scoreboard(), Scoreboard()) for view in VIEWS}
        self.reports = 0

    def add(self, view: str, case: Case, tree, plain: dict, learned: dict) -> None:
        before, after = self.boards[view]
        before.add(case.truth, tree, plain)
        after.add(case.truth, tree, learned)


def replay(cases: list[Case], report_pages: int) -> Replay:
    results = Replay()
    with tempfile.TemporaryDirectory() as workdir:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{Path(workdir) / 'learning.db'}",
                "FEEDBACK_RATE_LIMIT": UNLIMITED,
                "CLIENT_RATE_LIMIT": UNLIMITED,
                "ANALYSIS_WORKERS": 0,
            }
        )
        client = app.test_client()
        started, done = time.perf_counter(), 0
        by_host = groupby(
            sorted(cases, key=lambda c: (host_of(c.url), c.name)), key=lambda c: host_of(c.url)
        )
        for _host, site_cases in by_host:
            reader = simulated_reader(client)
            reported = False
            for position, case in enumerate(site_cases):
                tree, html = stamp(case.raw_html)
                plain = pipeline.analyze(html, case.url)
                learned = analyze(client, case.url, html, reader)
                results.add(ALL, case, tree, plain, learned)
                if reported:
                    results.add(LATER, case, tree, plain, learned)
                if position < report_pages and case.variant != "clean":
                    sent = _report(client, case, tree, learned, reader)
                    results.reports += sent
                    if sent:
                        reported = True
                        again = analyze(client, case.url, html, reader)
                        results.add(AGAIN, case, tree, plain, again)
                done += 1
                if done % PROGRESS_EVERY == 0:
                    print(
                        f"  {done}/{len(cases)} pages, {results.reports} reports, "
                        f"{time.perf_counter() - started:.1f} s",
                        file=sys.stderr,
                        flush=True,
                    )
        db.dispose(app)
    return results


def analyze(client, url: str, html: str, reader: dict[str, str]) -> dict:
    return client.post("/api/analyze", json={"url": url, "html": html}, headers=reader).get_json()


def _report(client, case: Case, tree, result: dict, reader: dict[str, str]) -> int:
    missed, wrong = mistakes(case, tree, result)
    bodies = [{"verdict": "missed", "kind": "injected_spam", "quote": text} for text in missed]
    bodies += [
        {
            "verdict": "false_positive",
            "kind": "injected_spam",
            "quote": a["quote"],
            "annotation": {"rule": a["rule"], "xpath": a["xpath"]},
        }
        for a in wrong
    ]
    for body in bodies:
        client.post("/api/feedback", json={"url": case.url, **body}, headers=reader)
    return len(bodies)


def summary(title: str, results: Replay) -> str:
    lines = [title, "=" * len(title), f"{'':<58}{'recall':>9}{'precision':>11}{'pages':>7}"]
    for view in VIEWS:
        labels = ("detectors alone", "with learning")
        for label, board in zip(labels, results.boards[view], strict=True):
            figures = board.figures()
            lines.append(
                f"  {view + ', ' + label:<56}{_f(figures['spam_recall']):>9}"
                f"{_f(figures['spam_precision']):>11}{figures['spam_pages']:>7}"
            )
    return "\n".join(lines)


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument(
        "--report-pages",
        type=int,
        default=1_000_000,
        help="how many pages of each site (in order) have their user report mistakes",
    )
    args = parser.parse_args(argv)
    cases = list(load_cases(args.corpus))
    print(f"Replaying {len(cases)} pages site by site", file=sys.stderr)
    results = replay(cases, args.report_pages)
    pages = "every page" if args.report_pages >= len(cases) else f"{args.report_pages} per site"
    print(summary(f"Learning from {results.reports} simulated reports ({pages})", results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
