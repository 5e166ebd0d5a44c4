// Run on page load on the sites the user chose in the options. It takes no focus: the reader
// did not ask for it just now.
globalThis.winnow.controller.start({ focus: false });
