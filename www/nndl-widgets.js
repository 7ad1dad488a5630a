// nndl-widgets: mounts every element with a data-nndl attribute, and exports mount(element) for
// elements added later. The widgets themselves (options, maths, drawing) live in the wasm module;
// this file only wires clicks and animation frames to them.
import init, { mount as mountWidget } from '../pkg/nndl_widgets.js';

const ready = init();
const entries = new Map(); // element -> { widget, running, visible, last }
let frame = 0;

function schedule() {
  if (!frame) frame = requestAnimationFrame(tick);
}

// If the wasm ever throws, the widget says so in its alert region and stops; the page goes on.
function contain(el, entry, fn) {
  try {
    return fn();
  } catch (err) {
    entry.running = false;
    let alert = el.querySelector('[role="alert"]');
    if (!alert) {
      alert = el.appendChild(document.createElement('div'));
      alert.setAttribute('role', 'alert');
      alert.className = 'nndl-alert';
    }
    alert.hidden = false;
    alert.textContent = `This widget stopped: ${err && err.message ? err.message : err}`;
    el.dataset.state = 'failed';
    console.error(err);
    return false;
  }
}

// One frame loop for the whole page: each running widget that is on screen advances by the time
// since its last frame, and the loop stops when none is left.
function tick(time) {
  frame = 0;
  for (const [el, e] of entries) {
    if (!e.running || !e.visible) continue;
    const dt = e.last === null ? 0 : time - e.last;
    e.last = time;
    e.running = contain(el, e, () => e.widget.advance(dt));
  }
  for (const e of entries.values()) if (e.running && e.visible) schedule();
}

const onScreen = new IntersectionObserver((changes) => {
  for (const c of changes) {
    const e = entries.get(c.target);
    if (!e) continue;
    e.visible = c.isIntersecting;
    e.last = null;
    if (e.visible && e.running) schedule();
  }
});

// A hidden tab gets no frames; when it comes back, the widgets go on from where they were.
document.addEventListener('visibilitychange', () => {
  for (const e of entries.values()) e.last = null;
});

let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const [el, e] of entries) contain(el, e, () => e.widget.resize());
  }, 100);
});

/** Mounts the widget that `element`'s data-* attributes describe. Resolves to a handle with
 *  run(), pause(), step(), reset() and destroy(). Mounting the same element twice gives the same
 *  handle. */
export async function mount(element) {
  await ready;
  const existing = entries.get(element);
  if (existing) return existing.handle;
  const entry = { widget: null, running: false, visible: true, last: null, handle: null };
  entry.widget = mountWidget(element);
  const act = (action) => {
    const running = contain(element, entry, () => entry.widget.act(action));
    entry.running = running;
    entry.last = null;
    if (running) schedule();
  };
  const onClick = (ev) => {
    const button = ev.target.closest('[data-action]');
    if (button && element.contains(button) && !button.disabled) act(button.dataset.action);
  };
  element.addEventListener('click', onClick);
  entry.handle = {
    element,
    run: () => act('run'),
    pause: () => act('pause'),
    step: () => act('step'),
    reset: () => act('reset'),
    destroy() {
      element.removeEventListener('click', onClick);
      onScreen.unobserve(element);
      entries.delete(element);
      entry.widget.free();
      element.replaceChildren();
    },
  };
  entries.set(element, entry);
  onScreen.observe(element);
  return entry.handle;
}

/** Every widget on the page, mounted. */
export const mounted = Promise.all(
  Array.from(document.querySelectorAll('[data-nndl]'), (el) =>
    mount(el).catch((err) => {
      console.error(err);
      el.textContent = `This widget could not start: ${err && err.message ? err.message : err}`;
    }),
  ),
);
