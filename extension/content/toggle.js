// Run by the toolbar button and the keyboard shortcut: Winnow on, or every trace of it off.
globalThis.winnow.controller.toggle();
