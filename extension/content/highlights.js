// Spliced phrases, highlighted in place with the CSS Custom Highlight API (the page's text and
// elements stay as they are), and a card with the reasons on hover or click. Phrases the server
// is not sure of get a highlight of their own, lighter and dotted.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.highlights) return;

  const NAME = "winnow-spam";
  const UNCERTAIN_NAME = "winnow-spam-uncertain";
  const PAGE_CSS = `
    ::highlight(${NAME}) {
      background-color: rgba(255, 193, 7, 0.6); color: inherit;
      text-decoration: underline wavy #b3261e; text-decoration-thickness: 1px;
    }
    ::highlight(${UNCERTAIN_NAME}) {
      background-color: rgba(255, 193, 7, 0.22); color: inherit;
      text-decoration: underline dotted #8a5a00; text-decoration-thickness: 2px;
    }`;
  const CARD_CSS = `
    .card {
      position: fixed; z-index: 2147483647; max-width: 360px; padding: 10px 12px;
      background: #fffdf5; color: #222; border: 1px solid #d9b44a; border-radius: 6px;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2); font-size: 13px; line-height: 1.4;
    }
    .kind { font-weight: 700; color: #8a1c13; font-size: 12px; text-transform: uppercase; }
    .quote { margin: 4px 0; font-size: 13px; font-weight: 600; }
    ul { margin: 4px 0 8px; padding-left: 18px; font-size: 12px; color: #444; }
    .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
  `;
  const CARD_GAP_PX = 2;
  const CARD_WIDTH_PX = 370;
  const CARD_MIN_ROOM_PX = 40;

  let shown = [];
  let removeStyles = null;
  let card = null;
  let pinned = null;
  let frame = 0;
  let pointer = null;
  let actions = null;

  function hitTest(x, y) {
    for (const finding of shown) {
      for (const rect of finding.ranges.flatMap((range) => [...range.getClientRects()])) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return { finding, rect };
      }
    }
    return null;
  }

  function cardContent(finding) {
    const { h } = W.ui;
    const { annotation, group } = finding;
    const status = h("span", { class: "status", role: "status" });
    W.ui.showOutcome(status, group.outcome, () => actions.withdraw(group));
    const places = group.findings.length;
    return h(
      "div",
      { class: "card", role: "dialog", "aria-label": "Why Winnow flagged this" },
      h("div", { class: "kind" }, group.uncertain ? "Possibly spliced spam (uncertain)" : "Spliced spam"),
      h("div", { class: "quote" }, `“${annotation.quote}”${places > 1 ? ` · ${places} places` : ""}`),
      h("ul", {}, (annotation.reasons || []).map((reason) => h("li", {}, reason))),
      h(
        "div",
        { class: "row" },
        h("button", { class: "fp", onclick: () => actions.falsePositive(group) }, "Not spam"),
        status,
      ),
    );
  }

  function openCard(finding, rect) {
    if (!card) {
      card = { ...W.ui.shadowHost("card", CARD_CSS), box: W.ui.h("div") };
      card.root.append(card.box);
      card.root.addEventListener("keydown", onCardKey);
      document.documentElement.append(card.host);
    }
    card.finding = finding;
    const content = cardContent(finding);
    card.box.replaceChildren(content);
    content.style.top = `${Math.min(rect.bottom + CARD_GAP_PX, innerHeight - CARD_MIN_ROOM_PX)}px`;
    content.style.left = `${Math.max(0, Math.min(rect.left, innerWidth - CARD_WIDTH_PX))}px`;
  }

  function closeCard() {
    card?.host.remove();
    card = null;
  }

  const onCardKey = W.ui.trusted((event) => {
    if (event.key === "Escape") actions.close();
  });

  const onPointerMove = W.ui.trusted((event) => {
    pointer = { x: event.clientX, y: event.clientY };
    if (pinned || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const hit = hitTest(pointer.x, pointer.y);
      if (hit && hit.finding !== card?.finding) openCard(hit.finding, hit.rect);
      else if (!hit && card && !card.host.matches(":hover")) closeCard();
    });
  });

  // A click on flagged text shows why (and does not follow a flagged link); a click elsewhere
  // puts the card away.
  const onClick = W.ui.trusted((event) => {
    if (W.ui.isOurs(event.target)) return;
    const hit = hitTest(event.clientX, event.clientY);
    if (hit) {
      event.preventDefault();
      event.stopPropagation();
      pinned = hit.finding;
      openCard(hit.finding, hit.rect);
    } else if (pinned) {
      pinned = null;
      closeCard();
    }
  });

  function setHighlights() {
    for (const [name, uncertain] of [[NAME, false], [UNCERTAIN_NAME, true]]) {
      const ranges = shown.filter((f) => f.group.uncertain === uncertain).flatMap((f) => f.ranges);
      if (ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
      else CSS.highlights.delete(name);
    }
  }

  // May be called again with more findings (the rest of a long page): they replace the first.
  function draw(findings, handlers) {
    actions = handlers;
    shown = findings.filter((f) => f.annotation.kind === "injected_spam" && f.ranges.length);
    if (!shown.length) {
      teardown();
      return;
    }
    removeStyles ??= W.ui.adoptStyles(document, PAGE_CSS);
    setHighlights();
    if (card && !shown.includes(card.finding)) closeCard();
    document.addEventListener("pointermove", onPointerMove, { passive: true });
    document.addEventListener("click", onClick, true);
  }

  function update(group) {
    if (card?.finding.group === group) {
      const rect = card.finding.ranges[0]?.getBoundingClientRect();
      if (rect) openCard(card.finding, rect);
    }
  }

  function scrollTo(finding) {
    const range = finding.ranges[0];
    const target = range?.startContainer.parentElement ?? finding.element;
    target?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function teardown() {
    document.removeEventListener("pointermove", onPointerMove, { passive: true });
    document.removeEventListener("click", onClick, true);
    cancelAnimationFrame(frame);
    frame = 0;
    CSS.highlights.delete(NAME);
    CSS.highlights.delete(UNCERTAIN_NAME);
    removeStyles?.();
    removeStyles = null;
    closeCard();
    shown = [];
    pinned = null;
  }

  W.highlights = Object.freeze({ draw, update, scrollTo, teardown });
})();
