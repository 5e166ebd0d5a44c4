// The service worker: the toolbar button, the keyboard commands, and one map of the messages
// the content scripts and extension pages send. Firefox loads the worker/ files itself
// (manifest background.scripts, which must list the same files in the same order).
if (typeof importScripts === "function") {
  importScripts(
    "defaults.js",
    "worker/server.js",
    "worker/client.js",
    "worker/reports.js",
    "worker/reader.js",
    "worker/notice.js",
    "worker/inject.js",
    "worker/auto.js",
  );
}

const FLUSH_ALARM = "winnow-flush-reports";
const FLUSH_PERIOD_MINUTES = 1;

function isWebUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}

const handlers = {
  // `part: "first"` is the first part of a long page: drawn at once, but neither kept for the
  // reader view nor a sign that waiting reports can go.
  async analyze({ url, html, hidden, part }, sender) {
    if (!isWebUrl(url) || typeof html !== "string") {
      throw new winnowServer.ServerError("bad_request", "Winnow works on web pages (http and https) only.");
    }
    const ids = Array.isArray(hidden) ? hidden.filter((id) => typeof id === "string") : [];
    const options = await winnowSettings.load();
    const result = await winnowClient.withOptionalToken(options, (token) =>
      winnowServer.analyze(options, { url, html, hidden: ids, token }),
    );
    if (part !== "first") {
      await winnowReader.remember(sender.tab.id, url, result.reader);
      winnowReports.flush();
    }
    return { result };
  },

  report({ report }, sender) {
    return winnowReports.submit(report, sender.tab?.id);
  },

  withdrawReport({ id, key }) {
    return winnowReports.withdraw({ id, key });
  },

  myReports({ before }) {
    return winnowReports.mine(before ?? null);
  },

  async openReader(_message, sender) {
    const opened = await winnowReader.open(sender.tab);
    if (!opened) throw new winnowServer.ServerError("no_article", "Analyze the page first, then open the reader view.");
    return { ok: true };
  },

  async article({ key }) {
    return { article: await winnowReader.article(String(key)) };
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

// Keyboard commands (manifest "commands"; the browser runs _execute_action itself). Only the
// browser fires them, on a real key press.
const commands = {
  // The reader view of this page: at once when Winnow analyzed it, else after analyzing it.
  async "open-reader"(tab) {
    if (await winnowReader.open(tab)) return;
    await winnowInject.run(tab, "content/reader-command.js");
  },
};

function asError(err) {
  const error = typeof err.toJSON === "function" ? err.toJSON() : { code: err.code || "internal", message: err.message || String(err) };
  return { error };
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = sender.id === chrome.runtime.id && handlers[message?.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(sendResponse, (err) => sendResponse(asError(err)));
  return true;
});

chrome.action.onClicked.addListener((tab) => winnowInject.run(tab, "content/toggle.js"));
chrome.commands.onCommand.addListener((command, tab) => {
  const run = commands[command];
  if (run && tab) run(tab).catch((err) => console.error(`Winnow's ${command} failed:`, err));
});

chrome.runtime.onInstalled.addListener(() => {
  winnowClient.installId();
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

chrome.tabs.onRemoved.addListener((tabId) => winnowReader.forget(tabId));
