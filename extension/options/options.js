// The options page: server URL, API token and the sites to annotate on load. Defaults come
// from defaults.js; a server or site beyond loopback needs the browser's permission first.
(() => {
  const form = document.getElementById("form");
  const status = document.getElementById("status");
  const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
  const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

  function say(text, state) {
    status.textContent = text;
    status.dataset.state = state;
  }

  function parseSites(text) {
    const sites = text
      .split(/\s+/)
      .map((line) => line.trim().toLowerCase().replace(/^\*\./, ""))
      .filter(Boolean);
    const bad = sites.find((site) => !HOST_NAME.test(site));
    if (bad) throw new Error(`“${bad}” is not a host name (write news.example.com, without https://).`);
    return [...new Set(sites)];
  }

  function parseServerUrl(text) {
    const url = new URL(text.trim());
    if (!["http:", "https:"].includes(url.protocol)) throw new Error("The server URL must start with http:// or https://.");
    return url.href.replace(/\/+$/, "");
  }

  // Must run inside the click's handler: browsers grant permissions only on a user gesture.
  function requestOrigins(serverUrl, sites) {
    const origins = sites.map(winnowSettings.sitePattern);
    const server = new URL(serverUrl);
    if (!LOOPBACK.has(server.hostname)) origins.push(`${server.origin}/*`);
    return origins.length ? chrome.permissions.request({ origins }) : Promise.resolve(true);
  }

  async function save(event) {
    event.preventDefault();
    let serverUrl;
    let autoSites;
    try {
      serverUrl = parseServerUrl(form.serverUrl.value);
      autoSites = parseSites(form.autoSites.value);
    } catch (err) {
      say(err.message, "failed");
      return;
    }
    const granted = await requestOrigins(serverUrl, autoSites);
    await winnowSettings.save({ serverUrl, apiToken: form.apiToken.value.trim(), autoSites });
    say(granted ? "Saved." : "Saved, but without the browser's permission for those sites or that server.", granted ? "ok" : "failed");
  }

  async function testConnection() {
    const reply = await chrome.runtime.sendMessage({ type: "health" });
    if (reply.error) say(reply.error.message, "failed");
    else say(`Connected: Winnow server ${reply.health.version} is running.`, "ok");
  }

  async function showPending(reply) {
    const { pending } = reply ?? (await chrome.runtime.sendMessage({ type: "pendingReports" }));
    document.getElementById("pending").textContent =
      pending ? `${pending} report(s) wait to be sent to the server.` : "No report is waiting.";
  }

  async function main() {
    const settings = await winnowSettings.load();
    form.serverUrl.value = settings.serverUrl;
    form.apiToken.value = settings.apiToken;
    form.autoSites.value = settings.autoSites.join("\n");
    form.addEventListener("submit", save);
    document.getElementById("test").addEventListener("click", testConnection);
    document.getElementById("send").addEventListener("click", async () => {
      showPending(await chrome.runtime.sendMessage({ type: "flushReports" }));
    });
    showPending();
  }

  main();
})();
