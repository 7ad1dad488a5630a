// The configurator page (configure.html), as a course author uses it: pick a kind, set options with
// its controls, watch the preview, and paste the HTML it gives into a page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { openPage, out, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();

async function configurator() {
  const opened = await openPage(env.browser, `${env.server.url}/configure.html`, { viewport: { width: 1280, height: 1200 } });
  await opened.page.waitForSelector('html[data-ready="true"]').catch(async (err) => {
    throw new Error(`${err.message}; the page says: ${(await opened.problems()).join('; ')}`);
  });
  return opened;
}

/** The widget, and its alert's text if it shows one, once it has mounted (one whose options were
 *  refused has no state, only its alert). */
async function widgetIn(page, selector) {
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    return Boolean(el && (el.dataset.state || el.querySelector('[role="alert"]:not([hidden])')));
  }, selector);
  return page.$eval(selector, (el) => {
    const alert = el.querySelector('[role="alert"]:not([hidden])');
    return { state: el.dataset.state, alert: alert ? alert.textContent : null };
  });
}

for (const kind of ['neuron', 'explorer', 'network', 'mnist']) {
  test(`configurator, ${kind}: a control per option the widgets know, and every value they give is one the widget takes, in the preview and pasted into a page in both forms`, async () => {
    const { page, problems } = await configurator();
    await page.selectOption('#kind', kind);
    // The rows are the widgets' own table (read off the options' parser; a native test checks it).
    const table = await page.evaluate(async (k) => {
      const m = await import('/pkg/nndl_widgets.js');
      return m.optionTable(k);
    }, kind);
    const rows = await page.$$eval('#kind-options [data-option]', (els) => els.map((e) => e.dataset.option));
    assert.deepEqual(rows, table.map((o) => o.name));
    // A value other than the default for every option: the last choice, the largest number, some
    // words, the first item of a list.
    const given = await page.evaluate((options) => {
      const given = {};
      for (const o of options) {
        const a = o.accepts;
        if (a.type === 'list-of') {
          const box = document.querySelector(`input[name="${o.name}"][value="${a.values[0]}"]`);
          box.checked = true;
          box.dispatchEvent(new Event('change', { bubbles: true }));
          given[o.name] = a.values[0];
          continue;
        }
        const value = a.type === 'one-of' ? a.values[a.values.length - 1] : a.type === 'number' ? String(a.max) : 'Our words';
        const input = document.getElementById(`opt-${o.name}`);
        input.value = value;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        given[o.name] = value;
      }
      return given;
    }, table);
    const preview = await widgetIn(page, `#preview nndl-${kind}`);
    assert.equal(preview.alert, null, `the preview refused ${JSON.stringify(given)}: ${preview.alert}`);
    // The language chosen (the last, zh) is the preview's: its Run button speaks Chinese.
    assert.equal(given.lang, 'zh');
    assert.match(await page.$eval(`#preview nndl-${kind}`, (el) => el.getAttribute('lang')), /^zh/);
    assert.match(await page.innerText(`#preview nndl-${kind} [data-action="run"]`), /[\u4e00-\u9fff]/);
    const tag = await page.innerText('#snippet-tag');
    const div = await page.innerText('#snippet-div');
    for (const [name, value] of Object.entries(given)) {
      const onTag = name === 'hidden' ? 'data-hidden' : name;
      assert.ok(tag.includes(` ${onTag}="${value}"`), `${name} in ${tag}`);
      assert.ok(div.includes(` data-${name}="${value}"`), `${name} in ${div}`);
    }
    await page.screenshot({ path: join(out, `configure-${kind}.png`) });
    assert.deepEqual(await problems(), []);

    // Pasted into a course page, both forms give the same widget, without an alert.
    const course = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/blank.html`);
    // Once the page's own copy of the module has run (WebKit once threw from a module imported
    // while the page's script tag was still loading it).
    await course.page.waitForFunction(() => Boolean(customElements.get('nndl-neuron')));
    const pasted = await course.page.evaluate(
      async ([t, d]) => {
        const { mount } = await import('/www/nndl-widgets.js');
        const main = document.getElementById('course');
        main.insertAdjacentHTML('beforeend', t.replace(/^<nndl-(\w+)/, '<nndl-$1 id="as-tag"'));
        main.insertAdjacentHTML('beforeend', d.replace(/^<div/, '<div id="as-div"'));
        await mount(document.getElementById('as-div'));
        await mount(document.getElementById('as-tag'));
        const words = (id) => {
          const el = document.getElementById(id);
          const alert = el.querySelector('[role="alert"]:not([hidden])');
          // What the widget shows, its buttons and readouts, without its id-made names.
          return {
            state: el.dataset.state,
            alert: alert ? alert.textContent : null,
            text: el.innerText.replace(/\s+/g, ' ').trim(),
          };
        };
        return [words('as-tag'), words('as-div')];
      },
      [tag, div],
    );
    assert.equal(pasted[0].alert, null, pasted[0].alert);
    assert.deepEqual(pasted[0], pasted[1]);
    assert.deepEqual(await course.problems(), []);
  });
}

test('configurator: a refused value shows the widget’s own message; colours apply to the preview; the explorer’s shared link opens the page at its settings', async () => {
  const { page, problems } = await configurator();
  await page.selectOption('#kind', 'explorer');
  // Typed, as an author would.
  await page.click('#element-id');
  await page.keyboard.type('race');
  await page.keyboard.press('Enter');
  await page.click('#opt-w');
  await page.keyboard.type('zz');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Boolean(document.querySelector('#preview [role="alert"]:not([hidden])')));
  const refused = await widgetIn(page, '#preview #race');
  assert.match(refused.alert, /w="zz": not a number/, refused.alert);
  await page.click('#opt-w');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.selectOption('#opt-view', 'surface');
  await page.selectOption('#opt-rule', 'published');
  await page.click('#opt-label-rule-published');
  await page.keyboard.type('as on the site');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#preview #race [aria-pressed="true"]')?.dataset.value === 'surface');
  const fixed = await widgetIn(page, '#preview #race');
  assert.equal(fixed.alert, null);
  assert.equal(
    await page.$eval('#preview #race select[data-control="rule"]', (s) => s.selectedOptions[0].textContent),
    'as on the site',
  );
  // A colour picked is a colour used, in the preview and in the CSS to copy.
  await page.evaluate(() => {
    const c = document.getElementById('colour--nndl-accent');
    c.value = '#7b2d8e';
    c.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.equal(await page.isChecked('#use--nndl-accent'), true);
  const run = await page.$eval('#preview #race [data-action="run"]', (b) => getComputedStyle(b).backgroundColor);
  assert.equal(run, 'rgb(123, 45, 142)');
  assert.match(await page.innerText('#snippet-css'), /#race \{\s+--nndl-accent: #7b2d8e;\s+\}/);
  const link = await page.innerText('#snippet-link');
  assert.equal(link, '#race:rule=published;w=1;view=surface');
  await page.screenshot({ path: join(out, 'configure-explorer-link.png') });
  assert.deepEqual(await problems(), []);

  // A course page opened with the link shows its explorer (with none of these options) at those
  // settings.
  const course = await openPage(env.browser, `${env.server.url}/tests/e2e/fixtures/blank.html${link}`);
  await course.page.waitForFunction(() => Boolean(customElements.get('nndl-explorer')));
  await course.page.evaluate(() => document.getElementById('course').insertAdjacentHTML('beforeend', '<nndl-explorer id="race"></nndl-explorer>'));
  await course.page.waitForSelector('#race[data-state="ready"]');
  assert.equal(await course.page.getAttribute('#race [aria-pressed="true"]', 'data-value'), 'surface');
  assert.equal(await course.page.getAttribute('#race [data-readout="quadratic.w"]', 'data-value'), '1');
  assert.deepEqual(await course.problems(), []);
});
