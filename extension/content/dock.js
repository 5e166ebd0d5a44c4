// Where the panel sits: docked right (the default), left or at the bottom, or wherever the user
// dragged it by its title bar. Dragging near an edge docks it there. The choice is kept for
// every page (panelDock, panelPosition in defaults.js).
(() => {
  const W = (globalThis.winnow ??= {});
  if (W.dock) return;

  const DOCKS = ["left", "bottom", "right"];
  // A drop with the pointer this close to an edge docks the panel on that edge.
  const SNAP_PX = 32;
  // A free panel keeps this much of itself on screen, so it can always be dragged back.
  const KEEP_VISIBLE_PX = 48;

  let state = null;

  function clamp(value, min, max) {
    return Math.min(Math.max(value, min), Math.max(min, max));
  }

  function apply() {
    const { frame, dock, position } = state;
    frame.dataset.dock = dock;
    const free = dock === "free" && position;
    frame.style.left = free ? `${clamp(position.x, 0, innerWidth - KEEP_VISIBLE_PX)}px` : "";
    frame.style.top = free ? `${clamp(position.y, 0, innerHeight - KEEP_VISIBLE_PX)}px` : "";
    for (const button of state.buttons) button.setAttribute("aria-pressed", String(button.dataset.dock === dock));
  }

  const onResize = W.ui.trusted(() => state && apply());

  function set(dock, position = null) {
    state.dock = dock;
    state.position = position;
    apply();
    winnowSettings.save({ panelDock: dock, panelPosition: position });
  }

  function snapped(x, y) {
    if (x <= SNAP_PX) return "left";
    if (innerWidth - x <= SNAP_PX) return "right";
    if (innerHeight - y <= SNAP_PX) return "bottom";
    return null;
  }

  const onPointerDown = W.ui.trusted((event) => {
    if (event.button !== 0 || event.target.closest?.("button, input, label, a")) return;
    const box = state.frame.getBoundingClientRect();
    state.drag = { id: event.pointerId, dx: event.clientX - box.left, dy: event.clientY - box.top };
    state.handle.setPointerCapture(event.pointerId);
    event.preventDefault();
  });

  const onPointerMove = W.ui.trusted((event) => {
    const { drag } = state;
    if (!drag || event.pointerId !== drag.id) return;
    state.dock = "free";
    state.position = { x: event.clientX - drag.dx, y: event.clientY - drag.dy };
    apply();
  });

  const onPointerUp = W.ui.trusted((event) => {
    const { drag } = state;
    if (!drag || event.pointerId !== drag.id) return;
    state.drag = null;
    if (state.dock !== "free") return;
    const edge = snapped(event.clientX, event.clientY);
    set(edge ?? "free", edge ? null : state.position);
  });

  // `frame` is the panel, `handle` its title bar, `buttons` one per dock (data-dock="left"...).
  function attach(frame, handle, buttons, { panelDock, panelPosition }) {
    detach();
    state = { frame, handle, buttons, dock: panelDock, position: panelPosition, drag: null };
    if (!DOCKS.includes(state.dock) && !(state.dock === "free" && state.position)) state.dock = "right";
    for (const button of buttons) button.addEventListener("click", W.ui.trusted(() => set(button.dataset.dock)));
    handle.addEventListener("pointerdown", onPointerDown);
    handle.addEventListener("pointermove", onPointerMove);
    handle.addEventListener("pointerup", onPointerUp);
    handle.addEventListener("pointercancel", onPointerUp);
    addEventListener("resize", onResize);
    apply();
  }

  function detach() {
    removeEventListener("resize", onResize);
    state = null;
  }

  W.dock = Object.freeze({ DOCKS, attach, teardown: detach });
})();
