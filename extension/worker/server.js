// The only code that talks to the Winnow server. Every way a request can fail becomes a
// ServerError with a message in plain words and the one thing the user can do about it
// (`action`: "retry", "options" or none); the server's own words go in `detail`.
(() => {
  if (globalThis.winnowServer) return;

  const ANALYZE_TIMEOUT_MS = 30000;
  const SHORT_TIMEOUT_MS = 8000;
  const CLIENT_HEADER = "X-Winnow-Client";

  class ServerError extends Error {
    constructor(code, message, { action = null, detail = null, status = null, serverCode = null } = {}) {
      super(message);
      this.code = code;
      this.action = action;
      this.detail = detail;
      this.status = status;
      this.serverCode = serverCode;
    }

    // A report that failed this way is worth keeping for later: the server may come back.
    get retryable() {
      return ["server_down", "timeout", "rate_limited", "server_error"].includes(this.code);
    }

    toJSON() {
      return { code: this.code, message: this.message, action: this.action, detail: this.detail };
    }
  }

  function endpoint(serverUrl, path) {
    return new URL(path, serverUrl.replace(/\/*$/, "/")).href;
  }

  function hostOf(serverUrl) {
    try {
      return new URL(serverUrl).host;
    } catch {
      return serverUrl;
    }
  }

  // The server's codes for a missing or unknown X-Winnow-Client token (api-spec, issue 13).
  const CLIENT_TOKEN_CODES = ["client_token_required", "invalid_client_token"];

  // status -> [code, message, action]; the message must make sense without the server's words.
  const STATUS_ERRORS = {
    401: ["unauthorized", "Your Winnow server asks for an access token. Add it in Winnow's options.", "options"],
    403: ["forbidden", "Your Winnow server refused to work for this browser.", "options"],
    404: ["not_found", "The address in Winnow's options is not a Winnow server.", "options"],
    413: ["too_large", "This page is too large for your Winnow server.", null],
    422: ["unprocessable", "Winnow cannot analyze this page.", null],
    429: ["rate_limited", "Your Winnow server is busy. Try again in a moment.", "retry"],
  };

  function errorFor(status, body) {
    const serverCode = body?.error?.code ?? null;
    const detail = body?.error?.message || `HTTP ${status}`;
    const about = { detail, status, serverCode };
    if (CLIENT_TOKEN_CODES.includes(serverCode)) {
      return new ServerError("client_token", "Your Winnow server did not recognise this browser. Try again.", { ...about, action: "retry" });
    }
    const known = STATUS_ERRORS[status];
    if (known) return new ServerError(known[0], known[1], { ...about, action: known[2] });
    if (status === 503) {
      return new ServerError("server_error", "Your Winnow server is too busy right now. Try again in a moment.", { ...about, action: "retry" });
    }
    if (status >= 500) return new ServerError("server_error", "Your Winnow server ran into a problem.", { ...about, action: "retry" });
    return new ServerError(serverCode || "bad_request", "Your Winnow server did not accept the request.", about);
  }

  async function call(options, path, { method = "GET", body, token, timeoutMs = SHORT_TIMEOUT_MS } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (options.apiToken) headers.Authorization = `Bearer ${options.apiToken}`;
    if (token) headers[CLIENT_HEADER] = token;
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
      const where = hostOf(options.serverUrl);
      if (err.name === "TimeoutError") {
        throw new ServerError("timeout", `Your Winnow server (${where}) took too long to answer.`, { action: "retry" });
      }
      throw new ServerError(
        "server_down",
        `The Winnow server is not running at ${where}. Start it with “winnow serve”, then retry.`,
        { action: "retry", detail: err.message },
      );
    }
    const parsed = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw errorFor(response.status, parsed);
    return { status: response.status, body: parsed };
  }

  function checkAnalysis(body) {
    if (!body || typeof body.reader !== "object" || !Array.isArray(body.annotations)) {
      throw new ServerError("bad_response", "The address in Winnow's options is not a Winnow server.", { action: "options" });
    }
    return body;
  }

  async function analyze(options, { url, html, hidden = [], token }) {
    const { body } = await call(options, "api/analyze", {
      method: "POST",
      body: hidden.length ? { url, html, hidden } : { url, html },
      token,
      timeoutMs: ANALYZE_TIMEOUT_MS,
    });
    return checkAnalysis(body);
  }

  async function registerClient(options) {
    const { body } = await call(options, "api/clients", { method: "POST", body: {} });
    if (typeof body?.token !== "string" || typeof body?.client !== "string") {
      throw new ServerError("bad_response", "The address in Winnow's options is not a Winnow server.", { action: "options" });
    }
    return body;
  }

  function sendFeedback(options, report, token) {
    return call(options, "api/feedback", { method: "POST", body: report, token });
  }

  function withdrawFeedback(options, id, token) {
    return call(options, `api/feedback/${encodeURIComponent(id)}`, { method: "DELETE", token });
  }

  async function listFeedback(options, token, before = null) {
    const query = new URLSearchParams({ limit: "100" });
    if (before) query.set("before", before);
    const { body } = await call(options, `api/feedback?${query}`, { token });
    return body;
  }

  async function health(options) {
    const { body } = await call(options, "api/health");
    return body;
  }

  globalThis.winnowServer = Object.freeze({
    ServerError,
    analyze,
    registerClient,
    sendFeedback,
    withdrawFeedback,
    listFeedback,
    health,
  });
})();
