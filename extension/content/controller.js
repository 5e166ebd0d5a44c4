// Winnow on one page: start (send the page, draw what the server found), stop (remove every
// trace), retry after an error, and the actions the panel, labels and cards offer.
// <html data-winnow-status> tells people and tests where it stands: running, done, off, or
// "error: <what went wrong>". A long page is drawn in two steps: the marks on the part the
// reader sees first, then the whole page's.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.controller) return;

  const STATUS = "data-winnow-status";
  // Torn down in reverse order of drawing, the page's ids last.
  const PARTS = ["reporting", "highlights", "blocks", "panel", "page"];

  // idle, running, done, error or off (the user turned Winnow off for this site).
  let state = "idle";
  let run = 0;
  let groups = [];
  let site = "";
  let prefs = {};
  let keptSelection = "";
  let readerWanted = false;
  // The outcome of the last report of a miss (selected text, a picked block).
  let miss = null;

  function setStatus(status) {
    document.documentElement.setAttribute(STATUS, status);
  }

  function refresh(group) {
    for (const part of ["panel", "blocks", "highlights"]) W[part].update(group);
  }

  async function report(group, sending) {
    group.outcome = { state: "sending", message: "Sending…" };
    refresh(group);
    group.outcome = await sending;
    refresh(group);
  }

  function showMiss(outcome) {
    miss = outcome;
    W.panel.missOutcome(outcome);
  }

  async function reportMiss(sending) {
    showMiss({ state: "sending", message: "Sending…" });
    showMiss(await sending);
  }

  // The worker says a report that waited for the server has now reached it (or was refused).
  function onWorkerMessage(message, sender) {
    if (sender.id !== chrome.runtime.id || message?.type !== "reportDelivered") return;
    const group = groups.find((g) => g.outcome?.key === message.key);
    if (group) {
      group.outcome = message.outcome;
      refresh(group);
    } else if (miss?.key === message.key) {
      showMiss(message.outcome);
    }
  }

  async function openReader() {
    readerWanted = false;
    const reply = await W.messaging.ask("openReader");
    if (reply.error) W.panel.note(reply.error.message);
  }

  function setCollapsed(group, collapsed) {
    W.blocks.setCollapsed(group, collapsed);
    W.panel.update(group);
  }

  const actions = {
    close: () => stop(),
    retry: () => retry(),
    turnOn: async () => {
      prefs = await winnowSettings.setSitePref(site, "never", false);
      state = "running";
      analyze(++run);
    },
    openOptions: () => W.messaging.ask("openOptions"),
    openReader: () => (state === "done" ? openReader() : (readerWanted = true)),
    falsePositive: (group) => report(group, W.reporting.falsePositive(group)),
    withdraw: (group) => group.outcome && report(group, W.reporting.withdraw(group.outcome)),
    withdrawMiss: () => miss && reportMiss(W.reporting.withdraw(miss)),
    toggleCollapsed: (group) => setCollapsed(group, !group.collapsed),
    collapseAll: (collapsed) => {
      W.blocks.setAllCollapsed(collapsed);
      groups.forEach((group) => W.panel.update(group));
    },
    // Each press shows the next copy of the phrase, so a reader can walk through them all.
    scrollTo: (group) => {
      const finding = group.shown[group.next % group.shown.length];
      group.next += 1;
      (finding.ranges.length ? W.highlights : W.blocks).scrollTo(finding);
    },
    setSitePref: async (name, value) => {
      prefs = await winnowSettings.setSitePref(site, name, value);
      if (name === "hideClutter" && value) actions.collapseAll(true);
    },
    // The click on the button could clear the page's selection: read it on pointerdown.
    keepSelection: () => {
      keptSelection = W.reporting.selectedText();
    },
    reportSelection: () => {
      const text = keptSelection || W.reporting.selectedText();
      keptSelection = "";
      if (!text) {
        showMiss({ state: "failed", message: "Select the spam text on the page first." });
        return;
      }
      reportMiss(W.reporting.missedSpam(text));
    },
    pickBlock: async () => {
      showMiss({ state: "sending", message: "Click the block of links that is unrelated (Esc cancels)." });
      const block = await W.reporting.pickBlock();
      if (block) reportMiss(W.reporting.missedBlock(block));
      else if (state !== "idle") showMiss(null);
    },
  };

  function locate(result, keep = () => true) {
    const found = W.findings.locateAll(result.annotations).filter(keep);
    const previous = new Map(groups.map((g) => [g.key, g]));
    const grouped = W.findings.groupAll(found);
    // What the reader did with the first step's groups stays with the same groups.
    for (const group of grouped) {
      const before = previous.get(group.key);
      if (before) Object.assign(group, { outcome: before.outcome, collapsed: before.collapsed, next: before.next });
    }
    return grouped;
  }

  // The first part of a long page: its spliced phrases the server is sure of, drawn at once.
  function showFirst(result) {
    groups = locate(result, (f) => f.annotation.kind === "injected_spam");
    groups = groups.filter((g) => !g.uncertain);
    W.highlights.draw(groups.flatMap((g) => g.findings), actions);
    W.panel.render(groups, { site, prefs, final: false });
  }

  function show(result) {
    groups = locate(result);
    const findings = groups.flatMap((g) => g.findings);
    W.highlights.draw(findings, actions);
    W.blocks.draw(groups, actions);
    if (prefs.hideClutter) W.blocks.setAllCollapsed(true, { sureOnly: true });
    const withdrawn = Array.isArray(result.stats?.withdrawn) ? result.stats.withdrawn : [];
    W.panel.render(groups, { site, prefs, withdrawn });
    state = "done";
    setStatus("done");
    W.messaging.ask("findings", { count: groups.filter((g) => g.kind !== "related_links").length });
    if (readerWanted) openReader();
  }

  function fail(error) {
    state = "error";
    setStatus(`error: ${error.message}`);
    W.panel.error(error);
  }

  async function analyze(thisRun) {
    setStatus("running");
    W.panel.busy("Analyzing this page…");
    const url = location.href;
    const { html, first } = W.page.snapshot();
    const hidden = W.hidden.hiddenIds();
    const firstReply = first && W.messaging.ask("analyze", { url, html: first.html, hidden: hidden.filter((id) => Number(id) < first.cut), part: "first" });
    const whole = W.messaging.ask("analyze", { url, html, hidden });
    if (firstReply) {
      const reply = await firstReply;
      if (thisRun === run && state === "running" && !reply.error) showFirst(reply.result);
    }
    const reply = await whole;
    if (thisRun !== run) return;
    if (reply.error) fail(reply.error);
    else show(reply.result);
  }

  // `focus`: the user asked (the button, a shortcut), so the panel takes the focus; without it
  // (Winnow runs on page load), a site the user turned Winnow off for is left alone.
  async function start({ focus = true } = {}) {
    if (state !== "idle") return;
    state = "running";
    const thisRun = ++run;
    setStatus("running");
    const settings = await winnowSettings.load();
    if (thisRun !== run) return;
    site = winnowSettings.siteKey(location.hostname);
    prefs = settings.sitePrefs[site] ?? {};
    if (prefs.never && !focus) {
      stop();
      return;
    }
    W.panel.open(actions, { focus, settings });
    chrome.runtime.onMessage.addListener(onWorkerMessage);
    if (prefs.never) {
      state = "off";
      setStatus("off");
      W.panel.off(site);
      return;
    }
    await analyze(thisRun);
  }

  function retry() {
    if (state !== "error") return;
    state = "running";
    analyze(++run);
  }

  function stop() {
    state = "idle";
    run += 1;
    groups = [];
    miss = null;
    readerWanted = false;
    chrome.runtime.onMessage.removeListener(onWorkerMessage);
    for (const part of PARTS) W[part].teardown();
    document.documentElement.removeAttribute(STATUS);
    W.messaging.ask("findings", { count: 0 });
  }

  // The toolbar button: on, off, or, after an error, another try.
  function toggle() {
    if (state === "error") retry();
    else if (state === "idle") start();
    else stop();
  }

  // The reader view's shortcut on a page Winnow has not analyzed yet: analyze, then open it.
  function reader() {
    readerWanted = true;
    if (state === "idle") start();
    else if (state === "error") retry();
    else if (state === "done") openReader();
  }

  W.controller = Object.freeze({ start, stop, toggle, reader });
})();
