// Links to other sites that a reader cannot see, as only the browser can tell (style sheets,
// scripts, layout): not rendered, transparent, of no size, clipped away (`clip`, `clip-path`,
// an ancestor's overflow), scaled to nothing, outside the page, or written in the colour of
// their background. The ids of the outermost elements hiding them go in the request's `hidden`;
// the server also finds what the markup alone shows. Links within the page ("Skip to content")
// and to the page's own site are never listed.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.hidden) return;

  // A box narrower or lower than this shows no readable text (screen-reader-only boxes are 1 px).
  const MIN_VISIBLE_PX = 2;
  // Text this close to its background in contrast (WCAG ratio; 1 is identical) cannot be read.
  const MIN_CONTRAST = 1.25;
  const VISIBILITY = { opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true };
  const NUMBER = /-?[\d.]+(?:e-?\d+)?/gi;

  function outbound(link) {
    try {
      const target = new URL(link.href, location.href);
      return /^https?:$/.test(target.protocol) && target.hostname !== location.hostname;
    } catch {
      return false;
    }
  }

  function tiny(box) {
    return box.width < MIN_VISIBLE_PX || box.height < MIN_VISIBLE_PX;
  }

  // Wholly outside the area a reader can scroll to.
  function offPage(box) {
    const root = document.documentElement;
    const left = box.left + scrollX;
    const top = box.top + scrollY;
    return left + box.width <= 0 || top + box.height <= 0 || left >= root.scrollWidth || top >= root.scrollHeight;
  }

  // `clip: rect(top, right, bottom, left)` leaving no area (auto is the box's own edge).
  function clippedByRect(style, box) {
    const match = /^rect\((.*)\)$/.exec(style.clip);
    if (!match) return false;
    const [top, right, bottom, left] = match[1].split(/[\s,]+/).map((v) => (v === "auto" ? null : parseFloat(v)));
    const width = (right ?? box.width) - (left ?? 0);
    const height = (bottom ?? box.height) - (top ?? 0);
    return width < MIN_VISIBLE_PX || height < MIN_VISIBLE_PX;
  }

  function length(value, size) {
    return value.endsWith("%") ? (parseFloat(value) / 100) * size : parseFloat(value) || 0;
  }

  // `clip-path: inset(50%)` and its kin, and shapes of no size (`circle(0)`).
  function clippedByPath(style, box) {
    const path = style.clipPath;
    if (!path || path === "none") return false;
    const inset = /^inset\(([^)]*)\)/.exec(path);
    if (inset) {
      const parts = inset[1].split(/\s+round\s+/)[0].trim().split(/\s+/);
      const [top, right = top, bottom = top, left = right] = parts;
      const width = box.width - length(left, box.width) - length(right, box.width);
      const height = box.height - length(top, box.height) - length(bottom, box.height);
      return width < MIN_VISIBLE_PX || height < MIN_VISIBLE_PX;
    }
    const shape = /^(circle|ellipse)\(\s*([^\s)]+)(?:\s+([^\s)]+))?/.exec(path);
    if (shape) {
      const radii = [shape[2], shape[3]].filter((v) => v && !v.startsWith("at"));
      return radii.length > 0 && radii.every((v) => /^[\d.]+/.test(v) && length(v, Math.max(box.width, box.height)) < 1);
    }
    return false;
  }

  function clipsOverflow(style) {
    return style.overflowX !== "visible" || style.overflowY !== "visible";
  }

  // An element that hides everything inside it: not rendered or transparent, clipped to
  // nothing, of no size with its overflow cut, or wholly outside the page. (A box of no size
  // whose overflow shows, as around floats, hides nothing.)
  function hidesContents(el) {
    if (!el.checkVisibility(VISIBILITY)) return true;
    const box = el.getBoundingClientRect();
    if (offPage(box)) return true;
    const style = getComputedStyle(el);
    if (tiny(box) && clipsOverflow(style)) return true;
    return clippedByRect(style, box) || clippedByPath(style, box);
  }

  // An ancestor whose overflow is cut shows nothing of a box wholly outside its own.
  function clippedByAncestor(link, box) {
    for (let el = link.parentElement; el && el !== document.body; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (!clipsOverflow(style)) continue;
      const outer = el.getBoundingClientRect();
      const outsideX = style.overflowX !== "visible" && (box.right <= outer.left || box.left >= outer.right);
      const outsideY = style.overflowY !== "visible" && (box.bottom <= outer.top || box.top >= outer.bottom);
      if (outsideX || outsideY) return true;
    }
    return false;
  }

  function rgba(color) {
    const [r, g, b, a = 1] = (color.match(NUMBER) || []).map(Number);
    return { r, g, b, a };
  }

  function luminance({ r, g, b }) {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }

  // The colour behind an element, or null when an image or gradient may be there instead.
  function backgroundOf(el) {
    for (let at = el; at; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.backgroundImage !== "none") return null;
      const color = rgba(style.backgroundColor);
      if (color.a >= 1) return color;
      if (color.a > 0) return null;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  }

  function unreadableColour(link) {
    const text = rgba(getComputedStyle(link).color);
    if (text.a === 0) return true;
    const behind = backgroundOf(link);
    if (!behind || text.a < 1) return false;
    const [light, dark] = [luminance(text), luminance(behind)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05) < MIN_CONTRAST;
  }

  // The box of the link's text itself: a link can be in view while `text-indent` sends its text
  // far away.
  function textBox(link) {
    const range = document.createRange();
    range.selectNodeContents(link);
    return range.getBoundingClientRect();
  }

  // The link's own box and text, then what its ancestors do to it. A closed <details> hides
  // what a reader opens with one click: that is not hiding.
  function unseen(link, verdicts) {
    if (link.closest("details:not([open])")) return false;
    if (hidesContents(link) || tiny(link.getBoundingClientRect())) return true;
    const text = textBox(link);
    if (tiny(text) || offPage(text) || clippedByAncestor(link, text) || unreadableColour(link)) return true;
    return ancestors(link).some((el) => hiding(el, verdicts));
  }

  function ancestors(link) {
    const found = [];
    for (let el = link.parentElement; el && el !== document.body && el !== document.documentElement; el = el.parentElement) found.push(el);
    return found;
  }

  function hiding(el, verdicts) {
    if (!verdicts.has(el)) verdicts.set(el, hidesContents(el));
    return verdicts.get(el);
  }

  // The outermost element between the link and <body> that hides all it holds, else the link.
  function rootOf(link, verdicts) {
    return ancestors(link).filter((el) => hiding(el, verdicts)).at(-1) ?? link;
  }

  function hiddenIds() {
    const found = new Set();
    const verdicts = new Map();
    for (const link of document.querySelectorAll("a[href]")) {
      if (!outbound(link) || !link.textContent.trim() || !unseen(link, verdicts)) continue;
      const id = rootOf(link, verdicts).getAttribute(W.page.ID);
      if (id !== null) found.add(id);
    }
    return [...found];
  }

  W.hidden = Object.freeze({ hiddenIds });
})();
