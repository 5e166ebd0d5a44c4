// The panel's list of findings, one item per group: every copy of a spliced phrase is one item
// ("… · 3 places"), each block one item. Findings the server is not sure of say so. A long list
// comes in pages, so the panel stays usable on a page with hundreds of findings.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.list) return;

  const SECTIONS = [
    { kind: "injected_spam", title: "Spliced spam", fp: "Not spam" },
    { kind: "unrelated_links", title: "Unrelated link blocks", fp: "Not unrelated" },
    { kind: "hidden_links", title: "Hidden links", fp: "Not spam" },
    { kind: "related_links", title: "On-topic links (not spam)", fp: "Not related" },
  ];
  // Whose reports a learned rule comes from (the annotation's `scope`).
  const SCOPE_WORDS = {
    client: "Learned from your own report",
    site: "Learned from reports by this site's readers",
    global: "Learned from reports, for every site",
  };
  const WITHDRAWN_WORDS = {
    client: "after your own report",
    site: "after reports by this site's readers",
    global: "after reports, on every site",
  };
  const QUOTE_CHARS = 140;
  const PAGE_SIZE = 25;
  const CSS = `
    h3 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: #555; margin: 10px 0 4px; }
    ul.list { list-style: none; margin: 0; padding: 0; }
    .finding { border-top: 1px solid #eee; padding: 6px 0; }
    .what {
      display: block; width: 100%; text-align: start; font-size: 13px; font-weight: 600; padding: 0;
      border: 0; background: none; color: #1d1d1d; word-break: break-word;
    }
    button.what { cursor: pointer; }
    button.what:hover { background: none; text-decoration: underline; }
    .places { font-weight: 400; color: #555; }
    .where { font-size: 12px; color: #7a4f00; }
    .uncertain { display: inline-block; font-size: 11px; color: #4d3400; background: #fff6e0; border: 1px dashed #b58a2e; border-radius: 3px; padding: 0 4px; margin-top: 2px; }
    .reasons { font-size: 12px; color: #555; }
    .reasons summary { cursor: pointer; width: max-content; }
    .reasons ul { margin: 2px 0 4px; padding-left: 16px; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 4px; }
    .more { margin-top: 6px; }
    .scope { font-size: 12px; color: #1f5c40; }
    .withdrawn li { font-size: 12px; color: #444; padding: 3px 0; }
  `;

  let items = new Map();
  let actions = null;

  function shorten(text) {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
  }

  function describe(group) {
    const { annotation } = group.lead;
    if (group.kind === "injected_spam") return `“${shorten(annotation.quote)}”`;
    if (group.kind === "unrelated_links" || group.kind === "related_links") {
      return `${annotation.label || "Link block"} · ${W.findings.storiesText(group.lead)}`;
    }
    return shorten(annotation.quote) || "Links";
  }

  function placesText(group) {
    const shown = group.shown.length;
    if (group.kind !== "injected_spam" || shown < 2) return "";
    return ` · ${shown} places`;
  }

  function reasonsOf(annotation) {
    const { h } = W.ui;
    const reasons = annotation.reasons || [];
    if (!reasons.length) return null;
    return h("details", { class: "reasons" }, h("summary", {}, "Why"), h("ul", {}, reasons.map((reason) => h("li", {}, reason))));
  }

  function item(group, section) {
    const { h } = W.ui;
    const onPage = group.shown.length > 0;
    const text = [describe(group), h("span", { class: "places" }, placesText(group))];
    const what = onPage
      ? h("button", { type: "button", class: "what", title: "Show it on the page", onclick: () => actions.scrollTo(group) }, text)
      : h("div", { class: "what" }, text);
    const elsewhere = W.findings.placesText(group);
    const row = h("div", { class: "row" });
    if (group.kind === "unrelated_links" && onPage) {
      row.append(h("button", { type: "button", class: "toggle", onclick: () => actions.toggleCollapsed(group) }, group.collapsed ? "Show" : "Hide"));
    }
    row.append(
      h("button", { type: "button", class: "fp", onclick: () => actions.falsePositive(group) }, section.fp),
      h("span", { class: "status" }),
    );
    const li = h(
      "li",
      {
        class: "finding",
        "data-kind": group.kind,
        "data-where": group.lead.where,
        "data-places": group.findings.length,
        "data-uncertain": group.uncertain,
        "data-annotation": group.lead.annotation.id,
      },
      what,
      elsewhere ? h("div", { class: "where" }, onPage ? `Also ${elsewhere}` : elsewhere[0].toUpperCase() + elsewhere.slice(1)) : null,
      group.uncertain ? h("div", { class: "uncertain" }, "Uncertain: Winnow's evidence is weak") : null,
      SCOPE_WORDS[group.lead.annotation.scope] ? h("div", { class: "scope" }, SCOPE_WORDS[group.lead.annotation.scope]) : null,
      reasonsOf(group.lead.annotation),
      row,
    );
    items.set(group, li);
    if (group.outcome) update(group);
    return li;
  }

  // Shows `PAGE_SIZE` more items of the section each time, and the button for the rest.
  function fill(list, groups, section, from) {
    const { h } = W.ui;
    list.querySelector(":scope > .more")?.remove();
    const next = groups.slice(from, from + PAGE_SIZE).map((group) => item(group, section));
    list.append(...next);
    const left = groups.length - from - next.length;
    if (left > 0) {
      const more = h("li", { class: "more" }, h("button", { type: "button", onclick: () => {
        const focusNext = list.children.length - 1;
        fill(list, groups, section, from + PAGE_SIZE);
        list.children[focusNext]?.querySelector("button")?.focus();
      } }, `Show ${Math.min(left, PAGE_SIZE)} more (${left} left)`));
      list.append(more);
    }
  }

  function sectionFor(section, groups) {
    const { h } = W.ui;
    const mine = groups.filter((g) => g.kind === section.kind);
    if (!mine.length) return null;
    const list = h("ul", { class: "list" });
    fill(list, mine, section, 0);
    return h("section", { "data-section": section.kind }, h("h3", {}, `${section.title} (${mine.length})`), list);
  }

  // What the server left unflagged because of reports (stats.withdrawn), so the reader knows
  // why something is not marked any more.
  function withdrawnSection(withdrawn) {
    const { h } = W.ui;
    if (!withdrawn.length) return null;
    const line = (item) => `“${shorten(item.quote || item.label || "")}” ${WITHDRAWN_WORDS[item.scope] ?? "after reports"}`;
    return h(
      "section",
      { class: "withdrawn", "data-section": "withdrawn" },
      h("h3", {}, `Not flagged (${withdrawn.length})`),
      h("ul", { class: "list" }, withdrawn.map((item) => h("li", {}, line(item)))),
    );
  }

  function render(groups, handlers, withdrawn = []) {
    items = new Map();
    actions = handlers;
    const { h } = W.ui;
    return h("div", {}, SECTIONS.map((section) => sectionFor(section, groups)), withdrawnSection(withdrawn));
  }

  function update(group) {
    const li = items.get(group);
    if (!li) return;
    const toggle = li.querySelector(".toggle");
    if (toggle) toggle.textContent = group.collapsed ? "Show" : "Hide";
    W.ui.showOutcome(li.querySelector(".status"), group.outcome, () => actions.withdraw(group));
  }

  function teardown() {
    items = new Map();
    actions = null;
  }

  W.list = Object.freeze({ CSS, render, update, teardown });
})();
