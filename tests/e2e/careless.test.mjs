// Careless and hostile host pages: what a course page may do around the widgets (long junk in an
// option or a link, a right-to-left layout, a bad link while a widget runs) changes nothing it
// should not, and every misuse gets a word inside the widget.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, out, readouts, serverAndBrowser, waitForReadout } from './harness.mjs';

const env = serverAndBrowser();

test('a long unbroken value, in an option or a link, is quoted short and never widens the page', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/explorers.html`, {
    viewport: { width: 800, height: 1200 },
  });
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.evaluate(() => {
    location.hash = `#ex-a:w=${'z'.repeat(300)}`;
  });
  await page.waitForFunction(() => document.querySelector('#ex-a [role="alert"]')?.textContent.includes('…'));
  const r = await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.createElement('div');
    el.id = 'junk';
    el.dataset.nndl = 'neuron';
    el.dataset.w = 'x'.repeat(1 << 20);
    document.body.append(el);
    await mount(el);
    return {
      width: document.documentElement.scrollWidth,
      viewport: innerWidth,
      link: document.querySelector('#ex-a [role="alert"]').textContent,
      option: el.querySelector('[role="alert"]').textContent,
      state: el.dataset.state,
    };
  });
  assert.ok(r.width <= r.viewport, `the page is ${r.width} px wide in a ${r.viewport} px window`);
  assert.equal(r.state, 'failed');
  assert.match(r.option, /data-w="x{32}…" \(1048576 characters\): not a number/);
  assert.ok(r.option.length < 400, `${r.option.length} characters`);
  assert.match(r.link, /w="z{32}…" \(300 characters\)/);
  assert.deepEqual(await problems(), []);
});

test('on a right-to-left page the widgets run left to right, canvas text included', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/rtl.html`, {
    viewport: { width: 1000, height: 2400 },
  });
  await page.waitForSelector('#neuron[data-state="ready"]');
  await page.waitForSelector('#ex[data-state="ready"]');
  await page.click('#neuron [data-action="run"]');
  await waitForReadout(page, 'neuron', 'epoch', ['>', 20]);
  const dirs = await page.evaluate(() =>
    ['#neuron', '#neuron canvas', '#ex', '#ex canvas', '#ex .nndl-readouts, #ex [data-readout]'].map((s) => {
      const el = document.querySelector(s);
      return el ? getComputedStyle(el).direction : `no ${s}`;
    }),
  );
  assert.deepEqual(dirs, ['ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
  // The page itself stays right to left.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('h1')).direction), 'rtl');
  await page.screenshot({ path: join(out, 'rtl.png'), fullPage: true });
  assert.deepEqual(await problems(), []);
});

test('a rejected link leaves a running explorer running, and a link that keeps its entry does not restart it', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/explorers.html`, {
    viewport: { width: 1000, height: 2400 },
  });
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.click('#ex-a [data-action="run"]');
  const before = await waitForReadout(page, 'ex-a', 'quadratic.epoch', ['>', 5]);
  await page.evaluate(() => {
    location.hash = '#ex-a:w=zz';
  });
  await page.waitForFunction(() => document.querySelector('#ex-a [role="alert"]')?.textContent.includes('zz'));
  // Still running: the epochs go on past where they were, and the state says so.
  const after = await waitForReadout(page, 'ex-a', 'quadratic.epoch', ['>', before + 20]);
  assert.ok(after > before + 20);
  assert.equal(await page.getAttribute('#ex-a', 'data-state'), 'running');
  // A good link for ex-a applies (the run starts again from its settings) ...
  await page.evaluate(() => {
    location.hash = '#ex-a:w=-3;b=1';
  });
  await page.waitForFunction(() => document.querySelector('#ex-a').dataset.state === 'ready');
  assert.equal((await readouts(page, 'ex-a'))['quadratic.w'].value, -3);
  await page.click('#ex-a [data-action="run"]');
  const running = await waitForReadout(page, 'ex-a', 'quadratic.epoch', ['>', 5]);
  // ... and a link that changes only the other explorer, keeping ex-a's entry, leaves ex-a running.
  await page.evaluate(() => {
    location.hash = '#ex-a:w=-3;b=1&ex-b:w=1';
  });
  await page.waitForFunction(() => Number(document.querySelector('#ex-b [data-readout="quadratic.w"]').dataset.value) === 1);
  const later = await waitForReadout(page, 'ex-a', 'quadratic.epoch', ['>', running + 20]);
  assert.ok(later > running + 20);
  assert.equal(await page.getAttribute('#ex-a', 'data-state'), 'running');
  assert.deepEqual(await problems(), []);
});

test("a preset, from a link, the menu or set(), changes only what the page did not fix, and says what it left alone", async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/embed.html#embed-explorer:preset=book-good-start`, {
    viewport: { width: 1000, height: 1400 },
  });
  const ex = '#embed-explorer';
  await page.waitForSelector(`${ex}[data-state="ready"]`);
  // The fixed exercise: the swapped expression, η = 0.15, its controls hidden.
  const fixed = () =>
    page.evaluate((ex) => {
      const value = (name) => {
        const el = document.querySelector(`${ex} input[type="text"][data-control="${name}"], ${ex} select[data-control="${name}"]`);
        return el ? el.value : String(document.querySelector(`${ex} input[type="checkbox"][data-control="${name}"]`)?.checked);
      };
      return {
        swapped: value('swapped'),
        cost: value('cost'),
        eta: [value('eta-quadratic'), value('eta-cross-entropy')],
        second: document.querySelector(`${ex} [data-readout^="swapped."]`) !== null,
      };
    }, ex);
  const exercise = { swapped: 'true', cost: 'both', eta: ['0.15', '0.15'], second: true };
  assert.deepEqual(await fixed(), exercise);
  // What the page did not fix follows the preset (the book's w = 0.6 start).
  assert.equal((await readouts(page, 'embed-explorer'))['quadratic.w'].value, 0.6);
  const note = () => page.evaluate((ex) => document.querySelector(`${ex} select[data-control="preset"]`).closest('label, div').parentElement.textContent, ex);
  assert.match(await note(), /The preset left alone what this page fixes: .*η/);
  await page.locator(ex).screenshot({ path: join(out, 'preset-fixed.png') });
  // The menu.
  await page.selectOption(`${ex} select[data-control="preset"]`, 'book-saturated-start');
  assert.deepEqual(await fixed(), exercise);
  assert.match(await note(), /The preset left alone what this page fixes/);
  // A script.
  await page.evaluate(async (ex) => {
    const { mount } = await import('/www/nndl-widgets.js');
    (await mount(document.querySelector(ex))).set('preset', 'book-good-start');
  }, ex);
  await page.click(`${ex} [data-action="reset"]`);
  assert.deepEqual(await fixed(), exercise);
  assert.equal((await readouts(page, 'embed-explorer'))['quadratic.w'].value, 0.6);
  assert.deepEqual(await problems(), []);
});

test('a link that names a setting twice is refused and says so; a speed too slow to see is refused', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/explorers.html#ex-a:w=1;w=zz`, {
    viewport: { width: 1000, height: 1400 },
  });
  await page.waitForSelector('#ex-a[data-state="ready"]');
  const alert = await page.evaluate(() => document.querySelector('#ex-a [role="alert"]').textContent);
  assert.match(alert, /w="zz": given more than once in the link/);
  // Not used at all: w stays the page's.
  assert.equal((await readouts(page, 'ex-a'))['quadratic.w'].value, 2);
  const slow = await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.createElement('div');
    el.dataset.nndl = 'neuron';
    el.dataset.speed = '1e-300';
    document.body.append(el);
    await mount(el);
    return { state: el.dataset.state, text: el.textContent };
  });
  assert.equal(slow.state, 'failed');
  assert.match(slow.text, /data-speed="1e-300": out of range\. Accepted: a number from 0\.1 to 1000000/);
  assert.deepEqual(await problems(), []);
});

test('a widget in a shadow root is styled, speaks the language of its host, and is freed when removed from the shadow root', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/two-neurons.html`, {
    viewport: { width: 1000, height: 1400 },
  });
  await page.waitForSelector('#second[data-state="ready"]');
  const r = await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const section = document.createElement('section');
    section.lang = 'zh';
    const host = section.appendChild(document.createElement('div'));
    document.body.append(section);
    const shadow = host.attachShadow({ mode: 'open' });
    const el = document.createElement('div');
    el.dataset.nndl = 'neuron';
    shadow.append(el);
    const h = await mount(el);
    // The stylesheet's own link loads asynchronously: wait for its rules to apply.
    for (let i = 0; i < 200 && getComputedStyle(el).overflowWrap !== 'anywhere'; i++) await new Promise((ok) => setTimeout(ok, 10));
    const seen = {
      styled: getComputedStyle(el).overflowWrap,
      run: el.querySelector('[data-action="run"]').textContent,
      lang: el.getAttribute('lang'),
    };
    // Removed inside the shadow root only: no change to the page's own tree.
    shadow.replaceChildren();
    let destroyed = false;
    for (let i = 0; i < 100 && !destroyed; i++) {
      await new Promise((ok) => setTimeout(ok));
      try {
        h.step();
      } catch (err) {
        destroyed = /was destroyed/.test(err.message);
      }
    }
    return { ...seen, destroyed, state: el.getAttribute('data-state') };
  });
  assert.deepEqual(r, { styled: 'anywhere', run: '运行', lang: 'zh-CN', destroyed: true, state: null });
  assert.deepEqual(await problems(), []);
});

test('in a frame sandboxed without allow-same-origin the widgets run, and MNIST, which needs a worker, says what the frame needs', async () => {
  const { page: p, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/sandboxed.html`);
  await p.waitForFunction(
    () => window.reports.some((r) => r.widgets.find((w) => w.id === 'neuron').state === 'finished'),
    null,
    { timeout: 30000 },
  );
  const last = await p.evaluate(() => window.reports[window.reports.length - 1]);
  assert.equal(last.origin, 'null', 'the frame has an opaque origin');
  const [neuron, digits, zh] = last.widgets;
  assert.equal(neuron.epoch, '30');
  assert.equal(digits.state, 'failed');
  assert.match(digits.alert, /trains in a Web Worker, which this page cannot start: it is in a frame sandboxed without allow-same-origin/);
  assert.match(zh.alert, /没有 allow-same-origin 的沙盒框架/);
  assert.deepEqual(last.problems, []);
  assert.deepEqual(await problems(), []);
});

test("a widget whose module never runs says, after ten seconds of waiting, what it needs", async () => {
  const { page: p, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/no-script.html`);
  const hint = (id) => p.evaluate((id) => {
    const after = getComputedStyle(document.getElementById(id), '::after');
    return { visible: after.visibility === 'visible', text: after.content };
  }, id);
  assert.equal((await hint('neuron')).visible, false, 'not while it may still be loading');
  await p.waitForFunction(() => getComputedStyle(document.getElementById('neuron'), '::after').visibility === 'visible', null, { timeout: 30000 });
  assert.match((await hint('neuron')).text, /it needs JavaScript and WebAssembly \(and, in a sandboxed frame, allow-same-origin\)/);
  const zh = await hint('zh');
  assert.equal(zh.visible, true);
  assert.match(zh.text, /它需要 JavaScript 和 WebAssembly（在沙盒框架中还需要 allow-same-origin）。/);
  await p.screenshot({ path: join(out, 'no-script.png') });
  assert.deepEqual(await problems(), []);
});
