// Winnow on one page: start (send the page, draw what the server found), stop (remove every
// trace), and the actions the panel, labels and cards offer. <html data-winnow-status> tells
// people and tests where it stands: running, done, or "error: <what went wrong>".
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.controller) return;

  const STATUS = "data-winnow-status";
  // Torn down in reverse order of drawing, the page's ids last.
  const PARTS = ["reporting", "highlights", "blocks", "panel", "page"];

  let active = false;
  let run = 0;
  let findings = [];
  let keptSelection = "";

  function setStatus(status) {
    document.documentElement.setAttribute(STATUS, status);
  }

  function onKey(event) {
    if (event.key === "Escape") stop();
  }

  async function report(finding, sendReport) {
    finding.outcome = { state: "sending", message: "Sending…" };
    refresh(finding);
    finding.outcome = await sendReport;
    refresh(finding);
  }

  function refresh(finding) {
    for (const part of ["panel", "blocks", "highlights"]) W[part].update(finding);
  }

  async function reportMiss(sending) {
    W.panel.missOutcome({ state: "sending", message: "Sending…" });
    W.panel.missOutcome(await sending);
  }

  const actions = {
    close: () => stop(),
    openOptions: () => W.messaging.ask("openOptions"),
    openReader: async () => {
      const reply = await W.messaging.ask("openReader");
      if (reply.error) W.panel.error(reply.error.message);
    },
    falsePositive: (finding) => report(finding, W.reporting.falsePositive(finding)),
    toggleCollapsed: (finding) => {
      W.blocks.setCollapsed(finding, !finding.collapsed);
      W.panel.update(finding);
    },
    collapseAll: (collapsed) => {
      W.blocks.setAllCollapsed(collapsed);
      findings.forEach((finding) => W.panel.update(finding));
    },
    scrollTo: (finding) => (finding.ranges.length ? W.highlights : W.blocks).scrollTo(finding),
    // The click on the button could clear the page's selection: read it on pointerdown.
    keepSelection: () => {
      keptSelection = W.reporting.selectedText();
    },
    reportSelection: () => {
      const text = keptSelection || W.reporting.selectedText();
      keptSelection = "";
      if (!text) {
        W.panel.missOutcome({ state: "failed", message: "Select the spam text on the page first." });
        return;
      }
      reportMiss(W.reporting.missedSpam(text));
    },
    pickBlock: async () => {
      W.panel.missOutcome({ state: "sending", message: "Click the block of links that is unrelated (Esc cancels)." });
      const block = await W.reporting.pickBlock();
      if (block) reportMiss(W.reporting.missedBlock(block));
      else if (active) W.panel.missOutcome({ state: "", message: "" });
    },
  };

  function show(result) {
    findings = W.findings.locateAll(result.annotations);
    W.highlights.draw(findings, actions);
    W.blocks.draw(findings, actions);
    W.panel.render(findings);
    setStatus("done");
    W.messaging.ask("findings", { count: findings.filter((f) => f.annotation.kind !== "related_links").length });
  }

  async function start() {
    if (active) return;
    active = true;
    const thisRun = ++run;
    setStatus("running");
    const html = W.page.serialize();
    const hidden = W.page.hiddenIds();
    W.panel.open(actions);
    W.panel.busy("Analyzing this page…");
    document.addEventListener("keydown", onKey, true);
    const reply = await W.messaging.ask("analyze", { url: location.href, html, hidden });
    if (thisRun !== run) return;
    if (reply.error) {
      setStatus(`error: ${reply.error.message}`);
      W.panel.error(reply.error.message);
      return;
    }
    show(reply.result);
  }

  function stop() {
    active = false;
    run += 1;
    findings = [];
    document.removeEventListener("keydown", onKey, true);
    for (const part of PARTS) W[part].teardown();
    document.documentElement.removeAttribute(STATUS);
    W.messaging.ask("findings", { count: 0 });
  }

  function toggle() {
    if (active) stop();
    else start();
  }

  W.controller = Object.freeze({ start, stop, toggle });
})();
