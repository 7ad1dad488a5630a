// `make bench`: one table of figures from this machine, printed and saved under target/bench/.
// Medians of repeated runs; speeds compared as ratios taken in the same run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, openPage, root, serve } from '../tests/e2e/harness.mjs';

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const sum = (v) => v.reduce((a, b) => a + b, 0);
const rows = [];
const row = (what, figure, note = '') => rows.push([what, figure, note]);

const loadOnly = process.argv.includes('--load');
const native = loadOnly
  ? null
  : JSON.parse(execFileSync('cargo', ['run', '-q', '--release', '--bin', 'bench'], { cwd: root, encoding: 'utf8' }));
// The Python baselines and the arithmetic floor, one thread, with this machine's OpenBLAS
// overrides lifted (they slow a current NumPy; the JSON names the kernel OpenBLAS picked instead);
// null where NumPy or the data is missing.
const pythonEnv = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
delete pythonEnv.OPENBLAS_CORETYPE;
delete pythonEnv.OPENBLAS_L2_SIZE;
const baselines = (arg) =>
  JSON.parse(execFileSync('python3', [join(root, 'scripts/baselines.py'), arg], { env: pythonEnv, encoding: 'utf8' }));
let python = null;
if (!loadOnly) try {
  python = baselines(join(root, 'target/mnist'));
} catch (err) {
  console.error(`bench: no Python baselines (${err.message.split('\n')[0]})`);
}
// The floor again, for the MNIST figures to be compared with one measured next to them.
const floor = () => {
  try {
    return baselines('floor');
  } catch {
    return null;
  }
};

/** One cold load of `url`: { ready (ms from navigation until every widget has a data-state),
 *  shift (the page's layout shift until a second after that), bodies (every response's type, URL,
 *  raw and gzipped size) }. */
async function coldLoad(browser, url) {
  const { page, close } = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.addInitScript(() => {
    const load = (window.__nndlLoad = { ready: null, shift: 0 });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) load.shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // Checked as each widget's state is first set: the page's elements are all parsed by then,
    // since the shell is a module script.
    const seen = new MutationObserver(() => {
      const all = document.querySelectorAll('[data-nndl]');
      if (all.length && Array.from(all).every((el) => el.hasAttribute('data-state'))) {
        load.ready = performance.now();
        seen.disconnect();
      }
    });
    seen.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  const bodies = [];
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      const ext = r.url().split('?')[0].split('.').pop();
      const type = { wasm: 'wasm', js: 'JS', mjs: 'JS', css: 'CSS', woff2: 'fonts', html: 'HTML' }[ext] || ext;
      bodies.push({ url: r.url(), type, raw: body.length, gz: gzipSync(body, { level: 9 }).length });
    } catch {
      // Redirects and the like have no body.
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__nndlLoad.ready !== null, null, { timeout: 30000 });
  await page.waitForTimeout(1000);
  await page.waitForLoadState('networkidle');
  const { ready, shift } = await page.evaluate(() => window.__nndlLoad);
  await close();
  return { ready, shift, bodies };
}

// NNDL_BENCH_ROOT: another checkout to serve (say, an older build, to compare in one run).
const site = process.env.NNDL_BENCH_ROOT || root;
const server = await serve(site);
const browser = await launch();
try {
  // Load. Each module's size, as served and gzipped.
  if (existsSync(join(site, 'pkg/kinds.js'))) {
    const { default: kinds } = await import(pathToFileURL(join(site, 'pkg/kinds.js')).href);
    const files = kinds.map((m) => [m.kinds.join(' + '), join(site, 'pkg', m.wasm)]);
    files.push(['MNIST worker', join(site, 'pkg-worker/nndl_widgets_bg.wasm')]);
    for (const [kind, file] of files) {
      const body = readFileSync(file);
      row(`load: ${kind} module`, `${kb(body.length)} raw, ${kb(gzipSync(body, { level: 9 }).length)} gzip`, relative(site, file));
    }
  }
  // Load. Cold loads of three pages (a fresh browser context each, and the server sends no-store):
  // the time from navigation until every widget on the page has its first state (ready, or
  // failed for embed.html's deliberately bad one), the layout shift until then and a second
  // after, and every byte fetched meanwhile (the chapter page's by type).
  for (const [path, what, byType] of [
    ['tests/e2e/fixtures/two-neurons.html', 'two-neuron page', false],
    ['embed.html', 'embed.html', false],
    ['index.html', 'chapter page', true],
  ]) {
    const loads = [];
    for (let i = 0; i < 5; i++) loads.push(await coldLoad(browser, `${server.url}/${path}`));
    const ready = loads.map((l) => l.ready);
    const shift = loads.map((l) => l.shift);
    const last = loads.at(-1);
    row(
      `load: ${what}, navigation to every widget ready`,
      `${median(ready).toFixed(0)} ms`,
      `median of 5 cold loads (${ready.map((t) => t.toFixed(0)).join(', ')}); machine load ${loadavg()[0].toFixed(1)}`,
    );
    row(`load: ${what}, layout shift`, median(shift).toFixed(4), `median; largest ${Math.max(...shift).toFixed(4)}`);
    const wasm = last.bodies.filter((b) => b.type === 'wasm');
    row(
      `load: ${what}, wasm fetched`,
      `${kb(sum(wasm.map((b) => b.raw)))} raw, ${kb(sum(wasm.map((b) => b.gz)))} gzip`,
      wasm.map((b) => b.url.replace(server.url, '')).join(', '),
    );
    if (byType) {
      const types = {};
      for (const b of last.bodies) {
        types[b.type] ??= { raw: 0, gz: 0, n: 0 };
        types[b.type].raw += b.raw;
        types[b.type].gz += b.gz;
        types[b.type].n += 1;
      }
      for (const [type, t] of Object.entries(types)) {
        row(`load: ${what}, ${type} (${t.n} file${t.n > 1 ? 's' : ''})`, `${kb(t.raw)} raw, ${kb(t.gz)} gzip`);
      }
    }
    row(
      `load: ${what} in all`,
      `${kb(sum(last.bodies.map((b) => b.raw)))} raw, ${kb(sum(last.bodies.map((b) => b.gz)))} gzip`,
      'until the network is idle',
    );
  }

  // `node scripts/bench.mjs --load`: the load figures alone.
  if (!loadOnly) {
    // Training speed, the same code natively and as wasm.
    {
      const { page, close } = await openPage(browser, `${server.url}/index.html`);
      await page.waitForSelector('[data-nndl][data-state]');
      const wasm = await page.evaluate(async () => {
        const m = await import('/pkg-bench/nndl_widgets.js');
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
      await close();
    }

    // MNIST: seconds per epoch of [784, 30, 10] over 50,000 images, batch 10, natively and in the
    // browser, each next to a measurement of the arithmetic floor (the epoch's FLOP at
    // single-core sgemm speed, scripts/baselines.py): the machine's speed varies from minute to
    // minute, the ratios much less. The worker's two builds are timed when both are served:
    // pkg-worker (simd128) and pkg-worker-relaxed (relaxed SIMD, fused multiply-adds).
    {
      const floors = [floor()];
      const nativeRun = (kernels) =>
        JSON.parse(
          execFileSync('cargo', ['run', '-q', '--release', '--bin', 'bench', '--', 'mnist'], {
            cwd: root,
            encoding: 'utf8',
            env: { ...process.env, NNDL_KERNELS: kernels },
          }),
        );
      const nativeMnist = nativeRun('');
      floors.push(floor());
      // What each step of vectorisation buys natively: the slower builds of the same kernels,
      // picked by NNDL_KERNELS (one that this CPU cannot run falls back to the fastest).
      const slower = [];
      for (const kernels of ['avx2', 'sse2', 'scalar']) {
        const r = nativeRun(kernels);
        if (r.mnist_kernels !== nativeMnist.mnist_kernels && !slower.some((s) => s.mnist_kernels === r.mnist_kernels)) slower.push(r);
      }
      floors.push(floor());
      const { page, close } = await openPage(browser, `${server.url}/index.html`);
      await page.waitForSelector('[data-nndl][data-state]');
      const wasm = await page.evaluate(async () => {
        const inflate = async (url) => {
          const body = (await fetch(url)).body.pipeThrough(new DecompressionStream('gzip'));
          return new Uint8Array(await new Response(body).arrayBuffer());
        };
        const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
        const files = await Promise.all(names.map((n) => inflate(`/data/mnist/full/${n}.gz`)));
        const config = { hidden: 30, cost: 'cross-entropy', eta: 0.5, lambda: 0, batch: 10, epochs: 1, init: 'large', data: 'full', seed: 1 };
        // What the worker's loader chooses by.
        const { relaxedSimd: relaxed } = await import('/www/relaxed-simd.js');
        const out = { relaxed_supported: relaxed };
        for (const build of ['pkg-worker', 'pkg-worker-relaxed']) {
          let m;
          try {
            m = await import(`/${build}/nndl_widgets.js`);
            await m.default();
          } catch {
            continue; // not built
          }
          const times = [];
          for (let i = 0; i < 5; i++) {
            const job = new m.MnistJob(1, config, ...files);
            const t = performance.now();
            job.train(1e9); // to the end of the epoch
            times.push((performance.now() - t) / 1000);
            job.free();
          }
          times.sort((a, b) => a - b);
          out[build] = { median: times[2], best: times[0] };
        }
        return out;
      });
      floors.push(floor());
      await close();
      const measured = floors.filter(Boolean);
      const f = measured.length ? median(measured.map((x) => x.floor_seconds)) : null;
      const ratio = (s) => (f ? `${(s / f).toFixed(2)}× the floor` : 'no floor (NumPy missing)');
      const spread = measured.map((x) => x.floor_seconds.toFixed(3)).join(', ');
      if (f) {
        const blas = measured[0].blas.map((b) => `${b.internal_api} ${b.version} ${b.architecture}, ${b.num_threads} thread`).join('; ');
        row(
          `MNIST epoch: arithmetic floor, ${(measured[0].epoch_flop / 1e9).toFixed(2)} GFLOP at single-core sgemm speed`,
          `${f.toFixed(3)} s`,
          `median of ${measured.length} (${spread} s), sgemm ${median(measured.map((x) => x.sgemm_gflops)).toFixed(1)} GFLOP/s (${blas})`,
        );
      }
      const n = nativeMnist.mnist_epoch_seconds;
      if (n !== null) {
        row(`MNIST [784,30,10] epoch, 50,000 images, batch 10: native (${nativeMnist.mnist_kernels})`, `${n.toFixed(3)} s`, `${ratio(n)}; best of 5 ${nativeMnist.mnist_epoch_seconds_best.toFixed(3)} s`);
        for (const r of slower) {
          const s = r.mnist_epoch_seconds;
          row(`MNIST epoch, native with the ${r.mnist_kernels} kernels`, `${s.toFixed(3)} s`, `${ratio(s)}; ${(s / n).toFixed(2)}× the ${nativeMnist.mnist_kernels} build`);
        }
      }
      for (const build of ['pkg-worker', 'pkg-worker-relaxed']) {
        const w = wasm[build];
        if (!w) continue;
        const what = build === 'pkg-worker' ? 'wasm simd128' : 'wasm relaxed SIMD';
        row(
          `MNIST [784,30,10] epoch, 50,000 images, batch 10: ${what}`,
          `${w.median.toFixed(3)} s`,
          `${ratio(w.median)}; best of 5 ${w.best.toFixed(3)} s${n === null ? '' : `; wasm / native = ${(w.median / n).toFixed(2)}`}`,
        );
      }
      row('MNIST: this browser validates relaxed SIMD', String(wasm.relaxed_supported));
      if (python) {
        row('MNIST epoch: network2.py-style, per example (Python)', `${python.network2.toFixed(2)} s`, ratio(python.network2));
        row(`MNIST epoch: NumPy ${python.numpy_version}, float32 mini-batches`, `${python.numpy.toFixed(3)} s`, ratio(python.numpy));
      }
      row('machine load while measuring (1-minute load average, cores)', `${loadavg()[0].toFixed(2)}, ${cpus().length}`);
    }

    // Frame budget: the four chapter demos running at once.
    {
      const { page, close } = await openPage(browser, `${server.url}/index.html`, { viewport: { width: 1000, height: 3400 } });
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
      await close();
    }

    // Frame budget: the explorer running alone, in each of its views (the chapter page's, at 60
    // epochs a second, its default).
    {
      const { page, close } = await openPage(browser, `${server.url}/index.html`, { viewport: { width: 1000, height: 3400 } });
      await page.waitForSelector('#explorer[data-state]');
      await page.locator('#explorer').scrollIntoViewIfNeeded();
      for (const view of ['race', 'speed', 'surface', 'sigma']) {
        await page.click(`#explorer [data-control="view"][data-value="${view}"]`);
        await page.click('#explorer [data-action="run"]');
        await page.waitForTimeout(2000);
        // The last 100 frames: all of them with the explorer running (its run lasts 5 s).
        const times = (await page.evaluate(async () => (await import('/www/nndl-widgets.js')).frameTimes())).slice(-100);
        const budget = 1000 / 60;
        row(
          `frame work, the explorer running, ${view} view: p50 / p95`,
          `${median(times).toFixed(2)} / ${pct(times, 0.95).toFixed(2)} ms`,
          `${((100 * pct(times, 0.95)) / budget).toFixed(0)}% of a 16.7 ms frame at p95`,
        );
      }
      await close();
    }
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
