// `make bench` (or `node scripts/memory.mjs` alone): what a reader's large files cost the browser.
// The MNIST widget is given the sets a careless or hostile reader might give it, and the browser's
// memory is read from /proc: the proportional set size (PSS) of every process the test browser
// runs, its peak while the widget reads the set, and what remains once the widget has answered
// (two seconds later). NNDL_ENGINE=firefox measures Firefox instead.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, ftruncateSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { engine, launch, openPage, root, serve } from '../tests/e2e/harness.mjs';

const MiB = 1024 * 1024;

/** The PSS of every process descended from this one (the browsers and their drivers, not the
 *  test server), in bytes. */
function pss() {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p)) if (p === process.pid) return pid !== process.pid;
    return false;
  };
  let total = 0;
  for (const pid of parent.keys()) {
    if (!ours(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('python')) continue; // the server
    } catch {
      continue;
    }
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The peak PSS while `f` runs, sampled every 50 ms, and the PSS two seconds after it ends. */
async function measured(f) {
  let peak = pss();
  const timer = setInterval(() => (peak = Math.max(peak, pss())), 50);
  try {
    await f();
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    clearInterval(timer);
  }
  const after = pss();
  return { peak: Math.max(peak, after), after };
}

// The files: valid IDX headers, blank images. Plain files are sparse (no disk, no page cache).
const dir = join(root, 'target', 'memory');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const header = (dims) => {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h.writeUInt32BE(0x800 | dims.length, 0);
  dims.forEach((d, i) => h.writeUInt32BE(d, 4 + 4 * i));
  return h;
};
const bytesOf = (dims) => dims.reduce((a, b) => a * b, 1);
const plain = (name, dims, size = header(dims).length + bytesOf(dims)) => {
  const file = join(dir, name);
  const fd = openSync(file, 'w');
  writeSync(fd, header(dims));
  ftruncateSync(fd, size);
  closeSync(fd);
  return file;
};
const gzipped = (name, dims, claim = null) => {
  const body = gzipSync(Buffer.concat([header(dims), Buffer.alloc(bytesOf(dims))]), { level: 9 });
  if (claim !== null) body.writeUInt32LE(claim, body.length - 4);
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
};
const sets = [
  ['four plain files of 512 MB each (valid headers)', 'failed', () => [
    plain('a-train-images', [4, 28, 28], 512 * MiB),
    plain('a-train-labels', [4], 512 * MiB),
    plain('a-test-images', [4, 28, 28], 512 * MiB),
    plain('a-test-labels', [4], 512 * MiB),
  ]],
  ['two plain images files of 1 GB each, two small labels files', 'failed', () => [
    plain('b-train-images', [1300000, 28, 28]),
    plain('b-train-labels', [1300000]),
    plain('b-test-images', [1300000, 28, 28]),
    plain('b-test-labels', [10000]),
  ]],
  ['a gzip bomb: 374 KB that inflate to 384 MB', 'failed', () => [
    gzipped('c-train-images.gz', [250000, 28, 28]),
    gzipped('c-train-labels.gz', [250000]),
    gzipped('c-test-images.gz', [240000, 28, 28]),
    gzipped('c-test-labels.gz', [240000]),
  ]],
  ['a gzip bomb whose trailer claims 1 KB (313 MB inflated)', 'failed', () => [
    gzipped('d-train-images.gz', [400000, 28, 28], 1024),
    gzipped('d-train-labels.gz', [400000]),
    gzipped('d-test-images.gz', [10000, 28, 28]),
    gzipped('d-test-labels.gz', [10000]),
  ]],
  ["EMNIST's size, accepted: 240,000 + 40,000 digits (220 MB), then a run of one epoch", 'run', () => [
    plain('e-train-images', [240000, 28, 28]),
    plain('e-train-labels', [240000]),
    plain('e-test-images', [40000, 28, 28]),
    plain('e-test-labels', [40000]),
  ]],
];

const server = await serve(root);
const browser = await launch();
const rows = [];
const mib = (n) => `${(n / MiB).toFixed(0)} MiB`;
try {
  const { page, close } = await openPage(browser, `${server.url}/tests/e2e/fixtures/mnist.html`);
  await page.waitForSelector('#digits[data-state="ready"]');
  await new Promise((r) => setTimeout(r, 2000));
  const start = pss();
  rows.push(['the page, one MNIST widget ready', '', mib(start), '']);
  const state = () => page.getAttribute('#digits', 'data-state');
  const said = () => page.innerText('#digits [role="alert"]').catch(() => '');
  for (const [what, expect, make] of sets) {
    const files = make();
    await page.evaluate(() => {
      document.querySelector('#digits [role="alert"]').textContent = '';
    });
    let note = '';
    const m = await measured(async () => {
      await page.setInputFiles('#digits input[data-files]', files);
      if (expect === 'failed') {
        await page.waitForFunction(() => document.querySelector('#digits [role="alert"]').textContent.trim() !== '', null, { timeout: 120000 });
        note = (await said()).slice(0, 90);
      } else {
        await page.waitForSelector('#digits [data-control="data"][data-value="served"]:not([hidden])', { timeout: 120000 });
        await page.click('#digits [data-action="run"]');
        await page.waitForSelector('#digits[data-state="finished"]', { timeout: 300000 });
        note = `${await state()}, the files kept for the next run`;
      }
    });
    rows.push([what, mib(m.peak), mib(m.after), note]);
    if (expect === 'run') {
      const back = await measured(() => page.click('#digits [data-control="data"][data-value="served"]'));
      rows.push(['… then "Back to the served digits"', mib(back.peak), mib(back.after), '']);
    }
  }
  const served = await measured(async () => {
    await page.click('#digits [data-action="run"]');
    await page.waitForSelector('#digits[data-state="finished"]', { timeout: 300000 });
  });
  rows.push(['a run of the served small set, finished', mib(served.peak), mib(served.after), '']);
  await close();
} finally {
  await browser.close();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const head = ['what the reader gives', 'peak', 'after', 'the widget says'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`Memory of the test browser (${engine}), PSS of all its processes:\n`);
console.log([line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
