// Where each annotation is on the live page: its element, the exact text range of a spliced
// phrase, and whether a reader can see it (the <title> and hidden links cannot).
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.findings) return;

  const WHERE_TEXT = {
    page: "",
    title: "in the page title (the browser tab), not on the page",
    head: "in the page's head, not shown on the page",
    hidden: "hidden on the page: there for search engines, not for readers",
    missing: "not found on the page any more",
  };
  // An annotation on the whole page would dim or hide all of it: list it, draw nothing.
  const UNDRAWABLE = new Set(["html", "body"]);
  // Below this score the server annotates on weak evidence and does not cut (its CUT_THRESHOLD
  // for spliced phrases; an unrelated block scores 0.7 or more): shown as uncertain, never
  // folded by itself.
  const UNCERTAIN_BELOW = 0.6;
  // Groups listed in the panel in this order; on-topic blocks are information, not problems.
  const KIND_ORDER = ["injected_spam", "unrelated_links", "hidden_links", "related_links"];

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // The server may have normalized whitespace, so any run of it matches any other.
  function phrasePattern(quote) {
    const words = quote.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
    return words.length ? new RegExp(words.join("\\s+"), "g") : null;
  }

  function textNodes(element, ownOnly) {
    if (ownOnly) return [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE);
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function position(nodes, starts, offset, isEnd) {
    for (let i = 0; i < nodes.length; i += 1) {
      const end = starts[i] + nodes[i].data.length;
      if (isEnd ? offset <= end : offset < end) return [nodes[i], offset - starts[i]];
    }
    const last = nodes[nodes.length - 1];
    return [last, last.data.length];
  }

  function matchRanges(nodes, pattern) {
    const starts = [];
    let text = "";
    for (const node of nodes) {
      starts.push(text.length);
      text += node.data;
    }
    return [...text.matchAll(pattern)].map((match) => {
      const range = new Range();
      range.setStart(...position(nodes, starts, match.index, false));
      range.setEnd(...position(nodes, starts, match.index + match[0].length, true));
      return range;
    });
  }

  // The contract puts a phrase on the element whose own text holds it; look deeper only when
  // the server's parser nested things differently from the browser's.
  function phraseRanges(element, quote) {
    const pattern = phrasePattern(quote);
    if (!pattern) return [];
    const own = matchRanges(textNodes(element, true), pattern);
    return own.length ? own : matchRanges(textNodes(element, false), pattern);
  }

  function isShown(element) {
    return element.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
  }

  function placeOf(element) {
    if (!element) return "missing";
    if (element.closest("head")) return element.localName === "title" ? "title" : "head";
    return isShown(element) ? "page" : "hidden";
  }

  function linkCount(element) {
    const hrefs = [...element.querySelectorAll("a[href]")]
      .filter((a) => a.textContent.trim())
      .map((a) => a.href);
    return new Set(hrefs).size;
  }

  // The nth annotation of the same phrase on the same element is the nth occurrence.
  function locateSpam(finding, seen) {
    const { element, annotation } = finding;
    const key = `${annotation.node}\u0000${annotation.quote}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    if (finding.where !== "page") return;
    const range = phraseRanges(element, annotation.quote)[nth];
    if (!range) finding.where = "missing";
    else if (range.getClientRects().length === 0) finding.where = "hidden";
    else finding.ranges = [range];
  }

  function locateAll(annotations) {
    const seen = new Map();
    return annotations.map((annotation) => {
      const element = W.page.elementFor(annotation);
      const drawable = element && !UNDRAWABLE.has(element.localName);
      const finding = {
        annotation,
        element: drawable ? element : null,
        where: drawable ? placeOf(element) : "missing",
        ranges: [],
        links: drawable ? linkCount(element) : 0,
        group: null,
      };
      if (annotation.kind === "injected_spam") locateSpam(finding, seen);
      return finding;
    });
  }

  function phraseKey(quote) {
    return quote.replace(/\s+/g, " ").trim().toLowerCase();
  }

  // What the reader sees as one thing: every copy of one spliced phrase, or one block. Reports,
  // outcomes and folding belong to the group; the findings keep where each copy is.
  function groupAll(findings) {
    const groups = new Map();
    for (const finding of findings) {
      const { annotation } = finding;
      const key =
        annotation.kind === "injected_spam"
          ? `${annotation.kind}\u0000${phraseKey(annotation.quote)}`
          : `${annotation.kind}\u0000${annotation.node ?? annotation.xpath}\u0000${annotation.id}`;
      let group = groups.get(key);
      if (!group) {
        group = { key, kind: annotation.kind, findings: [], collapsed: false, outcome: null, next: 0 };
        groups.set(key, group);
      }
      group.findings.push(finding);
      finding.group = group;
    }
    const all = [...groups.values()];
    for (const group of all) {
      group.uncertain = Math.max(...group.findings.map((f) => f.annotation.score ?? 1)) < UNCERTAIN_BELOW;
      // The copy a report names: one the reader can see, else the first.
      group.lead = group.findings.find((f) => f.where === "page") ?? group.findings[0];
      group.shown = group.findings.filter((f) => f.where === "page");
    }
    return all.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  }

  // The words a person reads for where a group's copies are, beyond those on the page.
  function placesText(group) {
    const elsewhere = [...new Set(group.findings.filter((f) => f.where !== "page").map((f) => f.where))];
    return elsewhere.map((where) => WHERE_TEXT[where]).join("; ");
  }

  function storiesText(finding) {
    const n = finding.links;
    return `${n} ${n === 1 ? "story" : "stories"}`;
  }

  W.findings = Object.freeze({ locateAll, groupAll, placesText, storiesText });
})();
