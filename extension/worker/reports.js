// Reports of Winnow's mistakes: each carries the install's random client id, and a report the
// server cannot take right now waits in storage until it can.
(() => {
  if (globalThis.winnowReports) return;

  const CLIENT_KEY = "clientId";
  const QUEUE_KEY = "pendingReports";
  // Enough for weeks of reports from one person; beyond it the oldest give way.
  const MAX_QUEUED = 200;
  let flushing = null;

  async function clientId() {
    const stored = (await chrome.storage.local.get(CLIENT_KEY))[CLIENT_KEY];
    if (stored) return stored;
    const made = crypto.randomUUID();
    await chrome.storage.local.set({ [CLIENT_KEY]: made });
    return made;
  }

  async function queued() {
    return (await chrome.storage.local.get(QUEUE_KEY))[QUEUE_KEY] || [];
  }

  async function enqueue(payload) {
    const queue = [...(await queued()), payload].slice(-MAX_QUEUED);
    await chrome.storage.local.set({ [QUEUE_KEY]: queue });
  }

  function recordedMessage(status) {
    return status === 200 ? "Already reported: the server had it." : "Reported: the server recorded it.";
  }

  async function submit(report) {
    const payload = { ...report, client: await clientId() };
    const options = await winnowSettings.load();
    try {
      const { status, body } = await winnowServer.sendFeedback(options, payload);
      return { state: "recorded", id: body?.id ?? null, message: recordedMessage(status) };
    } catch (err) {
      if (!err.retryable) return { state: "failed", message: err.message };
      await enqueue(payload);
      return { state: "queued", message: `Saved: it will be sent when the server is back. (${err.message})` };
    }
  }

  // Re-read before writing: a report may have been queued while one was being sent.
  async function dequeue(sent) {
    const queue = await queued();
    const at = queue.findIndex((payload) => JSON.stringify(payload) === JSON.stringify(sent));
    if (at >= 0) queue.splice(at, 1);
    await chrome.storage.local.set({ [QUEUE_KEY]: queue });
    return queue;
  }

  // Sends what waits, oldest first; stops at the first report the server cannot take yet.
  async function sendQueued() {
    const options = await winnowSettings.load();
    let queue = await queued();
    while (queue.length) {
      try {
        await winnowServer.sendFeedback(options, queue[0]);
      } catch (err) {
        if (err.retryable) break;
        console.error("Winnow dropped a report the server refused:", err.message, queue[0]);
      }
      queue = await dequeue(queue[0]);
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

  globalThis.winnowReports = Object.freeze({ clientId, submit, flush, pending });
})();
