// The configurator page: a control per option of the chosen widget kind, built from the widgets'
// own option table (optionTable() of the module of every kind, read off the options' parser), a
// live preview, and the HTML to copy in both forms (and for the explorer, a shared link).
import list from '../pkg/kinds.js';
import init, { optionTable } from '../pkg/nndl_widgets.js';
import './nndl-widgets.js';

const $ = (id) => document.getElementById(id);
const form = $('options');
const kindSelect = $('kind');
const idInput = $('element-id');
const fields = $('kind-options');
const colours = $('colours');
const preview = $('preview');

// The colours a page may set (README: "--nndl-ink (text), …"), with what each is for.
const COLOURS = [
  ['--nndl-ink', 'text'],
  ['--nndl-muted', 'secondary text'],
  ['--nndl-line', 'borders'],
  ['--nndl-accent', 'Run, focus rings, sliders'],
  ['--nndl-alert', 'messages'],
];

// On a widget's own tag, `lang` and `hidden` are HTML's attributes: the language is HTML's own
// `lang` (the widget reads the nearest one), and the MNIST hidden layer stays `data-hidden`.
const tagAttribute = (name) => (name === 'hidden' ? 'data-hidden' : name);
const divAttribute = (name) => `data-${name}`;

const kinds = [...new Set(list.flatMap((m) => m.kinds))];
let table = [];

/** The text a value is written with in HTML. */
const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A shared link's encoding of an id, a name or a value: all but letters, digits and -_.+ as %XX. */
const encode = (s) =>
  Array.from(new TextEncoder().encode(s), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.+]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');

function describe(accepts) {
  switch (accepts.type) {
    case 'number': {
      const lo = accepts.minExcluded ? `above ${accepts.min}` : `${accepts.min}`;
      return `${accepts.whole ? 'a whole number' : 'a number'}, ${lo} to ${accepts.max}`;
    }
    case 'one-of':
      return `one of ${accepts.values.join(', ')}`;
    case 'list-of':
      return 'any of these';
    case 'text':
      return `your words for ours, up to ${accepts.maxChars} characters`;
    default:
      return '';
  }
}

/** The control of one option, with its label and what it accepts. */
function control(o) {
  const id = `opt-${o.name}`;
  const row = document.createElement(o.accepts.type === 'list-of' ? 'fieldset' : 'p');
  row.className = 'row';
  row.dataset.option = o.name;
  const hint = document.createElement('span');
  hint.className = 'hint';
  hint.id = `${id}-hint`;
  hint.textContent = describe(o.accepts) + (o.default != null ? `; default ${o.default === '' ? 'none' : o.default}` : '');
  if (o.accepts.type === 'list-of') {
    const legend = document.createElement('legend');
    legend.textContent = o.name;
    row.append(legend, hint);
    for (const v of o.accepts.values) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = o.name;
      box.value = v;
      label.append(box, ` ${v}`);
      row.append(label);
    }
    return row;
  }
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = o.name;
  let input;
  if (o.accepts.type === 'one-of') {
    input = document.createElement('select');
    const none = new Option(o.default ? `default (${o.default})` : 'default', '');
    input.append(none, ...o.accepts.values.map((v) => new Option(v, v)));
  } else {
    // Text, not type=number: a value the widget refuses reaches it, and its message shows.
    input = document.createElement('input');
    input.type = 'text';
    input.spellcheck = false;
    input.autocomplete = 'off';
    if (o.accepts.type === 'number') input.inputMode = 'decimal';
    input.placeholder = o.default || 'default';
  }
  input.id = id;
  input.name = o.name;
  input.setAttribute('aria-describedby', hint.id);
  row.append(label, input, hint);
  return row;
}

/** The options set, in the table's order: [name, value]. */
function chosen() {
  const set = [];
  for (const o of table) {
    if (o.accepts.type === 'list-of') {
      const values = Array.from(form.querySelectorAll(`input[name="${o.name}"]:checked`), (b) => b.value);
      if (values.length) set.push([o.name, values.join(',')]);
    } else {
      const value = form.elements.namedItem(o.name).value.trim();
      if (value !== '') set.push([o.name, value]);
    }
  }
  return set;
}

function chosenColours() {
  return COLOURS.filter(([name]) => $(`use${name}`).checked).map(([name]) => [name, $(`colour${name}`).value]);
}

/** The preview's element: the kind's own tag, with the options as its attributes. */
function show() {
  const kind = kindSelect.value;
  const options = chosen();
  const id = idInput.value.trim();
  const lang = options.find(([n]) => n === 'lang')?.[1] ?? '';
  let el = preview.firstElementChild;
  const keep = new Set(options.map(([n]) => tagAttribute(n)));
  // A new element for another kind, id or language: the shell reads the id (an explorer's link
  // is kept under it) and the language (an HTML attribute, not an option) when it mounts.
  if (!el || el.localName !== `nndl-${kind}` || el.madeFor !== `${id}\n${lang}`) {
    el = document.createElement(`nndl-${kind}`);
    el.madeFor = `${id}\n${lang}`;
    if (id) el.id = id;
    for (const [n, v] of options) el.setAttribute(tagAttribute(n), v);
    preview.replaceChildren(el);
  } else {
    // Only the options change (the element mounts its widget again, once for them all); the
    // attributes the widget wrote stay.
    for (const o of table) if (!keep.has(tagAttribute(o.name))) el.removeAttribute(tagAttribute(o.name));
    for (const [n, v] of options) if (el.getAttribute(tagAttribute(n)) !== v) el.setAttribute(tagAttribute(n), v);
  }
  for (const [name] of COLOURS) el.style.removeProperty(name);
  for (const [name, value] of chosenColours()) el.style.setProperty(name, value);
  write(kind, options, id);
}

/** The HTML, the CSS and the link to copy. */
function write(kind, options, id) {
  const attrs = (name) => options.map(([n, v]) => ` ${name(n)}="${escape(v)}"`).join('');
  const idAttr = id ? ` id="${escape(id)}"` : '';
  $('snippet-tag').textContent = `<nndl-${kind}${idAttr}${attrs(tagAttribute)}></nndl-${kind}>`;
  $('snippet-div').textContent = `<div${idAttr} data-nndl="${kind}"${attrs(divAttribute)}></div>`;
  const css = chosenColours();
  $('css-part').hidden = !css.length;
  $('snippet-css').textContent = css.length
    ? `${id ? `#${CSS.escape(id)}` : `nndl-${kind}, [data-nndl="${kind}"]`} {\n${css.map(([n, v]) => `  ${n}: ${v};\n`).join('')}}`
    : '';
  // A link carries the explorer's settings under its id (not `preset` and `eta`, which set others).
  const linked = options.filter(([n]) => table.find((o) => o.name === n)?.inLink);
  const link = kind === 'explorer' && id && linked.length;
  $('link-part').hidden = !link;
  $('snippet-link').textContent = link ? `#${encode(id)}:${linked.map(([n, v]) => `${encode(n)}=${encode(v)}`).join(';')}` : '';
  $('element-id-hint').textContent =
    kind === 'explorer' && !id
      ? 'Give the explorer an id to get a shared link for these settings.'
      : 'Names the element; an explorer’s shared links are kept under it.';
}

function build() {
  table = optionTable(kindSelect.value);
  fields.replaceChildren(fields.querySelector('legend'), ...table.map(control));
  show();
}

function colourControls() {
  const probe = document.createElement('div');
  probe.className = 'nndl';
  document.body.append(probe);
  const style = getComputedStyle(probe);
  for (const [name, what] of COLOURS) {
    let value = style.getPropertyValue(name.replace('--nndl-', '--nndl-default-')).trim() || '#000000';
    if (/^#[0-9a-f]{3}$/i.test(value)) value = `#${[...value.slice(1)].map((c) => c + c).join('')}`;
    const row = document.createElement('p');
    row.className = 'row';
    const use = document.createElement('input');
    use.type = 'checkbox';
    use.id = `use${name}`;
    const label = document.createElement('label');
    label.htmlFor = use.id;
    label.textContent = `${name} (${what})`;
    const colour = document.createElement('input');
    colour.type = 'color';
    colour.id = `colour${name}`;
    colour.value = value;
    colour.setAttribute('aria-label', `${name} colour`);
    // Picking a colour means using it.
    colour.addEventListener('input', () => (use.checked = true));
    row.append(use, label, colour);
    colours.append(row);
  }
  probe.remove();
}

await init();
kindSelect.append(...kinds.map((k) => new Option(k, k)));
colourControls();
form.addEventListener('change', (ev) => (ev.target === kindSelect ? build() : show()));
form.addEventListener('input', (ev) => ev.target.type === 'color' && show());
form.addEventListener('submit', (ev) => ev.preventDefault());
// A text box applies when its value is committed (change), or on Enter.
form.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && ev.target.matches('input[type="text"]')) {
    ev.preventDefault();
    show();
  }
});
document.addEventListener('click', async (ev) => {
  const button = ev.target.closest('button[data-copy]');
  if (!button) return;
  const text = $(button.dataset.copy).textContent;
  let said = 'Copied.';
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard here: the text is selected, to copy by hand.
    getSelection().selectAllChildren($(button.dataset.copy));
    said = 'Selected: copy it with your keyboard.';
  }
  $('copied').textContent = said;
});
build();
document.documentElement.dataset.ready = 'true';
