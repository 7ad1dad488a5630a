// The chapter pages' equations: every element with a data-tex attribute is typeset by KaTeX,
// served from this site (vendor/katex, copied from the npm package by scripts/setup.sh and loaded
// by the script tag before this one).
for (const el of document.querySelectorAll('[data-tex]')) {
  window.katex.render(el.dataset.tex, el, {
    displayMode: el.classList.contains('display'),
    throwOnError: false,
  });
}
