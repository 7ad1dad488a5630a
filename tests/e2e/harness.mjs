// Shared by the end-to-end tests: the repository's own server on a free port, and one browser
// engine, chosen by NNDL_ENGINE (chromium, the default; firefox; webkit). scripts/test.sh runs
// every test file once per engine.
//
// Each journey is written once, against a small part of Playwright's Page API (the part these
// tests use). In Chromium that is Playwright itself (playwright-core driving Debian's chromium).
// Playwright cannot drive Debian's Firefox or WebKitGTK, so for those two engines `EnginePage`
// below offers the same methods on top of a few primitives: Firefox through puppeteer-core over
// WebDriver BiDi (which reports console messages and page errors, as Playwright does), and
// WebKitGTK through WebKitWebDriver, a classic WebDriver server spoken to here with fetch (no
// console there: tests/e2e/probe.js, served into every page by scripts/serve.py, reports the
// page's errors, for all three engines alike).
//
// What an engine's driver cannot do (a download, device emulation) is named in `CANNOT`, and the
// test that needs it is skipped there only, saying why: `test(name, skipOn('download'), fn)`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before } from 'node:test';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const engine = process.env.NNDL_ENGINE || 'chromium';
export const out = join(root, 'tests', 'e2e', 'out', engine);
mkdirSync(out, { recursive: true });

if (!['chromium', 'firefox', 'webkit'].includes(engine)) throw new Error(`NNDL_ENGINE=${engine}: chromium, firefox or webkit`);

/** What each engine's driver here cannot do, and why; a test needing it is skipped there. */
const CANNOT = {
  firefox: {
    route: 'holding a response back needs request interception, which this harness drives in Playwright only',
    print: 'this harness emulates print media through Playwright only',
    'no-script': 'this harness turns JavaScript off through Playwright only',
    coarse: "its touch emulation (WebDriver BiDi) leaves the media query (pointer: coarse) unmatched",
  },
  webkit: {
    route: 'WebKitWebDriver cannot intercept requests to hold a response back',
    print: 'WebKitWebDriver cannot emulate print media',
    'no-script': 'WebKitWebDriver cannot turn JavaScript off',
    download: 'WebKitWebDriver has no way to accept or read a download',
    touch: 'WebKitWebDriver cannot emulate a touch screen, a mobile viewport or a devicePixelRatio',
    // Seen here: the four files are in input.files, but the page heard no change event in 90 s.
    'second-upload': 'a second file upload through WebKitWebDriver to the same input reaches no change handler',
  },
  chromium: {},
};

/** node:test options that skip a test on the engines that cannot do `need`, with the reason. */
export function skipOn(...needs) {
  for (const need of needs) {
    const why = CANNOT[engine][need];
    if (why) return { skip: `${engine}: ${why}` };
  }
  return {};
}

/** Starts scripts/serve.py on a free port, serving `folder` (the repository by default), with
 *  the test probe in every page; `pkg` serves /pkg/ from another folder. Resolves to
 *  { url, stop }. */
export function serve(folder = root, { pkg } = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NNDL_TEST_PROBE: join(root, 'tests', 'e2e', 'probe.js') };
    if (pkg) env.NNDL_TEST_PKG = pkg;
    const child = spawn('python3', [join(root, 'scripts', 'serve.py'), '0', folder], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env,
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`serve.py exited with ${code}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      const m = text.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ url: m[1], stop: () => child.kill() });
    });
  });
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** The engine: an object with newPage(options) and close(). */
export async function launch() {
  if (engine === 'chromium') {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    return {
      async newPage(options) {
        const context = await browser.newContext(options);
        const page = await context.newPage();
        page.engine = engine;
        return { page, close: () => context.close() };
      },
      close: () => browser.close(),
    };
  }
  if (engine === 'firefox') return firefox();
  return webkit();
}

/** The serious and critical accessibility violations axe (loaded from `axeUrl`, on the page's
 *  own origin as its CSP allows) finds in the page, one line each. */
export async function axeViolations(page, axeUrl = '/node_modules/axe-core/axe.min.js') {
  await page.addScriptTag({ url: axeUrl });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** A new page that records console errors, page errors, requests to other origins and
 *  Content-Security-Policy violations, opened at `url`. Resolves to { page, problems, close },
 *  where `await problems()` is the list of what went wrong so far; the page is closed after the
 *  test, or by `close()`. Options: viewport, colorScheme,
 *  reducedMotion, deviceScaleFactor, hasTouch, isMobile (as Playwright's). */
export async function openPage(browser, url, options = {}) {
  const { page, close } = await browser.newPage(options);
  opened.push(close);
  const seen = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(url).origin) && !/^(data|blob):/.test(r.url())) {
      seen.push(`request off the origin: ${r.url()}`);
    }
  });
  await page.goto(url);
  const problems = async () => {
    const probe = await page.evaluate(() => window.__nndlProblems ?? ['the test probe is not in this page']);
    return [...seen, ...probe];
  };
  return { page, problems, close };
}

// Pages opened by the current test, closed after it, so that one test's pages do not slow the next.
const opened = [];

/** The readouts of the widget with this id: { epoch: {text, value}, output: …, … }. The values
 *  are parsed here, so that Infinity and NaN come through every driver. */
export async function readouts(page, id) {
  const raw = await page.$eval(`#${id}`, (el) => {
    const r = {};
    for (const o of el.querySelectorAll('[data-readout]')) r[o.dataset.readout] = [o.textContent, o.dataset.value];
    return r;
  });
  const r = {};
  for (const [name, [text, value]] of Object.entries(raw)) r[name] = { text, value: Number(value) };
  return r;
}

/** Waits until the readout `name` of widget `id` satisfies `test` (a function source run in the
 *  page on the number), and resolves to its value then. */
export async function waitForReadout(page, id, name, test, timeout = 30000) {
  await page.waitForFunction(
    ([id, name, test]) => {
      const o = document.querySelector(`#${id} [data-readout="${name}"]`);
      // The test is data (a comparison and a number), not code, so that no page eval is needed.
      const v = Number(o?.dataset.value);
      return o && (test[0] === '>=' ? v >= test[1] : test[0] === '>' ? v > test[1] : v === test[1]);
    },
    [id, name, test],
    { timeout },
  );
  return (await readouts(page, id))[name].value;
}

/** The rate at which readout `name` of widget `id` advances, in epochs per second of the
 *  widgets' own clock, over at least `span` epochs. That clock is the page's frame times, each
 *  frame counting at most 100 ms (MAX_FRAME_MS in src/clock.rs: a page that stalls does not
 *  leap), so the rate is the same on a fast machine and on a loaded one whose frames come slowly
 *  (WebKitGTK under Xvfb draws a tall window a few times a second). Read from the page's frames,
 *  never from a sleep. */
export async function epochRate(page, id, name, span) {
  return (await epochRates(page, [id], name, span))[0];
}

/** epochRate for several widgets at once, measured over the same frames (one call into the
 *  page: a classic WebDriver session runs one script at a time). */
export async function epochRates(page, ids, name, span) {
  return page.evaluate(
    ([ids, name, span]) =>
      new Promise((resolve, reject) => {
        let clock = 0;
        let previous = null;
        const watched = ids.map((id) => {
          const el = document.getElementById(id);
          const o = el.querySelector(`[data-readout="${name}"]`);
          return { id, el, o, last: Number(o.dataset.value), first: null, rate: null };
        });
        const frame = (now) => {
          if (previous !== null) clock += Math.min(now - previous, 100);
          previous = now;
          for (const w of watched) {
            const e = Number(w.o.dataset.value);
            if (w.rate !== null || e === w.last) continue;
            w.last = e;
            if (!w.first) w.first = { clock, e };
            else if (e - w.first.e >= span) w.rate = ((e - w.first.e) * 1000) / (clock - w.first.clock);
          }
          if (watched.every((w) => w.rate !== null)) return resolve(watched.map((w) => w.rate));
          const stopped = watched.find((w) => w.rate === null && w.el.dataset.state !== 'running');
          if (stopped) return reject(new Error(`${stopped.id} is ${stopped.el.dataset.state} before ${span} epochs were measured`));
          if (clock > 60000) return reject(new Error(`no ${span} epochs of ${name} in 60 s`));
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    [ids, name, span],
  );
}

/** Clicks `selector` and resolves to the file the page offers for download: { name, bytes }. */
export async function download(page, selector) {
  if (engine === 'chromium') {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  }
  return page.download(selector);
}

/** The response headers of a GET of `url`, from the test's own side. */
export async function headersOf(url) {
  const response = await fetch(url);
  await response.arrayBuffer();
  return Object.fromEntries(response.headers);
}

/** The repository's server and a browser for one test file: started before its tests, stopped
 *  after them; each test's pages are closed after it. Use as `const env = serverAndBrowser();`,
 *  then `env.server.url`, `env.browser`. */
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  afterEach(async () => {
    while (opened.length) await opened.pop()().catch(() => {});
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

// ---------------------------------------------------------------------------------------------
// Firefox and WebKit: Playwright's Page methods that the tests use, on a few primitives of a
// backend: evaluate(expression), click(selector), tap(selector), keys(list), setFiles,
// screenshot, goto, url, download, close.

/** A function and its argument as one expression for the page, with no eval in the page (the
 *  CSP forbids it): the drivers evaluate it as a script of their own. */
const call = (fn, arg) => `(${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`;

// WebKitGTK draws the tests' tall pages at some 20 frames a second here, and the widgets' clock
// counts at most 100 ms a frame: runs take longer in wall-clock time. The tests' time limits (when
// to give up waiting, never a verdict) are stretched for it.
const TIME_LIMIT_SCALE = engine === 'webkit' ? 3 : 1;

class EnginePage {
  constructor(backend) {
    this.backend = backend;
    this.engine = engine;
    this.listeners = { console: [], pageerror: [], request: [] };
    this.keyboard = {
      press: (key) => this.backend.keys(key.split('+')),
      type: (text) => this.backend.type(text),
    };
    backend.onEvent = (kind, value) => this.listeners[kind]?.forEach((f) => f(value));
  }
  on(kind, f) {
    this.listeners[kind].push(f);
  }
  goto(url) {
    return this.backend.goto(url);
  }
  url() {
    return this.backend.url();
  }
  evaluate(fn, arg) {
    return this.backend.evaluate(call(fn, arg));
  }
  /** fn(element, arg) in the page, for the first element matching `selector` (which must exist). */
  $eval(selector, fn, arg) {
    const s = JSON.stringify(selector);
    return this.backend.evaluate(`(() => {
  const el = document.querySelector(${s});
  if (!el) throw new Error('no element matches ' + ${s});
  return (${fn.toString()})(el, ${JSON.stringify(arg ?? null)});
})()`);
  }
  $$eval(selector, fn, arg) {
    return this.backend.evaluate(
      `(${fn.toString()})(Array.from(document.querySelectorAll(${JSON.stringify(selector)})), ${JSON.stringify(arg ?? null)})`,
    );
  }
  /** Polls `fn(arg)` in the page until it is truthy: the wait is for a state, however long the
   *  machine takes, up to `timeout` ms. */
  async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    const end = Date.now() + timeout * TIME_LIMIT_SCALE;
    for (;;) {
      const v = await this.evaluate(fn, arg);
      if (v) return v;
      if (Date.now() > end) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async waitForSelector(selector, { timeout = 30000 } = {}) {
    try {
      await this.waitForFunction(visibleIn, selector, { timeout });
    } catch {
      throw new Error(`waitForSelector timed out after ${timeout} ms: ${selector}`);
    }
  }
  /** Playwright's actionability, in short: the element is there, visible and enabled. */
  async actionable(selector) {
    await this.waitForFunction(
      (s) => {
        const el = document.querySelector(s);
        if (!el || el.disabled) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      },
      selector,
    );
  }
  async click(selector) {
    await this.actionable(selector);
    await this.backend.click(selector);
  }
  async tap(selector) {
    await this.actionable(selector);
    await this.backend.tap(selector);
  }
  async check(selector) {
    if (!(await this.isChecked(selector))) await this.click(selector);
  }
  async focus(selector) {
    await this.waitForSelector(selector);
    await this.evaluate((s) => document.querySelector(s).focus(), selector);
  }
  getAttribute(selector, name) {
    return this.$eval(selector, (el, name) => el.getAttribute(name), name);
  }
  innerText(selector) {
    return this.$eval(selector, (el) => el.innerText);
  }
  inputValue(selector) {
    return this.$eval(selector, (el) => el.value);
  }
  isChecked(selector) {
    return this.$eval(selector, (el) => el.checked);
  }
  isDisabled(selector) {
    return this.$eval(selector, (el) => el.disabled);
  }
  isVisible(selector) {
    return this.evaluate(visibleIn, selector);
  }
  /** As Playwright does it: the option is chosen in the page, then input and change fire. */
  async selectOption(selector, value) {
    await this.actionable(selector);
    await this.$eval(
      selector,
      (el, value) => {
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );
  }
  async setInputFiles(selector, files) {
    await this.backend.setFiles(selector, files);
  }
  /** A same-origin script, as the page's CSP allows; resolves once it has run. */
  addScriptTag({ url }) {
    return this.evaluate(
      (src) =>
        new Promise((resolve, reject) => {
          const s = document.createElement('script');
          s.src = src;
          s.onload = resolve;
          s.onerror = () => reject(new Error(`could not load ${src}`));
          document.head.appendChild(s);
        }),
      url,
    );
  }
  async screenshot({ path, fullPage = false, clip } = {}) {
    writeFileSync(path, await this.backend.screenshot({ fullPage, clip }));
  }
  download(selector) {
    return this.backend.download(selector);
  }
  locator(selector) {
    const page = this;
    return {
      first: () => page.locator(selector),
      innerText: () => page.innerText(selector),
      isVisible: () => page.isVisible(selector),
      count: () => page.$$eval(selector, (els) => els.length),
      click: () => page.click(selector),
      boundingBox: () =>
        page.$eval(selector, (el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
        }),
      scrollIntoViewIfNeeded: () => page.$eval(selector, (el) => el.scrollIntoView({ block: 'center' })),
      async fill(text) {
        await page.actionable(selector);
        await page.$eval(selector, (el) => {
          el.focus();
          el.select();
        });
        await page.backend.keys(['Backspace']);
        await page.backend.type(text);
      },
      async press(key) {
        await page.focus(selector);
        await page.keyboard.press(key);
      },
      async screenshot({ path }) {
        writeFileSync(path, await page.backend.screenshot({ selector }));
      },
    };
  }
}

function visibleIn(s) {
  const el = document.querySelector(s);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
}

// ---------------------------------------------------------------------------------------------
// Firefox ESR through puppeteer-core over WebDriver BiDi. Firefox's media features and colour
// scheme are preferences, set when it starts: one Firefox per distinct set, started when first
// asked for.

async function firefox() {
  const puppeteer = (await import('puppeteer-core')).default;
  const browsers = new Map();
  const browserFor = (options) => {
    const prefs = {
      // No network beyond the test server, no first-run pages.
      'browser.shell.checkDefaultBrowser': false,
    };
    if (options.reducedMotion === 'reduce') prefs['ui.prefersReducedMotion'] = 1;
    if (options.colorScheme === 'dark') prefs['layout.css.prefers-color-scheme.content-override'] = 0;
    if (options.colorScheme === 'light') prefs['layout.css.prefers-color-scheme.content-override'] = 1;
    const key = JSON.stringify(prefs);
    if (!browsers.has(key)) {
      browsers.set(
        key,
        puppeteer.launch({
          browser: 'firefox',
          executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
          headless: true,
          extraPrefsFirefox: prefs,
        }),
      );
    }
    return browsers.get(key);
  };
  return {
    async newPage(options = {}) {
      const browser = await browserFor(options);
      const downloads = mkdtempSync(join(tmpdir(), 'nndl-downloads-'));
      const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
      const p = await context.newPage();
      const { width = 1280, height = 720 } = options.viewport ?? {};
      await p.setViewport({
        width,
        height,
        deviceScaleFactor: options.deviceScaleFactor ?? 1,
        hasTouch: options.hasTouch ?? false,
        isMobile: options.isMobile ?? false,
      });
      const page = new EnginePage(puppeteerBackend(p, downloads));
      p.on('console', (m) => page.backend.onEvent('console', { type: () => m.type(), text: () => m.text() }));
      p.on('pageerror', (e) => page.backend.onEvent('pageerror', e));
      p.on('request', (r) => page.backend.onEvent('request', { url: () => r.url() }));
      return {
        page,
        close: async () => {
          await context.close();
          rmSync(downloads, { recursive: true, force: true });
        },
      };
    },
    async close() {
      for (const b of browsers.values()) await (await b).close();
    },
  };
}

// Playwright's key names where BiDi's differ.
const PUPPETEER_KEYS = { Space: ' ' };

function puppeteerBackend(p, downloads) {
  return {
    goto: (url) => p.goto(url),
    url: () => p.url(),
    evaluate: (expression) => p.evaluate(expression),
    click: (selector) => p.click(selector),
    tap: (selector) => p.tap(selector),
    async keys(chord) {
      // A letter with a modifier is the key itself (Control+A selects all, with no Shift).
      const keys = chord.map((k) => PUPPETEER_KEYS[k] ?? (chord.length > 1 && k.length === 1 ? k.toLowerCase() : k));
      for (const k of keys) await p.keyboard.down(k);
      for (const k of keys.reverse()) await p.keyboard.up(k);
    },
    type: (text) => p.keyboard.type(text),
    async setFiles(selector, files) {
      await (await p.$(selector)).uploadFile(...files);
    },
    async screenshot({ fullPage, clip, selector }) {
      if (selector) return (await p.$(selector)).screenshot();
      return p.screenshot({ fullPage, clip });
    },
    /** Firefox saves into the context's download folder: the file is there once complete. */
    async download(selector) {
      for (const f of readdirSync(downloads)) rmSync(join(downloads, f), { force: true });
      await p.click(selector);
      const end = Date.now() + 30000;
      for (;;) {
        const files = readdirSync(downloads).filter((f) => !f.endsWith('.part'));
        if (files.length === 1 && !readdirSync(downloads).some((f) => f.endsWith('.part'))) {
          const file = join(downloads, files[0]);
          if (statSync(file).size > 0) return { name: files[0], bytes: readFileSync(file) };
        }
        if (Date.now() > end) throw new Error(`no download from ${selector}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// WebKitGTK through WebKitWebDriver (classic WebDriver, spoken here over HTTP), one driver and
// MiniBrowser per page so that pages are as independent as Playwright's contexts. MiniBrowser
// needs an X display: scripts/test.sh runs the WebKit tests under xvfb-run.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const WEBDRIVER_KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  ' ': '\uE00D',
  Space: '\uE00D',
  ArrowRight: '\uE014',
  ArrowLeft: '\uE012',
  End: '\uE010',
  Home: '\uE011',
  Control: '\uE009',
  Backspace: '\uE003',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** MiniBrowser's path: Debian ships it inside libwebkit2gtk-4.1-0, at a multiarch path. */
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  for (const dir of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']) {
    const path = join(dir, 'webkit2gtk-4.1', 'MiniBrowser');
    try {
      statSync(path);
      return path;
    } catch {
      // not this architecture
    }
  }
  throw new Error('MiniBrowser not found: apt-get install webkit2gtk-driver (scripts/setup.sh --test)');
}

/** WebKitGTK takes the reader's preferences from GTK: reduced motion from the setting
 *  gtk-enable-animations (in a settings.ini of a config folder of this page's own), the dark
 *  scheme from the theme's dark variant. */
function gtkSettings(options) {
  const env = {};
  if (options.reducedMotion === 'reduce') {
    const config = mkdtempSync(join(tmpdir(), 'nndl-gtk-'));
    mkdirSync(join(config, 'gtk-3.0'));
    writeFileSync(join(config, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-enable-animations=false\n');
    env.XDG_CONFIG_HOME = config;
  }
  if (options.colorScheme === 'dark') env.GTK_THEME = 'Adwaita:dark';
  return env;
}

async function webkit() {
  const binary = miniBrowser();
  const drivers = new Set();
  return {
    async newPage(options = {}) {
      const port = await freePort();
      const gtk = gtkSettings(options);
      const child = spawn(process.env.WEBKITWEBDRIVER || 'WebKitWebDriver', [`--port=${port}`], {
        stdio: ['ignore', 'ignore', 'inherit'],
        // Without a GPU, MiniBrowser's composited mode (GL in software) took 200 to 800 ms a
        // frame for the chapter page's four running canvases on this 2-core machine; painting
        // straight into the window takes about 50.
        env: { WEBKIT_DISABLE_COMPOSITING_MODE: '1', ...process.env, ...gtk },
      });
      const base = `http://127.0.0.1:${port}`;
      const wd = async (method, path, body, signal) => {
        const response = await fetch(base + path, {
          method,
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
        });
        const json = await response.json();
        if (json.value && json.value.error) throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
        return json.value;
      };
      // The driver is ready when it answers (polled: it starts in well under a second).
      for (let i = 0; ; i++) {
        try {
          await wd('GET', '/status');
          break;
        } catch (e) {
          if (i > 200) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const session = await wd('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary, args: ['--automation'] },
          },
        },
      });
      const s = `/session/${session.sessionId}`;
      await wd('POST', `${s}/timeouts`, { script: 120000, pageLoad: 60000 });
      const { width = 1280, height = 720 } = options.viewport ?? {};
      // The window holds MiniBrowser's own bars too: size it, then add what they take.
      await wd('POST', `${s}/window/rect`, { width, height });
      const backend = webdriverBackend(wd, s);
      const inner = await backend.evaluate('[innerWidth, innerHeight]');
      await wd('POST', `${s}/window/rect`, { width: width + (width - inner[0]), height: height + (height - inner[1]) });
      const page = new EnginePage(backend);
      const close = async () => {
        await wd('DELETE', s, undefined, AbortSignal.timeout(10000)).catch(() => {});
        child.kill();
        drivers.delete(close);
        if (gtk.XDG_CONFIG_HOME) rmSync(gtk.XDG_CONFIG_HOME, { recursive: true, force: true });
      };
      drivers.add(close);
      return { page, close };
    },
    // Each page's session ended first: a MiniBrowser left without its driver outlives the tests
    // and holds their output open.
    async close() {
      for (const close of [...drivers]) await close();
    },
  };
}

function webdriverBackend(wd, s) {
  const find = async (selector) => (await wd('POST', `${s}/element`, { using: 'css selector', value: selector }))[ELEMENT];
  const keyActions = (keys) => [
    ...keys.map((k) => ({ type: 'keyDown', value: WEBDRIVER_KEYS[k] ?? k })),
    ...keys.reverse().map((k) => ({ type: 'keyUp', value: WEBDRIVER_KEYS[k] ?? k })),
  ];
  return {
    goto: (url) => wd('POST', `${s}/url`, { url }),
    url: () => wd('GET', `${s}/url`),
    /** Async so that a promise is awaited; errors come back as values and are thrown here. */
    async evaluate(expression) {
      const r = await wd('POST', `${s}/execute/async`, {
        script: `const done = arguments[0];
Promise.resolve().then(() => ${expression}).then(
  (v) => done({ v: v === undefined ? null : v }),
  (e) => done({ e: String(e && e.stack ? e.message + '\\n' + e.stack : e) }));`,
        args: [],
      });
      if (r && 'e' in r) throw new Error(r.e);
      return r.v;
    },
    async click(selector) {
      await wd('POST', `${s}/element/${await find(selector)}/click`, {});
    },
    tap() {
      throw new Error('no touch in WebKitWebDriver');
    },
    async keys(chord) {
      // A letter with a modifier is the key itself (Control+A selects all, with no Shift).
      if (chord.length > 1) chord = chord.map((k) => (k.length === 1 ? k.toLowerCase() : k));
      await wd('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions: keyActions(chord) }] });
      await wd('DELETE', `${s}/actions`);
    },
    async type(text) {
      const actions = [];
      for (const ch of text) actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
      await wd('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions }] });
    },
    async setFiles(selector, files) {
      await wd('POST', `${s}/element/${await find(selector)}/value`, { text: files.join('\n') });
    },
    /** Viewport or element screenshots only (no full page in classic WebDriver); an element is
     *  scrolled into view first, as WebKit draws off-screen elements black. */
    async screenshot({ selector }) {
      let path = `${s}/screenshot`;
      if (selector) {
        const id = await find(selector);
        await wd('POST', `${s}/execute/sync`, { script: 'arguments[0].scrollIntoView()', args: [{ [ELEMENT]: id }] });
        path = `${s}/element/${id}/screenshot`;
      }
      // WebKitWebDriver's first screenshot of a page that has stopped animating can wait forever
      // for a frame; asked again, it answers. A screenshot is for people to look at, never a
      // verdict: three tries, then none.
      for (let i = 0; i < 3; i++) {
        try {
          return Buffer.from(await wd('GET', path, undefined, AbortSignal.timeout(10000)), 'base64');
        } catch (e) {
          if (e.name !== 'TimeoutError') throw e;
        }
      }
      console.log(`# webkit: no screenshot of ${selector ?? 'the page'} (WebKitWebDriver did not answer)`);
      return Buffer.alloc(0);
    },
    download() {
      throw new Error('no downloads in WebKitWebDriver');
    },
  };
}
