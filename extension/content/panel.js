// The panel under #winnow-root (a closed shadow root): what Winnow is doing (busy, done, an
// error with the one thing to do about it, off for this site), the grouped findings, the
// page-wide actions, this site's preferences and the way to report a miss. It folds to a small
// badge by itself when nothing was found or the screen is narrow, and can be docked or dragged.
// Focus moves into it when the user opens it and back to the page when it closes; Escape closes
// Winnow only from inside Winnow's own UI.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.panel) return;

  // A phone held upright, or a narrow window: the panel starts as a badge.
  const NARROW_QUERY = "(max-width: 600px)";
  const SUMMARY_WORDS = {
    injected_spam: ["spliced phrase", "spliced phrases"],
    unrelated_links: ["unrelated block", "unrelated blocks"],
    hidden_links: ["hidden link block", "hidden link blocks"],
  };
  const BADGE_WORDS = { injected_spam: "spam", unrelated_links: "unrelated", hidden_links: "hidden" };
  const ERROR_ACTIONS = { retry: "Retry", options: "Open options" };
  const PANEL_CSS = `
    .panel {
      position: fixed; z-index: 2147483647; width: 340px;
      max-height: min(560px, calc(100vh - 24px)); display: flex; flex-direction: column;
      background: #fff; color: #1d1d1d; border: 1px solid #6f917d; border-radius: 8px;
      box-shadow: 0 6px 24px rgba(0, 0, 0, 0.22); font-size: 13px; line-height: 1.4;
    }
    .panel:focus { outline: none; }
    .panel:focus-visible { outline: 2px solid #1565c0; }
    .panel[data-dock="right"] { top: 12px; right: 12px; }
    .panel[data-dock="left"] { top: 12px; left: 12px; }
    .panel[data-dock="bottom"] { bottom: 12px; right: 12px; left: 12px; width: auto; max-height: 42vh; }
    .panel[data-dock="bottom"][data-collapsed] { left: auto; }
    .panel[data-collapsed] { width: auto; border-radius: 18px; border-color: #1f5c40; }
    .panel[data-collapsed] > header, .panel[data-collapsed] > .body { display: none; }
    .panel:not([data-collapsed]) > .badge-row { display: none; }
    .badge-row { display: flex; align-items: center; gap: 2px; }
    .panel:not([data-state="done"]) .badge-reader { display: none; }
    .badge-reader {
      border: 0; border-radius: 0 18px 18px 0; background: #1f5c40; color: #fff; font-size: 15px;
      padding: 4px 12px 4px 8px; align-self: stretch;
    }
    .badge-reader:hover { background: #174a33; }
    .panel[data-state="done"] .badge { border-radius: 18px 0 0 18px; }
    .badge {
      display: flex; align-items: center; gap: 6px; border: 0; border-radius: 18px;
      background: #1f5c40; color: #fff; font-size: 13px; padding: 6px 12px; max-width: 70vw;
    }
    .badge:hover { background: #174a33; }
    .badge .mark { font-weight: 700; }
    .panel[data-state="error"] .badge { background: #b3261e; }
    header {
      display: flex; align-items: center; gap: 6px; padding: 6px 8px 6px 10px;
      background: #1f5c40; color: #fff; border-radius: 7px 7px 0 0; cursor: move; touch-action: none;
    }
    header h2 { font-size: 14px; margin: 0; }
    header .summary { flex: 1; font-size: 12px; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    header button { background: transparent; color: #fff; border-color: rgba(255, 255, 255, 0.6); padding: 2px 7px; }
    header button:hover { background: rgba(255, 255, 255, 0.15); }
    header button[aria-pressed="true"] { background: rgba(255, 255, 255, 0.3); }
    .docks { display: inline-flex; gap: 2px; }
    .body { overflow: auto; padding: 8px 12px 10px; }
    .message { margin: 4px 0 8px; font-size: 13px; }
    .message[data-state="failed"] { color: #b3261e; }
    .panel[data-state="error"] .message { color: #b3261e; font-weight: 600; }
    .error-actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-bottom: 8px; }
    .error-actions details { width: 100%; font-size: 12px; color: #555; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 6px; }
    fieldset.site { border: 1px solid #ddd; border-radius: 6px; margin: 8px 0; padding: 4px 8px 6px; font-size: 12px; }
    fieldset.site legend { padding: 0 4px; color: #444; }
    fieldset.site label { display: flex; gap: 6px; align-items: center; margin: 2px 0; }
    .miss { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; padding-top: 8px; border-top: 1px solid #ddd; }
    .miss p { width: 100%; margin: 0; font-size: 12px; color: #555; }
    footer { margin-top: 10px; font-size: 11px; color: #555; display: flex; gap: 6px; align-items: center; }
    footer button { font-size: 11px; padding: 1px 6px; }
    @media ${NARROW_QUERY} {
      .panel:not([data-collapsed]) { left: 6px; right: 6px; top: auto; bottom: 6px; width: auto; max-height: 60vh; }
      .panel[data-collapsed] { top: auto; bottom: 10px; right: 10px; left: auto; }
      .docks { display: none; }
    }
  ` + W.list.CSS;

  let panel = null;

  function el(selector) {
    return panel.root.querySelector(selector);
  }

  function dockButtons() {
    const { h } = W.ui;
    const names = { left: ["◧", "Dock the panel on the left"], bottom: ["⬓", "Dock the panel at the bottom"], right: ["◨", "Dock the panel on the right"] };
    return W.dock.DOCKS.map((dock) => h("button", { type: "button", class: `dock dock-${dock}`, "data-dock": dock, "aria-label": names[dock][1], title: names[dock][1] }, names[dock][0]));
  }

  function build(actions) {
    const { h } = W.ui;
    const docks = dockButtons();
    const frame = h(
      "section",
      { class: "panel", role: "dialog", "aria-label": "Winnow", tabindex: "-1" },
      h(
        "div",
        { class: "badge-row" },
        h("button", { type: "button", class: "badge", "aria-expanded": "false", onclick: () => setCollapsed(false, true) }, h("span", { class: "mark" }, "Winnow"), " ", h("span", { class: "badge-text" })),
        h("button", { type: "button", class: "badge-reader", "aria-label": "Reader view", title: "Reader view", onclick: actions.openReader }, "≡"),
      ),
      h(
        "header",
        {},
        h("h2", {}, "Winnow"),
        h("span", { class: "summary" }),
        h("span", { class: "docks", role: "group", "aria-label": "Move the panel" }, docks),
        h("button", { type: "button", class: "collapse", "aria-expanded": "true", "aria-label": "Fold the panel to a badge", title: "Fold the panel to a badge", onclick: () => setCollapsed(true, true) }, "–"),
        h("button", { type: "button", class: "close", "aria-label": "Close Winnow", title: "Close Winnow (Esc)", onclick: actions.close }, "×"),
      ),
      h(
        "div",
        { class: "body" },
        h("p", { class: "message", role: "status" }),
        h("div", { class: "error-actions" }),
        h("div", { class: "page-actions" }),
        h("div", { class: "site-prefs" }),
        h("div", { class: "findings" }),
        h("div", { class: "miss-actions" }),
        h(
          "footer",
          {},
          h("button", { type: "button", class: "options", onclick: actions.openOptions }, "Options"),
          h("span", {}, "Esc closes Winnow from here."),
        ),
      ),
    );
    return { frame, docks };
  }

  const onKey = W.ui.trusted((event) => {
    if (event.key === "Escape") panel.actions.close();
  });

  // Focus goes where the reader can act: the panel itself, or its badge when folded.
  function focusPanel() {
    (panel.frame.hasAttribute("data-collapsed") ? el(".badge") : panel.frame).focus({ preventScroll: true });
  }

  function hasFocus() {
    return panel.root.activeElement != null;
  }

  function setCollapsed(collapsed, moveFocus = hasFocus()) {
    panel.frame.toggleAttribute("data-collapsed", collapsed);
    el(".badge").setAttribute("aria-expanded", String(!collapsed));
    el(".collapse").setAttribute("aria-expanded", String(!collapsed));
    if (moveFocus) focusPanel();
  }

  // `focus`: the user opened Winnow (a press, the shortcut), so focus moves into the panel and
  // goes back where it was when Winnow closes. Winnow running on page load takes no focus.
  function open(actions, { focus = false, settings }) {
    panel = { ...W.ui.shadowHost("panel", PANEL_CSS), actions, returnFocus: null };
    panel.host.id = "winnow-root";
    const { frame, docks } = build(actions);
    panel.frame = frame;
    panel.root.append(frame);
    panel.root.addEventListener("keydown", onKey);
    document.documentElement.append(panel.host);
    W.dock.attach(frame, el("header"), docks, settings);
    setCollapsed(matchMedia(NARROW_QUERY).matches, false);
    if (focus) {
      const before = document.activeElement;
      panel.returnFocus = before && before !== document.body && !W.ui.isOurs(before) ? before : null;
      focusPanel();
    }
  }

  function setState(state, message, badge) {
    panel.frame.dataset.state = state;
    el(".message").textContent = message;
    delete el(".message").dataset.state;
    el(".badge-text").textContent = badge;
    el(".summary").textContent = state === "done" ? badge : "";
  }

  function clearBody() {
    for (const part of [".error-actions", ".page-actions", ".site-prefs", ".findings", ".miss-actions"]) el(part).replaceChildren();
  }

  function busy(text) {
    if (!panel) return;
    setState("busy", text, "Analyzing…");
  }

  // An error says what happened in plain words and offers the one thing to do about it.
  function error(err) {
    const { h } = W.ui;
    clearBody();
    setState("error", err.message, "Error");
    const label = ERROR_ACTIONS[err.action];
    const action = err.action === "options" ? panel.actions.openOptions : panel.actions.retry;
    el(".error-actions").replaceChildren(
      label ? h("button", { type: "button", class: `error-action ${err.action}`, onclick: action }, label) : null,
      err.detail ? h("details", {}, h("summary", {}, "Details"), h("p", {}, err.detail)) : null,
    );
    setCollapsed(false);
  }

  // Winnow is turned off for this site: it sent nothing, and says how to turn it back on.
  function off(site) {
    const { h } = W.ui;
    clearBody();
    setState("off", `Winnow is off for ${site}: it sends nothing from this site to the server.`, "Off here");
    el(".error-actions").replaceChildren(h("button", { type: "button", class: "turn-on", onclick: panel.actions.turnOn }, "Turn on for this site"));
    setCollapsed(false);
  }

  function plural(n, [one, many]) {
    return `${n} ${n === 1 ? one : many}`;
  }

  function counts(groups) {
    return Object.keys(SUMMARY_WORDS)
      .map((kind) => [kind, groups.filter((g) => g.kind === kind).length])
      .filter(([, n]) => n);
  }

  function pageActions(groups) {
    const { h } = W.ui;
    const { actions } = panel;
    const blocks = groups.some((g) => g.kind === "unrelated_links" && g.lead.where === "page");
    return h(
      "div",
      { class: "actions" },
      blocks ? h("button", { type: "button", class: "hide-all", onclick: () => actions.collapseAll(true) }, "Hide all clutter") : null,
      blocks ? h("button", { type: "button", class: "show-all", onclick: () => actions.collapseAll(false) }, "Show all") : null,
      h("button", { type: "button", class: "reader", onclick: actions.openReader }, "Reader view"),
    );
  }

  function checkbox(name, checked, text, onchange) {
    const { h } = W.ui;
    return h("label", {}, h("input", { type: "checkbox", class: name, checked, onchange }), text);
  }

  function sitePrefs(site, prefs) {
    const { h } = W.ui;
    const { actions } = panel;
    return h(
      "fieldset",
      { class: "site" },
      h("legend", {}, `On ${site}`),
      checkbox("pref-hide", prefs.hideClutter, "Always hide clutter here", (event) => actions.setSitePref("hideClutter", event.target.checked)),
      checkbox("pref-never", prefs.never, "Never run Winnow here", (event) => actions.setSitePref("never", event.target.checked)),
    );
  }

  function missActions() {
    const { h } = W.ui;
    const { actions } = panel;
    return h(
      "div",
      { class: "miss" },
      h("p", {}, "Did Winnow miss something? Select the spam text, or pick the block of links."),
      h("button", { type: "button", class: "report-selection", onpointerdown: actions.keepSelection, onclick: actions.reportSelection }, "Report selected text as spam"),
      h("button", { type: "button", class: "pick-block", onclick: actions.pickBlock }, "Pick an unrelated block"),
      h("span", { class: "status miss-status" }),
    );
  }

  // `final`: the whole page was analyzed (a long page is drawn in two steps).
  function render(groups, { site, prefs, withdrawn = [], final = true }) {
    const found = counts(groups);
    const message = found.length
      ? `Winnow found ${found.map(([kind, n]) => plural(n, SUMMARY_WORDS[kind])).join(", ")} on this page.`
      : "Nothing to flag on this page.";
    const badge = found.length ? found.map(([kind, n]) => `${n} ${BADGE_WORDS[kind]}`).join(" · ") : "Nothing found";
    if (!final) {
      setState("busy", `${message} Checking the rest of the page…`, badge);
      return;
    }
    setState("done", message, badge);
    clearBody();
    el(".page-actions").replaceChildren(pageActions(groups));
    el(".site-prefs").replaceChildren(sitePrefs(site, prefs));
    el(".findings").replaceChildren(W.list.render(groups, panel.actions, withdrawn));
    el(".miss-actions").replaceChildren(missActions());
    if (!found.length) setCollapsed(true);
  }

  function update(group) {
    if (panel) W.list.update(group);
  }

  function missOutcome(outcome) {
    const status = panel && el(".miss-status");
    if (status) W.ui.showOutcome(status, outcome, panel.actions.withdrawMiss);
  }

  // A problem that leaves the findings as they are (the reader view could not open).
  function note(message) {
    if (!panel) return;
    el(".message").textContent = message;
    el(".message").dataset.state = "failed";
  }

  function teardown() {
    if (!panel) return;
    const { returnFocus } = panel;
    const focused = hasFocus();
    W.dock.teardown();
    W.list.teardown();
    panel.host.remove();
    panel = null;
    if (focused && returnFocus?.isConnected) returnFocus.focus({ preventScroll: true });
  }

  W.panel = Object.freeze({ open, busy, error, off, render, update, missOutcome, note, teardown });
})();
