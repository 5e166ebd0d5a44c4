// Sites the user chose to annotate automatically: Winnow runs there on page load, and only
// where the user also granted the browser permission for that site.
(() => {
  if (globalThis.winnowAuto) return;

  const SCRIPT_ID = "winnow-auto";
  let syncing = Promise.resolve();

  async function grantedPatterns(sites) {
    const patterns = [];
    for (const host of sites) {
      const pattern = winnowSettings.sitePattern(host);
      if (await chrome.permissions.contains({ origins: [pattern] })) patterns.push(pattern);
    }
    return patterns;
  }

  async function register() {
    const { autoSites } = await winnowSettings.load();
    const matches = await grantedPatterns(autoSites);
    const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (!matches.length) return;
    await chrome.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches,
        js: [...winnowInject.CONTENT_FILES, "content/auto.js"],
        runAt: "document_idle",
        persistAcrossSessions: true,
      },
    ]);
  }

  // Settings and permissions often change together: one registration at a time, the last wins.
  function sync() {
    syncing = syncing.then(register).catch((err) => console.error("Winnow could not register its automatic sites:", err));
    return syncing;
  }

  globalThis.winnowAuto = Object.freeze({ sync });
})();
