// The network widgets as a reader uses them: the multi-layer saturation demo shows that only the
// sigmoid-quadratic pairing stalls (eqs. 65-70), and MNIST trains in a Web Worker while the page
// stays responsive, with its accuracy, cost, guesses, pause, cancel and file checks.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, out, readouts, serverAndBrowser, skipOn, waitForReadout } from './harness.mjs';

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
  // Run again: a second line to compare.
  await p.click('#digits [data-action="run"]');
  await p.waitForSelector('#digits[data-state="finished"]', { timeout: 60000 });
  assert.equal(await p.locator('#digits .nndl-legend li').count(), 2);
  await p.locator('#digits').screenshot({ path: join(out, 'mnist.png') });
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
