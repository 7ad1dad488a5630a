// The MNIST widget's Web Worker: loads the digits, trains the network in slices of about 50 ms
// (so that pause and cancel are heard between them), and reports progress, each epoch's figures
// and the network's guesses to the widget. The maths is the wasm module's MnistJob.
import init, { MnistJob, sortIdxFiles } from '../pkg-worker/nndl_widgets.js';

const ready = init();
const NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
const DATA = new URL('../data/mnist/', import.meta.url);
const GRID = 100;

let job = null;
let run = 0; // bumped by every start and cancel: a slice of an older run stops itself
let paused = false;
let ownFiles = null;

// Gzipped files (the served sets, and often a reader's own) are inflated here, by the browser.
async function inflated(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: ${response.status} ${response.statusText}`);
  return inflated(new Uint8Array(await response.arrayBuffer()));
}

function slice(id) {
  if (id !== run || paused || !job) return;
  try {
    const p = job.train(50);
    postMessage({ type: 'progress', ...p });
    if (p.epochFinished) {
      postMessage({ type: 'epoch', ...job.report(GRID) });
      if (job.finished()) {
        postMessage({ type: 'done' });
        return;
      }
    }
    setTimeout(() => slice(id), 0);
  } catch (err) {
    postMessage({ type: 'error', message: err.message || String(err) });
  }
}

onmessage = async ({ data: m }) => {
  try {
    await ready;
    if (m.type === 'start') {
      const id = ++run;
      paused = false;
      const bytes =
        m.data === 'files' ? ownFiles : await Promise.all(NAMES.map((n) => fetchBytes(new URL(`${m.data}/${n}.gz`, DATA))));
      if (id !== run) return;
      job?.free();
      job = new MnistJob(m.options, ...bytes);
      postMessage({ type: 'loaded', sizes: job.sizes(), digits: job.digits(GRID) });
      slice(id);
    } else if (m.type === 'pause') {
      paused = true;
    } else if (m.type === 'resume') {
      paused = false;
      slice(run);
    } else if (m.type === 'cancel') {
      run++;
      job?.free();
      job = null;
    } else if (m.type === 'files') {
      ownFiles = sortIdxFiles(m.names, await Promise.all(m.files.map(inflated)));
      postMessage({ type: 'files', summary: m.names.join(', ') });
    }
  } catch (err) {
    postMessage({ type: 'error', message: err.message || String(err) });
  }
};
