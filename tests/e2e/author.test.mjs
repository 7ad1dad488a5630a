// The course author's side: what an author writes (options, tags, themes, labels) and what the
// widgets tell an author who gets it wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, openPage, out, root, serve, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();

test('a misspelt option or value suggests the nearest name, in the widget and once in the console', async () => {
  const { page: p, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/two-neurons.html`);
  const seen = await p.evaluate(async () => {
    const warned = [];
    const warn = console.warn;
    console.warn = (...args) => warned.push(args.join(' '));
    const { mount } = await import('/www/nndl-widgets.js');
    const widget = async (attrs) => {
      const el = document.createElement('div');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
      await mount(el);
      return el.querySelector('[role="alert"]').textContent;
    };
    const alerts = [
      await widget({ id: 'typo', 'data-nndl': 'explorer', 'data-view': 'sped' }),
      await widget({ 'data-nndl': 'neuron', 'data-presett': 'saturation2' }),
      await widget({ 'data-nndl': 'nueron', lang: 'zh' }),
      await widget({ 'data-nndl': 'explorer', 'data-view': 'banana' }),
    ];
    console.warn = warn;
    return { alerts, warned };
  });
  const [view, option, kind, far] = seen.alerts;
  assert.match(view, /data-view="sped": unknown value\. Accepted: one of .*\. Did you mean data-view="speed"\?/, view);
  assert.match(option, /Did you mean data-preset\?/, option);
  assert.match(kind, /是不是想写 data-nndl="neuron"？/, kind);
  assert.doesNotMatch(far, /Did you mean/, far);
  // Each widget's message once, naming the element by its id where it has one.
  assert.equal(seen.warned.length, 4, seen.warned.join('\n'));
  assert.match(seen.warned[0], /^nndl-widgets #typo: .*Did you mean data-view="speed"\?/);
  assert.deepEqual(await problems(), []);
});

test('an explorer without an id gets a stable one from its place, so that Copy link works and its link comes back', async () => {
  const url = `${env.server.url}/tests/e2e/fixtures/no-ids.html`;
  const { page: p, problems } = await openPage(env.browser, url);
  await p.waitForSelector('#nndl-explorer-2[data-state="ready"]');
  assert.equal(await p.isVisible('#nndl-explorer-1 [data-action="share"]'), true);
  await p.click('#nndl-explorer-2 [data-control="view"][data-value="surface"]');
  await p.click('#nndl-explorer-2 [data-action="share"]');
  const link = await p.url();
  assert.match(link, /#nndl-explorer-2:.*view=surface/);
  const second = await openPage(env.browser, link);
  await second.page.waitForSelector('#nndl-explorer-2[data-state="ready"]');
  assert.equal(await second.page.getAttribute('#nndl-explorer-2 [aria-pressed="true"]', 'data-value'), 'surface');
  assert.equal(await second.page.getAttribute('#nndl-explorer-1 [aria-pressed="true"]', 'data-value'), 'race');
  // Destroyed, the element is as the page wrote it: no id.
  const id = await second.page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.getElementById('nndl-explorer-1');
    (await mount(el)).destroy();
    return el.id;
  });
  assert.equal(id, '');
  assert.deepEqual(await problems(), []);
  assert.deepEqual(await second.problems(), []);
});

test('the widgets own tags: attributes are options, events tell the page, connecting mounts and disconnecting frees', async () => {
  const { page: p, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/custom-elements.html`, {
    viewport: { width: 1000, height: 2600 },
  });
  await p.waitForSelector('#n[data-state="ready"]');
  await p.waitForSelector('#ex[data-state="ready"]');
  assert.equal(await p.evaluate(() => document.getElementById('n').state), 'ready');
  // A tag with HTML's hidden is hidden.
  assert.equal(await p.isVisible('#hidden-tag'), false);
  // The first step is heard as an epoch, as a state.
  const first = await p.evaluate(async () => {
    const ex = document.getElementById('ex');
    const heard = [];
    ex.addEventListener('nndl-epoch', (ev) => heard.push(ev.detail.epoch));
    await ex.step();
    await new Promise((r) => setTimeout(r, 0));
    await ex.reset();
    return heard;
  });
  assert.deepEqual(first.slice(0, 1), [1]);
  // Its attributes are its options: the book's second demo, 40 epochs.
  assert.equal(await p.getAttribute('#n [data-readout="w"]', 'data-value'), '2');
  // The element's methods; the page hears each state and the epochs, and reveals its paragraph.
  await p.evaluate(() => document.getElementById('n').run());
  await p.waitForSelector('#next:not([hidden])', { timeout: 30000 });
  const heard = await p.evaluate(() => window.heard);
  assert.deepEqual(heard.states, ['running', 'finished']);
  assert.equal(heard.epochs, 40);
  // Errors as in the data-* form, naming the attributes as written.
  const alert = await p.innerText('#bad [role="alert"]');
  assert.match(alert, /eta="fast": not a number/, alert);
  assert.match(alert, /presett="saturation2": unknown option for this widget\. Accepted: the options .*preset.*\. Did you mean preset\?/, alert);
  assert.doesNotMatch(alert, /data-/, alert);
  // An option attribute changed: the widget is mounted again with it.
  await p.evaluate(() => document.getElementById('ex').setAttribute('view', 'surface'));
  await p.waitForFunction(() => document.querySelector('#ex [aria-pressed="true"]')?.dataset.value === 'surface');
  // Moved within the page (out and back in one task), it keeps its widget; removed, it is freed;
  // put back, it is mounted afresh.
  const kept = await p.evaluate(async () => {
    const n = document.getElementById('n');
    document.body.append(n);
    await new Promise((r) => setTimeout(r, 0));
    return n.querySelector('[data-readout="epoch"]').dataset.value;
  });
  assert.equal(kept, '40');
  const freed = await p.evaluate(async () => {
    const n = (window.removed = document.getElementById('n'));
    n.remove();
    await new Promise((r) => setTimeout(r, 0));
    return { children: n.children.length, state: n.getAttribute('data-state') };
  });
  assert.deepEqual(freed, { children: 0, state: null });
  await p.evaluate(() => document.body.prepend(window.removed));
  await p.waitForSelector('#n[data-state="ready"]');
  assert.equal(await p.getAttribute('#n [data-readout="epoch"]', 'data-value'), '0');
  await p.screenshot({ path: join(out, 'custom-elements.png') });
  assert.deepEqual(await problems(), []);
});

for (const scheme of ['light', 'dark']) {
  test(`a widget's theme, light, dark or auto, holds on a ${scheme} system, canvas included; a page may set the --nndl-* colours`, async () => {
    const { page: p, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/themes.html`, {
      viewport: { width: 900, height: 3000 },
      colorScheme: scheme,
    });
    for (const id of ['auto', 'light', 'dark', 'branded']) await p.waitForSelector(`#${id}[data-state="ready"]`);
    const look = (id) =>
      p.evaluate((id) => {
        const el = document.getElementById(id);
        const canvas = el.querySelector('canvas');
        const [r, g, b] = canvas.getContext('2d').getImageData(2, canvas.height - 2, 1, 1).data;
        return { box: getComputedStyle(el).backgroundColor, canvas: (r + g + b) / 3 };
      }, id);
    const expect = { auto: scheme, light: 'light', dark: 'dark' };
    for (const [id, theme] of Object.entries(expect)) {
      const { box, canvas } = await look(id);
      assert.equal(box, theme === 'dark' ? 'rgb(30, 30, 30)' : 'rgb(255, 255, 255)', `${id} on a ${scheme} system`);
      assert.ok(theme === 'dark' ? canvas < 80 : canvas > 200, `${id}'s canvas on a ${scheme} system: ${canvas}`);
    }
    // The page's colours, set around a widget: its Run button takes the accent.
    const run = await p.evaluate(() => getComputedStyle(document.querySelector('#branded [data-action="run"]')).backgroundColor);
    assert.equal(run, 'rgb(123, 45, 142)');
    assert.match(await p.innerText('#bad [role="alert"]'), /theme="blue": unknown value\. Accepted: one of "light", "dark", "auto"\./);
    assert.equal(await p.evaluate(() => getComputedStyle(document.querySelector('#bad [role="alert"]')).color), 'rgb(176, 0, 96)');
    // Run keeps its filled look under the pointer, after a click (it went grey), light or dark.
    await p.click('#light [data-action="run"]');
    const light = await p.evaluate(() => getComputedStyle(document.querySelector('#light [data-action="run"]')).backgroundColor);
    assert.equal(light, 'rgb(0, 114, 178)');
    await p.click('#dark [data-action="run"]');
    const filled = await p.evaluate(() => getComputedStyle(document.querySelector('#dark [data-action="run"]')).backgroundColor);
    assert.equal(filled, 'rgb(0, 114, 178)');
    await p.screenshot({ path: join(out, `themes-${scheme}.png`) });
    assert.deepEqual(await problems(), []);
  });
}

// The widgets as README tells an author to copy them: dist/widgets/, which `make test` builds
// before the end-to-end tests (`make dist` alone).
const dist = join(root, 'dist', 'widgets');
test('a course page written from README alone, in both forms, works under the strict CSP with axe clean', { skip: !existsSync(dist) && 'no dist/widgets/: run make dist first' }, async () => {
  // The README's embedding section: its HTML blocks (indented four spaces) are the page.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('\n## Embedding the widgets in your course page\n')[1].split('\n## ')[0];
  const blocks = [];
  let block = null;
  for (const line of section.split('\n')) {
    if (line.startsWith('    ')) (block ??= blocks[blocks.push([]) - 1]).push(line.slice(4));
    else if (line.trim() !== '') block = null;
    // (a blank line may sit inside a block)
  }
  const tags = blocks.find((b) => b.some((l) => l.includes('<script type="module"')));
  const divs = blocks.find((b) => b.some((l) => l.startsWith('<div data-nndl=')));
  assert.ok(tags && divs, 'README gives the page in both forms');
  const head = tags.filter((l) => /^<(link|script)/.test(l));
  const body = [...tags.filter((l) => !head.includes(l)), ...divs].filter(Boolean);
  assert.ok(body.some((l) => l.startsWith('<nndl-')) && body.some((l) => l.startsWith('<div data-nndl=')));
  // The site: the page beside nndl/, the widgets copied as README says.
  const site = mkdtempSync(join(tmpdir(), 'nndl-readme-'));
  cpSync(dist, join(site, 'nndl'), { recursive: true });
  cpSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), join(site, 'axe.min.js'));
  writeFileSync(
    join(site, 'course.html'),
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>A course page from the README</title>\n<link rel="icon" href="data:,">\n${head.join('\n')}\n</head>\n<body>\n<main>\n<h1>A course page from the README</h1>\n${body.join('\n')}\n</main>\n</body>\n</html>\n`,
  );
  const server = await serve(site);
  try {
    const { page, problems } = await openPage(env.browser, `${server.url}/course.html`, { viewport: { width: 1000, height: 4000 } });
    const count = body.filter((l) => /^<(nndl-|div data-nndl=)/.test(l)).length;
    await page.waitForFunction((n) => document.querySelectorAll('[data-state="ready"]').length === n, count);
    const ids = await page.$$eval('[data-state]', (els) => els.map((e, i) => e.id || (e.id = `w${i}`)));
    for (const id of ids) await page.click(`#${id} [data-action="step"]`);
    for (const id of ids) await page.waitForFunction((i) => document.querySelector(`#${i} [data-readout$="epoch"]`)?.dataset.value === '1', id);
    assert.equal(await page.$$eval('[role="alert"]:not([hidden])', (a) => a.length), 0);
    assert.deepEqual(await axeViolations(page, '/axe.min.js'), []);
    await page.screenshot({ path: join(out, 'readme-course.png') });
    assert.deepEqual(await problems(), []);
  } finally {
    server.stop();
    rmSync(site, { recursive: true, force: true });
  }
});
