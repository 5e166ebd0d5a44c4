// Run on page load on the sites the user chose in the options.
globalThis.winnow.controller.start();
