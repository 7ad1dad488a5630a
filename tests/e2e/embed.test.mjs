// Course pages: several widgets at once, English and Chinese, keyboard only, accessibility (axe),
// a strict CSP, no requests off the origin, narrow and wide screens at two pixel densities, and
// the built dist/ folder served from a sub-path of somebody else's site.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { axeViolations, headersOf, openPage, out, readouts, root, serve, serverAndBrowser, skipOn, waitForReadout } from './harness.mjs';

const env = serverAndBrowser();

test('two widgets of every kind run at once on one page, in English and Chinese, with only the script tag', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/many.html`, {
    viewport: { width: 900, height: 5000 },
  });
  const ids = ['neuron-a', 'neuron-b', 'explorer-a', 'explorer-b', 'network-a', 'network-b', 'mnist-a', 'mnist-b'];
  for (const id of ids) await page.waitForSelector(`#${id}[data-state="ready"]`);
  // The page links no stylesheet: the module brought its own.
  assert.equal(await page.$eval('#neuron-a', (el) => getComputedStyle(el).borderStyle), 'solid');
  // Bottom up: a widget that grows as its run starts (MNIST's summary and legend) moves those
  // below it, and a click aimed before the move can land beside the button.
  for (const id of [...ids].reverse()) await page.click(`#${id} [data-action="run"]`);
  // Each has left "ready" (a widget whose click did nothing would stay there).
  await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).dataset.state !== 'ready'), ids);
  for (const id of ids) {
    assert.match(await page.getAttribute(`#${id}`, 'data-state'), /running|loading|finished/, id);
  }
  for (const id of ids) await page.waitForSelector(`#${id}[data-state="finished"]`, { timeout: 60000 });
  assert.equal((await readouts(page, 'neuron-a')).output.text, '0.203');
  assert.equal((await readouts(page, 'neuron-b')).output.text, '0.048');
  assert.equal((await readouts(page, 'network-a')).epoch.value, 300);
  assert.ok((await readouts(page, 'mnist-b')).accuracy.value > 0.5);
  assert.equal((await readouts(page, 'explorer-a'))['quadratic.output'].text, '0.2028');
  assert.equal((await readouts(page, 'explorer-b'))['swapped.epoch'].value, 300);
  for (const [id, run] of [['neuron-a', 'Run'], ['neuron-b', '运行'], ['explorer-a', 'Run'], ['explorer-b', '运行'], ['network-a', 'Run'], ['network-b', '运行'], ['mnist-a', 'Run'], ['mnist-b', '运行']]) {
    assert.equal(await page.innerText(`#${id} [data-action="run"]`), run);
  }
  await page.screenshot({ path: join(out, 'every-kind.png'), fullPage: true });
  assert.deepEqual(await problems(), []);
});

for (const [file, lang, words] of [
  ['index.html', 'en', ['Run', 'Epoch', 'Use the true gradient']],
  ['index.zh.html', 'zh', ['运行', '轮次', '权重 w', '偏置 b', '改用真正的梯度']],
]) {
  test(`the chapter page in ${lang}: the widgets' words, KaTeX from this site, no CSP violation, no request elsewhere`, async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}/${file}`, { viewport: { width: 1000, height: 3400 } });
    await page.waitForSelector('#saturation4[data-state="ready"]');
    // The equations arrive typeset (scripts/typeset.mjs, when the site is built): no script of
    // KaTeX's is fetched, and its stylesheet and fonts come from this site.
    assert.ok(
      await page.evaluate(() => Array.from(document.querySelectorAll('[data-tex]')).every((e) => e.querySelector('.katex'))),
      'every equation is typeset when the page arrives',
    );
    const katex = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /katex/i.test(n)),
    );
    assert.ok(katex.length > 0 && katex.every((n) => n.startsWith(env.server.url) && !n.endsWith('.js')), katex.join(' '));
    const headers = await headersOf(`${env.server.url}/${file}`);
    assert.match(headers['content-security-policy'], /script-src 'self'( http:\/\/127\.0\.0\.1:\d+)? 'wasm-unsafe-eval'/);
    const text = await page.innerText('main');
    for (const w of words) assert.ok(text.includes(w), `${file} lacks ${w}`);
    // Equation numbers (54)-(70) typeset, each next to its demo.
    const tags = await page.$$eval('.katex .katex-tag', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ')));
    assert.deepEqual(tags, ['(54)', '(55)', '(56)', '(57)', '(61)', '(62)', '(64)', '(63)', '(65)', '(67)', '(69, 70)']);
    await page.click('#saturation2 [data-action="run"]');
    await page.click('#saturation4 [data-action="run"]');
    await page.waitForSelector('#saturation4[data-state="finished"]', { timeout: 15000 });
    if (lang === 'zh') {
      // Chinese is typeset as Chinese: full-width ，：；？！ in the page's text and in every word
      // the widgets show, never ASCII punctuation beside a Chinese character.
      const text = await page.innerText('body');
      const ascii = text.match(/.{0,8}(?:[\u3400-\u9fff][,:;?!]|[,:;?!] ?[\u3400-\u9fff]).{0,8}/g);
      assert.equal(ascii, null, `ASCII punctuation in Chinese text: ${ascii?.join(' | ')}`);
    }
    await page.screenshot({ path: join(out, `chapter-${lang}.png`), fullPage: true });
    assert.deepEqual(await problems(), []);
  });
}

test('keyboard only: Tab to a widget, Space runs and pauses, → steps, R resets, buttons by Tab and Enter', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport: { width: 1000, height: 3400 } });
  await page.waitForSelector('#saturation1[data-state="ready"]');
  let focused = '';
  for (let i = 0; i < 20 && focused !== 'saturation1'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert.equal(focused, 'saturation1', 'Tab reaches the first widget');
  const outline = await page.$eval('#saturation1', (el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'a visible focus ring');
  const state = () => page.getAttribute('#saturation1', 'data-state');
  const epoch = async () => (await readouts(page, 'saturation1')).epoch.value;

  await page.keyboard.press(' ');
  assert.equal(await state(), 'running');
  await waitForReadout(page, 'saturation1', 'epoch', ['>', 0]);
  await page.keyboard.press(' ');
  assert.equal(await state(), 'paused');
  const e = await epoch();
  assert.ok(e > 0);
  await page.keyboard.press('ArrowRight');
  assert.equal(await epoch(), e + 1);
  await page.keyboard.press('r');
  assert.equal(await state(), 'ready');
  assert.equal(await epoch(), 0);
  // The status line tells screen readers what happened, politely.
  assert.match(await page.innerText('#saturation1 [role="status"]'), /Ready: epoch 0/);

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'run');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(ring, 'none');
  await page.keyboard.press('Enter');
  assert.equal(await state(), 'running');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // Space on the Pause button presses it, once
  assert.equal(await state(), 'paused');
  await page.screenshot({ path: join(out, 'keyboard.png'), clip: await page.locator('#saturation1').boundingBox() });
  assert.deepEqual(await problems(), []);
});

for (const [file, scheme] of [
  ['index.html', 'light'],
  ['index.html', 'dark'],
  ['index.zh.html', 'light'],
  ['embed.html', 'light'],
  ['tests/e2e/fixtures/options.html', 'light'],
]) {
  test(`axe finds no serious or critical violation on ${file} (${scheme})`, async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}/${file}`, {
      viewport: { width: 1000, height: 2000 },
      colorScheme: scheme,
    });
    await page.waitForSelector('[data-nndl][data-state]');
    await page.evaluate(() => import('/www/nndl-widgets.js').then((m) => m.mounted));
    const run = page.locator('[data-nndl][data-state="ready"] [data-action="run"]').first();
    if (await run.count()) await run.click();
    // axe from this origin (node_modules is under the served root), as the page's CSP allows.
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(await problems(), []);
  });
}

for (const width of [320, 1280]) {
  for (const dpr of [1, 2]) {
    test(`at ${width} px and devicePixelRatio ${dpr}: no sideways scrolling, sharp canvases, touch works`, skipOn('touch'), async () => {
      const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, {
        viewport: { width, height: 900 },
        deviceScaleFactor: dpr,
        hasTouch: true,
        isMobile: width < 400,
      });
      await page.waitForSelector('#saturation1[data-state="ready"]');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
      const canvas = await page.$eval('#saturation1 canvas', (c) => {
        const r = c.getBoundingClientRect();
        const box = c.parentElement.getBoundingClientRect();
        return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, boxW: box.width };
      });
      assert.ok(Math.abs(canvas.w - canvas.cssW * dpr) <= 1, JSON.stringify(canvas));
      assert.ok(Math.abs(canvas.h - canvas.cssH * dpr) <= 1, JSON.stringify(canvas));
      assert.ok(Math.abs(canvas.cssW - canvas.boxW) <= 1, `the canvas fills its box: ${JSON.stringify(canvas)}`);
      await page.tap('#saturation1 [data-action="run"]');
      assert.equal(await page.getAttribute('#saturation1', 'data-state'), 'running');
      await waitForReadout(page, 'saturation1', 'epoch', ['>=', 60]); // something drawn to look at
      await page.screenshot({ path: join(out, `width-${width}-dpr-${dpr}.png`) });
      assert.deepEqual(await problems(), []);
    });
  }
}

test('with prefers-reduced-motion nothing moves until asked, and Run shows the run in still steps, at most two a second', skipOn('reduced-motion'), async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, {
    viewport: { width: 1000, height: 3400 },
    reducedMotion: 'reduce',
  });
  const ids = ['saturation1', 'saturation2', 'saturation3', 'saturation4'];
  for (const id of ids) await page.waitForSelector(`#${id}[data-state="ready"]`);
  for (const id of ids) assert.equal((await readouts(page, id)).epoch.value, 0);
  // Every epoch the reader is shown, from the readout's changes.
  await page.evaluate(() => {
    const o = document.querySelector('#saturation3 [data-readout="epoch"]');
    const shown = (window.shownEpochs = []);
    new MutationObserver(() => {
      const e = Number(o.dataset.value);
      if (shown[shown.length - 1] !== e) shown.push(e);
    }).observe(o, { attributes: true, attributeFilter: ['data-value'] });
  });
  await page.click('#saturation3 [data-action="run"]');
  assert.equal(await page.getAttribute('#saturation3', 'data-state'), 'running');
  await page.waitForSelector('#saturation3[data-state="finished"]', { timeout: 30000 });
  const r = await readouts(page, 'saturation3');
  assert.equal(r.epoch.value, 300);
  assert.equal(r.output.text, '0.040', 'the same run as with motion');
  // At 60 epochs a second, a picture every half second or more is 30 epochs or more between
  // pictures (all but the last, cut at epoch 300); a frame-by-frame animation shows 1 or 2.
  const shown = await page.evaluate(() => window.shownEpochs);
  assert.equal(shown[shown.length - 1], 300);
  const jumps = shown.slice(1).map((e, i) => e - shown[i]).slice(0, -1);
  assert.ok(jumps.length > 0 && jumps.every((j) => j >= 25), `epochs shown: ${shown.join(' ')}`);
  // The others never moved while this one ran its 300 epochs.
  for (const id of ['saturation1', 'saturation2', 'saturation4']) assert.equal((await readouts(page, id)).epoch.value, 0);
  assert.deepEqual(await problems(), []);
});

test('a widget removed from the page is freed; mounted again it starts afresh', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport: { width: 1000, height: 3400 } });
  await page.waitForSelector('#saturation1[data-state="ready"]');
  const result = await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.getElementById('saturation1');
    const first = await mount(el);
    first.step();
    const parent = el.parentNode;
    el.remove();
    // The MutationObserver's callback is a microtask queued by the removal: it runs before this.
    await new Promise((r) => queueMicrotask(r));
    const emptied = el.childElementCount === 0;
    parent.prepend(el);
    const second = await mount(el);
    return { emptied, fresh: second !== first, epoch: el.querySelector('[data-readout="epoch"]').dataset.value };
  });
  assert.deepEqual(result, { emptied: true, fresh: true, epoch: '0' });
  assert.deepEqual(await problems(), []);
});

test('dist/ works from a sub-path of another site: a Chinese course page with three widgets, and the chapter pages merged in', async () => {
  const site = mkdtempSync(join(tmpdir(), 'nndl-site-'));
  try {
    // The widgets alone are what an author copies; the extras are merged into the same folder
    // later, below.
    cpSync(join(root, 'dist', 'widgets'), join(site, 'course', 'nndl'), { recursive: true });
    writeFileSync(
      join(site, 'course', 'lesson.html'),
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>第三课</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="nndl/www/nndl-widgets.css">
<script type="module" src="nndl/www/nndl-widgets.js"></script></head><body>
<h1>第三课：交叉熵</h1>
<div id="one" data-nndl="neuron" data-preset="saturation2" data-speed="600"></div>
<div id="two" data-nndl="neuron" data-preset="saturation4" data-speed="600"></div>
<div id="three" data-nndl="neuron" data-cost="cross-entropy" data-y="0.3" data-epochs="100" data-speed="600"></div>
</body></html>`,
    );
    const site_server = await serve(site);
    try {
      const { page, problems } = await openPage(env.browser, `${site_server.url}/course/lesson.html`, {
        viewport: { width: 900, height: 2400 },
      });
      for (const id of ['one', 'two', 'three']) await page.waitForSelector(`#${id}[data-state="ready"]`);
      for (const id of ['one', 'two', 'three']) await page.click(`#${id} [data-action="run"]`);
      for (const id of ['one', 'two', 'three']) await page.waitForSelector(`#${id}[data-state="finished"]`, { timeout: 15000 });
      assert.equal(await page.innerText('#one [data-action="run"]'), '运行');
      assert.equal((await readouts(page, 'two')).output.text, '0.048');
      for (const part of ['mnist-data', 'chapter']) cpSync(join(root, 'dist', part), join(site, 'course', 'nndl'), { recursive: true });
      const chapter = await openPage(env.browser, `${site_server.url}/course/nndl/index.zh.html`, { viewport: { width: 900, height: 1200 } });
      await chapter.page.waitForSelector('#saturation1[data-state="ready"]');
      await chapter.page.waitForSelector('.katex');
      await page.screenshot({ path: join(out, 'course-page-zh.png'), fullPage: true });
      assert.deepEqual(await problems(), []);
      assert.deepEqual(await chapter.problems(), []);
    } finally {
      site_server.stop();
    }
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});
