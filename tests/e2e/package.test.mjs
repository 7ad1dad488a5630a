// The npm package, as an author with a bundler uses it: `npm pack` here, the tarball installed
// into a scratch Vite project that imports the module (mount, and the tags), `vite build`, and
// the built site served under the strict CSP: every kind works, MNIST's worker too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, out, readouts, root, serve, waitForReadout } from './harness.mjs';

const env = { server: null, browser: null, dir: null };

const INDEX = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A course page built with Vite</title>
<link rel="icon" href="data:,">
<script type="module" src="/main.js"></script>
</head>
<body>
<h1>A course page built with Vite</h1>
<nndl-neuron id="n" preset="saturation2" epochs="30" speed="600"></nndl-neuron>
<div id="ex"></div>
<nndl-network id="net" epochs="5" speed="600"></nndl-network>
<nndl-mnist id="m" data-hidden="10" epochs="1" data="small"></nndl-mnist>
</body>
</html>
`;

// What README tells a Vite user to write: import the module (its tags are defined on import) and
// mount() elements added later.
const MAIN = `import { mount } from 'nndl-widgets';

const ex = document.getElementById('ex');
ex.dataset.nndl = 'explorer';
ex.dataset.view = 'speed';
mount(ex).then(() => (document.documentElement.dataset.mounted = 'true'));
`;

// The MNIST worker loads its wasm with dynamic imports: a module worker.
const CONFIG = `export default { worker: { format: 'es' } };\n`;

before(async () => {
  env.dir = mkdtempSync(join(tmpdir(), 'nndl-package-'));
  const quiet = { stdio: ['ignore', 'pipe', 'inherit'] };
  // The modules are built (make test builds them first): packed as they are, without prepack's
  // rebuild.
  const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', env.dir], { cwd: root, ...quiet })
    .toString()
    .trim()
    .split('\n')
    .pop();
  const project = join(env.dir, 'course');
  mkdirSync(join(project, 'public', 'data'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'course', private: true, type: 'module' }));
  writeFileSync(join(project, 'index.html'), INDEX);
  writeFileSync(join(project, 'main.js'), MAIN);
  writeFileSync(join(project, 'vite.config.js'), CONFIG);
  // The served digits, where the worker looks for them: data/mnist/ beside the built pages.
  cpSync(join(root, 'data', 'mnist', 'small'), join(project, 'public', 'data', 'mnist', 'small'), { recursive: true });
  // The tarball has no dependencies: nothing is fetched.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(env.dir, tarball)], {
    cwd: project,
    ...quiet,
  });
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: project,
    ...quiet,
  });
  env.server = await serve(join(project, 'dist'));
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  env.server?.stop();
  if (env.dir) rmSync(env.dir, { recursive: true, force: true });
});

test('npm pack gives an installable package whose Vite build works under the strict CSP: tags, mount() and the MNIST worker', async () => {
  const built = readdirSync(join(env.dir, 'course', 'dist', 'assets'));
  // The bundler carried the modules' wasm into the build (the neuron's, the worker's, …).
  assert.ok(built.filter((f) => f.endsWith('.wasm')).length >= 6, built.join(' '));
  const { page, problems, close } = await openPage(env.browser, `${env.server.url}/index.html`, { viewport: { width: 1000, height: 3000 } });
  await page.waitForSelector('html[data-mounted="true"]');
  for (const id of ['n', 'ex', 'net', 'm']) await page.waitForSelector(`#${id}[data-state="ready"]`);
  await page.click('#n [data-action="run"]');
  await page.click('#net [data-action="run"]');
  await page.click('#ex [data-action="run"]');
  await page.click('#m [data-action="run"]');
  await page.waitForSelector('#n[data-state="finished"]', { timeout: 60000 });
  assert.equal((await readouts(page, 'n')).epoch.value, 30);
  await page.waitForSelector('#net[data-state="finished"]', { timeout: 60000 });
  await waitForReadout(page, 'ex', 'quadratic.epoch', ['>=', 1]);
  await page.waitForSelector('#m[data-state="finished"]', { timeout: 120000 });
  await page.screenshot({ path: join(out, 'package-vite.png') });
  assert.deepEqual(await problems(), []);
  await close();
});
