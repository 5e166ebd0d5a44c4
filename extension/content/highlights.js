// Spliced phrases, highlighted in place with the CSS Custom Highlight API (the page's text and
// elements stay as they are), and a card with the reasons on hover or click.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.highlights) return;

  const NAME = "winnow-spam";
  const PAGE_CSS = `::highlight(${NAME}) {
    background-color: rgba(255, 193, 7, 0.6); color: inherit;
    text-decoration: underline wavy #b3261e; text-decoration-thickness: 1px;
  }`;
  const CARD_CSS = `
    .card {
      position: fixed; z-index: 2147483647; max-width: 360px; padding: 10px 12px;
      background: #fffdf5; color: #222; border: 1px solid #d9b44a; border-radius: 6px;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2); font-size: 13px; line-height: 1.4;
    }
    .card[hidden] { display: none; }
    .kind { font-weight: 700; color: #8a1c13; font-size: 12px; text-transform: uppercase; }
    .quote { margin: 4px 0; font-size: 13px; font-weight: 600; }
    ul { margin: 4px 0 8px; padding-left: 18px; font-size: 12px; color: #444; }
    .row { display: flex; gap: 8px; align-items: center; }
  `;
  const CARD_GAP_PX = 2;

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
    const { annotation } = finding;
    const status = h("span", { class: "status", role: "status" });
    if (finding.outcome) W.ui.showOutcome(status, finding.outcome);
    const notSpam = h("button", { class: "fp", onclick: () => actions.falsePositive(finding) }, "Not spam");
    return h(
      "div",
      { class: "card", role: "dialog", "aria-label": "Why Winnow flagged this" },
      h("div", { class: "kind" }, "Spliced spam"),
      h("div", { class: "quote" }, `“${annotation.quote}”`),
      h("ul", {}, (annotation.reasons || []).map((reason) => h("li", {}, reason))),
      h("div", { class: "row" }, notSpam, status),
    );
  }

  function openCard(finding, rect) {
    if (!card) {
      card = { ...W.ui.shadowHost("card", CARD_CSS), box: W.ui.h("div") };
      card.root.append(card.box);
      document.documentElement.append(card.host);
    }
    card.finding = finding;
    const content = cardContent(finding);
    card.box.replaceChildren(content);
    content.style.top = `${Math.min(rect.bottom + CARD_GAP_PX, innerHeight - 40)}px`;
    content.style.left = `${Math.max(0, Math.min(rect.left, innerWidth - 370))}px`;
  }

  function closeCard() {
    card?.host.remove();
    card = null;
  }

  function onPointerMove(event) {
    pointer = { x: event.clientX, y: event.clientY };
    if (pinned || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const hit = hitTest(pointer.x, pointer.y);
      if (hit && hit.finding !== card?.finding) openCard(hit.finding, hit.rect);
      else if (!hit && card && !card.host.matches(":hover")) closeCard();
    });
  }

  // A click on flagged text shows why (and does not follow a flagged link); a click elsewhere
  // puts the card away.
  function onClick(event) {
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
  }

  function draw(findings, handlers) {
    shown = findings.filter((f) => f.annotation.kind === "injected_spam" && f.ranges.length);
    actions = handlers;
    if (!shown.length) return;
    removeStyles = W.ui.adoptStyles(document, PAGE_CSS);
    CSS.highlights.set(NAME, new Highlight(...shown.flatMap((f) => f.ranges)));
    document.addEventListener("pointermove", onPointerMove, { passive: true });
    document.addEventListener("click", onClick, true);
  }

  function update(finding) {
    if (card?.finding === finding) {
      const rect = finding.ranges[0]?.getBoundingClientRect();
      if (rect) openCard(finding, rect);
    }
  }

  function scrollTo(finding) {
    finding.element?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function teardown() {
    document.removeEventListener("pointermove", onPointerMove, { passive: true });
    document.removeEventListener("click", onClick, true);
    cancelAnimationFrame(frame);
    frame = 0;
    CSS.highlights.delete(NAME);
    removeStyles?.();
    removeStyles = null;
    closeCard();
    shown = [];
    pinned = null;
  }

  W.highlights = Object.freeze({ draw, update, scrollTo, teardown });
})();
