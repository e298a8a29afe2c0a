// Every page type of the demo and the generated site, in Chromium: zero axe-core
// violations at 390, 768 and 1280 px in light and dark; no failed request (the
// favicon included) or console error; no horizontal scrolling at 320 px; the
// first Tab reaches the skip link; under print emulation the navigation and
// footer are not displayed. The generated site's base_url has the path /sub/.
export default async function ({ demo, gen, browser, lib }, checks) {
  const sites = [
    { name: 'demo', dir: demo, prefix: '/', pages: ['', 'briefs/north-korean-and-ukrainian-troops-clash/', 'kinds/flash-brief/', 'topics/russia/', 'experts/', 'experts/mark-montgomery/', 'topics/', 'about/', 'no-such-page/'] },
    { name: 'gen', dir: gen, prefix: '/sub/', pages: ['', 'page/2/', 'experts/', 'topics/', 'topics/topic-1/page/2/', 'experts/expert-1/'] },
  ];
  for (const site of sites) {
    const server = await lib.serve(site.dir, site.prefix);
    try {
      const brief = await firstBrief(browser, lib, server.base);
      for (const rel of [...site.pages, brief]) {
        const allowed = (p) => !(rel === 'no-such-page/' && p.includes('/no-such-page/'));
        for (const width of [390, 768, 1280]) {
          for (const scheme of ['light', 'dark']) {
            const page = await lib.open(browser, { width, scheme });
            const favicon = [];
            page.on('response', (r) => { if (/favicon|icon/.test(r.url())) favicon.push(r.status()); });
            await page.goto(server.base + rel, { waitUntil: 'load' });
            const where = `${site.name} /${rel} at ${width} px ${scheme}`;
            const violations = await lib.axe(page);
            checks.ok(violations.length === 0, `${where}: axe ${JSON.stringify(violations)}`);
            const problems = page.problems.filter(allowed);
            checks.ok(problems.length === 0, `${where}: ${problems.join('; ')}`);
            if (width === 390 && scheme === 'light') {
              const icon = await page.evaluate(() => document.querySelector('link[rel=icon]')?.href);
              const res = icon && await page.request.get(icon);
              checks.ok(res && res.status() === 200, `${where}: favicon ${icon} answered ${res && res.status()}`);
              checks.ok(favicon.every((s) => s === 200), `${where}: favicon requests ${favicon}`);
            }
            await page.closeAll();
          }
        }
        await narrowAndKeyboard(browser, lib, server.base + rel, `${site.name} /${rel}`, checks);
        await print(browser, lib, server.base + rel, `${site.name} /${rel}`, checks);
      }
    } finally { await server.close(); }
  }
}

/** The path of the first brief on the home page. */
async function firstBrief(browser, lib, base) {
  const page = await lib.open(browser);
  await page.goto(base);
  const href = await page.evaluate(() => document.querySelector('.card-title a').getAttribute('href'));
  await page.closeAll();
  return new URL(href, base).href.slice(base.length);
}

/** At 320 px nothing scrolls sideways, and the first Tab reaches the skip link. */
async function narrowAndKeyboard(browser, lib, url, where, checks) {
  const page = await lib.open(browser, { width: 320 });
  await page.goto(url);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  checks.ok(overflow <= 0, `${where} at 320 px: scrolls ${overflow} px sideways`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const a = document.activeElement;
    const box = a.getBoundingClientRect();
    return { cls: a.className, href: a.getAttribute('href'), visible: box.top >= 0 && box.height > 0, outline: getComputedStyle(a).outlineStyle };
  });
  checks.ok(focused.cls === 'skip-link' && focused.href === '#main', `${where}: first Tab reached ${JSON.stringify(focused)}`);
  checks.ok(focused.visible && focused.outline !== 'none', `${where}: skip link focused but not shown ${JSON.stringify(focused)}`);
  await page.closeAll();
}

/** Under print emulation the navigation and the footer are not displayed. */
async function print(browser, lib, url, where, checks) {
  const page = await lib.open(browser);
  await page.goto(url);
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => [...document.querySelectorAll('nav, footer.site-footer, .actions')]
    .filter((e) => getComputedStyle(e).display !== 'none' && !e.closest('[hidden]'))
    .filter((e) => { for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).display === 'none') return false; return true; })
    .map((e) => e.tagName + '.' + e.className));
  checks.ok(shown.length === 0, `${where} in print: still shown ${shown.join(', ')}`);
  await page.closeAll();
}
