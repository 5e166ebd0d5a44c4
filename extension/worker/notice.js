// Where Winnow cannot draw on the page (chrome://, the web stores, a failed injection) it still
// must not fail silently: the toolbar button shows "!" with the reason, and a popup says it.
(() => {
  if (globalThis.winnowNotice) return;

  const BADGE_COLOR = "#b3261e";

  async function show(tabId, message) {
    console.error(`Winnow on tab ${tabId}: ${message}`);
    await chrome.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    await chrome.action.setBadgeText({ tabId, text: "!" });
    await chrome.action.setTitle({ tabId, title: `Winnow: ${message}` });
    const popup = `notice/notice.html?tab=${tabId}&m=${encodeURIComponent(message)}`;
    await chrome.action.setPopup({ tabId, popup });
    // Opening a popup without a click is not allowed everywhere; the badge and title remain,
    // and the next click on the button shows the popup.
    await chrome.action.openPopup?.().catch(() => {});
  }

  // The notice page calls this once shown, so the next click runs Winnow again.
  async function clear(tabId) {
    await chrome.action.setPopup({ tabId, popup: "" });
    await chrome.action.setBadgeText({ tabId, text: "" });
    await chrome.action.setTitle({ tabId, title: "" });
  }

  // What the content script reports back: how many findings the button should show.
  async function count(tabId, findings) {
    await chrome.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
    await chrome.action.setBadgeText({ tabId, text: findings ? String(findings) : "" });
  }

  globalThis.winnowNotice = Object.freeze({ show, clear, count });
})();
