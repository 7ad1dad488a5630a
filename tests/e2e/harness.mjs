// Shared by the end-to-end tests: the repository's own server on a free port, and Debian's
// Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const out = join(root, 'tests', 'e2e', 'out');
mkdirSync(out, { recursive: true });

/** Starts scripts/serve.py on a free port, serving `folder` (the repository by default);
 *  resolves to { url, stop }. */
export function serve(folder = root) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [join(root, 'scripts', 'serve.py'), '0', folder], {
      stdio: ['ignore', 'pipe', 'inherit'],
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

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A new page that records console errors, page errors, requests to other origins and
 *  Content-Security-Policy violations. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  await page.exposeFunction('__nndlCspViolation', (what) => problems.push(`CSP violation: ${what}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__nndlCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(url).origin) && !r.url().startsWith('data:')) {
      problems.push(`request off the origin: ${r.url()}`);
    }
  });
  await page.goto(url);
  return { page, problems, context };
}

/** The readouts of the widget with this id: { epoch: {text, value}, output: …, … }. */
export async function readouts(page, id) {
  return page.$eval(`#${id}`, (el) => {
    const r = {};
    for (const o of el.querySelectorAll('[data-readout]')) {
      r[o.dataset.readout] = { text: o.textContent, value: Number(o.dataset.value) };
    }
    return r;
  });
}

/** The repository's server and a browser for one test file: started before its tests, stopped
 *  after them. Use as `const env = serverAndBrowser();`, then `env.server.url`, `env.browser`. */
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}
