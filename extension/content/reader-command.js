// Run by the reader view's keyboard shortcut on a page Winnow has not analyzed yet.
globalThis.winnow.controller.reader();
