// The popup shown once when Winnow cannot read the page; then the button works as usual again.
const params = new URLSearchParams(location.search);
document.getElementById("message").textContent = params.get("m");
chrome.runtime.sendMessage({ type: "noticeShown", tabId: Number(params.get("tab")) });
