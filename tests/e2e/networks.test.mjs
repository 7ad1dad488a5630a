// The network widgets as a reader uses them: the multi-layer saturation demo shows that only the
// sigmoid-quadratic pairing stalls (eqs. 65-70), and MNIST trains in a Web Worker while the page
// stays responsive, with its accuracy, cost, guesses, pause, cancel and file checks.
import assert from 'node:assert/strict';
import { closeSync, ftruncateSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, out, readouts, root, serverAndBrowser, skipOn, waitForReadout } from './harness.mjs';

const env = serverAndBrowser();

const page = () =>
  openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/networks.html`, { viewport: { width: 900, height: 4000 } });

test('multi-layer saturation: only sigmoid outputs with the quadratic cost stall (65), the others learn at once (66-70)', async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#network[data-state="ready"]');
  let r = await readouts(p, 'network');
  assert.equal(r.epoch.value, 0);
  // At the saturated start the output layer's gradient is far smaller with σ′ in it (65).
  assert.ok(
    r['sigmoid-quadratic.gradient'].value * 100 < r['sigmoid-cross-entropy.gradient'].value,
    `${r['sigmoid-quadratic.gradient'].value} against ${r['sigmoid-cross-entropy.gradient'].value}`,
  );
  for (let i = 0; i < 40; i++) await p.click('#network [data-action="step"]');
  r = await readouts(p, 'network');
  assert.equal(r.epoch.value, 40);
  assert.ok(r['sigmoid-quadratic.cost'].value > 0.99, `sigmoid-quadratic at ${r['sigmoid-quadratic.cost'].value}`);
  assert.ok(r['sigmoid-cross-entropy.cost'].value < 0.1, `cross-entropy at ${r['sigmoid-cross-entropy.cost'].value}`);
  assert.ok(r['linear-quadratic.cost'].value < 0.01, `linear at ${r['linear-quadratic.cost'].value}`);
  await p.click('#network [data-action="pause"]'); // resume
  await p.waitForSelector('#network[data-state="finished"]', { timeout: 20000 });
  r = await readouts(p, 'network');
  assert.equal(r.epoch.value, 300);
  assert.ok(r['sigmoid-quadratic.cost'].value < 0.2, 'it learns in the end');
  // Told in words when it ends, politely and on the chart: the stalled run's plateau, the others
  // falling from the start.
  const told = await p.innerText('#network .nndl-status');
  const stall = told.match(/Sigmoid outputs, quadratic cost \(65\): the cost fell from 1 to [\d.]+ over \d+ epochs; it stayed above [\d.]+ for the first (\d+)\./);
  assert.ok(stall && Number(stall[1]) >= 50, told);
  assert.match(told, /Linear outputs, quadratic cost \(68–70\): the cost fell from 1 to [\d.]+ over \d+ epochs, from the start\./);
  assert.equal(await p.getAttribute('#network canvas', 'aria-label'), told);
  await p.locator('#network').screenshot({ path: join(out, 'network.png') });
  assert.deepEqual(await problems(), []);
});

test('MNIST trains in a worker on the small set, far above chance, while the page keeps animating', async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  await p.click('#neuron [data-action="run"]');
  const neuronBefore = (await readouts(p, 'neuron')).epoch.value;
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  const r = await readouts(p, 'digits');
  assert.equal(r.epoch.value, 2);
  assert.ok(r.accuracy.value > 0.6, `accuracy ${r.accuracy.value}`);
  assert.match(r.accuracy.text, /^\d+\.\d\d%$/);
  assert.ok(Number.isFinite(r.cost.value) && r.cost.value > 0);
  // The neuron widget on the same page went on animating while the worker trained.
  assert.ok((await readouts(p, 'neuron')).epoch.value > neuronBefore);
  const grid = await p.$eval('#digits canvas.nndl-digits', (c) => ({ w: c.width, label: c.getAttribute('aria-label') }));
  assert.ok(grid.w > 0);
  assert.match(grid.label, /The first 100 test digits; \d+ guessed wrong/);
  // The widget says what its grid shows, and why the small set is not the book's 95.49%.
  const notes = await p.$$eval('#digits .nndl-note:not([hidden])', (ns) => ns.map((n) => n.textContent).join(' '));
  assert.match(notes, /first 100 test digits\. A red box marks a digit the network gets wrong/);
  assert.match(notes, /The book's 95\.49% comes from all 50,000 training digits/);
  // With one run, its settings are said once, above the chart: no legend.
  assert.equal(await p.locator('#digits .nndl-legend li').count(), 0);
  assert.match(await p.innerText('#digits .nndl-summary'), /\[784, 30, 10\]/);
  // Run again: a second line to compare; the same settings, so the legend names the runs alone.
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  const legend = await p.$$eval('#digits .nndl-legend li', (lis) => lis.map((li) => li.textContent.trim()));
  assert.deepEqual(legend, ['run 1', 'run 2']);
  await p.locator('#digits').screenshot({ path: join(out, 'mnist.png') });
  assert.deepEqual(await problems(), []);
});

test('MNIST: the worker trains with relaxed SIMD where the engine has it, else simd128, and says which; both builds learn alike, each repeating its own run', async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  const summary = await p.innerText('#digits .nndl-summary');
  const r = await p.evaluate(async () => {
    // This test's own probe of relaxed SIMD (f32x4.relaxed_min, 0xfd 0x8d 0x02, on two v128.const
    // 0), not the worker's (relaxed_madd).
    const v128 = [0xfd, 0x0c, ...new Array(16).fill(0)];
    const relaxed = WebAssembly.validate(new Uint8Array([
      0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7b, 3, 2, 1, 0,
      10, 0x2b, 1, 0x29, 0, ...v128, ...v128, 0xfd, 0x8d, 0x02, 0x0b,
    ]));
    const inflate = async (url) => {
      const body = (await fetch(url)).body.pipeThrough(new DecompressionStream('gzip'));
      return new Uint8Array(await new Response(body).arrayBuffer());
    };
    const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
    const files = await Promise.all(names.map((n) => inflate(`/data/mnist/small/${n}.gz`)));
    const config = { hidden: 30, cost: 'cross-entropy', eta: 0.5, lambda: 0, batch: 10, epochs: 1, init: 'large', data: 'small', seed: 3 };
    const runs = {};
    for (const build of relaxed ? ['pkg-worker', 'pkg-worker-relaxed'] : ['pkg-worker']) {
      const m = await import(`/${build}/nndl_widgets.js`);
      await m.default();
      runs[build] = [];
      for (let i = 0; i < 2; i++) {
        const job = new m.MnistJob(1, config, ...files);
        const kernels = job.loaded(0).kernels;
        job.train(1e9); // to the end of the epoch
        const { accuracy, cost } = job.report(0);
        runs[build].push({ kernels, accuracy, cost });
        job.free();
      }
    }
    return { relaxed, runs };
  });
  const chosen = r.relaxed ? 'simd128+relaxed' : 'simd128';
  console.log(`MNIST worker build: ${chosen}; runs ${JSON.stringify(r.runs)}`);
  assert.match(summary, new RegExp(`by the ${chosen.replace('+', '\\+')} kernels`), summary);
  assert.equal(/fused multiply-adds/.test(summary), r.relaxed, summary);
  for (const [build, [a, b]] of Object.entries(r.runs)) {
    assert.equal(a.kernels, build === 'pkg-worker' ? 'simd128' : 'simd128+relaxed');
    assert.deepEqual(a, b, `${build}: the same seed, the same run`);
    assert.ok(a.accuracy > 0.6, `${build}: accuracy ${a.accuracy}`);
  }
  if (r.relaxed) {
    const [plain, fused] = [r.runs['pkg-worker'][0], r.runs['pkg-worker-relaxed'][0]];
    assert.ok(Math.abs(plain.accuracy - fused.accuracy) <= 0.02, `${plain.accuracy} against ${fused.accuracy}`);
    assert.ok(Math.abs(plain.cost - fused.cost) <= 0.05 * plain.cost, `${plain.cost} against ${fused.cost}`);
  }
  assert.deepEqual(await problems(), []);
});

test('MNIST: pause stops the training, resume and cancel work, Chinese words, bad options named', async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits-zh[data-state="ready"]');
  assert.equal(await p.innerText('#digits-zh [data-action="run"]'), '运行');
  await p.click('#digits-zh [data-action="run"]');
  await p.waitForSelector('#digits-zh[data-state="running"]', { timeout: 20000 });
  await p.click('#digits-zh [data-action="pause"]');
  assert.equal(await p.getAttribute('#digits-zh', 'data-state'), 'paused');
  // The neuron on the page is the clock (60 epochs a second). The slice the worker was in when
  // the pause reached it (about 50 ms) may still report during the first 30 epochs; then
  // nothing during the next 60.
  await p.click('#neuron [data-action="run"]');
  const start = await waitForReadout(p, 'neuron', 'epoch', ['>=', 1]);
  await waitForReadout(p, 'neuron', 'epoch', ['>=', start + 30]);
  const at = await p.$eval('#digits-zh progress', (e) => e.value);
  await waitForReadout(p, 'neuron', 'epoch', ['>=', start + 90]);
  assert.equal(await p.$eval('#digits-zh progress', (e) => e.value), at, 'no progress while paused');
  await p.click('#digits-zh [data-action="pause"]');
  await p.click('#digits-zh [data-action="cancel"]');
  assert.equal(await p.getAttribute('#digits-zh', 'data-state'), 'cancelled');
  assert.match(await p.innerText('#digits-zh [role="status"]'), /已取消/);

  const alert = await p.innerText('#bad-digits [role="alert"]');
  assert.ok(alert.includes('data-hidden="0"') && alert.includes('data-cost="log-likelihood"'), alert);
  assert.deepEqual(await problems(), []);
});

test('MNIST: a reader\'s own files are checked, and wrong ones get a clear message', skipOn('second-upload'), async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  const bad = join(out, 'not-idx.bin');
  writeFileSync(bad, 'this is not an IDX file');
  await p.setInputFiles('#digits input[data-files]', [bad]);
  await p.waitForSelector('#digits[data-state="failed"]');
  assert.match(await p.innerText('#digits [role="alert"]'), /four are needed/);
  // Four files, four names (WebKitWebDriver passes a file named twice only once).
  const four = [1, 2, 3, 4].map((i) => join(out, `not-idx-${i}.bin`));
  for (const f of four) writeFileSync(f, 'this is not an IDX file');
  await p.setInputFiles('#digits input[data-files]', four);
  await p.waitForFunction(() => /magic/i.test(document.querySelector('#digits [role="alert"]').textContent));
  assert.deepEqual(await problems(), []);
});

test("MNIST with the book's settings on the full data reaches the book's accuracy in the browser", async () => {
  const { page: p, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport: { width: 1000, height: 1400 } });
  await p.waitForSelector('#mnist-full[data-state="ready"]');
  await p.locator('#mnist-full').scrollIntoViewIfNeeded();
  await p.click('#mnist-full [data-action="run"]');
  await p.waitForSelector('#mnist-full[data-state="finished"]', { timeout: 300000 });
  const r = await readouts(p, 'mnist-full');
  assert.equal(r.epoch.value, 30);
  // The book: 95.49% at its best epoch. Native runs of the same code give 95.64% with this seed.
  assert.ok(r.best.value >= 0.95, `best ${r.best.text}`);
  assert.ok(r.accuracy.value >= 0.94, `last ${r.accuracy.text}`);
  assert.match(await p.innerText('#mnist-full .nndl-summary'), /50000 training, 10000 validation and 10000 test digits/);
  await p.locator('#mnist-full').screenshot({ path: join(out, 'mnist-full.png') });
  assert.deepEqual(await problems(), []);
});

test("MNIST: a Chinese widget words its file errors in Chinese, and a page's Object.prototype.run cannot hide them", skipOn('second-upload'), async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  await p.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.createElement('div');
    el.id = 'zh-digits';
    el.dataset.nndl = 'mnist';
    el.dataset.lang = 'zh';
    document.body.append(el);
    await mount(el);
    // A careless page's global.
    Object.prototype.run = 0; // eslint-disable-line no-extend-native
  });
  // Four files, one of them cut-off gzip (its header, then junk): the browser's own words for
  // it would be English.
  const four = [1, 2, 3, 4].map((i) => join(out, `not-idx-zh-${i}-ubyte`));
  for (const f of four.slice(1)) writeFileSync(f, 'this is not an IDX file');
  writeFileSync(four[0], Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
  await p.setInputFiles('#zh-digits input[data-files]', four);
  await p.waitForFunction(() => document.querySelector('#zh-digits [role="alert"]')?.textContent.trim());
  const alert = await p.innerText('#zh-digits [role="alert"]');
  assert.match(alert, /not-idx-zh-1-ubyte 看起来是 gzip 文件，但无法解压/, alert);
  assert.ok(!/[A-Za-z]{5,}/.test(alert.replace(/not-idx-zh-\d-ubyte|IDX|gzip/g, '')), `English words in ${alert}`);
  assert.deepEqual(await problems(), []);
});

test('MNIST: a run whose cost explodes ends as diverged, saying so, not as failed', async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  const r = await p.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.createElement('div');
    el.id = 'wild';
    el.dataset.nndl = 'mnist';
    Object.assign(el.dataset, { eta: '100', lambda: '1000', batch: '1', hidden: '1', epochs: '2' });
    document.body.append(el);
    (await mount(el)).run();
  });
  await p.waitForFunction(() => ['diverged', 'failed', 'finished'].includes(document.querySelector('#wild').dataset.state), null, { timeout: 60000 });
  assert.equal(await p.getAttribute('#wild', 'data-state'), 'diverged');
  const status = await p.innerText('#wild .nndl-status');
  assert.match(status, /^Diverged: the update for mini-batch \d+ of epoch \d+ is not a finite number/);
  // Shown as well as announced.
  assert.equal(await p.innerText('#wild [role="alert"]'), status);
  assert.deepEqual(await problems(), []);
});

test('MNIST: one run at a time: Run waits while a run is under way (pressed three times quickly, one run), its settings said once', async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  const run = '#digits [data-action="run"]';
  assert.equal(await p.isDisabled(run), false);
  await p.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const h = await mount(document.getElementById('digits'));
    h.run();
    h.run();
    h.run();
  });
  // While it loads and trains, Run is disabled, and says why; Cancel is there.
  assert.match(await p.getAttribute('#digits', 'data-state'), /^(loading|running)$/);
  assert.equal(await p.isDisabled(run), true);
  assert.match(await p.getAttribute(run, 'title'), /One run at a time: Cancel this one/);
  assert.equal(await p.isDisabled('#digits [data-action="cancel"]'), false);
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  assert.equal(await p.isDisabled(run), false);
  assert.equal(await p.getAttribute(run, 'title'), '');
  const legend = await p.evaluate(() => Array.from(document.querySelectorAll('#digits .nndl-legend li'), (li) => li.textContent.trim()));
  assert.equal(legend.length, 0, JSON.stringify(legend));
  const summary = await p.innerText('#digits .nndl-summary');
  assert.equal(summary.match(/\[784, 30, 10\]/g)?.length, 1, summary);
  // Run pressed from the keyboard: the focus goes on to Cancel, not out of the widget.
  await p.focus(run);
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.activeElement?.dataset.action === 'cancel');
  await p.keyboard.press('Enter');
  await p.waitForSelector('#digits[data-state="cancelled"]');
  assert.deepEqual(await problems(), []);
});

test("MNIST: the reader's own files, after a bad set, are taken, said, used by a Run pressed while they are read, and can be swapped back for the served digits", skipOn('second-upload'), async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  // A widget that serves the full set, so that the small files given are told apart by their sizes.
  await p.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.createElement('div');
    el.id = 'own';
    el.dataset.nndl = 'mnist';
    el.dataset.data = 'full';
    el.dataset.epochs = '1';
    document.body.append(el);
    await mount(el);
  });
  const bad = [1, 2, 3, 4].map((i) => join(out, `bad-set-${i}-ubyte`));
  for (const f of bad) writeFileSync(f, 'this is not an IDX file');
  await p.setInputFiles('#own input[data-files]', bad);
  await p.waitForSelector('#own[data-state="failed"]');
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  await p.setInputFiles('#own input[data-files]', names.map((n) => join(root, 'data', 'mnist', 'small', `${n}.gz`)));
  // Run at once, before the worker has read them: the run waits for them and trains on them.
  await p.click('#own [data-action="run"]');
  await p.waitForSelector('#own[data-state="finished"]', { timeout: 60000 });
  assert.equal(await p.evaluate(() => document.querySelector('#own [role="alert"]').hidden), true, 'the bad set\'s alert is gone');
  const summary = await p.innerText('#own .nndl-summary');
  assert.match(summary, /5000 training and 1000 test digits/, summary);
  // Training on the reader's own files, the note on the small served set is gone.
  assert.equal(await p.$$eval('#own .nndl-note:not([hidden])', (ns) => ns.some((n) => /95\.49%/.test(n.textContent))), false);
  // Back to the served digits.
  assert.equal(await p.isVisible('#own [data-control="data"][data-value="served"]'), true);
  await p.click('#own [data-control="data"][data-value="served"]');
  assert.match(await p.innerText('#own .nndl-status'), /Runs now train on 50000 training, 10000 validation and 10000 test digits\./);
  assert.equal(await p.isVisible('#own [data-control="data"][data-value="served"]'), false);
  assert.deepEqual(await problems(), []);
});

test("MNIST: the reader's files are capped at 256 MiB inflated together, checked before and while inflating; a gzip bomb is refused with its size", skipOn('second-upload'), async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  // Valid headers, blank images: 250,000 + 240,000 of them, 384 MB inflated, 370 KB gzipped.
  const idx = (dims) => {
    const header = Buffer.alloc(4 + 4 * dims.length);
    header.writeUInt32BE(0x800 | dims.length, 0);
    dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
    return gzipSync(Buffer.concat([header, Buffer.alloc(dims.reduce((a, b) => a * b, 1))]), { level: 9 });
  };
  const bomb = [[250000, 28, 28], [250000], [240000, 28, 28], [240000]].map(idx);
  const files = bomb.map((b, i) => {
    const f = join(out, `bomb-${i}.gz`);
    writeFileSync(f, b);
    return f;
  });
  await p.setInputFiles('#digits input[data-files]', files);
  await p.waitForSelector('#digits[data-state="failed"]');
  let alert = await p.innerText('#digits [role="alert"]');
  assert.match(alert, /These files hold at least 36\d MiB inflated; the four together may hold at most 256 MiB/, alert);
  // One larger images file (313 MB) whose gzip trailer claims 1 KB: refused, in our words (the
  // browsers here find the lie as the stream ends, before the running count passes the cap,
  // which stands behind them).
  const lying = idx([400000, 28, 28]);
  lying.writeUInt32LE(1024, lying.length - 4);
  files[0] = join(out, 'bomb-lying.gz'); // a new name, so that the picker sees a new choice
  writeFileSync(files[0], lying);
  await p.evaluate(() => {
    document.querySelector('#digits [role="alert"]').textContent = '';
  });
  await p.setInputFiles('#digits input[data-files]', files);
  await p.waitForFunction(() => document.querySelector('#digits [role="alert"]').textContent.trim() !== '');
  alert = await p.innerText('#digits [role="alert"]');
  assert.match(alert, /bomb-lying\.gz looks gzipped but does not inflate|These files hold at least 25[67] MiB inflated/, alert);
  assert.equal(await p.getAttribute('#digits', 'data-state'), 'failed');
  // Four plain files of 512 MiB (sparse: they take no disk) are refused by their sizes, unread.
  const huge = ['train-images', 'train-labels', 'test-images', 'test-labels'].map((n, i) => {
    const f = join(out, `huge-${n}`);
    const fd = openSync(f, 'w');
    writeSync(fd, Buffer.from([0, 0, 8, i % 2 ? 1 : 3, 0, 0, 0, 4]));
    ftruncateSync(fd, 512 * 1024 * 1024);
    closeSync(fd);
    return f;
  });
  await p.evaluate(() => {
    document.querySelector('#digits [role="alert"]').textContent = '';
  });
  await p.setInputFiles('#digits input[data-files]', huge);
  await p.waitForFunction(() => document.querySelector('#digits [role="alert"]').textContent.trim() !== '');
  alert = await p.innerText('#digits [role="alert"]');
  assert.match(alert, /These files hold at least 2048 MiB inflated/, alert);
  assert.deepEqual(await problems(), []);
});

test('MNIST: the worker, and its memory, end whenever it is idle and holds nothing the next runs need', skipOn('second-upload'), async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  // Workers are started as the widget needs them: counted from here on.
  await p.evaluate(() => {
    const Native = window.Worker;
    const count = (window.workers = { started: 0, ended: 0 });
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        count.started++;
      }
      terminate() {
        if (!this.ended) count.ended++;
        this.ended = true;
        super.terminate();
      }
    };
  });
  const alive = () => p.evaluate(() => window.workers.started - window.workers.ended);
  // A run on the served digits: its worker ends with it.
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  assert.equal(await p.evaluate(() => window.workers.started), 1);
  assert.equal(await alive(), 0);
  // The reader's files: the worker keeps them while they are in use, across a finished run.
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  await p.setInputFiles('#digits input[data-files]', names.map((n) => join(root, 'data', 'mnist', 'small', `${n}.gz`)));
  await p.waitForSelector('#digits [data-control="data"][data-value="served"]:not([hidden])');
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  assert.equal(await alive(), 1);
  // Back to the served digits: the worker, holding the files, ends.
  await p.click('#digits [data-control="data"][data-value="served"]');
  assert.equal(await alive(), 0);
  // A refused set ends the worker that read it.
  const bad = [1, 2, 3, 4].map((i) => join(out, `refused-${i}-ubyte`));
  for (const f of bad) writeFileSync(f, 'this is not an IDX file');
  await p.setInputFiles('#digits input[data-files]', bad);
  await p.waitForSelector('#digits[data-state="failed"]');
  assert.equal(await p.evaluate(() => window.workers.started), 3);
  assert.equal(await alive(), 0);
  assert.deepEqual(await problems(), []);
});

test('MNIST: the settings worth comparing are controls for the next run; the legend then names what differs, and a bad value is refused beside its control', async () => {
  const { page: p, problems } = await page();
  await p.waitForSelector('#digits[data-state="ready"]');
  const type = async (name, text) => {
    await p.click(`#digits input[data-control="${name}"]`);
    await p.keyboard.press('Control+a');
    await p.keyboard.type(text);
    await p.keyboard.press('Enter');
  };
  await type('epochs', '1');
  await p.selectOption('#digits select[data-control="init"]', 'default');
  // Before a run, the summary says the settings the run will have.
  assert.match(await p.innerText('#digits .nndl-summary'), /\[784, 30, 10\], cross-entropy, η = 0\.5, λ = 0, mini-batch 10, 1 epoch, weights N\(0, 1\/n\)/);
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  assert.equal((await readouts(p, 'digits')).epoch.value, 1);
  // A refused value: said beside its control.
  await type('eta', 'fast');
  const refused = await p.$eval('#digits input[data-control="eta"]', (el) => ({
    invalid: el.getAttribute('aria-invalid'),
    said: document.getElementById(el.getAttribute('aria-describedby')).textContent,
  }));
  assert.equal(refused.invalid, 'true');
  assert.match(refused.said, /"fast": not a number\. Accepted: a number greater than 0, at most 100\./);
  await type('eta', '0.5');
  await type('hidden', '10');
  assert.match(await p.innerText('#digits .nndl-status'), /Next run: \[784, 10, 10\]/);
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  const legend = await p.$$eval('#digits .nndl-legend li', (lis) => lis.map((li) => li.textContent.trim()));
  assert.deepEqual(legend, ['run 1: [784, 30, 10]', 'run 2: [784, 10, 10]']);
  // Settings for the next run leave the runs shown as they were.
  await type('epochs', '3');
  assert.equal((await readouts(p, 'digits')).epoch.text, '1 / 1');
  assert.equal(await p.$eval('#digits input[data-control="eta"]', (el) => el.getAttribute('aria-invalid')), null);
  await p.locator('#digits').screenshot({ path: join(out, 'mnist-settings.png') });
  assert.deepEqual(await problems(), []);
});
