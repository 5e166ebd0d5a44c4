// Flagged link blocks: the block root carries data-winnow-flag="<kind>"; an unrelated block is
// outlined, greyed (its text keeps its contrast) and labelled, and can be folded to the line
// that holds its heading and label, and shown again. Labels float in one layer of Winnow's own
// over the page instead of being inserted next to the blocks, so the page keeps its structure,
// and they are placed where they never cover the block's heading.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.blocks) return;

  const FLAG = "data-winnow-flag";
  const COLLAPSED = "data-winnow-collapsed";
  const UNCERTAIN = "data-winnow-uncertain";
  const FOLD_HEIGHT = "--winnow-fold-height";
  const ROOM = "data-winnow-room";
  const ROOM_PADDING = "--winnow-room";
  const LABEL_HEIGHT_PX = 26;
  const GAP_PX = 4;
  // A folded block keeps at least one line.
  const MIN_FOLD_PX = 28;
  // Links checked for overlap when a label goes beside a heading: the first rows are enough.
  const LINKS_CHECKED = 12;
  const PAGE_CSS = `
    [${FLAG}="unrelated_links"] {
      outline: 2px dashed #b3261e !important; outline-offset: 2px !important;
      filter: grayscale(1) !important;
    }
    [${FLAG}="unrelated_links"][${UNCERTAIN}] { outline: 2px dotted #8a5a00 !important; filter: none !important; }
    [${FLAG}="related_links"] { outline: 1px dotted #2e7d32 !important; outline-offset: 2px !important; }
    [${ROOM}] { padding-top: var(${ROOM_PADDING}) !important; }
    [${COLLAPSED}] {
      box-sizing: border-box !important; height: var(${FOLD_HEIGHT}, ${MIN_FOLD_PX}px) !important;
      min-height: 0 !important; max-height: var(${FOLD_HEIGHT}, ${MIN_FOLD_PX}px) !important;
      overflow: hidden !important;
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
      position: absolute; height: ${LABEL_HEIGHT_PX}px; width: max-content; max-width: calc(100vw - 16px);
      display: flex; gap: 6px; align-items: center; padding: 0 6px; white-space: nowrap;
      background: #fdecea; color: #5f1f1a; border: 1px solid #c9736b;
      border-radius: 4px; font-size: 12px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.15);
    }
    .label[data-uncertain] { background: #fff6e0; color: #4d3400; border-color: #b58a2e; border-style: dashed; }
    .text { font-size: 12px; font-weight: 600; }
    button { padding: 2px 6px; }
  `;
  const FP_LABEL = { unrelated_links: "Not unrelated", related_links: "Not related", hidden_links: "Not spam" };

  let drawn = [];
  let styles = null;
  let layer = null;
  let observer = null;
  let frame = 0;
  let actions = null;

  function labelText(group) {
    const what = group.uncertain ? "Possibly unrelated" : "Unrelated";
    return `${what} · ${W.findings.storiesText(group.lead)}`;
  }

  function groupName(group) {
    const heading = group.lead.annotation.label;
    return `${labelText(group)}${heading ? `: “${heading}”` : ""}`;
  }

  function makeLabel(group) {
    const { h } = W.ui;
    const label = {
      toggle: h("button", { class: "toggle", type: "button", onclick: () => actions.toggleCollapsed(group) }, "Hide"),
      status: h("span", { class: "status" }),
    };
    label.box = h(
      "div",
      { class: "label", role: "group", "aria-label": groupName(group), "data-kind": group.kind, "data-uncertain": group.uncertain },
      h("span", { class: "text" }, labelText(group)),
      label.toggle,
      h("button", { class: "fp", type: "button", onclick: () => actions.falsePositive(group) }, FP_LABEL[group.kind]),
      label.status,
    );
    layer.root.append(label.box);
    return label;
  }

  // The box of the block's heading text (not of the heading element, which may span the whole
  // width), or of its first line when it has no heading.
  function headingRect(element, heading) {
    const candidates = element.querySelectorAll("h1, h2, h3, h4, h5, h6, [role='heading']");
    let target = candidates[0] ?? null;
    if (!target && heading) {
      target = [...element.querySelectorAll("*")].find((el) => el.textContent.trim() === heading.trim()) ?? null;
    }
    const range = document.createRange();
    if (target) {
      range.selectNodeContents(target);
      const rect = range.getBoundingClientRect();
      if (rect.width && rect.height) return rect;
    }
    return null;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function rect(left, top, width) {
    return { left, top, right: left + width, bottom: top + LABEL_HEIGHT_PX, width };
  }

  // What lies right above the block: the bottom of the nearest thing drawn before it.
  function spaceAbove(element, block) {
    for (let el = element; el && el !== document.body; el = el.parentElement) {
      for (let prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
        const box = prev.getBoundingClientRect();
        if (box.height && box.bottom <= block.top + 1) return block.top - box.bottom;
      }
    }
    return block.top + scrollY;
  }

  // Beside the heading, on its line, when nothing of the block is there; else above the block
  // when the page leaves room there; else in room made at the top of the block (its padding
  // grows by a label's height). `keep` is how far down a folded block must stay open to show
  // its heading and its label.
  function labelRect(entry, width) {
    const { element, group } = entry;
    const block = element.getBoundingClientRect();
    const head = headingRect(element, group.lead.annotation.label);
    const right = Math.max(block.right - width, 0);
    const headBottom = head ? head.bottom : block.top;
    if (!entry.room && head) {
      const beside = rect(right, head.top + (head.height - LABEL_HEIGHT_PX) / 2, width);
      const links = [...element.querySelectorAll("a[href]")].slice(0, LINKS_CHECKED);
      const free = beside.left >= head.right + GAP_PX && !links.some((a) => overlaps(beside, a.getBoundingClientRect()));
      if (free) return { ...beside, keep: Math.max(headBottom, beside.bottom) };
    }
    if (!entry.room && spaceAbove(element, block) >= LABEL_HEIGHT_PX + GAP_PX) {
      return { ...rect(right, block.top - LABEL_HEIGHT_PX - GAP_PX / 2, width), keep: headBottom };
    }
    makeRoom(entry);
    return { ...rect(right, block.top + GAP_PX / 2, width), keep: headBottom };
  }

  function makeRoom(entry) {
    if (entry.room) return;
    entry.room = true;
    const padding = parseFloat(getComputedStyle(entry.element).paddingTop) || 0;
    entry.element.style.setProperty(ROOM_PADDING, `${padding + LABEL_HEIGHT_PX + GAP_PX * 2}px`);
    entry.element.setAttribute(ROOM, "");
  }

  function place() {
    frame = 0;
    const origin = layer.host.getBoundingClientRect();
    for (const entry of drawn) {
      const { group, element, label } = entry;
      if (!label) continue;
      const at = labelRect(entry, label.box.offsetWidth);
      if (!group.collapsed) {
        const block = element.getBoundingClientRect();
        const fold = `${Math.round(Math.max(MIN_FOLD_PX, at.keep - block.top + GAP_PX))}px`;
        if (element.style.getPropertyValue(FOLD_HEIGHT) !== fold) element.style.setProperty(FOLD_HEIGHT, fold);
      }
      Object.assign(label.box.style, { top: `${at.top - origin.top}px`, left: `${at.left - origin.left}px` });
    }
  }

  function schedulePlace() {
    frame ||= requestAnimationFrame(place);
  }

  const onResize = W.ui.trusted(schedulePlace);

  function openLayer() {
    layer = W.ui.shadowHost("labels", LABEL_CSS);
    for (const [name, value] of Object.entries(LAYER_STYLE)) layer.host.style.setProperty(name, value, "important");
    layer.root.addEventListener("keydown", W.ui.trusted((event) => event.key === "Escape" && actions.close()));
    document.documentElement.append(layer.host);
    observer = new ResizeObserver(schedulePlace);
    observer.observe(document.documentElement);
    addEventListener("resize", onResize);
  }

  function mark(group) {
    const finding = group.lead;
    const element = finding.element;
    const entry = { group, element, style: element.getAttribute("style"), label: null, room: false };
    element.setAttribute(FLAG, group.kind);
    element.toggleAttribute(UNCERTAIN, group.uncertain);
    if (group.kind === "unrelated_links" && finding.where === "page") {
      observer.observe(element);
      entry.label = makeLabel(group);
    }
    return entry;
  }

  function unmark(entry) {
    entry.element.removeAttribute(FLAG);
    entry.element.removeAttribute(COLLAPSED);
    entry.element.removeAttribute(UNCERTAIN);
    entry.element.removeAttribute(ROOM);
    if (entry.style === null) entry.element.removeAttribute("style");
    else entry.element.setAttribute("style", entry.style);
  }

  // May be called again with the groups of the whole page: they replace the first ones.
  function draw(groups, handlers) {
    actions = handlers;
    for (const entry of drawn) unmark(entry);
    layer?.root.querySelectorAll(".label").forEach((label) => label.remove());
    drawn = [];
    const shown = groups.filter((g) => g.kind !== "injected_spam" && g.lead.element && g.lead.where !== "head");
    if (!shown.length) return;
    styles ??= W.ui.adoptStyles(document, PAGE_CSS);
    if (!layer) openLayer();
    drawn = shown.map(mark);
    for (const entry of drawn) if (entry.group.collapsed) setCollapsed(entry.group, true);
    place();
  }

  function entryFor(group) {
    return drawn.find((entry) => entry.group === group);
  }

  function setCollapsed(group, collapsed) {
    const entry = entryFor(group);
    if (!entry?.label) return;
    group.collapsed = collapsed;
    entry.element.toggleAttribute(COLLAPSED, collapsed);
    entry.label.toggle.textContent = collapsed ? "Show" : "Hide";
    schedulePlace();
  }

  // The blocks a reader would fold: all of them, or only those the server is sure of.
  function setAllCollapsed(collapsed, { sureOnly = false } = {}) {
    for (const entry of drawn) {
      if (!(sureOnly && entry.group.uncertain)) setCollapsed(entry.group, collapsed);
    }
  }

  function update(group) {
    const label = entryFor(group)?.label;
    if (label) W.ui.showOutcome(label.status, group.outcome, () => actions.withdraw(group));
  }

  function scrollTo(finding) {
    finding.element?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function teardown() {
    for (const entry of drawn) unmark(entry);
    observer?.disconnect();
    removeEventListener("resize", onResize);
    cancelAnimationFrame(frame);
    frame = 0;
    layer?.host.remove();
    styles?.();
    observer = layer = styles = null;
    drawn = [];
  }

  W.blocks = Object.freeze({ draw, setCollapsed, setAllCollapsed, update, scrollTo, teardown });
})();
