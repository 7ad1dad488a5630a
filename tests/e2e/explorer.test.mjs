// The explorer as a reader uses it: every control (by mouse and keyboard), the race of the two
// costs, the views' numbers against an independent float64 recomputation, the section's three
// exercises, shared links with two explorers on one page, and the exports.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { download, epochRate, openPage, out, readouts, serverAndBrowser, skipOn } from './harness.mjs';

const env = serverAndBrowser();
const FIXTURE = '/tests/e2e/fixtures/explorers.html';

const open = (path = FIXTURE, options = {}) =>
  openPage(env.browser, `${env.server.url}${path}`, { viewport: { width: 820, height: 2400 }, ...options });

// An independent recomputation in float64, straight from the book's equations: a = σ(wx + b),
// (54)/(57) for the costs, (55)-(56)/(61)-(62) for the gradients, w ← w − η ∂C/∂w.
const sigma = (z) => 1 / (1 + Math.exp(-z));
// The book site's published rule steps w and b both by η·∂C/∂a for the cross-entropy.
function reference({ cost, w, b, x = 1, y = 0, eta, epochs, etaFrom = {}, rule = 'gradient' }) {
  const states = [];
  for (let epoch = 0; epoch <= epochs; epoch++) {
    const z = w * x + b;
    const a = sigma(z);
    const sp = a * (1 - a);
    const dz = cost === 'quadratic' ? (a - y) * sp : a - y;
    const c =
      cost === 'quadratic'
        ? ((a - y) * (a - y)) / 2
        : -((y > 0 ? y * Math.log(a) : 0) + (y < 1 ? (1 - y) * Math.log(1 - a) : 0));
    states.push({ epoch, w, b, z, a, cost: c, dw: dz * x, db: dz, sp });
    const rate = etaFrom[epoch] ?? eta;
    eta = rate;
    if (rule === 'published' && cost === 'cross-entropy') {
      w -= rate * ((a - y) / (a * (1 - a)));
      b -= rate * ((a - y) / (a * (1 - a)));
    } else {
      w -= rate * dz * x;
      b -= rate * dz;
    }
  }
  return states;
}

function close(actual, expected, what, rel = 1e-9) {
  const tolerance = rel * Math.max(Math.abs(expected), 1e-12);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} against ${expected}`);
}

function checkReadouts(r, prefix, s) {
  assert.equal(r[`${prefix}.epoch`].value, s.epoch, `${prefix}.epoch`);
  for (const [name, key] of [
    ['w', 'w'],
    ['b', 'b'],
    ['output', 'a'],
    ['cost', 'cost'],
    ['dw', 'dw'],
    ['db', 'db'],
    ['sigma-prime', 'sp'],
  ]) {
    close(r[`${prefix}.${name}`].value, s[key], `${prefix}.${name} at epoch ${s.epoch}`);
  }
}

const state = (page, id) => page.getAttribute(`#${id}`, 'data-state');

async function setNumber(page, id, name, text) {
  const box = page.locator(`#${id} input[type="text"][data-control="${name}"]`);
  await box.fill(text);
  await box.press('Enter');
}

test('the race: both costs from the saturated start, the readouts and the exported history agree with a float64 recomputation', skipOn('download'), async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.click('#ex-a [data-action="run"]');
  await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 20000 });
  const r = await readouts(page, 'ex-a');
  const q = reference({ cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 300 });
  const ce = reference({ cost: 'cross-entropy', w: 2, b: 2, eta: 0.15, epochs: 300 });
  checkReadouts(r, 'quadratic', q[300]);
  checkReadouts(r, 'cross-entropy', ce[300]);
  // The section's claim, read from the page: with the same η, after 100 epochs the quadratic
  // neuron is still saturated (its gradient collapsed by σ′), the cross-entropy one has learned.
  const csv = await download(page, '#ex-a [data-action="export-csv"]');
  assert.equal(csv.name, 'nndl-ex-a.csv');
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'cost,epoch,eta,w,b,z,a,C,dC/dw,dC/db,sigma_prime');
  const rows = lines.slice(1).map((l) => l.split(','));
  assert.equal(rows.length, 2 * 301);
  for (const row of rows) {
    const [cost, epoch, eta, w, b, z, a, c, dw, db, sp] = [row[0], ...row.slice(1).map(Number)];
    const s = (cost === 'quadratic' ? q : ce)[epoch];
    assert.equal(eta, 0.15);
    for (const [got, want, what] of [[w, s.w, 'w'], [b, s.b, 'b'], [z, s.z, 'z'], [a, s.a, 'a'], [c, s.cost, 'C'], [dw, s.dw, 'dw'], [db, s.db, 'db'], [sp, s.sp, 'σ′']]) {
      close(got, want, `${cost} ${what} at epoch ${epoch}`);
    }
  }
  const at = (cost, epoch) => rows.find((row) => row[0] === cost && Number(row[1]) === epoch);
  assert.ok(Number(at('quadratic', 100)[6]) > 0.9, 'the quadratic neuron is still saturated at epoch 100');
  assert.ok(Number(at('cross-entropy', 100)[6]) < 0.1, 'the cross-entropy neuron has learned by epoch 100');
  // The learning-speed view's numbers: the quadratic gradient collapses (×σ′) at the start, the
  // cross-entropy one is largest where the error is largest.
  assert.ok(Math.abs(Number(at('quadratic', 0)[8])) < 0.02 * Math.abs(Number(at('cross-entropy', 0)[8])));
  const ceGradients = rows.filter((row) => row[0] === 'cross-entropy').map((row) => Math.abs(Number(row[8])));
  assert.equal(Math.max(...ceGradients), ceGradients[0]);
  await page.locator('#ex-a').screenshot({ path: join(out, 'explorer-race.png') });
  assert.deepEqual(await problems(), []);
});

test('the book presets race two of the book\'s demos side by side, as its widgets step, to their published ends', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  for (const [preset, w, b, ends] of [
    // The ends of demos 2 and 4, and 1 and 3, as the neuron widgets show them.
    ['book-saturated-start', 2, 2, ['0.203', '0.048']],
    ['book-good-start', 0.6, 0.9, ['0.094', '0.040']],
  ]) {
    await page.selectOption('#ex-a select[data-control="preset"]', preset);
    // The menu shows the preset the settings are.
    assert.equal(await page.inputValue('#ex-a select[data-control="preset"]'), preset);
    assert.equal(await page.inputValue('#ex-a select[data-control="rule"]'), 'published');
    assert.equal(await page.inputValue('#ex-a input[type="text"][data-control="eta-cross-entropy"]'), '0.005');
    // Before any run the new start applies at once. After a run, until Run, the chart and
    // readouts are the old run's: faded, with the note just under the chart.
    const stale = () => page.$eval('#ex-a', (el) => el.classList.contains('nndl-stale'));
    const ranBefore = preset === 'book-good-start';
    assert.equal(await stale(), ranBefore);
    if (ranBefore) {
      const note = await page.$eval('#ex-a', (el) => {
        const n = [...el.querySelectorAll('.nndl-note')].find((p) => !p.hidden);
        return { text: n?.textContent, after: n?.previousElementSibling?.className };
      });
      assert.match(note.text, /apply on Run or Reset/);
      assert.match(note.after, /nndl-figure/);
    }
    await page.click('#ex-a [data-action="run"]');
    assert.equal(await stale(), false);
    await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 20000 });
    const r = await readouts(page, 'ex-a');
    checkReadouts(r, 'quadratic', reference({ cost: 'quadratic', w, b, eta: 0.15, epochs: 300 })[300]);
    checkReadouts(r, 'cross-entropy', reference({ cost: 'cross-entropy', w, b, eta: 0.005, epochs: 300, rule: 'published' })[300]);
    assert.deepEqual([r['quadratic.output'].value.toFixed(3), r['cross-entropy.output'].value.toFixed(3)], ends);
  }
  // A setting of the preset's changed: the settings are no preset any more.
  await page.click('#ex-a input[type="text"][data-control="w"]');
  await page.keyboard.press('End');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#ex-a select[data-control="preset"]'), '');
  assert.deepEqual(await problems(), []);
});

test('η applies from the next epoch while running or paused; "same η" ties the two; other settings wait for Reset', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  for (let i = 0; i < 5; i++) await page.click('#ex-a [data-action="step"]');
  // Untie, then change only the cross-entropy's η, while paused at epoch 5.
  await page.click('#ex-a input[data-control="same-eta"]');
  await setNumber(page, 'ex-a', 'eta-cross-entropy', '1');
  await page.click('#ex-a [data-action="step"]');
  let r = await readouts(page, 'ex-a');
  checkReadouts(r, 'cross-entropy', reference({ cost: 'cross-entropy', w: 2, b: 2, eta: 0.15, epochs: 6, etaFrom: { 5: 1 } })[6]);
  checkReadouts(r, 'quadratic', reference({ cost: 'quadratic', w: 2, b: 2, eta: 0.15, epochs: 6 })[6]);
  assert.match(await page.innerText('#ex-a .nndl-swatch-cross-entropy'), /η = 1\)/);
  // Tie them again: the quadratic's η now drives both; changed while running, the run goes on.
  // (At 30 epochs a second the run is still under way however slowly the driver types; then
  // back to a fast finish. The speed applies at once.)
  await page.click('#ex-a input[data-control="same-eta"]');
  assert.equal(await page.inputValue('#ex-a input[type="text"][data-control="eta-cross-entropy"]'), '0.15');
  await setNumber(page, 'ex-a', 'speed', '30');
  await page.click('#ex-a [data-action="pause"]');
  assert.equal(await state(page, 'ex-a'), 'running');
  await setNumber(page, 'ex-a', 'eta-quadratic', '0.5');
  assert.equal(await state(page, 'ex-a'), 'running');
  assert.equal(await page.inputValue('#ex-a input[type="text"][data-control="eta-cross-entropy"]'), '0.5');
  await setNumber(page, 'ex-a', 'speed', '100000');
  await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 20000 });
  // y, x and the costs wait for Run or Reset, and say so.
  await setNumber(page, 'ex-a', 'y', '0.5');
  assert.match(await page.innerText('#ex-a'), /Changed settings apply on Run or Reset/);
  r = await readouts(page, 'ex-a');
  assert.equal(r['quadratic.epoch'].value, 300);
  await page.selectOption('#ex-a select[data-control="cost"]', 'quadratic');
  assert.ok(await page.isVisible('#ex-a .nndl-swatch-cross-entropy'), 'still racing both until Reset');
  await page.click('#ex-a [data-action="reset"]');
  assert.ok(!(await page.isVisible('#ex-a [data-readout="cross-entropy.epoch"]')));
  r = await readouts(page, 'ex-a');
  close(r['quadratic.cost'].value, (sigma(4) - 0.5) ** 2 / 2, 'quadratic cost for y = 0.5');
  assert.doesNotMatch(await page.innerText('#ex-a'), /Changed settings apply/);
  // While paused, w and b move both runs where they are set.
  await page.selectOption('#ex-a select[data-control="cost"]', 'both');
  await page.click('#ex-a [data-action="step"]');
  await setNumber(page, 'ex-a', 'w', '-1.5');
  r = await readouts(page, 'ex-a');
  assert.equal(r['quadratic.w'].value, -1.5);
  assert.equal(r['cross-entropy.w'].value, -1.5);
  assert.equal(r['quadratic.epoch'].value, 1);
  // The input x: before a run it applies at once, and the gradients carry it (55), (61).
  await page.click('#ex-a [data-action="reset"]');
  await setNumber(page, 'ex-a', 'x', '-0.75');
  await page.click('#ex-a [data-action="step"]');
  r = await readouts(page, 'ex-a');
  for (const cost of ['quadratic', 'cross-entropy']) {
    const s = reference({ cost, w: -1.5, b: 2, x: -0.75, y: 0.5, eta: 0.5, epochs: 1 })[1];
    checkReadouts(r, cost, s);
    close(r[`${cost}.dw`].value, -0.75 * r[`${cost}.db`].value, `${cost}: ∂C/∂w = x ∂C/∂b`, 1e-15);
  }
  await setNumber(page, 'ex-a', 'x', '1');
  // The rule: as published, the cross-entropy steps by η·∂C/∂a.
  await page.selectOption('#ex-a select[data-control="rule"]', 'published');
  await page.click('#ex-a [data-action="reset"]');
  await page.click('#ex-a [data-action="step"]');
  r = await readouts(page, 'ex-a');
  const a0 = sigma(-1.5 + 2);
  close(r['cross-entropy.b'].value, 2 - 0.5 * ((a0 - 0.5) / (a0 * (1 - a0))), 'published step of b');
  assert.deepEqual(await problems(), []);
});

test('controls by keyboard: sliders move by arrow keys, number boxes take typed values, checkboxes and selects toggle', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.focus('#ex-a input[type="range"][data-control="w"]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  let r = await readouts(page, 'ex-a');
  assert.equal(r['quadratic.w'].value, 2.2);
  assert.equal(await page.inputValue('#ex-a input[type="text"][data-control="w"]'), '2.2');
  // The η slider is logarithmic.
  await page.focus('#ex-a input[type="range"][data-control="eta-quadratic"]');
  await page.keyboard.press('End');
  assert.equal(await page.inputValue('#ex-a input[type="text"][data-control="eta-quadratic"]'), '10');
  await page.keyboard.press('Home');
  assert.equal(await page.inputValue('#ex-a input[type="text"][data-control="eta-cross-entropy"]'), '0.0001');
  // Tab to the number box of b and type.
  await page.focus('#ex-a input[type="range"][data-control="b"]');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-0.25');
  await page.keyboard.press('Enter');
  r = await readouts(page, 'ex-a');
  assert.equal(r['cross-entropy.b'].value, -0.25);
  // Space toggles a checkbox (not the widget's run), then the widget's own keys work again.
  await page.focus('#ex-a input[data-control="log"]');
  await page.keyboard.press(' ');
  assert.equal(await page.isChecked('#ex-a input[data-control="log"]'), true);
  assert.equal(await state(page, 'ex-a'), 'ready');
  await page.focus('#ex-a');
  await page.keyboard.press('ArrowRight');
  assert.equal((await readouts(page, 'ex-a'))['quadratic.epoch'].value, 1);
  // Views by keyboard.
  await page.focus('#ex-a [data-control="view"][data-value="surface"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#ex-a [data-control="view"][data-value="surface"]', 'aria-pressed'), 'true');
  // Speed: applies at once.
  await setNumber(page, 'ex-a', 'speed', '5');
  await page.click('#ex-a [data-action="run"]');
  // 5 epochs a second of the widgets' clock, from the page's frames over 3 epochs (the old
  // bounds: 1 to 5 epochs in 0.6 s).
  const rate = await epochRate(page, 'ex-a', 'quadratic.epoch', 3);
  assert.ok(rate >= 1 / 0.6 && rate <= 5 / 0.6, `at 5 epochs a second, ran at ${rate} epochs a second`);
  const epoch = (await readouts(page, 'ex-a'))['quadratic.epoch'].value;
  assert.ok(epoch >= 1, `epoch ${epoch}`);
  assert.deepEqual(await problems(), []);
});

test('bad input shows a message beside its control and changes nothing; the API throws readable errors', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  const before = await readouts(page, 'ex-a');
  for (const [name, text, message] of [
    ['w', 'abc', /"abc": not a number\. Accepted: a number from -1000 to 1000/],
    ['w', 'NaN', /"NaN": NaN is not a number/],
    ['b', '1e400', /"1e400": too large/],
    ['b', 'Infinity', /"Infinity"/],
    ['eta-quadratic', '-1', /"-1": .*greater than 0/],
    ['eta-cross-entropy', '0', /"0"/],
    ['y', '1.5', /"1.5": .*from 0 to 1/],
    ['epochs', '2.5', /"2.5": .*whole number/],
    ['speed', '', /"": not a number/],
  ]) {
    await setNumber(page, 'ex-a', name, text);
    const error = page.locator(`#ex-a [data-field="${name}"] .nndl-field-error`);
    assert.match(await error.innerText(), message, `${name} = ${text}`);
    assert.equal(await page.getAttribute(`#ex-a input[type="text"][data-control="${name}"]`, 'aria-invalid'), 'true');
  }
  assert.deepEqual(await readouts(page, 'ex-a'), before);
  // A good value clears the message.
  await setNumber(page, 'ex-a', 'w', '1');
  assert.equal(await page.isVisible('#ex-a [data-field="w"] .nndl-field-error'), false);
  const errors = await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    const handle = await mount(document.querySelector('#ex-a'));
    const caught = [];
    for (const [name, value] of [['colour', 'red'], ['eta', 'NaN']]) {
      try {
        handle.set(name, value);
        caught.push(`${name}: no error`);
      } catch (e) {
        caught.push(`${name}: ${e.message}`);
      }
    }
    return caught;
  });
  assert.match(errors[0], /colour: nndl-widgets: the explorer has no setting "colour"; its settings are preset, cost, rule/);
  assert.equal(errors[1], 'eta: no error', 'a bad value is shown, not thrown');
  assert.match(await page.innerText('#ex-a [role="alert"]'), /eta="NaN": NaN is not a number/);
  await page.evaluate(async () => {
    const { mount } = await import('/www/nndl-widgets.js');
    (await mount(document.querySelector('#ex-a'))).set('eta', 0.3);
  });
  assert.equal((await readouts(page, 'ex-a'))['quadratic.w'].value, 1);
  assert.equal(await page.inputValue('#ex-a input[type="text"][data-control="eta-quadratic"]'), '0.3');
  // A huge η diverges with finite numbers and says so; the page goes on.
  await setNumber(page, 'ex-a', 'eta-quadratic', '1000000');
  await setNumber(page, 'ex-a', 'y', '0.5');
  await setNumber(page, 'ex-a', 'w', '0.5');
  await page.click('#ex-a [data-action="run"]');
  await page.waitForSelector('#ex-a[data-state="finished"], #ex-a[data-state="diverged"]', { timeout: 20000 });
  for (const [name, o] of Object.entries(await readouts(page, 'ex-a'))) {
    if (!name.startsWith('sigma.')) assert.ok(!Number.isNaN(o.value), `${name} is ${o.text}`);
  }
  assert.deepEqual(await problems(), []);
});

test('exercise 1: σ′(z) = σ(z)(1 − σ(z)), both sides plotted, with their largest difference', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.click('#ex-a [data-control="view"][data-value="sigma"]');
  const d = (await readouts(page, 'ex-a'))['sigma.max-difference'].value;
  // The same comparison recomputed here: central differences of σ over [-10, 10] at 401 points.
  let ours = 0;
  for (let k = 0; k < 401; k++) {
    const z = -10 + (20 * k) / 400;
    const slope = (sigma(z + 1e-5) - sigma(z - 1e-5)) / 2e-5;
    ours = Math.max(ours, Math.abs(slope - sigma(z) * (1 - sigma(z))));
  }
  assert.ok(d > 0 && d < 1e-9, `largest difference ${d}`);
  assert.ok(Math.abs(d - ours) < 1e-10, `${d} against ${ours}`);
  assert.match(await page.innerText('#ex-a'), /Exercise 1: σ′\(z\) = σ\(z\)\(1 − σ\(z\)\)/);
  await page.locator('#ex-a').screenshot({ path: join(out, 'explorer-sigma.png') });
  assert.deepEqual(await problems(), []);
});

test('exercise 2: the swapped expression cannot learn y = 0 or 1 and says why; for 0 < y < 1 it pushes a away from y', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.click('#ex-a input[data-control="swapped"]');
  for (const y of ['0', '1']) {
    await setNumber(page, 'ex-a', 'y', y);
    let r = await readouts(page, 'ex-a');
    assert.equal(r['swapped.cost'].value, Infinity);
    assert.equal(r['swapped.cost'].text, '∞');
    await page.click('#ex-a [data-action="run"]');
    await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 20000 });
    r = await readouts(page, 'ex-a');
    assert.equal(r['swapped.epoch'].value, 0, 'it cannot take a single step');
    assert.equal(r['quadratic.epoch'].value, 300, 'the quadratic run is not held back');
    const text = await page.innerText('#ex-a');
    assert.match(text, new RegExp(`The swapped expression cannot learn this target: it needs ${y === '0' ? 'ln y' : 'ln\\(1 − y\\)'} = ln 0 = −∞`));
    assert.doesNotMatch(await page.innerText('#ex-a [role="alert"]'), /diverged/);
    await page.click('#ex-a [data-control="view"][data-value="surface"]');
    assert.match(await page.innerText('#ex-a'), /Colour is ln C/);
    await page.locator('#ex-a').screenshot({ path: join(out, `explorer-swapped-y${y}.png`) });
    await page.click('#ex-a [data-control="view"][data-value="race"]');
    await page.click('#ex-a [data-action="reset"]');
  }
  await setNumber(page, 'ex-a', 'y', '0.3');
  await setNumber(page, 'ex-a', 'w', '0');
  await setNumber(page, 'ex-a', 'b', '0');
  await page.click('#ex-a [data-action="run"]');
  await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 20000 });
  const r = await readouts(page, 'ex-a');
  assert.ok(r['swapped.output'].value < 0.1, `a = ${r['swapped.output'].value}, pushed towards 0, not to y = 0.3`);
  assert.ok(Math.abs(r['quadratic.output'].value - 0.3) < 0.05, 'the quadratic cost learns y = 0.3');
  // Its slope in a is ln((1 − y)/y), so ∂C/∂b = σ′(z)·ln(7/3).
  close(r['swapped.db'].value, r['swapped.sigma-prime'].value * Math.log(0.7 / 0.3), 'swapped ∂C/∂b', 1e-12);
  assert.match(await page.innerText('#ex-a'), /slope ln\(\(1 − y\)\/y\) = 0\.847: it pushes a towards 0, not to y = 0\.3/);
  assert.deepEqual(await problems(), []);
});

test('exercise 3: for 0 < y < 1 the cross-entropy approaches the binary entropy (64), drawn as its floor', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await setNumber(page, 'ex-a', 'eta-quadratic', '1');
  await setNumber(page, 'ex-a', 'epochs', '2000');
  await setNumber(page, 'ex-a', 'speed', '100000');
  for (const y of [0.2, 0.5, 0.85]) {
    await setNumber(page, 'ex-a', 'y', String(y));
    await page.click('#ex-a [data-action="run"]');
    await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 20000 });
    const r = await readouts(page, 'ex-a');
    const h = -(y * Math.log(y) + (1 - y) * Math.log(1 - y));
    close(r['cross-entropy.minimum'].value, h, `(64) at y = ${y}`, 1e-14);
    const c = r['cross-entropy.cost'].value;
    assert.ok(c >= h * (1 - 1e-14) && c - h < 1e-6, `y = ${y}: cost ${c}, floor ${h}`);
    assert.ok(Math.abs(r['cross-entropy.output'].value - y) < 1e-3);
    assert.match(await page.innerText('#ex-a'), new RegExp(`Exercise 3: for y = ${y}, the cross-entropy never falls below the binary entropy`));
  }
  await page.locator('#ex-a').screenshot({ path: join(out, 'explorer-entropy.png') });
  assert.deepEqual(await problems(), []);
});

test('views: learning speed (linear and log), cost surface with the path inside its window, and chart choices', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.click('#ex-a [data-action="run"]');
  await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 20000 });
  const size = () => page.$eval('#ex-a canvas', (c) => [c.width, c.height]);
  const pixels = () =>
    page.$eval('#ex-a canvas', (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) >>> 0;
      return h;
    });
  const race = await pixels();
  await page.selectOption('#ex-a select[data-control="chart"]', 'both');
  const [, tall] = await size();
  await page.selectOption('#ex-a select[data-control="chart"]', 'output');
  assert.ok(tall > (await size())[1], 'cost and output take two panels');
  await page.locator('#ex-a').screenshot({ path: join(out, 'explorer-output.png') });
  await page.click('#ex-a [data-control="view"][data-value="speed"]');
  const linear = await pixels();
  await page.locator('#ex-a').screenshot({ path: join(out, 'explorer-speed.png') });
  await page.check('#ex-a input[data-control="log"]');
  const log = await pixels();
  assert.notEqual(linear, log);
  assert.notEqual(linear, race);
  await page.locator('#ex-a').screenshot({ path: join(out, 'explorer-speed-log.png') });
  await page.click('#ex-a [data-control="view"][data-value="surface"]');
  await page.locator('#ex-a').screenshot({ path: join(out, 'explorer-surface.png') });
  // The surface's colours: the quadratic panel is darker (smaller C) at the bottom-left of
  // (w, b), where σ(w + b) is near the target 0, than at the top-right start.
  const corners = await page.$eval('#ex-a canvas', (c) => {
    const ctx = c.getContext('2d');
    const w = c.width / 2;
    const lum = (x, y) => {
      const [r, g, b] = ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data;
      return r + g + b;
    };
    return { low: lum(w * 0.3, c.height * 0.8), high: lum(w * 0.9, c.height * 0.15) };
  });
  assert.ok(corners.low < corners.high, JSON.stringify(corners));
  // Each surface has its colour bar over the plot, in its title's row or (a narrow panel) the
  // row under it: the heatmap's darkest and lightest colours, the dark end left of the light one
  // and less than the bar's width apart, in both panels.
  const bars = await page.$eval('#ex-a canvas', (c) => {
    const ratio = c.width / c.getBoundingClientRect().width;
    const rows = [[0, 20], [20, 38]].map(([a, b]) => [Math.round(a * ratio), Math.round(b * ratio)]);
    return rows.map(([y0, y1]) => {
      const band = c.getContext('2d').getImageData(0, y0, c.width, y1 - y0).data;
      const near = (i, [r, g, b]) => Math.abs(band[i] - r) + Math.abs(band[i + 1] - g) + Math.abs(band[i + 2] - b) < 30;
      const found = [];
      for (let i = 0; i < band.length; i += 4) {
        const x = (i / 4) % c.width;
        if (near(i, [68, 1, 84])) found.push(['dark', x / ratio]);
        if (near(i, [253, 231, 37])) found.push(['light', x / ratio]);
      }
      return found;
    });
  });
  const canvasWidth = (await size())[0] / (await page.$eval('#ex-a canvas', (c) => c.width / c.getBoundingClientRect().width));
  for (const panel of [0, 1]) {
    const barIn = (found) => {
      const inPanel = found.filter(([, x]) => x >= (panel * canvasWidth) / 2 && x < ((panel + 1) * canvasWidth) / 2);
      const xs = (end) => inPanel.filter(([e]) => e === end).map(([, x]) => x);
      if (!xs('dark').length || !xs('light').length) return false;
      const [dark, light] = [Math.max(...xs('dark')), Math.min(...xs('light'))];
      return dark < light && light - dark < 70;
    };
    assert.ok(bars.some(barIn), `panel ${panel}: no colour bar above the surface`);
  }
  assert.deepEqual(await problems(), []);
});

test('a shared link restores exactly what was shared, per explorer, with two on one page; hidden controls stay fixed', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-b[data-state="ready"]');
  await setNumber(page, 'ex-a', 'w', '-1.2345678901234567');
  await page.click('#ex-a input[data-control="same-eta"]');
  await setNumber(page, 'ex-a', 'eta-cross-entropy', '0.007');
  await page.click('#ex-a [data-control="view"][data-value="surface"]');
  await page.click('#ex-a [data-action="share"]');
  const shown = await page.inputValue('#ex-a [data-share-link]');
  assert.equal(shown, await page.url());
  await setNumber(page, 'ex-b', 'y', '0.25');
  await page.selectOption('#ex-b select[data-control="cost"]', 'cross-entropy');
  await page.click('#ex-b [data-action="share"]');
  const url = await page.url();
  assert.match(url, /#ex-a:[^&]*w=-1\.2345678901234567[^&]*&ex-b:[^&]*y=0\.25/);
  const settings = (p, id) =>
    p.$$eval(`#${id} [data-control]`, (els) =>
      els
        .filter((e) => e.tagName !== 'BUTTON')
        .map((e) => `${e.dataset.control}=${e.type === 'checkbox' ? e.checked : e.value}`)
        .join(' '),
    );
  const a = await settings(page, 'ex-a');
  const b = await settings(page, 'ex-b');
  const pressed = (p, id) => p.getAttribute(`#${id} [aria-pressed="true"]`, 'data-value');
  const second = await open(url.slice(env.server.url.length));
  await second.page.waitForSelector('#ex-b[data-state="ready"]');
  assert.equal(await settings(second.page, 'ex-a'), a);
  assert.equal(await settings(second.page, 'ex-b'), b);
  assert.equal(await pressed(second.page, 'ex-a'), 'surface');
  assert.equal(await pressed(second.page, 'ex-b'), 'speed');
  const r = await readouts(second.page, 'ex-a');
  assert.equal(r['quadratic.w'].value, -1.2345678901234567);
  assert.ok(!(await second.page.isVisible('#ex-b [data-readout="quadratic.epoch"]')));
  assert.deepEqual(await second.problems(), []);

  // A link cannot change what the page hid (ex-b hides η), and a malformed one is reported and
  // not used at all.
  const third = await open(`${FIXTURE}#ex-b:eta-quadratic=9;y=0.5&ex-a:w=zz;b=1`);
  await third.page.waitForSelector('#ex-b[data-state="ready"]');
  const rb = await readouts(third.page, 'ex-b');
  assert.match(await third.page.innerText('#ex-b .nndl-swatch-quadratic'), /η = 0\.5\)/);
  close(rb['quadratic.cost'].value, (sigma(4) - 0.5) ** 2 / 2, 'y = 0.5 from the link');
  assert.match(await third.page.innerText('#ex-a [role="alert"]'), /The link's settings for this widget were not used: w="zz": not a number/);
  const ra = await readouts(third.page, 'ex-a');
  assert.equal(ra['quadratic.w'].value, 2);
  assert.equal(ra['quadratic.b'].value, 2, 'none of a bad link is used');
  // A link within the page sets its explorer's settings without a reload, and leaves the other
  // explorer as it was.
  const before = await readouts(third.page, 'ex-b');
  await third.page.click('#try');
  await third.page.waitForFunction(() => document.querySelector('#ex-a [data-readout="quadratic.w"]').dataset.value === '-3');
  const tried = await readouts(third.page, 'ex-a');
  assert.equal(tried['quadratic.b'].value, 1);
  assert.equal(await pressed(third.page, 'ex-a'), 'surface');
  assert.equal(await third.page.isVisible('#ex-a [role="alert"]'), false, 'the bad link\'s message is gone');
  assert.deepEqual(await readouts(third.page, 'ex-b'), before);
  const fourth = await open(`${FIXTURE}#ex-a:w=%ZZ`);
  await fourth.page.waitForSelector('#ex-a[data-state="ready"]');
  assert.match(await fourth.page.innerText('#ex-a [role="alert"]'), /not used/);
  assert.deepEqual([...(await problems()), ...(await third.problems()), ...(await fourth.problems())], []);
});

test('exports: the chart as a PNG of the canvas, in each view', skipOn('download'), async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.click('#ex-a [data-action="step"]');
  for (const view of ['race', 'surface']) {
    await page.click(`#ex-a [data-control="view"][data-value="${view}"]`);
    const [w, h] = await page.$eval('#ex-a canvas', (c) => [c.width, c.height]);
    const png = await download(page, '#ex-a [data-action="export-png"]');
    assert.equal(png.name, 'nndl-ex-a.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], [w, h]);
  }
  assert.deepEqual(await problems(), []);
});

test('a finished race is told in words, on the chart and in the polite status: each cost’s fall, and how long the quadratic one stalled', async () => {
  const { page, problems } = await open();
  await page.waitForSelector('#ex-a[data-state="ready"]');
  await page.click('#ex-a [data-action="run"]');
  await page.waitForSelector('#ex-a[data-state="finished"]', { timeout: 30000 });
  const told = await page.innerText('#ex-a .nndl-status');
  // From the saturated start w = b = 2 (η = 0.15): the quadratic cost's plateau, the
  // cross-entropy falling at once (the readouts' numbers, rounded).
  const r = await readouts(page, 'ex-a');
  const q = told.match(/Quadratic: the cost fell from ([\d.]+) to ([\d.]+) over 300 epochs; it stayed above ([\d.]+) for the first (\d+)\./);
  assert.ok(q, told);
  assert.ok(Math.abs(Number(q[2]) - r['quadratic.cost'].value) < 0.001, `${q[2]} against ${r['quadratic.cost'].value}`);
  assert.ok(Number(q[4]) >= 100, told);
  assert.match(told, /Cross-entropy: the cost fell from [\d.]+ to [\d.]+ over 300 epochs, from the start\./);
  assert.equal(await page.$eval('#ex-a .nndl-status', (s) => s.getAttribute('aria-live') ?? s.getAttribute('role')), 'polite');
  // The same words are the chart's: in the accessibility tree, where a screen reader reads them.
  const label = await page.getAttribute('#ex-a canvas', 'aria-label');
  assert.ok(label.includes(q[0]), label);
  if (page.locator && page.locator('#ex-a canvas').ariaSnapshot) {
    const tree = await page.locator('#ex-a canvas').ariaSnapshot();
    assert.ok(tree.includes('img') && tree.includes('it stayed above'), tree);
  }
  assert.deepEqual(await problems(), []);
});

test('a link to an explorer’s settings brings it into view with the focus on it, on opening the page and when followed within it', async () => {
  // The chapter page, at a laptop's size: the explorer is thousands of pixels down.
  const size = { viewport: { width: 1280, height: 800 } };
  const { page, problems } = await open('/index.html#explorer:y=0.3;view=surface', size);
  await page.waitForSelector('#explorer[data-state="ready"]');
  const seen = () =>
    page.evaluate(() => {
      const r = document.getElementById('explorer').getBoundingClientRect();
      return { top: r.top, y: window.scrollY, focused: document.activeElement?.id ?? null, height: innerHeight };
    });
  await page.waitForFunction(() => document.activeElement?.id === 'explorer');
  let s = await seen();
  assert.ok(s.y > 1500 && s.top >= -1 && s.top < s.height / 2, JSON.stringify(s));
  assert.equal(await page.getAttribute('#explorer [aria-pressed="true"]', 'data-value'), 'surface');
  // Back at the top, a link within the page to other settings: there again.
  await page.evaluate(() => {
    document.activeElement.blur();
    window.scrollTo(0, 0);
    location.hash = 'explorer:view=speed';
  });
  await page.waitForFunction(() => document.querySelector('#explorer [aria-pressed="true"]')?.dataset.value === 'speed');
  await page.waitForFunction(() => document.activeElement?.id === 'explorer');
  s = await seen();
  assert.ok(s.y > 1500 && s.top >= -1 && s.top < s.height / 2, JSON.stringify(s));
  assert.deepEqual(await problems(), []);
});
