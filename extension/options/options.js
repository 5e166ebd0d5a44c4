// The options page: server URL, API token, the sites to annotate on load, each site's
// preferences, and this browser's reports (withdrawn from here too). Defaults come from
// defaults.js; a server or site beyond loopback needs the browser's permission first.
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

  const PREF_WORDS = { hideClutter: "always hide clutter", never: "never run Winnow" };

  function item(...children) {
    const li = document.createElement("li");
    li.append(...children);
    return li;
  }

  function span(className, text) {
    const el = document.createElement("span");
    el.className = className;
    el.textContent = text;
    return el;
  }

  function button(text, onclick) {
    const el = document.createElement("button");
    el.type = "button";
    el.textContent = text;
    el.addEventListener("click", onclick);
    return el;
  }

  async function showSites() {
    const { sitePrefs } = await winnowSettings.load();
    const list = document.getElementById("sites");
    const sites = Object.keys(sitePrefs).sort();
    list.replaceChildren(
      ...sites.map((site) => {
        const words = Object.keys(sitePrefs[site]).map((name) => PREF_WORDS[name] ?? name);
        return item(span("what", `${site}: ${words.join(", ")}`), button("Forget", async () => {
          const all = { ...(await winnowSettings.load()).sitePrefs };
          delete all[site];
          await winnowSettings.save({ sitePrefs: all });
          showSites();
        }));
      }),
    );
    if (!sites.length) list.replaceChildren(item(span("what", "No site has preferences yet.")));
  }

  function reportItem(report) {
    const what = `${report.verdict === "missed" ? "Missed" : "Not"} ${report.kind.replace("_", " ")}: “${report.quote.slice(0, 120)}” on ${report.host}`;
    const when = span("when", new Date(report.created_at).toLocaleString());
    const li = item(span("what", what), when);
    li.append(button("Withdraw", async () => {
      const reply = await chrome.runtime.sendMessage({ type: "withdrawReport", id: report.id });
      li.replaceChildren(span("what", what), span("when", reply.message ?? reply.error?.message ?? ""));
    }));
    return li;
  }

  async function showReports(before = null) {
    const list = document.getElementById("reports");
    const more = document.getElementById("more-reports");
    const reply = await chrome.runtime.sendMessage({ type: "myReports", before });
    if (!before) list.replaceChildren();
    if (reply.error) {
      list.replaceChildren(item(span("what", reply.error.message)));
      return;
    }
    list.append(...reply.items.map(reportItem));
    if (!list.children.length) {
      list.append(item(span("what", reply.unsupported ? "This server does not list reports." : "No report yet.")));
    }
    more.hidden = !reply.next;
    more.onclick = () => showReports(reply.next);
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
    showSites();
    showReports();
  }

  main();
})();
