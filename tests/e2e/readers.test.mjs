// The chapter page as its readers meet it: on a phone's touch screen, in the dark, printed, and in
// both languages at a phone's and a laptop's width.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPage, out, serverAndBrowser, skipOn } from './harness.mjs';

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
    const targets = [...document.querySelectorAll('.nndl button, .nndl select, .nndl input, .nndl label.nndl-button, .lang-switch a')].filter(shown);
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
