// Puts the content scripts into a tab when the user asks, or says plainly why it cannot.
(() => {
  if (globalThis.winnowInject) return;

  // Order matters: each file adds one part to globalThis.winnow, and the controller uses them all.
  const CONTENT_FILES = Object.freeze([
    "defaults.js",
    "content/page.js",
    "content/hidden.js",
    "content/messaging.js",
    "content/ui.js",
    "content/findings.js",
    "content/highlights.js",
    "content/blocks.js",
    "content/dock.js",
    "content/list.js",
    "content/panel.js",
    "content/reporting.js",
    "content/controller.js",
  ]);
  const RESTRICTED_HOSTS = [
    "chromewebstore.google.com",
    "chrome.google.com",
    "addons.mozilla.org",
    "microsoftedge.microsoft.com",
  ];
  // Chromium sometimes refuses a tab opened a moment ago ("Cannot access contents of the page").
  const RETRIES = 3;
  const RETRY_DELAY_MS = 400;

  function schemeRefused(scheme) {
    return `Browsers do not let extensions read ${scheme} pages; Winnow works on web pages (http and https).`;
  }

  const STORE_REFUSED = "Browsers do not let extensions read the extension stores.";

  function restrictedReason(url) {
    if (!url) return null;
    const { protocol, hostname } = new URL(url);
    if (!["http:", "https:", "file:"].includes(protocol)) return schemeRefused(protocol);
    return RESTRICTED_HOSTS.includes(hostname) ? STORE_REFUSED : null;
  }

  // Without a permission for the tab, its URL is unknown until the browser refuses to inject.
  function cannotRead(err, url) {
    if (url?.startsWith("file:")) {
      return "Winnow cannot read local files until you allow it: turn on “Allow access to file URLs” for Winnow in the browser's extension settings.";
    }
    const scheme = /Cannot access a (\w[\w-]*):\/\/ URL/i.exec(err.message);
    if (scheme) return schemeRefused(`${scheme[1]}:`);
    if (/extensions gallery|web ?store/i.test(err.message)) return STORE_REFUSED;
    return `Winnow cannot read this page: ${err.message}`;
  }

  async function inject(tabId, files) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await chrome.scripting.executeScript({ target: { tabId }, files });
      } catch (err) {
        // A warning: a retry usually mends it, and a refusal that stays reaches winnowNotice,
        // which logs it as the error it then is.
        console.warn(`Winnow could not inject into tab ${tabId} (attempt ${attempt}):`, err.message);
        if (attempt >= RETRIES || !/Cannot access contents/i.test(err.message)) throw err;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  // Winnow's content scripts, then `command` (content/toggle.js for the button).
  async function run(tab, command) {
    const restricted = restrictedReason(tab.url);
    if (restricted) return winnowNotice.show(tab.id, restricted);
    try {
      await inject(tab.id, [...CONTENT_FILES, command]);
    } catch (err) {
      await winnowNotice.show(tab.id, cannotRead(err, tab.url));
    }
  }

  globalThis.winnowInject = Object.freeze({ CONTENT_FILES, run });
})();
