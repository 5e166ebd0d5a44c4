// Flagged link blocks: the block root carries data-winnow-flag="<kind>"; an unrelated block is
// outlined, dimmed and labelled, and can be folded to its one-line label and shown again.
// Labels float in one layer of Winnow's own over the page instead of being inserted next to
// the blocks, so the page keeps its structure (its sibling selectors, its xpaths).
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.blocks) return;

  const FLAG = "data-winnow-flag";
  const COLLAPSED = "data-winnow-collapsed";
  const LABEL_HEIGHT_PX = 28;
  const MIN_LABEL_WIDTH_PX = 240;
  const PAGE_CSS = `
    [${FLAG}="unrelated_links"] {
      outline: 2px dashed #c0392b !important; outline-offset: 2px !important;
      opacity: 0.4 !important; transition: opacity 0.15s;
    }
    [${FLAG}="unrelated_links"]:hover { opacity: 0.85 !important; }
    [${FLAG}="related_links"] { outline: 1px dotted #2e7d32 !important; outline-offset: 2px !important; }
    [${COLLAPSED}] {
      box-sizing: border-box !important; height: ${LABEL_HEIGHT_PX}px !important; min-height: 0 !important;
      max-height: ${LABEL_HEIGHT_PX}px !important; overflow: hidden !important;
    }
  `;
  // The layer is positioned by inline !important styles: those win over any page rule.
  const LAYER_STYLE = {
    position: "absolute",
    top: "0",
    left: "0",
    width: "0",
    height: "0",
    margin: "0",
    padding: "0",
    border: "0",
    display: "block",
    "z-index": "2147483646",
  };
  const LABEL_CSS = `
    .label {
      position: absolute; height: ${LABEL_HEIGHT_PX}px; display: flex; gap: 6px; align-items: center;
      padding: 0 6px; background: #fdecea; color: #5f1f1a; border: 1px solid #e6a39d;
      border-radius: 4px; font-size: 12px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.15);
    }
    .text {
      flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
      font-size: 12px; font-weight: 600;
    }
    .status { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 40%; }
    button { padding: 2px 6px; }
  `;
  const FP_LABEL = { unrelated_links: "Not unrelated", related_links: "Not related", hidden_links: "Not spam" };

  let drawn = [];
  let styles = null;
  let layer = null;
  let observer = null;
  let frame = 0;
  let actions = null;

  function labelText(finding) {
    const heading = finding.annotation.label || "link block";
    return `Unrelated: ${heading} · ${W.findings.storiesText(finding)}`;
  }

  function makeLabel(finding) {
    const { h } = W.ui;
    const text = labelText(finding);
    const label = {
      toggle: h("button", { class: "toggle", onclick: () => actions.toggleCollapsed(finding) }, "hide"),
      status: h("span", { class: "status", role: "status" }),
    };
    label.box = h(
      "div",
      { class: "label", "data-kind": finding.annotation.kind },
      h("span", { class: "text", title: text }, text),
      label.toggle,
      h("button", { class: "fp", onclick: () => actions.falsePositive(finding) }, FP_LABEL[finding.annotation.kind]),
      label.status,
    );
    layer.root.append(label.box);
    return label;
  }

  // Each label covers the top line of its block: the line a folded block keeps.
  function place() {
    frame = 0;
    const origin = layer.host.getBoundingClientRect();
    for (const { finding, label } of drawn) {
      if (!label) continue;
      const rect = finding.element.getBoundingClientRect();
      Object.assign(label.box.style, {
        top: `${rect.top - origin.top}px`,
        left: `${rect.left - origin.left}px`,
        width: `${Math.max(rect.width, MIN_LABEL_WIDTH_PX)}px`,
      });
    }
  }

  function schedulePlace() {
    frame ||= requestAnimationFrame(place);
  }

  function openLayer() {
    layer = W.ui.shadowHost("labels", LABEL_CSS);
    for (const [name, value] of Object.entries(LAYER_STYLE)) layer.host.style.setProperty(name, value, "important");
    document.documentElement.append(layer.host);
    observer = new ResizeObserver(schedulePlace);
    observer.observe(document.documentElement);
    addEventListener("resize", schedulePlace);
  }

  function draw(findings, handlers) {
    actions = handlers;
    const shown = findings.filter((f) => f.annotation.kind !== "injected_spam" && f.element && f.where !== "head");
    if (!shown.length) return;
    styles = W.ui.adoptStyles(document, PAGE_CSS);
    openLayer();
    drawn = shown.map((finding) => {
      finding.element.setAttribute(FLAG, finding.annotation.kind);
      const labelled = finding.annotation.kind === "unrelated_links" && finding.where === "page";
      if (labelled) observer.observe(finding.element);
      return { finding, label: labelled ? makeLabel(finding) : null };
    });
    place();
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
    schedulePlace();
  }

  function setAllCollapsed(collapsed) {
    for (const entry of drawn) setCollapsed(entry.finding, collapsed);
  }

  function update(finding) {
    const label = entryFor(finding)?.label;
    if (label && finding.outcome) W.ui.showOutcome(label.status, finding.outcome);
  }

  function scrollTo(finding) {
    finding.element?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function teardown() {
    for (const { finding } of drawn) {
      finding.element.removeAttribute(FLAG);
      finding.element.removeAttribute(COLLAPSED);
    }
    observer?.disconnect();
    removeEventListener("resize", schedulePlace);
    cancelAnimationFrame(frame);
    frame = 0;
    layer?.host.remove();
    styles?.();
    observer = layer = styles = null;
    drawn = [];
  }

  W.blocks = Object.freeze({ draw, setCollapsed, setAllCollapsed, update, scrollTo, teardown });
})();
