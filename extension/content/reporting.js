// Reports of Winnow's mistakes, as the contract's POST /api/feedback wants them: a finding that
// is wrong (false_positive), or spam text or a link block that Winnow missed (missed), and
// taking a report back. The service worker adds the client's token, sends, and keeps what
// cannot be sent yet. The block picker takes only the user's own clicks and key presses.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.reporting) return;

  // A block's text only has to identify the block; more would just make the request heavy.
  const MAX_BLOCK_CHARS = 4000;
  // The contract's limits on a block's heading and shape; a few classes identify a block.
  const MAX_LABEL_CHARS = 200;
  const MAX_SHAPE_CLASSES = 4;
  const PICK_CSS = `
    [data-winnow-picking], [data-winnow-picking] * { cursor: crosshair !important; }
    [data-winnow-pick-target] { outline: 3px solid #1565c0 !important; outline-offset: 1px !important; }
  `;
  const PICKING = "data-winnow-picking";
  const TARGET = "data-winnow-pick-target";
  // A block of links, not a pair: the nearest element holding at least this many (the
  // server's MIN_BLOCK_LINKS in server/winnow/detectors/blocks.py; a test holds them equal).
  const MIN_BLOCK_LINKS = 3;

  let picker = null;

  async function send(report) {
    const reply = await W.messaging.ask("report", { report: { url: location.href, ...report } });
    return reply.error ? { state: "failed", message: reply.error.message } : reply;
  }

  // One report for a group: the server's rule is about the phrase (or the block) on the site,
  // so every copy of it is covered.
  function falsePositive(group) {
    const { annotation } = group.lead;
    return send({
      verdict: "false_positive",
      kind: annotation.kind,
      quote: annotation.quote,
      annotation: { rule: annotation.rule, node: annotation.node, xpath: annotation.xpath, label: annotation.label ?? null },
    });
  }

  async function withdraw(outcome) {
    const reply = await W.messaging.ask("withdrawReport", { id: outcome.id ?? null, key: outcome.key ?? null });
    return reply.error ? { ...outcome, message: reply.error.message } : reply;
  }

  function selectedText() {
    const selection = getSelection();
    if (!selection || selection.isCollapsed || W.ui.isOurs(selection.anchorNode)) return "";
    return selection.toString().replace(/\s+/g, " ").trim();
  }

  function missedSpam(text) {
    return send({ verdict: "missed", kind: "injected_spam", quote: text });
  }

  // The block's heading and its root's tag and classes: how the server recognises the same
  // block on the site's other pages, whose stories differ.
  function blockLabel(element) {
    const heading = element.querySelector("h1, h2, h3, h4, h5, h6");
    const text = heading?.textContent.replace(/\s+/g, " ").trim();
    return text && text.length <= MAX_LABEL_CHARS ? text : null;
  }

  function blockShape(element) {
    const classes = [...element.classList].filter((c) => /^[\w-]+$/.test(c)).slice(0, MAX_SHAPE_CLASSES);
    return [element.localName, ...classes].join(".").slice(0, MAX_LABEL_CHARS);
  }

  function missedBlock(element) {
    const text = element.innerText.replace(/\s+/g, " ").trim().slice(0, MAX_BLOCK_CHARS);
    return send({
      verdict: "missed",
      kind: "unrelated_links",
      quote: text,
      annotation: { label: blockLabel(element), shape: blockShape(element) },
    });
  }

  // The block's root: the nearest element holding enough links, then its parents for as long
  // as they add no links of their own (only a heading, as a block's wrapper does).
  function blockAround(node) {
    let block = node;
    for (let el = node; el && el !== document.body; el = el.parentElement) {
      if (el.querySelectorAll("a[href]").length >= MIN_BLOCK_LINKS) {
        block = el;
        break;
      }
    }
    const links = block.querySelectorAll("a[href]").length;
    for (let el = block.parentElement; el && el !== document.body; el = el.parentElement) {
      if (el.querySelectorAll("a[href]").length !== links) break;
      block = el;
      if (el.querySelector("h1, h2, h3, h4, h5, h6")) break;
    }
    return block;
  }

  function mark(target) {
    picker.target?.removeAttribute(TARGET);
    picker.target = target;
    target?.setAttribute(TARGET, "");
  }

  const onOver = W.ui.trusted((event) => {
    if (!W.ui.isOurs(event.target)) mark(blockAround(event.target));
  });

  const onPick = W.ui.trusted((event) => {
    if (W.ui.isOurs(event.target)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const picked = blockAround(event.target);
    const done = picker.resolve;
    stopPicking();
    done(picked);
  });

  // Escape ends picking, wherever the focus is, and nothing else: the page does not see it.
  const onKey = W.ui.trusted((event) => {
    if (event.key !== "Escape") return;
    event.stopImmediatePropagation();
    const done = picker.resolve;
    stopPicking();
    done(null);
  });

  // Resolves with the element the user clicked, or null when they pressed Escape.
  function pickBlock() {
    stopPicking();
    return new Promise((resolve) => {
      picker = { resolve, target: null, removeStyles: W.ui.adoptStyles(document, PICK_CSS) };
      document.documentElement.setAttribute(PICKING, "");
      document.addEventListener("mouseover", onOver, true);
      document.addEventListener("click", onPick, true);
      window.addEventListener("keydown", onKey, true);
    });
  }

  function stopPicking() {
    if (!picker) return;
    mark(null);
    picker.removeStyles();
    document.documentElement.removeAttribute(PICKING);
    document.removeEventListener("mouseover", onOver, true);
    document.removeEventListener("click", onPick, true);
    window.removeEventListener("keydown", onKey, true);
    picker = null;
  }

  function teardown() {
    const done = picker?.resolve;
    stopPicking();
    done?.(null);
  }

  W.reporting = Object.freeze({ falsePositive, withdraw, selectedText, missedSpam, missedBlock, pickBlock, teardown });
})();
