// Small DOM helpers shared by the panel and the overlay. Text always goes in as text nodes:
// nothing the server or the page says is ever parsed as HTML here. Every piece of Winnow's UI
// lives in a closed shadow root and every handler ignores events a script made (isTrusted is
// false for them), so the page can neither read Winnow's UI nor press its buttons.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.ui) return;

  const UI_ATTRIBUTE = "data-winnow-ui";
  const BASE_CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
    button {
      font: 12px/1.2 system-ui, sans-serif; color: #1f3d2e; background: #f3f7f4;
      border: 1px solid #6f917d; border-radius: 4px; padding: 3px 8px; cursor: pointer;
    }
    button:hover { background: #e1ece5; }
    button:focus-visible, [tabindex]:focus-visible { outline: 2px solid #1565c0; outline-offset: 1px; }
    .status { font-size: 12px; color: #1f5c40; }
    .status[data-state="failed"] { color: #b3261e; }
    .status[data-state="queued"] { color: #7a4f00; }
    .visually-hidden {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
      white-space: nowrap;
    }
  `;

  // Constructed sheets are not blocked by a page's style-src policy; <style> is the fallback.
  function adoptStyles(target, cssText) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
      target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
      return () => {
        target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
      };
    } catch {
      const style = document.createElement("style");
      style.setAttribute(UI_ATTRIBUTE, "style");
      style.textContent = cssText;
      (target === document ? document.documentElement : target).append(style);
      return () => style.remove();
    }
  }

  // A handler that runs only for what the user did: the page's scripts can dispatch any event,
  // but only the browser makes trusted ones.
  function trusted(handler) {
    return function onTrusted(event) {
      if (event.isTrusted) return handler.call(this, event);
    };
  }

  function h(tag, attributes = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name.startsWith("on")) el.addEventListener(name.slice(2), trusted(value));
      else if (value === true) el.setAttribute(name, "");
      else if (value != null && value !== false) el.setAttribute(name, String(value));
    }
    el.append(...children.flat().filter((child) => child != null && child !== false));
    return el;
  }

  // An element of Winnow's own, with a closed shadow root: page CSS and Winnow's CSS stay apart,
  // and page scripts cannot reach inside (host.shadowRoot is null for them).
  function shadowHost(role, cssText) {
    const host = document.createElement("div");
    host.setAttribute(UI_ATTRIBUTE, role);
    const root = host.attachShadow({ mode: "closed" });
    adoptStyles(root, BASE_CSS + cssText);
    return { host, root };
  }

  // Inside one of Winnow's own elements, shadow roots included.
  function isOurs(node) {
    let el = node instanceof Element ? node : node?.parentElement;
    while (el) {
      if (el.hasAttribute(UI_ATTRIBUTE)) return true;
      const root = el.getRootNode();
      el = el.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }
    return false;
  }

  // What a person can do with a report after sending it: take it back.
  const OUTCOME_ACTIONS = { recorded: "Withdraw", queued: "Cancel" };

  // A report's outcome next to the button that sent it: its words in a live region (kept from
  // one outcome to the next, so screen readers announce each), and Withdraw when it applies.
  function showOutcome(statusEl, outcome, withdraw) {
    let said = statusEl.querySelector(":scope > .said");
    if (!said) {
      said = h("span", { class: "said", role: "status" });
      statusEl.replaceChildren(said);
    }
    statusEl.querySelector(":scope > .withdraw")?.remove();
    if (!outcome) {
      statusEl.removeAttribute("data-state");
      said.textContent = "";
      return;
    }
    statusEl.dataset.state = outcome.state;
    said.textContent = outcome.message || "";
    const label = withdraw && OUTCOME_ACTIONS[outcome.state];
    if (label) statusEl.append(h("button", { class: "withdraw", type: "button", onclick: withdraw }, label));
  }

  W.ui = Object.freeze({ adoptStyles, trusted, h, shadowHost, isOurs, showOutcome });
})();
