// The chapter pages with their equations typeset. KaTeX runs here, when the site is built, not in
// the reader's browser: the page arrives with its equations ready to draw (KaTeX's stylesheet and
// fonts are all it needs), so no script is fetched or run for them, and nothing on the page moves
// when they appear, as it did when they were typeset after the widgets were up.
//
//   node scripts/typeset.mjs OUT_DIR PAGE.html...
//
// Each element written as <span data-tex="TeX"></span> (inline) or
// <div class="display" data-tex="TeX"></div> (displayed) gets KaTeX's HTML and MathML inside it;
// the page is written to OUT_DIR under the same name. A mistake in an equation stops the build
// with the page's name, its line and KaTeX's message, instead of showing red TeX to readers.
//
// OUT_DIR/equations.css, linked in each page's head with the fonts it uses, is KaTeX's stylesheet and what the equations
// need beside it. The pages' Content-Security-Policy (style-src 'self') refuses style attributes,
// which KaTeX sizes its boxes with: each distinct one becomes a class (k- and a hash of the
// declarations), marked !important as an attribute would win over KaTeX's own rules.
// OUT_DIR/fonts/ holds KaTeX's fonts cut down to the characters the equations use
// (scripts/subset-fonts.py, with Python's fontTools), which the stylesheet names.
import katex from 'katex';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const katexDist = dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));

const ENTITIES = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
const unescape = (s) =>
  s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (m, dec, hex, name) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[name] ?? m),
  );

/** KaTeX's HTML with its style attributes as classes, each added to `rules` (class → CSS). */
function unstyled(math, rules) {
  return math.replace(/<(\w+)([^>]*?) style="([^"]*)"([^>]*)>/g, (tag, name, before, style, after) => {
    const cls = `k-${createHash('sha256').update(style).digest('hex').slice(0, 8)}`;
    const declarations = style.split(';').filter((d) => d.trim());
    rules.set(cls, declarations.map((d) => `${d.trim()} !important`).join(';'));
    const attrs = before + after;
    return /\sclass="/.test(attrs)
      ? `<${name}${attrs.replace(/\sclass="([^"]*)"/, ` class="$1 ${cls}"`)}>`
      : `<${name}${attrs} class="${cls}">`;
  });
}

/** The characters KaTeX's HTML of an equation draws (its MathML, which no font draws, left out). */
function drawn(math) {
  const shown = math.replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '').replace(/<[^>]*>/g, '');
  return unescape(shown);
}

// What a page with equations gets at the end of its head: the stylesheet, and the four faces its
// equations draw with, fetched at once (found only through the stylesheet, the last would arrive
// after the first paint and move the text).
const FONTS = ['Main-Regular', 'Math-Italic', 'Size1-Regular', 'Size2-Regular'];
const HEAD = [
  '<link rel="stylesheet" href="equations.css">',
  ...FONTS.map((f) => `<link rel="preload" href="fonts/KaTeX_${f}.woff2" as="font" type="font/woff2" crossorigin>`),
].join('\n');

/** The page's HTML with every data-tex element filled in, and what they need linked in its head;
 *  the classes its equations use are added to `rules`, and the characters they draw to `chars`. */
export function typeset(html, name = 'page', rules = new Map(), chars = new Set()) {
  let found = false;
  const filled = html.replace(/<(span|div)\b([^>]*?\sdata-tex="([^"]*)"[^>]*)>([\s\S]*?)<\/\1>/g, (whole, tag, attrs, tex, inner, at) => {
    const line = html.slice(0, at).split('\n').length;
    if (inner.trim()) throw new Error(`${name}:${line}: an element with data-tex is typeset from the attribute and must be empty`);
    const displayMode = /\sclass="[^"]*\bdisplay\b/.test(attrs);
    let math;
    try {
      math = katex.renderToString(unescape(tex), { displayMode, throwOnError: true, output: 'htmlAndMathml' });
    } catch (err) {
      throw new Error(`${name}:${line}: ${err.message}`);
    }
    for (const c of drawn(math)) chars.add(c);
    found = true;
    return `<${tag}${attrs}>${unstyled(math, rules)}</${tag}>`;
  });
  return found ? filled.replace('</head>', `${HEAD}\n</head>`) : filled;
}

/** KaTeX's stylesheet (its fonts as woff2 only, which every browser the widgets run in reads),
 *  then the classes in `rules`, in a fixed order. */
export function stylesheet(rules) {
  const css = readFileSync(join(katexDist, 'katex.min.css'), 'utf8').replace(
    /,url\(fonts\/[\w-]+\.woff\) format\("woff"\),url\(fonts\/[\w-]+\.ttf\) format\("truetype"\)/g,
    '',
  );
  const lines = [...rules].sort(([a], [b]) => (a < b ? -1 : 1)).map(([cls, css]) => `.katex .${cls}{${css}}`);
  return `/* Written by scripts/typeset.mjs: KaTeX ${katex.version}'s stylesheet (MIT licence), then the sizes it
   gave the equations' boxes. */\n${css}\n${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const [out, ...pages] = process.argv.slice(2);
  if (!out || !pages.length) {
    console.error('usage: node scripts/typeset.mjs OUT_DIR PAGE.html...');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  // Each file written whole, then renamed: a server sending it meanwhile sends the old one whole.
  const write = (to, text) => {
    writeFileSync(`${to}.part`, text);
    renameSync(`${to}.part`, to);
  };
  try {
    const rules = new Map();
    const chars = new Set();
    const done = pages.map((page) => [join(out, basename(page)), typeset(readFileSync(page, 'utf8'), page, rules, chars)]);
    write(join(out, 'equations.css'), stylesheet(rules));
    write(join(out, 'fonts.txt'), [...chars].sort().join(''));
    const subsetter = join(dirname(fileURLToPath(import.meta.url)), 'subset-fonts.py');
    execFileSync('python3', [subsetter, join(katexDist, 'fonts'), join(out, 'fonts'), join(out, 'fonts.txt')], { stdio: 'inherit' });
    for (const [to, html] of done) write(to, html);
  } catch (err) {
    console.error(`typeset: ${err.message}`);
    process.exit(1);
  }
}
