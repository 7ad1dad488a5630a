// Test-only, never in a shipped page: scripts/serve.py puts this first in every page's <head>
// when the end-to-end tests start it (NNDL_TEST_PROBE). It records what a reader's console would
// show as a problem, for every engine alike, and above all for WebKitGTK, whose WebDriver reports
// no console: uncaught errors, rejected promises, console.error, resources that failed to load,
// Content-Security-Policy violations and requests to other origins. The harness reads
// window.__nndlProblems.
(() => {
  const problems = [];
  window.__nndlProblems = problems;
  const text = (v) => (v instanceof Error ? `${v.name}: ${v.message}` : typeof v === 'string' ? v : String(v));
  // Capture phase: a failed <script>, <link> or <img> fires an error event that does not bubble.
  window.addEventListener(
    'error',
    (e) => {
      if (e.target && e.target !== window && (e.target.src || e.target.href)) {
        problems.push(`failed to load: ${e.target.src || e.target.href}`);
      } else {
        problems.push(`page error: ${e.message || text(e.error)}`);
      }
    },
    true,
  );
  window.addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${text(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) =>
    problems.push(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
  );
  const error = console.error;
  console.error = (...args) => {
    problems.push(`console: ${args.map(text).join(' ')}`);
    error.apply(console, args);
  };
  // Every resource the page loads, including those loaded before this ran (buffered).
  new PerformanceObserver((list) => {
    for (const r of list.getEntries()) {
      if (!/^(data|blob):/.test(r.name) && new URL(r.name).origin !== location.origin) {
        problems.push(`request off the origin: ${r.name}`);
      }
    }
  }).observe({ type: 'resource', buffered: true });
})();
