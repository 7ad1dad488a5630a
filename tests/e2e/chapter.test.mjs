// The chapter page as a reader uses it: click Run on each demo, watch it to the last epoch, and
// check what the page shows against the independent reference (tests/reference/neuron.csv).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { epochRates, openPage, out, readouts, root, serverAndBrowser, skipOn, waitForReadout } from './harness.mjs';

const reference = new Map();
for (const line of readFileSync(join(root, 'tests/reference/neuron.csv'), 'utf8').trim().split('\n').slice(1)) {
  const f = line.split(',');
  if (f[8] === 'diverged') continue;
  const [w, b, a, cost] = f.slice(9, 13).map(Number);
  reference.set(`${f[0]}@${f[8]}`, { w, b, output: a, cost });
}

function close(got, want, rel = 1e-12) {
  assert.ok(Math.abs(got - want) <= rel * Math.abs(want), `${got} differs from ${want} by more than ${rel} relative`);
}

/** The shown state is one state: output and cost recomputed here from the shown w and b. */
function consistent(r) {
  const z = r.w.value + r.b.value;
  const a = 1 / (1 + Math.exp(-z));
  close(r.output.value, a, 1e-12);
}

const env = serverAndBrowser();

// Tall enough that every demo is on screen: off-screen widgets pause by design.
const viewport = { width: 900, height: 3600 };

test('Run on all four demos reproduces the book: 0.09, 0.20, 0.04, 0.05 after 300 epochs', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport });
  const ids = ['saturation1', 'saturation2', 'saturation3', 'saturation4'];
  for (const id of ids) await page.waitForSelector(`#${id}[data-state="ready"]`);
  for (const id of ids) {
    const r = await readouts(page, id);
    assert.equal(r.epoch.value, 0);
    assert.equal(r.epoch.text, '0 / 300');
    close(r.output.value, reference.get(`${id}@0`).output);
  }
  for (const id of ids) await page.click(`#${id} [data-action="run"]`);
  // All four run at once, each at its 60 epochs a second of the widgets' clock (measured over
  // 30 epochs from the page's frames, see epochRate: a loaded machine changes neither side).
  const rates = await epochRates(page, ids, 'epoch', 30);
  for (const [i, id] of ids.entries()) {
    assert.equal(await page.getAttribute(`#${id}`, 'data-state'), 'running');
    const e = (await readouts(page, id)).epoch.value;
    assert.ok(e > 20 && e < 300, `${id} at epoch ${e}`);
    assert.ok(rates[i] > 20 && rates[i] < 150, `${id} ran at ${rates[i]} epochs a second, not about 60`);
  }
  await page.screenshot({ path: join(out, 'chapter-running.png'), fullPage: true });
  for (const id of ids) await page.waitForSelector(`#${id}[data-state="finished"]`, { timeout: 20000 });

  const shown = {};
  for (const id of ids) {
    const r = await readouts(page, id);
    const want = reference.get(`${id}@300`);
    assert.equal(r.epoch.value, 300, id);
    assert.equal(r.epoch.text, '300 / 300');
    for (const k of ['output', 'cost', 'w', 'b']) close(r[k].value, want[k]);
    consistent(r);
    assert.equal(r.output.text, want.output.toFixed(3));
    shown[id] = r.output.text;
  }
  assert.deepEqual(shown, { saturation1: '0.094', saturation2: '0.203', saturation3: '0.040', saturation4: '0.048' });
  await page.screenshot({ path: join(out, 'chapter-finished.png'), fullPage: true });
  assert.deepEqual(await problems(), []);
});

test('saturation4: one click switches to the true gradient, which then learns slowly at η = 0.005 and quickly at 0.15', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport });
  const w = '#saturation4';
  await page.waitForSelector(`${w}[data-state="ready"]`);
  const note = page.locator(`${w} .nndl-note`);
  assert.match(await note.innerText(), /As published.*∂C\/∂a/s);
  await page.click(`${w} [data-action="use-gradient"]`);
  assert.match(await note.innerText(), /True gradient.*learns slowly/s);
  await page.click(`${w} [data-action="run"]`);
  await page.waitForSelector(`${w}[data-state="finished"]`, { timeout: 20000 });
  let r = await readouts(page, 'saturation4');
  close(r.output.value, reference.get('saturation4-gradient@300').output);
  assert.equal(r.output.text, '0.780');

  await page.click(`${w} [data-action="use-suggested-eta"]`);
  assert.match(await note.innerText(), /η = 0.15.*learns quickly/s);
  await page.click(`${w} [data-action="run"]`);
  await page.waitForSelector(`${w}[data-state="finished"]`, { timeout: 20000 });
  r = await readouts(page, 'saturation4');
  close(r.output.value, reference.get('saturation4-gradient-eta0.15@300').output);
  await page.screenshot({ path: join(out, 'saturation4-true-gradient.png'), clip: await page.locator(w).boundingBox() });

  await page.click(`${w} [data-action="use-configured"]`);
  assert.match(await note.innerText(), /As published/);
  r = await readouts(page, 'saturation4');
  assert.equal(r.epoch.value, 0);
  close(r.output.value, reference.get('saturation4@0').output);
  assert.deepEqual(await problems(), []);
});

test('Pause, Resume, Step and Reset do what they say', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport });
  const w = '#saturation2';
  await page.waitForSelector(`${w}[data-state="ready"]`);
  assert.ok(await page.isDisabled(`${w} [data-action="pause"]`));
  for (let i = 0; i < 3; i++) await page.click(`${w} [data-action="step"]`);
  let r = await readouts(page, 'saturation2');
  assert.equal(r.epoch.value, 3);
  // Three steps of (55)-(56) for x = 1, y = 0, recomputed here.
  let [w3, b3] = [2, 2];
  for (let i = 0; i < 3; i++) {
    const a = 1 / (1 + Math.exp(-(w3 + b3)));
    const d = a * a * (1 - a);
    [w3, b3] = [w3 - 0.15 * d, b3 - 0.15 * d];
  }
  close(r.w.value, w3);
  close(r.b.value, b3);
  assert.equal(await page.getAttribute(w, 'data-state'), 'paused');
  assert.equal(await page.innerText(`${w} [data-action="pause"]`), 'Resume');

  await page.click(`${w} [data-action="pause"]`); // resume
  // Paused from within the page the moment the run passes epoch 10, so that the pause lands
  // where the test saw the run, however slow the machine.
  await page.waitForFunction((w) => {
    const el = document.querySelector(w);
    if (Number(el.querySelector('[data-readout="epoch"]').dataset.value) <= 10) return false;
    el.querySelector('[data-action="pause"]').click();
    return true;
  }, w);
  assert.equal(await page.getAttribute(w, 'data-state'), 'paused');
  r = await readouts(page, 'saturation2');
  assert.ok(r.epoch.value > 10 && r.epoch.value < 100, `epoch ${r.epoch.value}`);
  const paused = r.epoch.value;
  // Time passes (another demo runs 60 epochs, a second of its clock); the paused one stays put.
  await page.click('#saturation1 [data-action="run"]');
  await waitForReadout(page, 'saturation1', 'epoch', ['>=', 60]);
  r = await readouts(page, 'saturation2');
  assert.equal(r.epoch.value, paused, 'a paused run does not move');
  consistent(r);

  await page.click(`${w} [data-action="step"]`);
  r = await readouts(page, 'saturation2');
  assert.equal(r.epoch.value, paused + 1);

  await page.click(`${w} [data-action="reset"]`);
  r = await readouts(page, 'saturation2');
  assert.equal(r.epoch.value, 0);
  assert.equal(await page.getAttribute(w, 'data-state'), 'ready');
  close(r.w.value, 2);
  assert.deepEqual(await problems(), []);
});

test('every bad option shows an alert naming it, and the other widgets keep working', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/options.html`, {
    viewport: { width: 800, height: 6000 },
  });
  await page.waitForSelector('#custom[data-state="ready"]');
  const expect = {
    'bad-eta': ['data-eta="abc"', 'not a number', 'greater than 0'],
    'bad-nan': ['data-w="NaN"', 'NaN'],
    'bad-inf': ['data-b="Infinity"', 'infinity'],
    'bad-zero-eta': ['data-eta="0"', 'greater than 0'],
    'bad-y': ['data-y="1.5"', 'from 0 to 1'],
    'bad-epochs': ['data-epochs="2.5"', 'whole number'],
    'huge-epochs': ['data-epochs="1e15"', 'out of range', '1000000'],
    'bad-cost': ['data-cost="hinge"', '"quadratic", "cross-entropy"'],
    'bad-rule': ['data-rule="adam"', '"gradient", "published"'],
    'bad-preset': ['data-preset="saturation9"', '"saturation1"'],
    'bad-kind': ['data-nndl="transformer"', 'unknown widget kind', '"neuron"'],
    'unknown-option': ['data-etta="0.1"', 'unknown option'],
    several: ['3 of this widget', 'data-eta="-1"', 'data-y="2"', 'data-speed="fast"'],
    'html-in-value': ['data-cost="<img src=x onerror=alert(1)>"'],
  };
  for (const [id, words] of Object.entries(expect)) {
    const alert = page.locator(`#${id} [role="alert"]`);
    const text = await alert.innerText();
    for (const w of words) assert.ok(text.includes(w), `#${id}: ${JSON.stringify(text)} lacks ${w}`);
    assert.equal(await page.getAttribute(`#${id}`, 'data-state'), 'failed');
    assert.equal(await page.locator(`#${id} canvas`).count(), 0);
  }
  assert.equal(await page.locator('#html-in-value img').count(), 0, 'option text is never HTML');

  // The good widget on the same page runs, against the reference's custom case (x = -1.5, y = 0.3).
  await page.click('#custom [data-action="run"]');
  await page.waitForSelector('#custom[data-state="finished"]', { timeout: 20000 });
  const r = await readouts(page, 'custom');
  assert.equal(r.epoch.value, 150);
  const want = reference.get('custom-a-cross-entropy-gradient@150');
  for (const k of ['output', 'cost', 'w', 'b']) close(r[k].value, want[k]);

  // η = 1e6 ends in a clear "diverged" state with finite numbers, not NaN.
  await page.click('#diverges [data-action="run"]');
  await page.waitForSelector('#diverges[data-state="diverged"]', { timeout: 20000 });
  const d = await readouts(page, 'diverges');
  for (const k of ['output', 'cost', 'w', 'b']) assert.ok(Number.isFinite(d[k].value), `${k} = ${d[k].value}`);
  assert.match(await page.locator('#diverges [role="alert"]').innerText(), /diverged.*epoch \d+.*smaller η/);
  await page.screenshot({ path: join(out, 'options.png'), fullPage: true });
  assert.deepEqual(await problems(), []);
});

test('a running widget scrolled off screen stops animating, and goes on when it is back', skipOn('scroll-resume'), async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport: { width: 900, height: 700 } });
  await page.waitForSelector('#saturation1[data-state="ready"]');
  await page.click('#saturation1 [data-action="run"]');
  await waitForReadout(page, 'saturation1', 'epoch', ['>', 0]);
  // A clock on screen beside the footer: a neuron mounted there, running 600 epochs a second.
  await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.createElement('div');
    el.id = 'clock';
    el.dataset.nndl = 'neuron';
    el.dataset.epochs = '100000';
    el.dataset.speed = '600';
    document.querySelector('footer').append(el);
    await mount(el);
  });
  await page.locator('#clock').scrollIntoViewIfNeeded();
  await page.click('#clock [data-action="run"]');
  // The first 60 of its epochs (a tenth of a second, several frames) are time enough for the
  // off-screen notice to reach saturation1; the next 300 (half a second) must not move it.
  const start = await waitForReadout(page, 'clock', 'epoch', ['>=', 60]);
  const away = (await readouts(page, 'saturation1')).epoch.value;
  await waitForReadout(page, 'clock', 'epoch', ['>=', start + 300]);
  assert.equal((await readouts(page, 'saturation1')).epoch.value, away, 'no epochs while off screen');
  assert.equal(await page.getAttribute('#saturation1', 'data-state'), 'running');
  await page.locator('#saturation1').scrollIntoViewIfNeeded();
  const back = await waitForReadout(page, 'saturation1', 'epoch', ['>', away + 20]);
  assert.ok(back > away + 20, `resumed: ${away} → ${back}`);
  assert.deepEqual(await problems(), []);
});

test('mount() mounts a widget added later, and destroy() removes it', async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport });
  await page.waitForSelector('#saturation1[data-state="ready"]');
  const epoch = await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const el = document.createElement('div');
    el.id = 'later';
    el.dataset.nndl = 'neuron';
    el.dataset.preset = 'saturation3';
    el.dataset.epochs = '5';
    document.querySelector('main').prepend(el);
    const handle = await mount(el);
    if ((await mount(el)) !== handle) throw new Error('a second mount gave another handle');
    handle.step();
    handle.step();
    const shown = Number(el.querySelector('[data-readout="epoch"]').dataset.value);
    handle.destroy();
    return { shown, children: el.childElementCount };
  });
  assert.deepEqual(epoch, { shown: 2, children: 0 });
  // The element is as it was before mount: none of the widget's classes is left on it.
  assert.equal(await page.evaluate(() => document.getElementById('later').className), '');
  assert.deepEqual(await problems(), []);
});

test("a destroyed widget's handle throws a readable error and never touches its element, for every kind, destroyed by destroy() or by its element leaving the page", async () => {
  const { page, problems } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport });
  await page.waitForSelector('#saturation1[data-state="ready"]');
  const results = await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const results = [];
    for (const kind of ['neuron', 'explorer', 'network', 'mnist']) {
      for (const how of ['destroy', 'remove']) {
        const el = document.createElement('div');
        el.dataset.nndl = kind;
        document.querySelector('main').append(el);
        const h = await mount(el);
        if (how === 'destroy') h.destroy();
        else {
          el.remove();
          // The shell frees a widget whose element left the page when its MutationObserver runs.
          for (let i = 0; i < 100 && el.hasAttribute('data-state'); i++) await new Promise((r) => setTimeout(r));
        }
        const errors = [];
        for (const call of [() => h.run(), () => h.pause(), () => h.step(), () => h.reset(), () => h.set('eta', '1')]) {
          try {
            call();
            errors.push('no error');
          } catch (err) {
            errors.push(err.message);
          }
        }
        h.destroy(); // a second destroy() does nothing
        results.push({ kind, how, errors, html: el.innerHTML, state: el.getAttribute('data-state'), cls: el.className });
        el.remove();
      }
    }
    return results;
  });
  for (const r of results) {
    const what = `${r.kind} (${r.how})`;
    for (const e of r.errors) assert.match(e, /^nndl-widgets: this widget was destroyed/, what);
    assert.deepEqual([r.html, r.state, r.cls], ['', null, ''], `${what}: the element was touched`);
  }
  assert.equal(results.length, 8);
  assert.deepEqual(await problems(), []);
});
