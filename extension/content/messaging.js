// Messages to the service worker. A reply is always an object: the worker's answer, or an
// { error } saying why there was none, so callers never meet an exception from messaging.
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.messaging) return;

  async function ask(type, payload = {}) {
    try {
      const reply = await chrome.runtime.sendMessage({ type, ...payload });
      return reply ?? { error: { code: "no_reply", message: "Winnow's background worker did not answer." } };
    } catch (err) {
      const message = "Winnow lost contact with the rest of the extension. Reload the page, then try again.";
      return { error: { code: "extension", message, detail: err.message } };
    }
  }

  W.messaging = Object.freeze({ ask });
})();
