// Every setting's default lives here, and only here: the worker, the options page and the reader
// all read settings through winnowSettings.load(), which fills in what the user never changed.
(() => {
  if (globalThis.winnowSettings) return;

  const DEFAULTS = Object.freeze({
    serverUrl: "http://127.0.0.1:8765",
    apiToken: "",
    autoSites: [],
    readerFontSize: 19,
    readerWidth: "medium",
    readerTheme: "light",
  });

  async function load() {
    const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
    return { ...DEFAULTS, ...stored };
  }

  function save(changes) {
    const known = Object.fromEntries(Object.entries(changes).filter(([key]) => key in DEFAULTS));
    return chrome.storage.local.set(known);
  }

  // The match pattern for a site in autoSites: the host and its subdomains, http and https.
  function sitePattern(host) {
    return `*://*.${host}/*`;
  }

  globalThis.winnowSettings = Object.freeze({ DEFAULTS, load, save, sitePattern });
})();
