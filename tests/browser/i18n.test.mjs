// The English and Arabic fixture in Chromium: the Arabic brief page is
// right to left (its quote's rule on the right, the start side), has no
// axe-core violation and no failed request; the language switcher leads
// to the English page and back. Search in Arabic: /ar/search/?q= with an
// Arabic word of an Arabic-only brief finds it in the Arabic index (and
// only Arabic briefs), the page's words are Arabic, and the Arabic
// masthead form sends to /ar/search/.
export default async function ({ i18n, browser, lib }, checks) {
  checks.ok(Boolean(i18n), 'I18N_DIR names the built English and Arabic fixture');
  if (!i18n) return;
  const server = await lib.serve(i18n, '/');
  const page = await lib.open(browser);
  try {
    for (const path of ['ar/briefs/troops-clash/', 'ar/', 'ar/experts/john-hardie/']) {
      await page.goto(server.base + path);
      const violations = await lib.axe(page);
      checks.eq(violations.length, 0, `axe on /${path}: ${JSON.stringify(violations)}`);
    }
    await page.goto(server.base + 'ar/briefs/troops-clash/');
    const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    checks.eq(html.join(' '), 'ar rtl', 'lang and dir of the Arabic brief');
    const rule = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector('.response'));
      return [s.borderRightWidth, s.borderLeftWidth];
    });
    checks.ok(rule[0] !== '0px' && rule[1] === '0px', `the quote rule is on the start (right) side: right ${rule[0]}, left ${rule[1]}`);
    const sides = await page.evaluate(() => {
      const quote = document.querySelector('.response');
      const r = quote.getBoundingClientRect();
      const column = quote.parentElement.getBoundingClientRect();
      return Math.abs(r.right - column.right) < 1;
    });
    checks.ok(sides, 'the quote starts at the right edge of its column');
    await page.click('nav.languages a[hreflang="en"]');
    checks.eq(new URL(page.url()).pathname, '/briefs/troops-clash/', 'the switcher leads to the English brief');
    checks.eq(await page.evaluate(() => document.documentElement.dir), 'ltr', 'the English page is left to right');
    await page.click('nav.languages a[hreflang="ar"]');
    checks.eq(new URL(page.url()).pathname, '/ar/briefs/troops-clash/', 'and back to the Arabic one');
    checks.eq(page.problems.length, 0, `failed requests or console errors: ${page.problems.join('; ')}`);
    await arabicSearch({ server, browser, lib }, checks);
  } finally {
    await page.closeAll();
    await server.close();
  }
}

async function searchResults(page) {
  await page.waitForFunction(() => document.body.dataset.search === 'ready', null, { timeout: 20000 });
  return page.$$eval('#search-results > li h2 a', (links) => links.map((a) => a.getAttribute('href')));
}

async function arabicSearch({ server, browser, lib }, checks) {
  const page = await lib.open(browser);
  try {
    await page.goto(`${server.base}ar/search/?q=${encodeURIComponent('بالعربية')}`);
    const found = await searchResults(page);
    checks.ok(found.includes('/ar/briefs/arabic-only/'), `"بالعربية" finds the Arabic-only brief: ${JSON.stringify(found)}`);
    checks.ok(found.every((href) => href.startsWith('/ar/')), `only Arabic pages: ${JSON.stringify(found)}`);
    const status = await page.textContent('#search-status');
    checks.ok(/نتيجة|نتيجتان|نتائج/.test(status) && status.includes('«بالعربية»'), `the count is in Arabic: ${status}`);
    const filters = await page.$$eval('#search-filters summary', (s) => s.map((x) => x.textContent));
    checks.ok(filters.includes('النوع'), `filter names in Arabic: ${JSON.stringify(filters)}`);
    const violations = await lib.axe(page);
    checks.eq(violations.length, 0, `axe on /ar/search/: ${JSON.stringify(violations)}`);

    await page.goto(`${server.base}ar/search/?q=${encodeURIComponent('English-only')}`);
    const english = await searchResults(page);
    checks.ok(!english.includes('/ar/briefs/english-only/') && !english.includes('/briefs/english-only/'),
      `the Arabic index has no English-only brief: ${JSON.stringify(english)}`);

    await page.goto(`${server.base}ar/`);
    await page.fill('#site-search-q', 'بالعربية');
    await Promise.all([page.waitForURL(/\/ar\/search\/\?q=/), page.press('#site-search-q', 'Enter')]);
    const again = await searchResults(page);
    checks.ok(again.includes('/ar/briefs/arabic-only/'), `the Arabic masthead form leads to Arabic results: ${JSON.stringify(again)}`);
    checks.eq(page.problems.length, 0, `Arabic search: ${page.problems.join('; ')}`);
  } finally {
    await page.closeAll();
  }
}
