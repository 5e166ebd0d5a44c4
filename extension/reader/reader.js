// The reader view: the article the server extracted, shown in an extension page (so no page
// script ever runs here). reader.html is inserted only after DOMPurify has sanitized it again;
// everything else goes in as text.
(() => {
  const FONT_MIN = 14;
  const FONT_MAX = 30;
  // Beyond what the server's sanitizer allows already: nothing that can act or restyle the page.
  const PURIFY = {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
    FORBID_ATTR: ["style", "class", "id"],
  };

  const $ = (id) => document.getElementById(id);

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
    root.dataset.width = prefs.readerWidth;
    root.dataset.theme = prefs.readerTheme;
    for (const button of document.querySelectorAll("[data-width]")) {
      button.setAttribute("aria-pressed", String(button.dataset.width === prefs.readerWidth));
    }
    for (const button of document.querySelectorAll("[data-theme-choice]")) {
      button.setAttribute("aria-pressed", String(button.dataset.themeChoice === prefs.readerTheme));
    }
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
      const { font, width, themeChoice } = button.dataset;
      if (font) change({ readerFontSize: (await winnowSettings.load()).readerFontSize + Number(font) });
      if (width) change({ readerWidth: width });
      if (themeChoice) change({ readerTheme: themeChoice });
      if (button.id === "print") print();
    });
  }

  async function main() {
    wireToolbar();
    applyPrefs(await winnowSettings.load());
    const tab = new URLSearchParams(location.search).get("tab");
    const stored = (await chrome.storage.session.get(`reader:${tab}`))[`reader:${tab}`];
    if (!stored) {
      showMessage("Nothing to show: press Winnow's button on a news page, then choose “Reader view”.");
      return;
    }
    render(stored);
  }

  main();
})();
