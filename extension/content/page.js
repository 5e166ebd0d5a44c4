// The page as Winnow sends it: every element numbered (data-winnow-id, document order, head
// included, as the contract says), then serialized from a clone with form data taken out.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.page) return;

  const ID = "data-winnow-id";
  // Never sent: what the user typed or chose, passwords, and hidden tokens.
  const DROPPED_FIELDS = 'input[type="password" i], input[type="hidden" i]';
  const BLANKED_ATTRIBUTES = ["value", "checked"];
  let elements = [];

  function stampIds() {
    elements = Array.from(document.getElementsByTagName("*"));
    elements.forEach((el, index) => el.setAttribute(ID, String(index)));
  }

  function scrubForms(root) {
    for (const el of root.querySelectorAll(DROPPED_FIELDS)) el.remove();
    for (const el of root.querySelectorAll("input")) {
      for (const name of BLANKED_ATTRIBUTES) el.removeAttribute(name);
    }
    for (const el of root.querySelectorAll("textarea")) el.textContent = "";
    for (const el of root.querySelectorAll("option")) el.removeAttribute("selected");
  }

  function outbound(link) {
    try {
      const target = new URL(link.href, location.href);
      return /^https?:$/.test(target.protocol) && target.hostname !== location.hostname;
    } catch {
      return false;
    }
  }

  // A link the reader cannot see: not rendered, of no size, or far outside the page.
  function unseen(el) {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    const box = el.getBoundingClientRect();
    return box.width === 0 || box.height === 0 || box.right < 0 || box.bottom < -window.scrollY;
  }

  // Ids of the outermost elements hiding links to other sites, as only the browser can tell
  // (style sheets, scripts, layout); the server also finds what the markup alone shows.
  function hiddenIds() {
    const found = new Set();
    for (const link of document.querySelectorAll("a[href]")) {
      if (!outbound(link) || !link.textContent.trim() || !unseen(link)) continue;
      let root = link;
      for (let el = link.parentElement; el && el !== document.body; el = el.parentElement) {
        if (unseen(el)) root = el;
      }
      const id = root.getAttribute(ID);
      if (id !== null) found.add(id);
    }
    return [...found];
  }

  function doctype() {
    return document.doctype ? new XMLSerializer().serializeToString(document.doctype) : "";
  }

  // Ids go on the live page first and the clone inherits them, so an annotation's node names the
  // live element even when the clone lost some of its elements.
  function serialize() {
    stampIds();
    const clone = document.documentElement.cloneNode(true);
    scrubForms(clone);
    for (const el of clone.querySelectorAll("[data-winnow-ui]")) el.remove();
    clone.removeAttribute("data-winnow-status");
    return doctype() + clone.outerHTML;
  }

  function byXpath(xpath) {
    try {
      const found = document.evaluate(xpath, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
      return found.singleNodeValue instanceof Element ? found.singleNodeValue : null;
    } catch {
      return null;
    }
  }

  // The live element an annotation is about: by id, else by its xpath (pages change after load).
  function elementFor(annotation) {
    const byId = annotation.node != null ? elements[Number(annotation.node)] : null;
    if (byId?.isConnected) return byId;
    return annotation.xpath ? byXpath(annotation.xpath) : null;
  }

  function teardown() {
    for (const el of elements) el.removeAttribute(ID);
    for (const el of document.querySelectorAll(`[${ID}]`)) el.removeAttribute(ID);
    elements = [];
  }

  W.page = Object.freeze({ serialize, hiddenIds, elementFor, teardown });
})();
