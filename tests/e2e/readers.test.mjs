// The chapter page as its readers meet it: on a phone's touch screen, in the dark, printed, and in
// both languages at a phone's and a laptop's width.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, out, readouts, serverAndBrowser, skipOn } from './harness.mjs';

const env = serverAndBrowser();
const IDS = ['saturation1', 'saturation2', 'saturation3', 'saturation4', 'explorer', 'network', 'mnist', 'mnist-full'];

async function chapter(file, options) {
  const opened = await openPage(env.browser, `${env.server.url}/${file}`, options);
  for (const id of IDS) await opened.page.waitForSelector(`#${id}[data-state]`);
  return opened;
}

test('on a touch screen every control of the widgets, and the language link, is at least 44 × 44 CSS px; no keyboard hint', skipOn('touch', 'coarse'), async () => {
  const { page, problems } = await chapter('index.html', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'the emulated screen is a touch screen');
  const small = await page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const targets = [...document.querySelectorAll('.nndl button, .nndl select, .nndl input, .nndl label.nndl-button, .nndl summary, .lang-switch a')].filter(shown);
    const tooSmall = [];
    for (const el of targets) {
      let r = el.getBoundingClientRect();
      // A checkbox is tapped with its label too; a file input, through its label (the button).
      if (el.type === 'checkbox') {
        const label = el.labels?.[0]?.getBoundingClientRect() ?? r;
        r = { width: label.right - Math.min(r.left, label.left), height: Math.max(r.height, label.height) };
      }
      if (el.type === 'file') continue;
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
        tooSmall.push(`${el.closest('[id]')?.id} ${el.localName}.${el.className} "${(el.textContent || el.getAttribute('aria-label') || el.value || '').slice(0, 20)}": ${r.width.toFixed(0)} × ${r.height.toFixed(0)}`);
      }
    }
    return { count: targets.length, tooSmall };
  });
  assert.ok(small.count > 40, `${small.count} targets`);
  assert.deepEqual(small.tooSmall, []);
  assert.equal(await page.$$eval('.nndl-keys', (hints) => hints.filter((h) => h.getClientRects().length).length), 0);
  await page.screenshot({ path: join(out, 'touch-390.png'), fullPage: true });
  assert.deepEqual(await problems(), []);
});

test('in the dark, the widgets’ native controls are dark too (the log-scale checkbox is no white square)', async () => {
  const { page, problems } = await chapter('index.html', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  const schemes = await page.$$eval('.nndl', (els) => els.map((el) => getComputedStyle(el.querySelector('input, select, button') ?? el).colorScheme));
  assert.ok(schemes.length >= 8);
  assert.deepEqual([...new Set(schemes)], ['dark']);
  assert.deepEqual(await problems(), []);
});

test('printed, each widget shows its chart and readouts without its controls', skipOn('print'), async () => {
  const { page, problems } = await chapter('index.html', { viewport: { width: 1000, height: 1200 } });
  await page.click('#saturation2 [data-action="step"]');
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0;
    return {
      controls: [...document.querySelectorAll('.nndl button, .nndl input, .nndl select, .nndl label.nndl-button, .nndl-keys, .lang-switch')].filter(visible).length,
      canvases: [...document.querySelectorAll('.nndl canvas')].filter(visible).length,
      readouts: [...document.querySelectorAll('.nndl [data-readout]')].filter(visible).length,
    };
  });
  assert.equal(shown.controls, 0);
  assert.ok(shown.canvases >= 8, JSON.stringify(shown));
  assert.ok(shown.readouts >= 30, JSON.stringify(shown));
  await page.screenshot({ path: join(out, 'print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(await problems(), []);
});

// For the reader's eye: the chapter at a phone's and a laptop's width, light and dark, in both
// languages (the touch test above saves the phone's touch view).
for (const file of ['index.html', 'index.zh.html']) {
  for (const scheme of ['light', 'dark']) {
    test(`${file} at 390 and 1280 px, ${scheme}: no sideways scrolling; screenshots saved`, async () => {
      for (const width of [390, 1280]) {
        const { page, problems, close } = await chapter(file, { viewport: { width, height: 900 }, colorScheme: scheme });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${width} px: the page scrolls sideways by ${overflow} px`);
        await page.screenshot({ path: join(out, `reader-${file.replace('.html', '')}-${width}-${scheme}.png`), fullPage: true });
        assert.deepEqual(await problems(), []);
        await close();
      }
    });
  }
}

for (const file of ['index.html', 'index.zh.html']) {
  test(`${file} at 390 px: each displayed equation is whole (scrolling sideways if it must) and its number clear of it`, async () => {
    const { page, problems } = await openPage(env.browser, `${env.server.url}/${file}`, { viewport: { width: 390, height: 844 } });
    // Measured in their own fonts.
    await page.waitForFunction(() => document.fonts.status === 'loaded');
    const equations = await page.$$eval('.display', (displays) =>
      displays.map((d) => {
        const box = d.getBoundingClientRect();
        const tag = d.querySelector('.katex-tag')?.getBoundingClientRect();
        const bases = [...d.querySelectorAll('.katex-html > .katex-base')].map((b) => b.getBoundingClientRect());
        const right = Math.max(...bases.map((b) => b.right), tag?.right ?? 0);
        const left = Math.min(...bases.map((b) => b.left));
        return {
          tex: d.dataset.tex.slice(0, 40),
          // The equation and its number fit in the box's scrollable width: nothing cut off.
          cut: right - left > d.scrollWidth + 1 || left < box.left - d.scrollLeft - 1,
          // The number starts after the equation ends.
          overlap: tag ? tag.left < Math.max(...bases.map((b) => b.right)) - 0.5 : false,
          hasTag: Boolean(tag),
        };
      }),
    );
    assert.ok(equations.filter((e) => e.hasTag).length >= 10, JSON.stringify(equations));
    assert.deepEqual(equations.filter((e) => e.cut || e.overlap), []);
    await page.screenshot({ path: join(out, `equations-${file.replace('.html', '')}-390.png`), fullPage: true });
    assert.deepEqual(await problems(), []);
  });
}

for (const file of ['index.html', 'index.zh.html']) {
  test(`${file} without JavaScript: every equation is there (typeset, with MathML), and every widget's box says what it is, that it needs JavaScript and WebAssembly, and the book's result beside it`, skipOn('no-script'), async () => {
    const { page } = await openPage(env.browser, `${env.server.url}/${file}`, { viewport: { width: 1000, height: 1200 }, javaScriptEnabled: false });
    const seen = await page.evaluate(() => ({
      scripting: matchMedia('(scripting: none)').matches,
      // Every inline and displayed equation arrives typeset: no sentence has a hole in it.
      empty: [...document.querySelectorAll('[data-tex]')].filter((e) => !e.querySelector('.katex math')).length,
      equations: document.querySelectorAll('[data-tex]').length,
      boxes: [...document.querySelectorAll('[data-nndl]')].map((el) => ({
        id: el.id,
        what: getComputedStyle(el, '::before').content,
        needs: getComputedStyle(el, '::after').content,
        shown: getComputedStyle(el, '::after').visibility,
        result: el.closest('figure')?.querySelector('figcaption')?.textContent ?? '',
      })),
    }));
    assert.equal(seen.scripting, true);
    assert.ok(seen.equations > 30);
    assert.equal(seen.empty, 0);
    assert.equal(seen.boxes.length, 8);
    const zh = file.includes('zh');
    for (const b of seen.boxes) {
      assert.match(b.what, zh ? /^"交互演示：/ : /^"An interactive demo: /, b.id);
      assert.match(b.needs, zh ? /需要 JavaScript 和 WebAssembly/ : /needs JavaScript and WebAssembly/, b.id);
      assert.equal(b.shown, 'visible', b.id);
      // The book's result, in words, in the caption beside the box: an output, or an accuracy.
      assert.match(b.result, /0\.\d\d|\d\d(\.\d+)?%|千倍|thousand times/, b.id);
    }
    await page.screenshot({ path: join(out, `no-javascript-${file.replace('.html', '')}.png`) });
  });
}

/** The data table of widget `id`, opened: its caption, column heads and rows of cells. */
async function dataTable(page, id) {
  const summary = page.locator(`#${id} details.nndl-data > summary`);
  if (!(await page.$eval(`#${id} details.nndl-data`, (d) => d.open))) await summary.click();
  // (Written on the toggle event, which follows the click.)
  await page.waitForFunction((id) => Boolean(document.querySelector(`#${id} details.nndl-data table`).tHead), id);
  return page.$eval(`#${id} details.nndl-data table`, (t) => ({
    caption: t.caption?.textContent,
    head: [...t.tHead.rows[0].cells].map((c) => c.textContent),
    rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
    rowHeads: [...t.tBodies[0].rows].every((r) => r.cells[0].localName === 'th' && r.cells[0].scope === 'row'),
  }));
}

test('every chart’s data reads as a table (closed until opened, written anew as the run moves); a finished neuron run is told in words', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/tables.html`, { viewport: { width: 1000, height: 6000 } });
  for (const id of ['neuron', 'neuron-zh', 'explorer', 'network', 'digits']) await page.waitForSelector(`#${id}[data-state="ready"]`);
  // Closed at first, with its summary after the buttons, in the widget's language.
  assert.equal(await page.$$eval('details.nndl-data', (ds) => ds.filter((d) => !d.open).length), 5);
  assert.equal(await page.$eval('#neuron .nndl-controls + details > summary', (s) => s.textContent), "The chart's data, as a table");
  assert.equal(await page.$eval('#neuron-zh details > summary', (s) => s.textContent), '以表格查看图中的数据');

  // The neuron: run to the end; the table's last row is the readouts', its rows evenly spread.
  for (const id of ['neuron', 'neuron-zh', 'explorer', 'network']) await page.click(`#${id} [data-action="run"]`);
  for (const id of ['neuron', 'neuron-zh', 'explorer', 'network']) await page.waitForSelector(`#${id}[data-state="finished"]`, { timeout: 30000 });
  let r = await readouts(page, 'neuron');
  let t = await dataTable(page, 'neuron');
  assert.equal(t.caption, 'The cost by epoch, to epoch 300 of 300.');
  assert.deepEqual(t.head, ['epoch', 'cost (quadratic)']);
  assert.ok(t.rowHeads);
  assert.deepEqual(t.rows.map((row) => Number(row[0])), [0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300]);
  assert.equal(t.rows.at(-1)[1], r.cost.text);
  // Told in words: the cost's fall, by the table's and the readouts' numbers.
  const told = await page.innerText('#neuron .nndl-status');
  const fall = told.match(/Quadratic: the cost fell from ([\d.]+) to ([\d.]+) over 300 epochs; it stayed above ([\d.]+) for the first (\d+)\./);
  assert.ok(fall, told);
  assert.ok(Math.abs(Number(fall[1]) - Number(t.rows[0][1])) < 1e-3, `${fall[1]} against ${t.rows[0][1]}`);
  assert.ok(Math.abs(Number(fall[2]) - r.cost.value) < 1e-3, `${fall[2]} against ${r.cost.value}`);
  const label = await page.getAttribute('#neuron canvas', 'aria-label');
  assert.ok(label.startsWith('A sigmoid neuron trained with the quadratic cost at η = 0.15,') && label.endsWith(fall[0]), label);
  const zh = await page.innerText('#neuron-zh .nndl-status');
  assert.match(zh, /^已完成：第 300 轮，输出 [\d.]+，代价 [\d.]+。交叉熵：代价在 300 轮内从 [\d.]+ 降到 [\d.]+，一开始就在下降。$/);
  // The accessibility tree has a table, with headers for its columns and rows.
  if (page.locator('#neuron table').ariaSnapshot) {
    const tree = await page.locator('#neuron table').ariaSnapshot();
    assert.match(tree, /table "The cost by epoch/);
    assert.match(tree, /columnheader "cost \(quadratic\)"/);
    assert.match(tree, /rowheader "300"/);
  }
  // Written anew while open: Reset, then a step.
  await page.click('#neuron [data-action="reset"]');
  await page.click('#neuron [data-action="step"]');
  await page.waitForFunction(() => document.querySelector('#neuron tbody tr:last-child th')?.textContent === '1');
  t = await dataTable(page, 'neuron');
  assert.equal(t.caption, 'The cost by epoch, to epoch 1 of 300.');
  assert.equal(t.rows.at(-1)[1], (await readouts(page, 'neuron')).cost.text);

  // The explorer: each racer's cost, output, w and b; the last row is the readouts'.
  r = await readouts(page, 'explorer');
  t = await dataTable(page, 'explorer');
  assert.deepEqual(t.head, ['epoch', ...['Quadratic', 'Cross-entropy'].flatMap((n) => ['C', 'a', 'w', 'b'].map((v) => `${n} ${v}`))]);
  const last = t.rows.at(-1);
  assert.equal(last[0], '300');
  assert.deepEqual([last[1], last[5]], [r['quadratic.cost'].text, r['cross-entropy.cost'].text]);
  assert.deepEqual([last[3], last[8]], [r['quadratic.w'].text, r['cross-entropy.b'].text]);
  // A setting that changes the run without changing its state or epoch (w, before a run) is
  // in the open table at once.
  await page.click('#explorer [data-action="reset"]');
  await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    (await mount(document.getElementById('explorer'))).set('w', 1);
  });
  t = await dataTable(page, 'explorer');
  assert.deepEqual(t.rows, [['0', ...t.rows[0].slice(1)]]);
  assert.deepEqual([t.rows[0][3], t.rows[0][7]], ['+1.000', '+1.000']);

  // The multi-layer demo: each run's cost over its start and its gradient norm.
  r = await readouts(page, 'network');
  t = await dataTable(page, 'network');
  assert.equal(t.caption, "Each run's cost and output-layer gradient by epoch, to epoch 300 of 300.");
  assert.equal(t.head.length, 7);
  assert.match(t.head[1], /^sigmoid outputs, quadratic cost: cost C \/ C₀$/);
  assert.equal(t.rows.at(-1)[0], '300');
  assert.ok(Math.abs(Number(t.rows.at(-1)[1]) - r['sigmoid-quadratic.cost'].value) < 1e-4);
  assert.equal(t.rows.at(-1)[2], r['sigmoid-quadratic.gradient'].text);
  assert.equal(Number(t.rows[0][1]), 1);

  // MNIST: every epoch of every run; opened before the run, and written when it ends.
  t = await dataTable(page, 'digits');
  assert.deepEqual(t.rows, []);
  await page.click('#digits [data-action="run"]');
  await page.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  await page.waitForFunction(() => document.querySelectorAll('#digits tbody tr').length === 2);
  r = await readouts(page, 'digits');
  t = await dataTable(page, 'digits');
  assert.deepEqual(t.head, ['epoch', 'run 1: test accuracy', 'run 1: cost']);
  assert.equal(t.caption, "Each run's test accuracy and cost after each epoch.");
  assert.deepEqual(t.rows.map((row) => row[0]), ['1', '2']);
  assert.equal(t.rows[1][1], r.accuracy.text);
  await page.locator('#neuron').screenshot({ path: join(out, 'table-neuron.png') });
  await page.locator('#explorer').screenshot({ path: join(out, 'table-explorer.png') });
  assert.deepEqual(await problems(), []);
});

test('the neuron shows its η, under it, and the scale of its w and b bars (−4 to +4) at their ends', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/tables.html`, { viewport: { width: 1000, height: 1200 } });
  await page.waitForSelector('#neuron[data-state="ready"]');
  assert.match(await page.getAttribute('#neuron canvas', 'aria-label'), /at η = 0\.15,/);
  // Drawn where the canvas is otherwise background: beside each bar's track (which spans ±40 CSS
  // px about 30% and 70% of the width, at 96 px) and under the neuron (centred, 60–72 px).
  const inked = await page.$eval('#neuron canvas', (c) => {
    const ratio = c.width / c.getBoundingClientRect().width;
    const w = c.width / ratio;
    const ctx = c.getContext('2d');
    const [br, bg, bb] = ctx.getImageData(1, 1, 1, 1).data;
    const ink = (x0, y0, x1, y1) => {
      const d = ctx.getImageData(Math.round(x0 * ratio), Math.round(y0 * ratio), Math.round((x1 - x0) * ratio), Math.round((y1 - y0) * ratio)).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - br) + Math.abs(d[i + 1] - bg) + Math.abs(d[i + 2] - bb) > 60) n++;
      return n;
    };
    const ends = [0.3, 0.7].flatMap((f) => [ink(f * w - 60, 90, f * w - 44, 102), ink(f * w + 44, 90, f * w + 60, 102)]);
    return { ends, eta: ink(w / 2 - 30, 59, w / 2 + 30, 73) };
  });
  assert.ok(inked.ends.every((n) => n > 5), JSON.stringify(inked));
  assert.ok(inked.eta > 20, JSON.stringify(inked));
  assert.deepEqual(await problems(), []);
});
