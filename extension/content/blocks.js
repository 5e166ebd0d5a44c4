// Flagged link blocks: the block root carries data-winnow-flag="<kind>"; an unrelated block is
// outlined, dimmed and labelled, and can be folded to its one-line label and shown again.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.blocks) return;

  const FLAG = "data-winnow-flag";
  const COLLAPSED = "data-winnow-collapsed";
  const PAGE_CSS = `
    [${FLAG}="unrelated_links"] {
      outline: 2px dashed #c0392b !important; outline-offset: 2px !important;
      opacity: 0.4 !important; transition: opacity 0.15s;
    }
    [${FLAG}="unrelated_links"]:hover { opacity: 0.85 !important; }
    [${FLAG}="related_links"] { outline: 1px dotted #2e7d32 !important; outline-offset: 2px !important; }
    [${COLLAPSED}] { display: none !important; }
  `;
  const LABEL_CSS = `
    .bar {
      display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; padding: 4px 8px;
      background: #fdecea; color: #5f1f1a; border: 1px solid #e6a39d; border-radius: 4px;
    }
    .text { font-size: 13px; font-weight: 600; }
  `;
  const FP_LABEL = { unrelated_links: "Not unrelated", related_links: "Not related", hidden_links: "Not spam" };

  let drawn = [];
  let removeStyles = null;
  let actions = null;

  function labelText(finding) {
    const heading = finding.annotation.label || "link block";
    return `Unrelated: ${heading} · ${W.findings.storiesText(finding)}`;
  }

  function makeLabel(finding) {
    const { h } = W.ui;
    const label = W.ui.shadowHost("label", LABEL_CSS);
    label.host.style.setProperty("display", "block", "important");
    label.toggle = h("button", { class: "toggle", onclick: () => actions.toggleCollapsed(finding) }, "hide");
    label.status = h("span", { class: "status", role: "status" });
    label.root.append(
      h(
        "div",
        { class: "bar" },
        h("span", { class: "text" }, labelText(finding)),
        label.toggle,
        h("button", { class: "fp", onclick: () => actions.falsePositive(finding) }, FP_LABEL[finding.annotation.kind]),
        label.status,
      ),
    );
    finding.element.before(label.host);
    return label;
  }

  function draw(findings, handlers) {
    actions = handlers;
    drawn = findings
      .filter((f) => f.annotation.kind !== "injected_spam" && f.element && f.where !== "head")
      .map((finding) => {
        finding.element.setAttribute(FLAG, finding.annotation.kind);
        const labelled = finding.annotation.kind === "unrelated_links" && finding.where === "page";
        return { finding, label: labelled ? makeLabel(finding) : null };
      });
    if (drawn.length) removeStyles = W.ui.adoptStyles(document, PAGE_CSS);
  }

  function entryFor(finding) {
    return drawn.find((entry) => entry.finding === finding);
  }

  function setCollapsed(finding, collapsed) {
    const entry = entryFor(finding);
    if (!entry?.label) return;
    finding.collapsed = collapsed;
    finding.element.toggleAttribute(COLLAPSED, collapsed);
    entry.label.toggle.textContent = collapsed ? "show" : "hide";
  }

  function setAllCollapsed(collapsed) {
    for (const entry of drawn) setCollapsed(entry.finding, collapsed);
  }

  function update(finding) {
    const label = entryFor(finding)?.label;
    if (label && finding.outcome) W.ui.showOutcome(label.status, finding.outcome);
  }

  function scrollTo(finding) {
    (entryFor(finding)?.label?.host ?? finding.element)?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function teardown() {
    for (const { finding, label } of drawn) {
      finding.element.removeAttribute(FLAG);
      finding.element.removeAttribute(COLLAPSED);
      label?.host.remove();
    }
    removeStyles?.();
    removeStyles = null;
    drawn = [];
  }

  W.blocks = Object.freeze({ draw, setCollapsed, setAllCollapsed, update, scrollTo, teardown });
})();
