// Who this browser is to its Winnow server: the server issues a client id and a secret token
// once (POST /api/clients), the extension keeps them (one pair per server address) and sends
// the token as X-Winnow-Client on analyses and reports. A server that issues none (an older
// one) gets the random id made at install in the report's `client` field, as before.
(() => {
  if (globalThis.winnowClient) return;

  const CLIENTS_KEY = "clients";
  const INSTALL_KEY = "clientId";
  // The server no longer knows the token (its database was reset): register again, once.
  const FORGOTTEN_TOKEN = "invalid_client_token";
  const registering = new Map();

  function serverKey(options) {
    return options.serverUrl.replace(/\/+$/, "");
  }

  async function installId() {
    const stored = (await chrome.storage.local.get(INSTALL_KEY))[INSTALL_KEY];
    if (stored) return stored;
    const made = crypto.randomUUID();
    await chrome.storage.local.set({ [INSTALL_KEY]: made });
    return made;
  }

  async function stored() {
    return (await chrome.storage.local.get(CLIENTS_KEY))[CLIENTS_KEY] ?? {};
  }

  async function register(options) {
    const key = serverKey(options);
    try {
      const { client, token } = await winnowServer.registerClient(options);
      const all = await stored();
      all[key] = { client, token };
      await chrome.storage.local.set({ [CLIENTS_KEY]: all });
      return { client, token };
    } catch (err) {
      if (err.code === "not_found") return { client: await installId(), token: null };
      throw err;
    }
  }

  // This browser's identity on the configured server, registering first when it has none.
  // Concurrent callers share one registration.
  async function identity(options) {
    const key = serverKey(options);
    const known = (await stored())[key];
    if (known) return known;
    if (!registering.has(key)) {
      registering.set(key, register(options).finally(() => registering.delete(key)));
    }
    return registering.get(key);
  }

  async function forget(options) {
    const all = await stored();
    delete all[serverKey(options)];
    await chrome.storage.local.set({ [CLIENTS_KEY]: all });
  }

  // Runs `request(identity)`; when the server has forgotten the token, registers again and
  // runs it once more.
  async function withIdentity(options, request) {
    const first = await identity(options);
    try {
      return await request(first);
    } catch (err) {
      if (err.serverCode !== FORGOTTEN_TOKEN || !first.token) throw err;
      await forget(options);
      return request(await identity(options));
    }
  }

  // For analyses the token is optional: without one (registration refused or rate limited)
  // the page is still analyzed, with the rules that apply to everyone.
  async function optionalToken(options) {
    try {
      return (await identity(options)).token;
    } catch (err) {
      console.warn("Winnow analyzes without a client token:", err.message);
      return null;
    }
  }

  async function withOptionalToken(options, request) {
    const token = await optionalToken(options);
    try {
      return await request(token);
    } catch (err) {
      if (err.serverCode !== FORGOTTEN_TOKEN || !token) throw err;
      await forget(options);
      return request(await optionalToken(options));
    }
  }

  globalThis.winnowClient = Object.freeze({ installId, identity, withIdentity, withOptionalToken });
})();
