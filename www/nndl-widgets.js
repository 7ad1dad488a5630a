// nndl-widgets: mounts every element with a data-nndl attribute, and exports mount(element) for
// elements added later. The widgets themselves (options, words, maths, drawing) live in the wasm
// modules, one per widget kind; this file only loads them and wires events and animation frames
// to them.
//
// pkg/kinds.js, written by scripts/build.sh, lists the wasm modules: the widget kinds each holds
// and its size. A page fetches the fewest bytes that hold the kinds it shows (a module of one kind,
// or one of several), each module once; a kind first met by mount() later is fetched then. This
// file knows no kind by name.
import list from '../pkg/kinds.js';

// Each module by its wasm's URL (key), which tells it apart from another copy's too.
const modules = list.map((m) => ({ ...m, key: m.url().href })).sort((a, b) => a.bytes - b.bytes);

// What every copy of this shell on the page shares (a page may load it twice, under two URLs):
// the modules on their way or loaded, and the widgets mounted, so that neither happens twice.
const shared = (globalThis[Symbol.for('nndl-widgets')] ??= { modules: new Map(), widgets: new WeakMap() });

/** Starts loading `m` unless it is on its way; resolves to its mount function. */
function load(m) {
  let loading = shared.modules.get(m.key);
  if (!loading) {
    // The wasm is fetched once and compiled as it streams in, beside the JS bindings' import
    // rather than after it. Where streaming compilation fails (a host that serves another type
    // than application/wasm, an engine without it), the same response is compiled from its
    // bytes: fetching again would download it twice.
    const response = fetch(m.key);
    const compiled = WebAssembly.compileStreaming(response.then((r) => r.clone())).catch(() =>
      response
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${m.key}: ${r.status} ${r.statusText}`))))
        .then((bytes) => WebAssembly.compile(bytes)),
    );
    loading = Promise.all([m.load(), compiled]).then(async ([bindings, module]) => {
      await bindings.default({ module_or_path: module });
      performance.mark(`nndl: ${m.key} ready`);
      return bindings.mount;
    });
    loading.catch(() => shared.modules.delete(m.key)); // a later mount() tries again
    shared.modules.set(m.key, loading);
  }
  return loading;
}

/** The modules that hold every kind in `kinds` in the fewest bytes to fetch, counting those on
 *  their way as free (a handful of modules: every subset is tried). */
function cover(kinds) {
  let best = null;
  for (let set = 1; set < 1 << modules.length; set++) {
    const chosen = modules.filter((_, i) => set & (1 << i));
    if (!kinds.every((k) => chosen.some((m) => m.kinds.includes(k)))) continue;
    const bytes = chosen.reduce((sum, m) => sum + (shared.modules.has(m.key) ? 0 : m.bytes), 0);
    if (!best || bytes < best.bytes) best = { chosen, bytes };
  }
  return best ? best.chosen : [];
}

/** The mount function of a module that holds `kind` (a data-nndl value), loading it if need be. */
function moduleFor(kind) {
  const known = modules.some((m) => m.kinds.includes(kind));
  // A data-nndl that names no kind gets its alert from any module (every module parses every
  // kind's options): one already on its way, else the smallest.
  const fits = (m) => !known || m.kinds.includes(kind);
  return load(modules.find((m) => shared.modules.has(m.key) && fits(m)) ?? cover([kind])[0] ?? modules[0]);
}

// The widgets' stylesheet comes with this module, so that one script tag is all a page needs;
// a page that links it itself keeps its own link. A widget in a shadow root gets it there too
// (a page's styles stop at the shadow boundary).
const css = new URL('./nndl-widgets.css', import.meta.url).href;
function linkStylesheet(root) {
  const into = root === document ? document.head : root;
  if (listOf(root.querySelectorAll('link[rel="stylesheet"]')).some((l) => l.href === css)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = css;
  into.appendChild(link);
}
linkStylesheet(document);
const entries = new Map(); // element -> { widget, running, visible, last, width, handle }
let frame = 0;

function schedule() {
  if (!frame) frame = requestAnimationFrame(tick);
}

const STOPPED = { en: 'This widget stopped: ', zh: '这个组件已停止：' };

// If the wasm ever throws, the widget says so in its alert region and stops for good (its Rust
// state may be half-changed); the page and the other widgets go on.
function contain(el, entry, fn) {
  // A destroyed widget's wasm is freed and its element is the page's again: nothing runs or
  // writes there (a late file read or a kept handle finds it so).
  if (entry.broken || entry.destroyed) return false;
  try {
    return fn();
  } catch (err) {
    entry.broken = true;
    entry.running = false;
    let alert = el.querySelector('[role="alert"]');
    if (!alert) {
      alert = el.appendChild(document.createElement('div'));
      alert.setAttribute('role', 'alert');
      alert.className = 'nndl-alert';
    }
    alert.hidden = false;
    const lang = (el.getAttribute('lang') || '').startsWith('zh') ? 'zh' : 'en';
    alert.textContent = STOPPED[lang] + (err && err.message ? err.message : String(err));
    el.dataset.state = 'failed';
    console.error(err);
    return false;
  }
}

// The time each of the last frames spent on the widgets (stepping, drawing, DOM), for `make bench`.
const frameWork = [];

// A reader who asks for reduced motion (vestibular disorders, motion sickness) sees a running
// widget as still pictures, one every STILL_MS, each with all the epochs since the last: the same
// run at the same pace, the curves drawn in jumps instead of sliding every frame.
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
const STILL_MS = 500;

// One frame loop for the whole page: each running widget that is on screen advances by the time
// since its last frame, and the loop stops when none is left.
function tick(time) {
  frame = 0;
  const start = performance.now();
  for (const [el, e] of entries) {
    if (!e.running || !e.visible) continue;
    const dt = e.last === null ? 0 : time - e.last;
    if (reducedMotion.matches && e.last !== null && dt < STILL_MS) continue;
    e.last = time;
    // One advance counts at most 100 ms (MAX_FRAME_MS in src/clock.rs: a stalled page does not
    // leap), so a still picture's half second is given in slices, all before this frame draws.
    const slice = reducedMotion.matches ? 100 : dt;
    let given = 0;
    do {
      e.running = contain(el, e, () => e.widget.advance(Math.min(slice, dt - given)));
      given += slice;
    } while (e.running && given < dt);
  }
  if (frameWork.push(performance.now() - start) > 1000) frameWork.shift();
  for (const e of entries.values()) if (e.running && e.visible) schedule();
}

/** Milliseconds of widget work in each of the last (up to 1000) animation frames. */
export function frameTimes() {
  return frameWork.slice();
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

// Widgets fit their container's width, whenever it changes. The width is the border box's: a
// widget has just been drawn at the width it had when mounted, so the observer's first report of
// that same width redraws nothing.
// The redraw waits for the next frame: a canvas drawn at a new height inside the observer's
// callback would resize what it observes in the same frame (an error event, "ResizeObserver
// loop completed with undelivered notifications", when printing, say).
const resized = new Set();
const sizes = new ResizeObserver((changes) => {
  for (const c of changes) {
    const e = entries.get(c.target);
    const width = c.borderBoxSize?.[0]?.inlineSize;
    if (e && (width === undefined || width !== e.width)) {
      e.width = width;
      if (!resized.size) requestAnimationFrame(redrawResized);
      resized.add(c.target);
    }
  }
});
function redrawResized() {
  for (const el of resized) {
    const e = entries.get(el);
    if (e) contain(el, e, () => e.widget.resize());
  }
  resized.clear();
}

// A widget whose element leaves the page is freed (one mounted before it was put in the page
// waits until it has been in it).
const removals = new MutationObserver(() => {
  for (const [el, e] of entries) {
    if (el.isConnected) e.seen = true;
    else if (e.seen) e.handle.destroy();
  }
});
removals.observe(document.documentElement, { childList: true, subtree: true });
// A shadow root's own changes are not the document's: each one that holds a widget is watched too.
const watchedRoots = new WeakSet();
function watchRoot(el) {
  const root = el.getRootNode();
  if (!(root instanceof ShadowRoot) || watchedRoots.has(root)) return;
  watchedRoots.add(root);
  linkStylesheet(root);
  removals.observe(root, { childList: true, subtree: true });
}

// A hidden tab gets no frames; when it comes back, the widgets go on from where they were.
document.addEventListener('visibilitychange', () => {
  for (const e of entries.values()) e.last = null;
});

// A link within the page to other settings of an explorer (`#id:name=value;…`) sets them.
window.addEventListener('hashchange', () => {
  for (const [el, e] of entries) {
    // Only a widget whose settings the link changed (its run starts again there) comes into view.
    if (e.widget.restore && contain(el, e, () => e.widget.restore(location.hash))) {
      e.running = false;
      bringIntoView(el);
    }
  }
});

// A link's entry for a widget is under its id, encoded as src/share.rs encodes it.
const encodeId = (id) =>
  Array.from(new TextEncoder().encode(id), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.+]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
/** Whether the page's URL holds settings for the widget of `el` (`#id:…`). */
function linksTo(el) {
  if (!el.id) return false;
  const key = `${encodeId(el.id)}:`;
  return location.hash.slice(1).split('&').some((part) => part.startsWith(key));
}
/** Whether the reader has yet to focus anything or scroll. */
const untouched = () => (!document.activeElement || document.activeElement === document.body) && !shared.scrolled;
addEventListener('scroll', () => (shared.scrolled = true), { once: true, passive: true });
/** A widget a link names comes into view, with the focus on it (it is far down the page). */
function bringIntoView(el) {
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

// The widgets' colour scheme: the element's theme (data-theme, or theme on the widgets' own tags)
// if it is light or dark, else the reader's; the class nndl-dark says which, to the stylesheet
// and to the widget's canvases.
const darkScheme = matchMedia('(prefers-color-scheme: dark)');
function applyTheme(el) {
  const theme = (el.getAttribute('data-theme') ?? el.getAttribute('theme') ?? '').trim();
  el.classList.toggle('nndl-dark', theme === 'dark' || (theme !== 'light' && darkScheme.matches));
}
darkScheme.addEventListener('change', () => {
  for (const [el, e] of entries) {
    applyTheme(el);
    contain(el, e, () => e.widget.resize());
  }
});

// The worker of a widget that trains in one: what it reports goes to the widget.
function startWorker(el, entry, post) {
  const worker = new Worker(new URL('./mnist-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (ev) => {
    contain(el, entry, () => entry.widget.receive(ev.data));
    post(); // what the widget has for the worker in answer (a run that waited for files)
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    contain(el, entry, () => {
      throw new Error(ev.message || 'the worker failed');
    });
  };
  return worker;
}

const KEYS = { ' ': 'toggle', ArrowRight: 'step', r: 'reset', R: 'reset' };

// A NodeList's elements, read by index: WebKit's NodeList iterator fails for nodes that a
// WebDriver script made, whose world is not the page's.
function listOf(nodes) {
  const list = [];
  for (let i = 0; i < nodes.length; i++) list.push(nodes[i]);
  return list;
}

// The id an explorer without one gets: its place among the explorers of its document (or shadow
// root), in document order, skipping an id some other element has.
function placeId(element) {
  const root = element.getRootNode();
  const kind = kindOf(element);
  const all = listOf(root.querySelectorAll(`[data-nndl="${kind}"], nndl-${kind}`));
  // One not yet in its document comes after those that are.
  let n = (all.indexOf(element) + 1) || all.length + 1;
  while (root.getElementById?.(`nndl-${kind}-${n}`) ?? root.querySelector(`#nndl-${kind}-${n}`)) n++;
  return `nndl-${kind}-${n}`;
}

// A widget's kind: its own tag's (<nndl-neuron>), or its data-nndl attribute's.
const kindOf = (el) => (el.localName.startsWith('nndl-') ? el.localName.slice(5) : el.getAttribute('data-nndl'));

/** Mounts the widget that `element`'s data-* attributes describe. Resolves to a handle with
 *  run(), pause(), step(), reset(), set(name, value) (the explorer's and the MNIST widget's settings)
 *  and destroy().
 *  Mounting the same element twice gives the same handle. */
export async function mount(element) {
  let handle = shared.widgets.get(element);
  if (!handle) {
    handle = mountWith(element);
    shared.widgets.set(element, handle);
    // A mount that failed (its module did not load, say) leaves the element to a later try.
    handle.catch(() => shared.widgets.get(element) === handle && shared.widgets.delete(element));
  }
  return handle;
}

async function mountWith(element) {
  watchRoot(element);
  const mountWidget = await moduleFor(kindOf(element));
  const lang = element.getAttribute('lang');
  // An explorer's shared link is scoped by its element's id: one without gets a stable one, from
  // its place among the page's explorers (nndl-explorer-1, -2, …), for as long as it is mounted.
  const givenId = element.id;
  const madeId = !givenId && kindOf(element) === 'explorer' ? placeId(element) : null;
  if (madeId) element.id = madeId;
  applyTheme(element);
  const entry = {
    widget: mountWidget(element),
    running: false,
    visible: true,
    last: null,
    width: null,
    broken: false,
    destroyed: false,
    seen: element.isConnected,
  };
  // A destroyed handle's methods throw this, and never touch the element.
  const alive = () => {
    if (entry.destroyed) {
      throw new Error('nndl-widgets: this widget was destroyed (by destroy(), or when its element left the page); mount the element again for a new one');
    }
  };
  // A widget that trains in a Web Worker: the shell carries messages both ways.
  let worker = null;
  const post = () => {
    for (const m of contain(element, entry, () => entry.widget.takeMessages()) || []) {
      if (m.type === 'quit') {
        // The widget is done with this worker: its memory goes with it.
        worker?.terminate();
        worker = null;
        continue;
      }
      worker ??= startWorker(element, entry, post);
      worker.postMessage(m);
    }
  };
  // The chart's data table (made once the widget is mounted), written anew after each action and
  // setting: a setting can change the run without changing its state or epoch.
  let table = null;
  const act = (action) => {
    entry.running = contain(element, entry, () => entry.widget.act(action));
    entry.last = null;
    if (entry.running) schedule();
    if (contain(element, entry, () => entry.widget.worker)) post();
    table?.(true);
  };
  // Files for the worker, from the widget's file picker or dropped on the widget. The worker
  // gets the File objects, not their bytes: it reads their sizes first, and only then the files.
  const sendFiles = (files) => {
    if (!files.length || !contain(element, entry, () => entry.widget.worker)) return;
    // From here until the worker has read them, a Run waits for them.
    contain(element, entry, () => entry.widget.filesSent());
    worker ??= startWorker(element, entry, post);
    worker.postMessage({ type: 'files', names: Array.from(files, (f) => f.name), files: Array.from(files) });
  };
  // The explorer's and the MNIST widget's settings. Sliders apply as they move; number boxes, selects and checkboxes
  // when their value is committed (change, or Enter in a number box).
  const set = (name, value, fromSlider) => {
    entry.running = contain(element, entry, () => entry.widget.set(name, value, fromSlider));
    entry.last = null;
    if (entry.running) schedule();
    if (contain(element, entry, () => entry.widget.worker)) post();
    table?.(true);
  };
  const onSetting = (ev) => {
    const el = ev.target;
    if (!el.matches('input[data-control], select[data-control]') || entry.broken) return;
    const slider = el.type === 'range';
    if (ev.type === 'input' ? !slider : slider) return;
    set(el.dataset.control, el.type === 'checkbox' ? String(el.checked) : el.value, slider);
  };
  const onChange = (ev) => {
    if (ev.target.matches('input[data-files]')) sendFiles(ev.target.files);
    else onSetting(ev);
  };
  // Share: the widget's settings go into the page URL's fragment under its id, and the link to
  // the clipboard where the browser allows it (else it is shown, selected, to copy by hand).
  const share = async () => {
    const fragment = contain(element, entry, () => entry.widget.shareFragment(location.hash));
    if (typeof fragment !== 'string') return;
    history.replaceState(history.state, '', `#${fragment}`);
    const url = location.href;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard here (permissions, an insecure page): the link is shown instead.
    }
    contain(element, entry, () => entry.widget.shared(url, copied));
  };
  const download = (name, blob) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 30000);
  };
  const base = `nndl-${element.id || 'explorer'}`;
  const exports = {
    share,
    'export-png': () =>
      element.querySelector('canvas[data-export]')?.toBlob((b) => b && download(`${base}.png`, b), 'image/png'),
    'export-csv': () => {
      const text = contain(element, entry, () => entry.widget.csv());
      if (typeof text === 'string') download(`${base}.csv`, new Blob([text], { type: 'text/csv' }));
    },
  };
  const onDragOver = (ev) => {
    if (contain(element, entry, () => entry.widget.worker)) ev.preventDefault();
  };
  const onDrop = (ev) => {
    if (!contain(element, entry, () => entry.widget.worker)) return;
    ev.preventDefault();
    sendFiles(ev.dataTransfer.files);
  };
  const onClick = (ev) => {
    const button = ev.target.closest('button[data-action], button[data-control]');
    if (!button || !element.contains(button) || button.disabled || entry.broken) return;
    const { action, control, value } = button.dataset;
    if (control) set(control, value, false);
    else if (exports[action]) exports[action]();
    else act(action);
  };
  const onKey = (ev) => {
    const action = KEYS[ev.key];
    if (ev.key === 'Enter' && ev.target.matches('input[type="text"][data-control]')) {
      onSetting({ type: 'change', target: ev.target });
      return;
    }
    if (!action || ev.altKey || ev.ctrlKey || ev.metaKey || entry.broken) return;
    if (contain(element, entry, () => entry.widget.failed)) return;
    // Keys on a button or a form control are theirs (Space presses a button, opens a picker).
    if (ev.target.closest('button, input, select, textarea, label, a')) return;
    ev.preventDefault();
    act(action);
  };
  element.addEventListener('click', onClick);
  element.addEventListener('keydown', onKey);
  element.addEventListener('change', onChange);
  element.addEventListener('input', onSetting);
  element.addEventListener('dragover', onDragOver);
  element.addEventListener('drop', onDrop);
  entry.handle = {
    element,
    run: () => (alive(), act('run')),
    pause: () => (alive(), act('pause')),
    step: () => (alive(), act('step')),
    reset: () => (alive(), act('reset')),
    /** The explorer's and the MNIST widget's settings, by their option names: set('eta-quadratic',
     *  0.5), set('hidden', 100). A bad value
     *  shows its message beside the control; an unknown name throws. */
    set(name, value) {
      alive();
      if (entry.broken) throw new Error('nndl-widgets: this widget has stopped');
      // A module carries only its kinds' methods.
      if (!entry.widget.set) throw new Error('nndl-widgets: only the explorer and MNIST widgets have settings to set');
      let running;
      try {
        running = entry.widget.set(String(name), String(value), false);
      } catch (err) {
        // A panic stops the widget; a refused name is only the caller's error.
        if (err instanceof WebAssembly.RuntimeError) contain(element, entry, () => { throw err; });
        throw err;
      }
      entry.running = running;
      entry.last = null;
      if (running) schedule();
      if (contain(element, entry, () => entry.widget.worker)) post();
      table?.(true);
    },
    destroy() {
      if (entry.destroyed) return;
      entry.destroyed = true;
      entry.running = false;
      element.removeEventListener('click', onClick);
      element.removeEventListener('keydown', onKey);
      element.removeEventListener('change', onChange);
      element.removeEventListener('input', onSetting);
      element.removeEventListener('dragover', onDragOver);
      element.removeEventListener('drop', onDrop);
      worker?.terminate();
      onScreen.unobserve(element);
      sizes.unobserve(element);
      entries.delete(element);
      shared.widgets.delete(element);
      // A widget whose wasm failed may still be borrowed; it is dropped with the page.
      if (!entry.broken) entry.widget.free();
      element.replaceChildren();
      for (const a of ['data-state', 'tabindex', 'role', 'aria-label']) element.removeAttribute(a);
      // The id it was given, unless the page has since given it one of its own.
      if (madeId && element.id === madeId) element.removeAttribute('id');
      if (lang === null) element.removeAttribute('lang');
      else element.setAttribute('lang', lang);
      element.classList.remove('nndl', `nndl-${kindOf(element)}`, 'nndl-failed', 'nndl-dark', 'nndl-stale');
      events.disconnect();
    },
  };
  table = dataTable(element, entry);
  // Events a course page can listen to: nndl-state when the widget's state changes (a run
  // finishes, say), nndl-epoch when its epoch does; both bubble, out of a shadow root too.
  const epochNow = () =>
    Math.max(...listOf(element.querySelectorAll('[data-readout="epoch"], [data-readout$=".epoch"]')).map((r) => Number(r.dataset.value) || 0));
  let epoch = epochNow();
  let state = element.dataset.state;
  const isEpoch = (el) => /(^|\.)epoch$/.test(el.dataset.readout ?? '');
  const events = new MutationObserver((records) => {
    const say = (type, detail) => element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    if (element.dataset.state !== state) {
      state = element.dataset.state;
      say('nndl-state', { state });
      table?.(true);
    }
    // The epoch readouts are looked up only in a batch that wrote one (not for every readout).
    if (!records.some((r) => isEpoch(r.target))) return;
    const now = epochNow();
    if (Number.isFinite(now) && now !== epoch) {
      epoch = now;
      say('nndl-epoch', { epoch });
      // (Not while it runs: a table rewritten under a screen reader throws it out of the table.)
      table?.(state !== 'running');
    }
  });
  events.observe(element, { attributes: true, subtree: true, attributeFilter: ['data-state', 'data-value'] });
  entries.set(element, entry);
  // Rejected options, once in the console too, for authors who look there.
  if (entry.widget.failed) {
    const where = element.id ? ` #${element.id}` : '';
    const said = listOf(element.querySelectorAll('[role="alert"] strong, [role="alert"] li')).map((e) => e.textContent);
    console.warn(`nndl-widgets${where}: ${said.join(' ')}`);
  }
  // Opened by a link to its settings: the widget is what the reader came for. Once per page
  // load, and only while the reader has not gone elsewhere (focused something, or scrolled).
  if (entry.widget.restore && linksTo(element) && !shared.linkFollowed && untouched()) {
    shared.linkFollowed = true;
    bringIntoView(element);
  }
  // The width the widget was drawn at (it laid the page out to read it).
  entry.width = element.getBoundingClientRect().width;
  onScreen.observe(element);
  sizes.observe(element);
  return entry.handle;
}

// The widgets' own tags, one per kind in the manifest: <nndl-neuron preset="saturation2">, and so
// on. Their attributes are the options (data-* ones too); connecting one mounts its widget,
// disconnecting it frees it (unless it is put back in the same task: a move), and changing an
// option attribute mounts it again with the new options. Its methods are the handle's, as
// Promises (the module may still be loading), and `state` is its widget's state.
const TAGS = [...new Set(modules.flatMap((m) => m.kinds))].map((k) => `nndl-${k}`);
// Attributes the widget writes on its element, or that are not options: no remount for these.
const NOT_OPTIONS =
  /^(data-state|id|class|style|lang|dir|hidden|title|tabindex|slot|part|role|inert|translate|nonce|autofocus|draggable|spellcheck|accesskey|contenteditable|popover|enterkeyhint|inputmode|exportparts|is|aria-.*)$/;
class WidgetElement extends HTMLElement {
  connectedCallback() {
    mountAndSay(this);
    this.options ??= new MutationObserver((records) => {
      if (!records.some((r) => !NOT_OPTIONS.test(r.attributeName))) return;
      const handle = shared.widgets.get(this);
      // A mount that failed is tried again with the new options.
      if (!handle) return void mountAndSay(this);
      handle.then(
        (h) => {
          h.destroy();
          if (this.isConnected) mountAndSay(this);
        },
        () => {},
      );
    });
    this.options.observe(this, { attributes: true });
  }
  disconnectedCallback() {
    this.options?.disconnect();
    // Freed unless it is back by then (a move, or a framework that re-inserts it while its
    // module loads).
    shared.widgets.get(this)?.then(
      (h) => this.isConnected || h.destroy(),
      () => {},
    );
  }
  get state() {
    return this.dataset.state ?? 'loading';
  }
  run() {
    return mount(this).then((h) => h.run());
  }
  pause() {
    return mount(this).then((h) => h.pause());
  }
  step() {
    return mount(this).then((h) => h.step());
  }
  reset() {
    return mount(this).then((h) => h.reset());
  }
  set(name, value) {
    return mount(this).then((h) => h.set(name, value));
  }
}

// A chart's data as a table, for a reader who cannot see the chart or wants its numbers: the
// widget gives it as lines of tab-separated cells (the summary, the caption, the column heads,
// the rows), and the shell shows it in a closed <details> after the widget's buttons, the table
// in a region that scrolls sideways (by keyboard too) when it is wider than the widget. While
// open, it is written anew when the reader acts, changes a setting, or the run's state changes,
// and as its epoch moves while it does not run; a running run's table is the one the reader
// opened (its caption says to which epoch). Returns that update, `now` being whether to write;
// null for a widget without a table. A widget that stopped takes its table away.
function dataTable(element, entry) {
  const text = () => contain(element, entry, () => entry.widget.table?.()) || '';
  if (!text()) return null;
  const details = document.createElement('details');
  details.className = 'nndl-data';
  const summary = details.appendChild(document.createElement('summary'));
  const region = details.appendChild(document.createElement('div'));
  region.className = 'nndl-table';
  region.tabIndex = 0;
  region.setAttribute('role', 'region');
  const table = region.appendChild(document.createElement('table'));
  const controls = element.querySelector(':scope > .nndl-controls');
  if (controls) controls.after(details);
  else element.append(details);
  const write = () => {
    const t = text();
    details.hidden = !t;
    if (!t) return;
    const [label, caption, head, ...rows] = t.split('\n');
    summary.textContent = label;
    if (!details.open || caption === undefined) return;
    region.setAttribute('aria-label', caption);
    const cell = (row, tag, value, scope) => {
      const c = row.appendChild(document.createElement(tag));
      c.textContent = value;
      if (scope) c.scope = scope;
    };
    table.replaceChildren();
    table.createCaption().textContent = caption;
    const top = table.createTHead().insertRow();
    for (const h of head.split('\t')) cell(top, 'th', h, 'col');
    const body = table.createTBody();
    for (const r of rows) {
      const row = body.insertRow();
      r.split('\t').forEach((value, i) => cell(row, i ? 'td' : 'th', value, i ? '' : 'row'));
    }
  };
  details.addEventListener('toggle', write);
  write();
  return (now) => {
    if (now && (details.open || entry.broken)) write();
  };
}

// A mount that fails (its module did not load, say) says so in its element, once.
const said = new WeakMap(); // a mount's handle -> the same, its failure said
function mountAndSay(el) {
  const handle = mount(el);
  if (!said.has(handle)) {
    said.set(
      handle,
      handle.catch((err) => {
        console.error(err);
        el.textContent = `nndl-widgets: ${err && err.message ? err.message : err}`;
        el.dataset.state = 'failed'; // which also ends its loading placeholder
      }),
    );
  }
  return said.get(handle);
}

// The modules for every kind on the page start loading at once, together.
const onPage = Array.from(document.querySelectorAll(['[data-nndl]', ...TAGS].join(', ')));
const kindsOnPage = new Set(onPage.map(kindOf));
for (const m of cover([...kindsOnPage].filter((k) => modules.some((m) => m.kinds.includes(k))))) load(m);
for (const tag of TAGS) if (!customElements.get(tag)) customElements.define(tag, class extends WidgetElement {});

/** Every widget on the page, mounted. */
export const mounted = Promise.all(onPage.map(mountAndSay));
