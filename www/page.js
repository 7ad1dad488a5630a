// The chapter pages' equations: every element with a data-tex attribute is typeset by KaTeX,
// served from this site (vendor/katex, copied from the npm package by scripts/setup.sh).
//
// Only once the widgets are up: KaTeX's script is fetched and run after them, in idle time, so
// that neither it nor its fonts delay a widget. Each equation's place is kept meanwhile
// (page.css), so that typesetting moves nothing.
import { mounted } from './nndl-widgets.js';

const katexUrl = new URL('../vendor/katex/', import.meta.url);

function load(element) {
  return new Promise((resolve, reject) => {
    element.onload = resolve;
    element.onerror = () => reject(new Error(`could not load ${element.src || element.href}`));
    document.head.appendChild(element);
  });
}

// Resolves to an IdleDeadline (null where there is no requestIdleCallback).
const idle = () =>
  new Promise((resolve) =>
    window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 500 }) : setTimeout(() => resolve(null), 0),
  );

await mounted;
await idle();
const style = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL('katex.min.css', katexUrl) });
const script = Object.assign(document.createElement('script'), { src: new URL('katex.min.js', katexUrl) });
await Promise.all([load(style), load(script)]);
// The fonts this page's equations use, before typesetting with them: typeset in a fallback font
// first, each equation would change its size when they arrive.
await Promise.all(
  ['1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Size1', '1em KaTeX_Size2'].map((font) =>
    document.fonts.load(font).catch(() => null),
  ),
);
// A few equations at a time, in idle time, so that a reader's first clicks on the widgets are
// not kept waiting behind the whole page's typesetting.
const pending = Array.from(document.querySelectorAll('[data-tex]'));
while (pending.length) {
  const deadline = await idle();
  do {
    const el = pending.shift();
    window.katex.render(el.dataset.tex, el, {
      displayMode: el.classList.contains('display'),
      throwOnError: false,
    });
  } while (pending.length && (!deadline || deadline.timeRemaining() > 2));
}
