// Failure stays contained, long runs keep memory flat, and a page of twenty widgets stays
// responsive.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, readouts, root, serve, serverAndBrowser, waitForReadout } from './harness.mjs';

const env = serverAndBrowser();

test('a panic in the wasm stops only its own widget, which says so; the page goes on', async (t) => {
  const testBuild = join(root, 'pkg-test');
  if (!existsSync(join(testBuild, 'nndl_widgets_bg.wasm'))) {
    t.skip('pkg-test/ is not built (make test builds it)');
    return;
  }
  // The same page and shell, with the test-hooks build of the module in place of the served one:
  // a server of its own that serves /pkg/ from pkg-test/.
  const server = await serve(root, { pkg: testBuild });
  t.after(() => server.stop());
  const { page, problems } = await openPage(env.browser, `${server.url}/tests/e2e/fixtures/many.html`, {
    viewport: { width: 800, height: 1600 },
  });
  await page.waitForSelector('#neuron-b[data-state="ready"]');
  await page.click('#neuron-b [data-action="run"]');
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.dataset.action = 'panic';
    b.id = 'panic';
    b.textContent = 'panic';
    document.querySelector('#neuron-a .nndl-controls').appendChild(b);
  });
  // Its data table open: a stopped widget takes it away.
  await page.click('#neuron-a details.nndl-data > summary');
  await page.waitForFunction(() => Boolean(document.querySelector('#neuron-a details.nndl-data table').tHead));
  await page.click('#panic');
  assert.equal(await page.getAttribute('#neuron-a', 'data-state'), 'failed');
  await page.waitForFunction(() => document.querySelector('#neuron-a details.nndl-data').hidden);
  assert.match(await page.innerText('#neuron-a [role="alert"]'), /This widget stopped: .*unreachable|This widget stopped/);
  // The other widget runs on to its end, and the page answers.
  await page.waitForSelector('#neuron-b[data-state="finished"]', { timeout: 20000 });
  assert.equal((await readouts(page, 'neuron-b')).epoch.value, 300);
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  // The broken widget stays broken but contained: clicking it again throws nothing into the page.
  await page.click('#neuron-a [data-action="run"]');
  assert.equal(await page.getAttribute('#neuron-a', 'data-state'), 'failed');
  // The panic is logged on the console, with its message, as it should be; nothing reached the
  // page as an error.
  const said = await problems();
  assert.ok(said.some((p) => /^console: .*nndl-widgets: a panic: a deliberate panic, from the test-hooks build/.test(p)), said.join('\n'));
  assert.deepEqual(said.filter((p) => !/^console: /.test(p)), [], 'no page error');
});

test('twenty widgets at once, one at a million epochs a second: frames go on, memory stays flat', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/many-neurons.html`, {
    viewport: { width: 1600, height: 2000 },
  });
  await page.waitForSelector('#n19[data-state="ready"]');
  for (let i = 0; i < 20; i++) await page.click(`#n${i} [data-action="run"]`);
  // Clicking the last ones scrolled the page; the fast widget steps only while it is on screen.
  await page.evaluate(() => window.scrollTo(0, 0));
  const memory = () =>
    page.evaluate(async () => {
      const m = await import('/pkg-neuron/nndl_widgets.js');
      return (await m.default()).memory.buffer.byteLength;
    });
  // Under way: the fast one past 100000 epochs (each widget's buffers are allocated by then).
  await waitForReadout(page, 'n0', 'epoch', ['>', 100_000]);
  const early = await memory();
  // Animation frames keep coming while all twenty run.
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let n = 0;
        const start = performance.now();
        const count = () => (performance.now() - start < 1000 ? (n++, requestAnimationFrame(count)) : resolve(n));
        requestAnimationFrame(count);
      }),
  );
  // Figures, not a speed test: `make bench` measures; this asserts only that the page answers.
  assert.ok(frames > 5, `${frames} frames in a second`);
  // Three million epochs later (three seconds at its speed, or longer on a loaded machine).
  await waitForReadout(page, 'n0', 'epoch', ['>', 3_100_000], 120000);
  const late = await memory();
  const fast = await readouts(page, 'n0');
  assert.ok(fast.epoch.value > 1_000_000, `the fast widget is at epoch ${fast.epoch.value}`);
  assert.ok(Number.isFinite(fast.cost.value));
  assert.equal(late, early, `wasm memory grew from ${early} to ${late} bytes`);
  const work = await page.evaluate(async () => (await import('/www/nndl-widgets.js')).frameTimes());
  work.sort((a, b) => a - b);
  console.log(`twenty widgets: ${frames} frames/s; frame work p50 ${work[work.length >> 1].toFixed(1)} ms, p95 ${work[Math.floor(work.length * 0.95)].toFixed(1)} ms`);
  assert.deepEqual(await problems(), []);
});
