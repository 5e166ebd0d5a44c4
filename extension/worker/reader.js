// Articles for the reader view, in session storage (gone when the browser closes): the last
// analysis of each news tab (`analysis:<tabId>`), and for each reader tab its own copy
// (`article:<key>`), kept until that reader tab is closed, so it survives reloads and the news
// tab being closed.
(() => {
  if (globalThis.winnowReader) return;

  const PAGE = "reader/reader.html";

  const analysisKey = (tabId) => `analysis:${tabId}`;
  const articleKey = (key) => `article:${key}`;
  const readerTabKey = (tabId) => `readerTab:${tabId}`;

  async function remember(tabId, url, reader) {
    await chrome.storage.session.set({ [analysisKey(tabId)]: { url, reader } });
  }

  // The article of the tab's last analysis, if it was of the page the tab shows now.
  async function analysisOf(tab) {
    const stored = (await chrome.storage.session.get(analysisKey(tab.id)))[analysisKey(tab.id)];
    return stored && (!tab.url || stored.url === tab.url) ? stored : null;
  }

  async function open(tab) {
    const article = await analysisOf(tab);
    if (!article) return null;
    const key = crypto.randomUUID();
    // The copy is stored before the tab exists: the page reads it as soon as it loads.
    await chrome.storage.session.set({ [articleKey(key)]: article });
    const url = chrome.runtime.getURL(`${PAGE}?article=${key}`);
    const created = await chrome.tabs.create({ url, index: tab.index + 1, openerTabId: tab.id });
    await chrome.storage.session.set({ [readerTabKey(created.id)]: key });
    return created;
  }

  async function article(key) {
    return (await chrome.storage.session.get(articleKey(key)))[articleKey(key)] ?? null;
  }

  // A closed tab takes its analysis with it, and a closed reader tab its article.
  async function forget(tabId) {
    const key = (await chrome.storage.session.get(readerTabKey(tabId)))[readerTabKey(tabId)];
    const keys = [analysisKey(tabId), readerTabKey(tabId)];
    if (key) keys.push(articleKey(key));
    await chrome.storage.session.remove(keys);
  }

  globalThis.winnowReader = Object.freeze({ remember, analysisOf, open, article, forget });
})();
