// The panel: every finding (also those a reader cannot see), counts, the page-wide actions and
// the way to report a miss. It lives in a shadow root under #winnow-root.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.panel) return;

  const SECTIONS = [
    { kind: "injected_spam", title: "Spliced spam", fp: "Not spam" },
    { kind: "unrelated_links", title: "Unrelated link blocks", fp: "Not unrelated" },
    { kind: "hidden_links", title: "Hidden links", fp: "Not spam" },
    { kind: "related_links", title: "On-topic links (not spam)", fp: "Not related" },
  ];
  const SUMMARY_WORDS = {
    injected_spam: "spam",
    unrelated_links: "unrelated",
    hidden_links: "hidden",
    related_links: "on-topic",
  };
  const QUOTE_CHARS = 140;
  const PANEL_CSS = `
    .panel {
      position: fixed; top: 12px; right: 12px; z-index: 2147483647; width: 360px;
      max-height: min(640px, calc(100vh - 24px)); display: flex; flex-direction: column;
      background: #fff; color: #1d1d1d; border: 1px solid #9bb8a6; border-radius: 8px;
      box-shadow: 0 6px 24px rgba(0, 0, 0, 0.22); font-size: 13px; line-height: 1.4;
    }
    header {
      display: flex; align-items: center; gap: 8px; padding: 8px 10px;
      background: #1f5c40; color: #fff; border-radius: 7px 7px 0 0;
    }
    header strong { font-size: 14px; }
    header .summary { flex: 1; font-size: 12px; opacity: 0.9; }
    header button { background: transparent; color: #fff; border-color: rgba(255, 255, 255, 0.5); }
    .body { overflow: auto; padding: 8px 12px 10px; }
    .panel.minimized .body { display: none; }
    .message { margin: 4px 0 8px; font-size: 13px; }
    .message[data-state="failed"] { color: #b3261e; font-weight: 600; }
    h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: #555; margin: 10px 0 4px; }
    ul.list { list-style: none; margin: 0; padding: 0; }
    .finding { border-top: 1px solid #eee; padding: 6px 0; }
    .what { font-size: 13px; font-weight: 600; cursor: pointer; word-break: break-word; }
    .what:hover { text-decoration: underline; }
    .where { font-size: 12px; color: #8a5a00; }
    .reasons { font-size: 12px; color: #555; }
    .reasons summary { cursor: pointer; width: max-content; }
    .reasons ul { margin: 2px 0 4px; padding-left: 16px; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 4px; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 6px; }
    .miss { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; padding-top: 8px; border-top: 1px solid #ddd; }
    .miss p { width: 100%; margin: 0; font-size: 12px; color: #555; }
    footer { margin-top: 10px; font-size: 11px; color: #666; display: flex; gap: 6px; align-items: center; }
    footer button { font-size: 11px; padding: 1px 6px; }
  `;

  let panel = null;

  function el(selector) {
    return panel.root.querySelector(selector);
  }

  function open(actions) {
    const { h } = W.ui;
    panel = { ...W.ui.shadowHost("panel", PANEL_CSS), actions };
    panel.host.id = "winnow-root";
    const frame = h(
      "section",
      { class: "panel", role: "dialog", "aria-label": "Winnow" },
      h(
        "header",
        {},
        h("strong", {}, "Winnow"),
        h("span", { class: "summary" }),
        h("button", { class: "minimize", title: "Fold the panel", onclick: toggleMinimized }, "–"),
        h("button", { class: "close", title: "Remove Winnow from this page (Esc)", onclick: actions.close }, "×"),
      ),
      h(
        "div",
        { class: "body" },
        h("p", { class: "message", role: "status" }),
        h("div", { class: "page-actions" }),
        h("div", { class: "findings" }),
        h("div", { class: "miss-actions" }),
        h(
          "footer",
          {},
          h("button", { class: "options", onclick: actions.openOptions }, "Options"),
          h("span", {}, "Esc or the button removes Winnow from the page."),
        ),
      ),
    );
    panel.root.append(frame);
    document.documentElement.append(panel.host);
  }

  function toggleMinimized() {
    el(".panel").classList.toggle("minimized");
  }

  function say(text, state = "") {
    const message = el(".message");
    message.textContent = text;
    message.dataset.state = state;
  }

  function busy(text) {
    say(text, "busy");
  }

  function error(message) {
    say(message, "failed");
    el(".summary").textContent = "error";
  }

  function shorten(text) {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
  }

  function describe(finding) {
    const { annotation } = finding;
    if (annotation.kind === "injected_spam") return `“${shorten(annotation.quote)}”`;
    if (annotation.kind === "unrelated_links" || annotation.kind === "related_links") {
      return `${annotation.label || "Link block"} · ${W.findings.storiesText(finding)}`;
    }
    return shorten(annotation.quote) || "Links";
  }

  function reasonsOf(annotation) {
    const { h } = W.ui;
    const reasons = annotation.reasons || [];
    if (!reasons.length) return null;
    return h(
      "details",
      { class: "reasons" },
      h("summary", {}, "Why"),
      h("ul", {}, reasons.map((reason) => h("li", {}, reason))),
    );
  }

  function findingItem(finding, section) {
    const { h } = W.ui;
    const { annotation } = finding;
    const onPage = finding.where === "page";
    const row = h("div", { class: "row" });
    if (annotation.kind === "unrelated_links" && onPage) {
      row.append(h("button", { class: "toggle", onclick: () => panel.actions.toggleCollapsed(finding) }, "hide"));
    }
    row.append(
      h("button", { class: "fp", onclick: () => panel.actions.falsePositive(finding) }, section.fp),
      h("span", { class: "status", role: "status" }),
    );
    return h(
      "li",
      { class: "finding", "data-kind": annotation.kind, "data-where": finding.where, "data-annotation": annotation.id },
      h("div", { class: "what", title: onPage ? "Show it on the page" : null, onclick: () => panel.actions.scrollTo(finding) }, describe(finding)),
      onPage ? null : h("div", { class: "where" }, W.findings.whereText(finding)),
      reasonsOf(annotation),
      row,
    );
  }

  function sectionFor(section, findings) {
    const { h } = W.ui;
    const items = findings.filter((f) => f.annotation.kind === section.kind);
    if (!items.length) return null;
    panel.items ??= new Map();
    const list = h("ul", { class: "list" });
    for (const finding of items) {
      const item = findingItem(finding, section);
      panel.items.set(finding, item);
      list.append(item);
    }
    return h("section", { "data-section": section.kind }, h("h2", {}, `${section.title} (${items.length})`), list);
  }

  function summary(findings) {
    const parts = SECTIONS.map(({ kind }) => [kind, findings.filter((f) => f.annotation.kind === kind).length])
      .filter(([, n]) => n)
      .map(([kind, n]) => `${n} ${SUMMARY_WORDS[kind]}`);
    return parts.join(" · ") || "nothing found";
  }

  function pageActions() {
    const { h } = W.ui;
    const { actions } = panel;
    return h(
      "div",
      { class: "actions" },
      h("button", { class: "hide-all", onclick: () => actions.collapseAll(true) }, "Hide all clutter"),
      h("button", { class: "show-all", onclick: () => actions.collapseAll(false) }, "Show all"),
      h("button", { class: "reader", onclick: actions.openReader }, "Reader view"),
    );
  }

  function missActions() {
    const { h } = W.ui;
    const { actions } = panel;
    return h(
      "div",
      { class: "miss" },
      h("p", {}, "Did Winnow miss something? Select the spam text, or pick the block of links."),
      h("button", { class: "report-selection", onpointerdown: actions.keepSelection, onclick: actions.reportSelection }, "Report selected text as spam"),
      h("button", { class: "pick-block", onclick: actions.pickBlock }, "Pick an unrelated block"),
      h("span", { class: "status miss-status", role: "status" }),
    );
  }

  function render(findings) {
    const spam = findings.filter((f) => f.annotation.kind !== "related_links").length;
    say(spam ? `Winnow found ${spam} problem${spam === 1 ? "" : "s"} on this page.` : "No spam found on this page.", "done");
    el(".summary").textContent = summary(findings);
    el(".findings").replaceChildren(...SECTIONS.map((s) => sectionFor(s, findings)).filter(Boolean));
    el(".page-actions").replaceChildren(pageActions());
    el(".miss-actions").replaceChildren(missActions());
  }

  function update(finding) {
    const item = panel?.items?.get(finding);
    if (!item) return;
    const toggle = item.querySelector(".toggle");
    if (toggle) toggle.textContent = finding.collapsed ? "show" : "hide";
    if (finding.outcome) W.ui.showOutcome(item.querySelector(".status"), finding.outcome);
  }

  function missOutcome(outcome) {
    if (panel) W.ui.showOutcome(el(".miss-status"), outcome);
  }

  function teardown() {
    panel?.host.remove();
    panel = null;
  }

  W.panel = Object.freeze({ open, busy, error, render, update, missOutcome, teardown });
})();
