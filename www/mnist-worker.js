// The MNIST widget's Web Worker: loads the digits, trains the network in slices of about 50 ms
// (so that pause and cancel are heard between them), and reports progress, each epoch's figures
// and the network's guesses to the widget. The maths, and every message it sends, are the wasm
// module's (MnistJob, errorMessage, filesMessage): typed in Rust, so the page words them in its
// own language.
//
// Every message about a run carries the run's number, which the widget gave it: the widget
// ignores what an earlier run was still sending.

// Two builds of the training code: with relaxed SIMD (fused multiply-adds, where the engine has
// them) and with plain simd128.
import { relaxedSimd } from './relaxed-simd.js';

// Each import written out whole, which bundlers follow into an author's build.
const wasm = relaxedSimd ? import('../pkg-worker-relaxed/nndl_widgets.js') : import('../pkg-worker/nndl_widgets.js');
let MnistJob, errorMessage, filesMessage, sortIdxFiles;
const ready = wasm.then(async (m) => {
  await m.default();
  ({ MnistJob, errorMessage, filesMessage, sortIdxFiles } = m);
});
// A build that does not load is the worker's failure, reported to the page as a static import's
// would be: an uncaught error (the page's worker.onerror).
ready.catch((err) =>
  setTimeout(() => {
    throw err;
  }),
);
const NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
// Beside the site's pages, not the package's: a bundler leaves this URL as it is.
const DATA = new URL(/* @vite-ignore */ '../data/mnist/', import.meta.url);
const GRID = 100;
/// Largest inflated file accepted: MNIST's largest is 47 MB.
const MAX_BYTES = 200 * 1024 * 1024;
/// Most a reader's four files may hold together, inflated: EMNIST's digits (280,000 images) are
/// 220 MB.
const MAX_OWN_BYTES = 256 * 1024 * 1024;

// What a file holds inflated, as far as can be told before reading it: its own size, or for
// gzip the size its trailer states (which a crafted file may understate: inflating counts again).
// Only the first two and the last four bytes are read.
async function statedSize(file) {
  const n = file.size;
  if (n < 18 || !(await isGzip(file))) return n;
  const t = new Uint8Array(await file.slice(n - 4).arrayBuffer());
  return (t[0] | (t[1] << 8) | (t[2] << 16) | (t[3] << 24)) >>> 0;
}

async function isGzip(blob) {
  const b = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  return b[0] === 0x1f && b[1] === 0x8b;
}

// A reader's files (File objects: nothing of them is in memory yet), inflated, refused before
// reading them and while inflating once they pass MAX_OWN_BYTES together.
async function ownFilesInflated(files, names) {
  const tooLarge = (total) => ({ kind: 'files-too-large', total, limit: MAX_OWN_BYTES });
  let stated = 0;
  for (const f of files) stated += await statedSize(f);
  if (stated > MAX_OWN_BYTES) throw tooLarge(stated);
  const budget = { left: MAX_OWN_BYTES, tooLarge };
  const out = [];
  for (let i = 0; i < files.length; i++) out.push(await inflated(files[i], names[i], budget));
  return out;
}

let job = null;
let run = 0; // the run under way; a slice of an older one stops itself
let paused = false;
let timer = null; // the next slice, when one is due
let ownFiles = null;

// A file (a Blob) as bytes. Gzipped files (the served sets, and often a reader's own) are
// inflated here, by the browser, as a stream: a served file up to MAX_BYTES, a reader's within
// the budget of their four.
async function inflated(blob, file, budget = null) {
  if (!(await isGzip(blob))) {
    if (budget && (budget.left -= blob.size) < 0) throw budget.tooLarge(MAX_OWN_BYTES - budget.left);
    return new Uint8Array(await blob.arrayBuffer());
  }
  const reader = blob.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      // The browser's own words for a corrupt stream would be in the browser's language.
      throw { kind: 'gzip', file };
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.length;
    if (!budget && size > MAX_BYTES) {
      reader.cancel();
      throw { kind: 'too-large', limit: MAX_BYTES };
    }
    if (budget && (budget.left -= value.length) < 0) {
      reader.cancel();
      throw budget.tooLarge(MAX_OWN_BYTES - budget.left);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw { kind: 'fetch', file: url.pathname, status: response.status };
  return inflated(await response.blob(), url.pathname);
}

// An error as the page reads it: typed when it came from the module or from this script.
function failed(id, err) {
  if (errorMessage) postMessage(errorMessage(id, err)); // else the module never loaded (above)
}

function forget() {
  clearTimeout(timer);
  timer = null;
  job?.free();
  job = null;
}

function slice(id) {
  timer = null;
  if (id !== run || paused || !job) return;
  try {
    const p = job.train(50);
    postMessage(p);
    if (p.epochFinished) {
      postMessage(job.report(GRID));
      if (job.finished()) {
        postMessage(job.done());
        forget();
        return;
      }
    }
    timer = setTimeout(() => slice(id), 0);
  } catch (err) {
    failed(id, err);
  }
}

onmessage = async ({ data: m }) => {
  try {
    await ready;
    if (m.type === 'files') {
      ownFiles = null; // an earlier set is not kept while this one is read
      ownFiles = sortIdxFiles(m.names, await ownFilesInflated(m.files, m.names));
      postMessage(filesMessage(m.names));
      return;
    }
  } catch (err) {
    failed(undefined, err);
    return;
  }
  try {
    if (m.type === 'start') {
      run = m.run;
      paused = false;
      forget();
      const id = run;
      const bytes =
        m.data === 'files' ? ownFiles : await Promise.all(NAMES.map((n) => fetchBytes(new URL(`${m.data}/${n}.gz`, DATA))));
      if (id !== run) return;
      job = new MnistJob(id, m.config, ...bytes);
      postMessage(job.loaded(GRID));
      slice(id);
    } else if (m.type === 'pause') {
      paused = true;
    } else if (m.type === 'resume') {
      paused = false;
      if (timer === null) slice(run);
    } else if (m.type === 'cancel') {
      run = -1;
      forget();
    }
  } catch (err) {
    failed(run, err);
  }
};
