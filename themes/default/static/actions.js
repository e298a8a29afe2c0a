// The brief page's "Copy link" and "Print" buttons: hidden until this runs,
// so a reader without JavaScript sees no button that does nothing. What a
// button says after copying comes from the page, in its language
// (data-copied, data-copy-failed); English only for a template without them.
for (const b of document.querySelectorAll('[data-copy],[data-print]')) {
  b.hidden = false;
  b.addEventListener('click', () => {
    if (b.dataset.copy === undefined) { window.print(); return; }
    navigator.clipboard.writeText(b.dataset.copy).then(
      () => { b.textContent = b.dataset.copied || 'Link copied'; },
      () => { b.textContent = b.dataset.copyFailed || 'Copy failed'; });
  });
}
