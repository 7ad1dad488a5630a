// `make bench`: one table of figures from this machine, printed and saved under target/bench/.
// Medians of repeated runs; speeds compared as ratios taken in the same run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, openPage, root, serve } from '../tests/e2e/harness.mjs';

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = [];
const row = (what, figure, note = '') => rows.push([what, figure, note]);

const native = JSON.parse(
  execFileSync('cargo', ['run', '-q', '--release', '--bin', 'bench'], { cwd: root, encoding: 'utf8' }),
);

const server = await serve();
const browser = await launch();
try {
  // Load: every byte the chapter page fetches, and the time to the first drawn widget.
  {
    const { page, context } = await openPage(browser, 'about:blank');
    const bodies = [];
    page.on('response', async (r) => {
      try {
        bodies.push({ url: r.url(), body: await r.body() });
      } catch {
        // Redirects and the like have no body.
      }
    });
    const t0 = Date.now();
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => document.querySelector('[data-nndl][data-state]'), null, { polling: 'raf' });
    const firstWidget = await page.evaluate(() => performance.now());
    await page.waitForLoadState('networkidle');
    const kinds = {};
    for (const { url, body } of bodies) {
      const ext = url.split('?')[0].split('.').pop();
      const kind = { wasm: 'wasm', js: 'JS', mjs: 'JS', css: 'CSS', woff2: 'fonts', html: 'HTML' }[ext] || ext;
      kinds[kind] ??= { raw: 0, gz: 0, n: 0 };
      kinds[kind].raw += body.length;
      kinds[kind].gz += gzipSync(body, { level: 9 }).length;
      kinds[kind].n += 1;
    }
    let raw = 0;
    let gz = 0;
    for (const [kind, k] of Object.entries(kinds)) {
      row(`load: ${kind} (${k.n} file${k.n > 1 ? 's' : ''})`, `${kb(k.raw)} raw, ${kb(k.gz)} gzip`);
      raw += k.raw;
      gz += k.gz;
    }
    row('load: chapter page in all', `${kb(raw)} raw, ${kb(gz)} gzip`, `${Date.now() - t0} ms wall clock`);
    row('load: navigation to first drawn widget', `${firstWidget.toFixed(0)} ms`, 'localhost');
    await context.close();
  }

  // Training speed, the same code natively and as wasm.
  {
    const { page, context } = await openPage(browser, `${server.url}/index.html`);
    await page.waitForSelector('[data-nndl][data-state]');
    const wasm = await page.evaluate(async () => {
      const m = await import('/pkg/nndl_widgets.js');
      await m.default();
      const epochs = 5_000_000;
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        m.bench_neuron(epochs);
        times.push((performance.now() - t) / 1000);
      }
      times.sort((a, b) => a - b);
      return epochs / times[2];
    });
    const n = native.neuron_epochs_per_second;
    row('neuron: epochs per second, native', `${(n / 1e6).toFixed(1)} M`);
    row('neuron: epochs per second, wasm', `${(wasm / 1e6).toFixed(1)} M`, `native is ${(n / wasm).toFixed(2)}× wasm`);
    await context.close();
  }

  // Frame budget: the four chapter demos running at once.
  {
    const { page, context } = await openPage(browser, `${server.url}/index.html`, { viewport: { width: 1000, height: 3400 } });
    await page.waitForSelector('#saturation4[data-state]');
    for (const id of ['saturation1', 'saturation2', 'saturation3', 'saturation4']) {
      await page.click(`#${id} [data-action="run"]`);
    }
    await page.waitForTimeout(4000);
    const times = await page.evaluate(async () => (await import('/www/nndl-widgets.js')).frameTimes());
    const budget = 1000 / 60;
    const p50 = median(times);
    const p95 = pct(times, 0.95);
    row(
      'frame work, 4 demos running: p50 / p95',
      `${p50.toFixed(2)} / ${p95.toFixed(2)} ms`,
      `${((100 * p50) / budget).toFixed(0)}% / ${((100 * p95) / budget).toFixed(0)}% of a 16.7 ms frame, ${times.length} frames`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  server.stop();
}

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const table = [
  line(['what', 'figure', 'note']),
  line(widths.map((w) => '-'.repeat(w))),
  ...rows.map(line),
].join('\n');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const dir = join(root, 'target', 'bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `bench-${stamp}.md`);
writeFileSync(file, `# make bench, ${new Date().toISOString()}\n\n${table}\n`);
console.log(table);
console.log(`\nsaved as ${file}`);
