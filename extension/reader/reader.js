// The reader view: the article the server extracted, shown in an extension page (so no page
// script ever runs here). reader.html is inserted only after DOMPurify has sanitized it again;
// everything else goes in as text. The page keeps its own copy of the article (reader.html?
// article=<key>) until its tab is closed, so it survives reloads and the news tab closing.
(() => {
  const FONT_MIN = 14;
  const FONT_MAX = 30;
  const RATES = [0.75, 1, 1.25, 1.5, 2];
  // Beyond what the server's sanitizer allows already: nothing that can act or restyle the page.
  const PURIFY = {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
    FORBID_ATTR: ["style", "class", "id"],
  };
  // Toolbar buttons that choose a setting: their data attribute (as in dataset), the setting.
  const CHOICES = [
    { data: "family", attribute: "data-family", setting: "readerFont" },
    { data: "leading", attribute: "data-leading", setting: "readerLineHeight" },
    { data: "width", attribute: "data-width", setting: "readerWidth" },
    { data: "themeChoice", attribute: "data-theme-choice", setting: "readerTheme" },
  ];

  const $ = (id) => document.getElementById(id);
  let speech = null;

  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.localName === "a") {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
    if (node.localName === "img") {
      node.setAttribute("loading", "lazy");
      node.setAttribute("referrerpolicy", "no-referrer");
    }
  });

  function showMessage(text) {
    $("message").textContent = text;
    $("message").hidden = false;
  }

  function formatDate(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: "long" });
  }

  function metaLine(reader) {
    const minutes = reader.reading_minutes;
    return [
      reader.byline,
      reader.published && formatDate(reader.published),
      minutes != null && `${minutes} min read`,
      `${reader.word_count} words`,
    ]
      .filter(Boolean)
      .join(" · ");
  }

  function showLeadImage(reader, content) {
    const src = reader.lead_image;
    if (!src || !/^https?:/i.test(src)) return;
    if ([...content.querySelectorAll("img")].some((img) => img.src === src)) return;
    $("lead-image").src = src;
    $("lead").hidden = false;
  }

  function render({ url, reader }) {
    document.title = reader.title || "Winnow reader";
    const article = $("article");
    article.dir = reader.dir || "auto";
    if (reader.lang) article.lang = reader.lang;
    $("site").textContent = reader.site_name || new URL(url).hostname;
    $("title").textContent = reader.title;
    $("meta").textContent = metaLine(reader);
    const content = $("content");
    content.replaceChildren(DOMPurify.sanitize(reader.html, PURIFY));
    showLeadImage(reader, content);
    $("original").href = url;
    article.hidden = false;
  }

  function applyPrefs(prefs) {
    const root = document.documentElement;
    root.style.setProperty("--font-size", `${prefs.readerFontSize}px`);
    Object.assign(root.dataset, {
      family: prefs.readerFont,
      leading: prefs.readerLineHeight,
      width: prefs.readerWidth,
      theme: prefs.readerTheme,
    });
    for (const { data, attribute, setting } of CHOICES) {
      for (const button of document.querySelectorAll(`.toolbar [${attribute}]`)) {
        button.setAttribute("aria-pressed", String(button.dataset[data] === prefs[setting]));
      }
    }
    $("rate").value = String(prefs.readerSpeechRate);
  }

  async function change(update) {
    const prefs = { ...(await winnowSettings.load()), ...update };
    prefs.readerFontSize = Math.min(FONT_MAX, Math.max(FONT_MIN, prefs.readerFontSize));
    applyPrefs(prefs);
    await winnowSettings.save(Object.fromEntries(Object.keys(update).map((key) => [key, prefs[key]])));
  }

  function wireToolbar() {
    document.querySelector(".toolbar").addEventListener("click", async (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      const { font } = button.dataset;
      if (font) change({ readerFontSize: (await winnowSettings.load()).readerFontSize + Number(font) });
      for (const { data, setting } of CHOICES) {
        if (button.dataset[data]) change({ [setting]: button.dataset[data] });
      }
      if (button.id === "print") print();
    });
  }

  function wireSpeech(reader) {
    if (!winnowSpeech.supported()) return;
    const listen = $("listen");
    speech = winnowSpeech.create({
      container: $("content"),
      lang: reader.lang,
      onChange: (playing) => {
        listen.textContent = playing ? "Pause" : "Listen";
        listen.setAttribute("aria-pressed", String(playing));
      },
    });
    listen.addEventListener("click", () => speech.toggle());
    $("rate").addEventListener("change", (event) => {
      const rate = Number(event.target.value);
      if (!RATES.includes(rate)) return;
      speech.setRate(rate);
      change({ readerSpeechRate: rate });
    });
    addEventListener("pagehide", () => speech.teardown());
    $("speech").hidden = false;
  }

  async function main() {
    wireToolbar();
    const prefs = await winnowSettings.load();
    applyPrefs(prefs);
    const key = new URLSearchParams(location.search).get("article");
    const reply = key ? await chrome.runtime.sendMessage({ type: "article", key }) : null;
    if (!reply?.article) {
      showMessage("Nothing to show: press Winnow's button on a news page, then choose “Reader view”.");
      return;
    }
    render(reply.article);
    wireSpeech(reply.article.reader);
    speech?.setRate(prefs.readerSpeechRate);
  }

  main();
})();
