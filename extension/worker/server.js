// The only code that talks to the Winnow server. Every way a request can fail becomes a
// ServerError whose message a person can act on, because the panel shows it as it is.
(() => {
  if (globalThis.winnowServer) return;

  const ANALYZE_TIMEOUT_MS = 30000;
  const SHORT_TIMEOUT_MS = 8000;

  class ServerError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }

    // A report that failed this way is worth keeping for later: the server may come back.
    get retryable() {
      return ["server_down", "timeout", "rate_limited", "server_error"].includes(this.code);
    }
  }

  function endpoint(serverUrl, path) {
    return new URL(path, serverUrl.replace(/\/*$/, "/")).href;
  }

  function notRunning(serverUrl) {
    return (
      `The Winnow server is not running at ${serverUrl}. ` +
      "Start it with `winnow serve` (or ./scripts/serve in a Winnow checkout), " +
      "or set its address in Winnow's options, then press the button again."
    );
  }

  const STATUS_MESSAGES = {
    401: ["unauthorized", () => "The server wants an API token: set it in Winnow's options."],
    403: ["forbidden", (said) => `The server refused the request: ${said}`],
    404: ["not_found", (said, url) => `${url} does not offer this service (404): ${said}`],
    413: [
      "too_large",
      (said) => `This page is too large for the Winnow server (WINNOW_MAX_BODY_BYTES): ${said}`,
    ],
    422: ["unprocessable", (said) => `The server could not analyze this page: ${said}`],
    429: ["rate_limited", () => "The server is busy (too many requests): try again in a moment."],
  };

  function errorFor(status, body, serverUrl) {
    const said = body?.error?.message || `HTTP ${status}`;
    const known = STATUS_MESSAGES[status];
    if (known) return new ServerError(known[0], known[1](said, serverUrl));
    if (status >= 500) return new ServerError("server_error", `The server failed (${status}): ${said}`);
    return new ServerError(body?.error?.code || "bad_request", `The server rejected the request: ${said}`);
  }

  async function call(options, path, { method = "GET", body, timeoutMs = SHORT_TIMEOUT_MS } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (options.apiToken) headers.Authorization = `Bearer ${options.apiToken}`;
    let response;
    try {
      response = await fetch(endpoint(options.serverUrl, path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
        cache: "no-store",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      if (err.name === "TimeoutError") {
        const seconds = timeoutMs / 1000;
        throw new ServerError("timeout", `The Winnow server at ${options.serverUrl} did not answer within ${seconds} s.`);
      }
      throw new ServerError("server_down", notRunning(options.serverUrl));
    }
    const parsed = await response.json().catch(() => null);
    if (!response.ok) throw errorFor(response.status, parsed, options.serverUrl);
    return { status: response.status, body: parsed };
  }

  function checkAnalysis(body) {
    if (!body || typeof body.reader !== "object" || !Array.isArray(body.annotations)) {
      throw new ServerError("bad_response", "The server's answer does not follow Winnow's contract: is it a Winnow server?");
    }
    return body;
  }

  async function analyze(options, url, html, hidden = []) {
    const { body } = await call(options, "api/analyze", {
      method: "POST",
      body: hidden.length ? { url, html, hidden } : { url, html },
      timeoutMs: ANALYZE_TIMEOUT_MS,
    });
    return checkAnalysis(body);
  }

  function sendFeedback(options, report) {
    return call(options, "api/feedback", { method: "POST", body: report });
  }

  async function health(options) {
    const { body } = await call(options, "api/health");
    return body;
  }

  globalThis.winnowServer = Object.freeze({ ServerError, analyze, sendFeedback, health });
})();
