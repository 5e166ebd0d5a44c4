// Small DOM helpers shared by the panel and the overlay. Text always goes in as text nodes:
// nothing the server or the page says is ever parsed as HTML here.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.ui) return;

  const UI_ATTRIBUTE = "data-winnow-ui";
  const BASE_CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
    button {
      font: 12px/1.2 system-ui, sans-serif; color: #1f3d2e; background: #f3f7f4;
      border: 1px solid #9bb8a6; border-radius: 4px; padding: 3px 8px; cursor: pointer;
    }
    button:hover { background: #e1ece5; }
    button:focus-visible { outline: 2px solid #1565c0; outline-offset: 1px; }
    .status { font-size: 12px; color: #1f5c40; }
    .status[data-state="failed"] { color: #b3261e; }
    .status[data-state="queued"] { color: #8a5a00; }
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

  function h(tag, attributes = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else if (value === true) el.setAttribute(name, "");
      else if (value != null && value !== false) el.setAttribute(name, String(value));
    }
    el.append(...children.flat().filter((child) => child != null && child !== false));
    return el;
  }

  // An element of Winnow's own, with a shadow root so page CSS and Winnow's CSS stay apart.
  function shadowHost(role, cssText) {
    const host = document.createElement("div");
    host.setAttribute(UI_ATTRIBUTE, role);
    const root = host.attachShadow({ mode: "open" });
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

  // A report's outcome, shown next to the button that sent it.
  function showOutcome(statusEl, outcome) {
    statusEl.dataset.state = outcome.state || (outcome.error ? "failed" : "recorded");
    statusEl.textContent = outcome.message || outcome.error?.message || "";
  }

  W.ui = Object.freeze({ adoptStyles, h, shadowHost, isOurs, showOutcome });
})();
