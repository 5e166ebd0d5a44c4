// The service worker: the toolbar button, and one map of the messages the content scripts and
// extension pages send. Firefox loads the worker/ files itself (manifest background.scripts).
if (typeof importScripts === "function") {
  importScripts(
    "defaults.js",
    "worker/server.js",
    "worker/reports.js",
    "worker/notice.js",
    "worker/inject.js",
    "worker/auto.js",
  );
}

const FLUSH_ALARM = "winnow-flush-reports";
const FLUSH_PERIOD_MINUTES = 1;

function readerKey(tabId) {
  return `reader:${tabId}`;
}

function isWebUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}

const handlers = {
  async analyze({ url, html, hidden }, sender) {
    if (!isWebUrl(url) || typeof html !== "string") {
      throw new winnowServer.ServerError("bad_request", "Winnow can analyze only http and https pages.");
    }
    const ids = Array.isArray(hidden) ? hidden.filter((id) => typeof id === "string") : [];
    const result = await winnowServer.analyze(await winnowSettings.load(), url, html, ids);
    await chrome.storage.session.set({ [readerKey(sender.tab.id)]: { url, reader: result.reader } });
    // The server answered, so reports that waited for it can go now.
    winnowReports.flush();
    return { result };
  },

  report({ report }) {
    return winnowReports.submit(report);
  },

  async openReader(_message, sender) {
    const tab = sender.tab;
    const page = `reader/reader.html?tab=${tab.id}`;
    await chrome.tabs.create({ url: chrome.runtime.getURL(page), index: tab.index + 1, openerTabId: tab.id });
    return { ok: true };
  },

  async openOptions() {
    await chrome.runtime.openOptionsPage();
    return { ok: true };
  },

  async findings({ count }, sender) {
    await winnowNotice.count(sender.tab.id, count);
    return { ok: true };
  },

  async noticeShown({ tabId }) {
    await winnowNotice.clear(tabId);
    return { ok: true };
  },

  async health() {
    return { health: await winnowServer.health(await winnowSettings.load()) };
  },

  flushReports() {
    return winnowReports.flush();
  },

  pendingReports() {
    return winnowReports.pending();
  },
};

function asError(err) {
  return { error: { code: err.code || "internal", message: err.message || String(err) } };
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = sender.id === chrome.runtime.id && handlers[message?.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(sendResponse, (err) => sendResponse(asError(err)));
  return true;
});

chrome.action.onClicked.addListener((tab) => winnowInject.toggle(tab));

chrome.runtime.onInstalled.addListener(() => {
  winnowReports.clientId();
  winnowAuto.sync();
});
chrome.runtime.onStartup.addListener(() => {
  winnowAuto.sync();
  winnowReports.flush();
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.autoSites) winnowAuto.sync();
});
chrome.permissions.onAdded.addListener(() => winnowAuto.sync());
chrome.permissions.onRemoved.addListener(() => winnowAuto.sync());

chrome.alarms.create(FLUSH_ALARM, { periodInMinutes: FLUSH_PERIOD_MINUTES });
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === FLUSH_ALARM) winnowReports.flush();
});

chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(readerKey(tabId)));
