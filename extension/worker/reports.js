// Reports of Winnow's mistakes: sent with the client's token; a report the server cannot take
// right now waits in storage and is sent again soon (then every minute), and the tab that
// made it is told when it arrives. A report can be withdrawn: from the queue, or from the
// server (DELETE /api/feedback/<id>), which then forgets it.
(() => {
  if (globalThis.winnowReports) return;

  const QUEUE_KEY = "pendingReports";
  // Enough for weeks of reports from one person; beyond it the oldest give way.
  const MAX_QUEUED = 200;
  // After a report is queued the server is tried again after these delays (ms); the minute
  // alarm in background.js takes over after the last.
  const RETRY_DELAYS_MS = [3000, 10000, 30000];
  let flushing = null;
  let retryTimer = 0;
  let retries = 0;

  const RECORDED = "Reported. Thank you.";
  const QUEUED = "Saved: it goes to the server when the server is back.";

  async function queued() {
    return (await chrome.storage.local.get(QUEUE_KEY))[QUEUE_KEY] || [];
  }

  async function enqueue(entry) {
    const queue = [...(await queued()), entry].slice(-MAX_QUEUED);
    await chrome.storage.local.set({ [QUEUE_KEY]: queue });
  }

  // Re-read before writing: a report may have been queued while one was being sent.
  async function dequeue(key) {
    const queue = (await queued()).filter((entry) => entry.key !== key);
    await chrome.storage.local.set({ [QUEUE_KEY]: queue });
    return queue;
  }

  async function send(options, report) {
    return winnowClient.withIdentity(options, ({ client, token }) =>
      winnowServer.sendFeedback(options, { ...report, client }, token),
    );
  }

  function recorded(body, status, key) {
    const message = status === 200 ? "Already reported: the server had it." : RECORDED;
    return { state: "recorded", id: body?.id ?? null, key, message };
  }

  // A report the server refused as it is: its own words say what to change.
  function refusal(err) {
    return err.status === 400 && err.detail ? err.detail : err.message;
  }

  function scheduleRetry() {
    if (retryTimer || retries >= RETRY_DELAYS_MS.length) return;
    retryTimer = setTimeout(() => {
      retryTimer = 0;
      retries += 1;
      flush();
    }, RETRY_DELAYS_MS[retries]);
  }

  // `tabId`: the tab to tell when a queued report is finally delivered.
  async function submit(report, tabId) {
    const key = crypto.randomUUID();
    const options = await winnowSettings.load();
    try {
      const { status, body } = await send(options, report);
      return recorded(body, status, key);
    } catch (err) {
      if (!err.retryable) return { state: "failed", key, message: refusal(err) };
      await enqueue({ key, tabId, report });
      retries = 0;
      scheduleRetry();
      return { state: "queued", key, message: QUEUED };
    }
  }

  function tell(tabId, key, outcome) {
    if (tabId == null) return;
    chrome.tabs.sendMessage(tabId, { type: "reportDelivered", key, outcome }).catch(() => {});
  }

  // Sends what waits, oldest first; stops at the first report the server cannot take yet.
  async function sendQueued() {
    const options = await winnowSettings.load();
    let queue = await queued();
    while (queue.length) {
      const { key, tabId, report } = queue[0];
      try {
        const { status, body } = await send(options, report);
        tell(tabId, key, recorded(body, status, key));
      } catch (err) {
        if (err.retryable) {
          scheduleRetry();
          break;
        }
        console.error("Winnow dropped a report the server refused:", err.message, report);
        tell(tabId, key, { state: "failed", key, message: refusal(err) });
      }
      queue = await dequeue(key);
    }
    return { pending: queue.length };
  }

  function flush() {
    flushing ??= sendQueued().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  async function pending() {
    return { pending: (await queued()).length };
  }

  // Takes a report back: still queued, it is dropped; recorded, the server forgets it.
  async function withdraw({ id, key }) {
    const queue = await queued();
    if (key && queue.some((entry) => entry.key === key)) {
      await dequeue(key);
      return { state: "withdrawn", key, message: "Cancelled: it will not be sent." };
    }
    if (!id) return { state: "failed", key, message: "This report cannot be withdrawn." };
    const options = await winnowSettings.load();
    try {
      await winnowClient.withIdentity(options, ({ token }) => winnowServer.withdrawFeedback(options, id, token));
    } catch (err) {
      if (err.code === "not_found") return { state: "failed", key, message: "The server does not have this report." };
      return { state: "recorded", id, key, message: `Still reported: ${err.message}` };
    }
    return { state: "withdrawn", key, message: "Withdrawn: the server forgot it." };
  }

  // This browser's own reports, as the server lists them (newest first), a page at a time.
  async function mine(before) {
    const options = await winnowSettings.load();
    const { token } = await winnowClient.identity(options);
    if (!token) return { items: [], next: null, unsupported: true };
    return winnowServer.listFeedback(options, token, before);
  }

  globalThis.winnowReports = Object.freeze({ submit, flush, pending, withdraw, mine });
})();
