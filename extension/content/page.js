// The page as Winnow sends it: every element numbered (data-winnow-id, document order, head
// included, as the contract says), then serialized from a clone with form data taken out.
// A long page is also cut to what the reader sees first (the head and the body up to a few
// screens below the view), which the server answers much sooner than the whole page.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.page) return;

  const ID = "data-winnow-id";
  // Never sent: what the user typed or chose, passwords, and hidden tokens.
  const DROPPED_FIELDS = 'input[type="password" i], input[type="hidden" i]';
  const BLANKED_ATTRIBUTES = ["value", "checked"];
  // Below this size the whole page is answered fast enough: one request.
  const FIRST_PART_MIN_CHARS = 400_000;
  // The first part reaches this many screens below the top of the view...
  const FIRST_PART_SCREENS = 3;
  // ...and must leave out at least this share of the page to be worth a request of its own.
  const FIRST_PART_MAX_SHARE = 0.5;
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

  function doctype() {
    return document.doctype ? new XMLSerializer().serializeToString(document.doctype) : "";
  }

  // The index of the first element of the body that starts below what the reader sees first,
  // or null when the whole page is that short.
  function firstUnseenIndex() {
    const limit = innerHeight * FIRST_PART_SCREENS;
    const start = document.body ? elements.indexOf(document.body) : -1;
    if (start < 0) return null;
    for (let i = start + 1; i < elements.length; i += 1) {
      const box = elements[i].getBoundingClientRect();
      if (box.height && box.top > limit) return i;
    }
    return null;
  }

  // The clone cut before element `cut`: elements come in document order, so what is left is the
  // page as it would be had it ended there.
  function cutClone(clone, cut) {
    for (const el of clone.querySelectorAll(`body [${ID}]`)) {
      const parent = el.parentElement;
      if (Number(el.getAttribute(ID)) >= cut && parent && Number(parent.getAttribute(ID)) < cut) el.remove();
    }
  }

  // Ids go on the live page first and the clone inherits them, so an annotation's node names the
  // live element even when the clone lost some of its elements. `first` is set for a long page:
  // the part the reader sees first, and the ids it holds (those below `cut`).
  function snapshot() {
    stampIds();
    const clone = document.documentElement.cloneNode(true);
    scrubForms(clone);
    for (const el of clone.querySelectorAll("[data-winnow-ui]")) el.remove();
    clone.removeAttribute("data-winnow-status");
    const html = doctype() + clone.outerHTML;
    if (html.length < FIRST_PART_MIN_CHARS) return { html, first: null };
    const cut = firstUnseenIndex();
    if (cut === null) return { html, first: null };
    cutClone(clone, cut);
    const firstHtml = doctype() + clone.outerHTML;
    if (firstHtml.length > html.length * FIRST_PART_MAX_SHARE) return { html, first: null };
    return { html, first: { html: firstHtml, cut } };
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

  W.page = Object.freeze({ ID, snapshot, elementFor, teardown });
})();
