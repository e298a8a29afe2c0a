// The brief page's "Copy link" and "Print" buttons: hidden until this runs,
// so a reader without JavaScript sees no button that does nothing.
for (const b of document.querySelectorAll('[data-copy],[data-print]')) {
  b.hidden = false;
  b.addEventListener('click', () => {
    if (b.dataset.copy === undefined) { window.print(); return; }
    navigator.clipboard.writeText(b.dataset.copy).then(
      () => { b.textContent = 'Link copied'; },
      () => { b.textContent = 'Copy failed'; });
  });
}
