// Every setting's default lives here, and only here: the worker, the options page, the reader
// and the content scripts all read settings through winnowSettings.load(), which fills in what
// the user never changed.
(() => {
  if (globalThis.winnowSettings) return;

  const DEFAULTS = Object.freeze({
    serverUrl: "http://127.0.0.1:8765",
    apiToken: "",
    autoSites: [],
    // Per site (host name without "www."): { hideClutter: true } folds unrelated blocks on every
    // analysis there; { never: true } keeps Winnow from running there until the user asks.
    sitePrefs: {},
    // Where the panel sits: "right", "left", "bottom", or "free" at panelPosition {x, y}.
    panelDock: "right",
    panelPosition: null,
    readerFontSize: 19,
    readerWidth: "medium",
    // "system" follows the browser's light or dark preference.
    readerTheme: "system",
    readerFont: "serif",
    readerLineHeight: "normal",
    readerSpeechRate: 1,
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

  // The key of a site's preferences: www.example.com and example.com are one site.
  function siteKey(hostname) {
    return hostname.toLowerCase().replace(/^www\./, "");
  }

  async function sitePrefs(hostname) {
    return (await load()).sitePrefs[siteKey(hostname)] ?? {};
  }

  // One preference of one site; a site left with no preference is dropped from the map.
  async function setSitePref(hostname, name, value) {
    const all = { ...(await load()).sitePrefs };
    const key = siteKey(hostname);
    const prefs = { ...all[key], [name]: value };
    if (!value) delete prefs[name];
    if (Object.keys(prefs).length) all[key] = prefs;
    else delete all[key];
    await save({ sitePrefs: all });
    return prefs;
  }

  globalThis.winnowSettings = Object.freeze({ DEFAULTS, load, save, sitePattern, siteKey, sitePrefs, setSitePref });
})();
